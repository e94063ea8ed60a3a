/**
 * The organization's credit record, its other information and objections,
 * against the database: awards and government service contracts recorded,
 * public, withdrawn with a reason; an objection filed by the organization,
 * answered by the registry within its period, upheld and corrected, or not
 * upheld; who may do each, and the audit of every step.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, creditObjections, organizations } from "../../db/schema";
import { recordOtherCredit, withdrawOtherCredit, otherCreditOf } from "../../app/domain/credit/other-items.server";
import { fileObjection, workOnObjection } from "../../app/domain/objections/commands.server";
import { objectionWorkCount, officerObjections, ownObjections } from "../../app/domain/objections/queries.server";
import { answerDueOn, openObjectionLimit } from "../../app/domain/objections/rules";
import { findPublicOrganization } from "../../app/domain/organizations/public.server";
import { getSetting } from "../../app/domain/settings/queries.server";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const now = new Date();
const today = shanghaiDate(now);
const firstPage = { page: 1, pageSize: 50 };
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

const objection = { part: "penalty" as const, subject: "鲤民罚决字〔2026〕3号", statement: "决定书载明的罚款金额与本单位实际缴纳的金额不一致。", requested: "罚款金额更正为 3000 元" };

async function auditActions(organizationId: number, prefix: string) {
  const db = await getDb();
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, "organization"), eq(auditLog.entityId, String(organizationId)))).orderBy(auditLog.id);
  return rows.map((r) => r.action).filter((a) => a.startsWith(prefix));
}

test("awards and contracts: recorded by the registry, public on the record, withdrawn with a reason and then no longer shown", async () => {
  const officer = await demoActor("officer");
  const assoc = await demoActor("assoc");
  const orgId = assoc.organizationId!;
  const award = { intent: "other-record" as const, kind: "award" as const, title: "全区先进社会组织", grantor: "鲤城区民政局", decidedOn: today, documentNumber: "鲤民〔2026〕88号" };
  await expect(recordOtherCredit(contextOf(await demoActor("street"), now), orgId, award)).rejects.toMatchObject({ status: 403 });
  await expect(recordOtherCredit(contextOf(assoc, now), orgId, award)).rejects.toMatchObject({ status: 403 });
  await expect(recordOtherCredit(contextOf(officer, now), 999_999, award)).rejects.toMatchObject({ status: 404 });
  expect(await recordOtherCredit(contextOf(officer, now), orgId, { ...award, kind: "service_contract" })).toMatchObject({ ok: false, fieldErrors: { amount: expect.any(Array), periodUntil: expect.any(Array) } });

  const recorded = await recordOtherCredit(contextOf(officer, now), orgId, award);
  if (!recorded.ok) throw new Error("award");
  const contract = await recordOtherCredit(contextOf(officer, now), orgId, {
    intent: "other-record",
    kind: "service_contract",
    title: "社区居家养老服务项目",
    grantor: "开元街道办事处",
    decidedOn: today,
    amount: 186000.5,
    periodUntil: "2099-12-31",
  });
  if (!contract.ok) throw new Error("contract");

  const record = (await findPublicOrganization(orgId))!;
  expect(record.otherCredit.map((i) => i.title)).toEqual(expect.arrayContaining(["全区先进社会组织", "社区居家养老服务项目"]));
  expect(record.otherCredit.find((i) => i.kind === "service_contract")).toMatchObject({ amountYuan: 186000.5, periodUntil: "2099-12-31", grantor: "开元街道办事处" });

  const { items } = await otherCreditOf(officer, orgId);
  const item = items.find((i) => i.id === recorded.value.id)!;
  // Another organization's entry by id is not found; a stale page is refused; the reason is required by the form.
  const [other] = await (await getDb()).select({ id: organizations.id }).from(organizations).where(eq(organizations.status, "normal")).orderBy(desc(organizations.id)).limit(1);
  await expect(withdrawOtherCredit(contextOf(officer, now), other!.id, { intent: "other-withdraw", itemId: item.id, version: item.version, reason: "录入有误" })).rejects.toMatchObject({ status: 404 });
  expect(await withdrawOtherCredit(contextOf(officer, now), orgId, { intent: "other-withdraw", itemId: item.id, version: item.version + 1, reason: "录入有误" })).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
  expect(await withdrawOtherCredit(contextOf(officer, now), orgId, { intent: "other-withdraw", itemId: item.id, version: item.version, reason: "表彰对象录入有误" })).toEqual({ ok: true, value: null });
  expect(await withdrawOtherCredit(contextOf(officer, now), orgId, { intent: "other-withdraw", itemId: item.id, version: item.version + 1, reason: "再次撤回" })).toMatchObject({ ok: false, formError: expect.stringContaining("已经撤回") });

  expect((await findPublicOrganization(orgId))!.otherCredit.map((i) => i.title)).not.toContain("全区先进社会组织");
  const kept = (await otherCreditOf(officer, orgId)).items.find((i) => i.id === item.id)!;
  expect(kept).toMatchObject({ withdrawalReason: "表彰对象录入有误" });
  expect(await auditActions(orgId, "credit.other")).toEqual(["credit.other_record", "credit.other_record", "credit.other_withdraw"]);
});

test("an objection: filed by the organization, not upheld with the reasons; each answer once; others may not act", async () => {
  const officer = await demoActor("officer");
  const assoc = await demoActor("assoc");
  await expect(fileObjection(contextOf(officer, now), objection)).rejects.toMatchObject({ status: 403 });
  const filed = await fileObjection(contextOf(assoc, now), objection);
  if (!filed.ok) throw new Error("file");
  const db = await getDb();
  const [row] = await db.select().from(creditObjections).where(eq(creditObjections.id, filed.value.id));
  expect(row).toMatchObject({ organizationId: assoc.organizationId, state: "filed", filedOn: today, answerDueOn: answerDueOn(today, await getSetting("publicHolidays")) });

  // The organization reads its own; the registry's worklist has it open; the street officer and the association may not answer.
  expect((await ownObjections(assoc, now)).objections.map((o) => o.id)).toContain(row!.id);
  expect((await officerObjections(officer, "open", now, firstPage)).objections.map((o) => o.id)).toContain(row!.id);
  await expect(officerObjections(await demoActor("street"), "open", now, firstPage)).rejects.toMatchObject({ status: 403 });
  const dismiss = { intent: "dismiss" as const, objectionId: row!.id, version: row!.version, answer: "经核对处罚决定书原件和缴款凭证，公示的罚款金额无误。" };
  await expect(workOnObjection(contextOf(await demoActor("street"), now), dismiss)).rejects.toMatchObject({ status: 403 });
  await expect(workOnObjection(contextOf(assoc, now), dismiss)).rejects.toMatchObject({ status: 403 });
  await expect(workOnObjection(contextOf(officer, now), { ...dismiss, objectionId: 999_999 })).rejects.toMatchObject({ status: 404 });
  expect(await workOnObjection(contextOf(officer, now), { ...dismiss, version: row!.version + 5 })).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });

  expect(await workOnObjection(contextOf(officer, now), dismiss)).toEqual({ ok: true, value: null });
  expect(await workOnObjection(contextOf(officer, now), { ...dismiss, intent: "uphold", version: row!.version + 1 })).toMatchObject({ ok: false, formError: expect.stringContaining("已经答复") });
  const [after] = await db.select().from(creditObjections).where(eq(creditObjections.id, row!.id));
  expect(after).toMatchObject({ state: "dismissed", answer: dismiss.answer, answeredOn: today, answeredBy: officer.userId, correctionDueOn: null });
  expect((await officerObjections(officer, "closed", now, firstPage)).objections.map((o) => o.id)).toContain(row!.id);
  expect((await ownObjections(assoc, now)).objections.find((o) => o.id === row!.id)).toMatchObject({ state: "dismissed", answer: dismiss.answer });
});

test("an objection upheld: the correction is due within five working days, recorded once, and each step is audited", async () => {
  const officer = await demoActor("officer");
  const assoc = await demoActor("assoc");
  const filed = await fileObjection(contextOf(assoc, now), { ...objection, part: "basic", subject: "住所", requested: "住所更正为 鲤城区中山路 1 号" });
  if (!filed.ok) throw new Error("file");
  const db = await getDb();
  const [row] = await db.select().from(creditObjections).where(eq(creditObjections.id, filed.value.id));
  expect(await workOnObjection(contextOf(officer, now), { intent: "correct", objectionId: row!.id, version: row!.version, correction: "已在登记簿中更正住所。" })).toMatchObject({ ok: false, formError: expect.stringContaining("异议成立") });
  expect(await workOnObjection(contextOf(officer, now), { intent: "uphold", objectionId: row!.id, version: row!.version, answer: "经核对登记档案，住所录入有误，异议成立。" })).toEqual({ ok: true, value: null });
  const [upheld] = await db.select().from(creditObjections).where(eq(creditObjections.id, row!.id));
  expect(upheld).toMatchObject({ state: "upheld", answeredOn: today });
  expect(upheld!.correctionDueOn! > today).toBe(true);
  expect(await workOnObjection(contextOf(officer, now), { intent: "correct", objectionId: row!.id, version: upheld!.version, correction: "已在登记簿中更正住所（更正记录见变更记录）。" })).toEqual({ ok: true, value: null });
  const [corrected] = await db.select().from(creditObjections).where(eq(creditObjections.id, row!.id));
  expect(corrected).toMatchObject({ state: "corrected", correctedOn: today, correctedBy: officer.userId });
  const actions = await auditActions(assoc.organizationId!, "objection.");
  expect(actions.slice(-3)).toEqual(["objection.file", "objection.uphold", "objection.correct"]);
});

test("objections past their answer day are overdue on the worklist and the dashboard; an organization has at most ten open", async () => {
  const officer = await demoActor("officer");
  const assoc = await demoActor("assoc");
  const db = await getDb();
  const before = await objectionWorkCount(officer, now);
  const late = await fileObjection(contextOf(assoc, daysAgo(45)), { ...objection, subject: "2024 年度年检结论" });
  if (!late.ok) throw new Error("late");
  expect((await officerObjections(officer, "overdue", now, firstPage)).objections.find((o) => o.id === late.value.id)).toMatchObject({ overdue: true });
  expect(await objectionWorkCount(officer, now)).toEqual({ open: before.open + 1, overdue: before.overdue + 1 });
  expect(await objectionWorkCount(await demoActor("street"), now)).toEqual({ open: 0, overdue: 0 });

  const open = await db.select({ id: creditObjections.id }).from(creditObjections).where(and(eq(creditObjections.organizationId, assoc.organizationId!), inArray(creditObjections.state, ["filed", "upheld"])));
  for (let i = open.length; i < openObjectionLimit; i++) expect((await fileObjection(contextOf(assoc, now), { ...objection, subject: `条目 ${i}` })).ok).toBe(true);
  expect(await fileObjection(contextOf(assoc, now), objection)).toMatchObject({ ok: false, formError: expect.stringContaining(`${openObjectionLimit} 件异议正在办理`) });
});
