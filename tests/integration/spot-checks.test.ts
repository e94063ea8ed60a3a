/**
 * A spot check (双随机一公开) against the database: the plan, the draw with its
 * seed kept and replayed on the public page, findings, 限期整改 answered by the
 * organization alone and verified by the registry, results published; an
 * overdue rectification proposed for the abnormal list.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { checkItems, checkPlans, organizations, places, rectifications, users } from "../../db/schema";
import { actorFromUser } from "../../app/auth/session.server";
import { answerRectification, createPlan, workOnPlan } from "../../app/domain/spot-checks/commands.server";
import { ownRectifications, planPage, publicPlan } from "../../app/domain/spot-checks/queries.server";
import { publicOrganization } from "../../app/domain/organizations/public.server";
import { proposalsPage } from "../../app/domain/credit/queries.server";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const now = new Date();
const today = shanghaiDate(now);
const inDays = (n: number) => shanghaiDate(new Date(now.getTime() + n * 86_400_000));

async function planOfStreet(where: { code: string } | { organizationId: number }, sample: { kind: "share" | "count"; value: number }) {
  const db = await getDb();
  const streetId = "code" in where ? null : (await db.select({ streetId: organizations.streetId }).from(organizations).where(eq(organizations.id, where.organizationId)))[0]!.streetId!;
  const [street] = await db.select().from(places).where("code" in where ? eq(places.code, where.code) : eq(places.id, streetId!));
  const officer = await demoActor("officer");
  const created = await createPlan(contextOf(officer, now), {
    title: `${street!.name}社会团体抽查`,
    matters: "年度报告真实性、按章程开展活动",
    types: ["social_group"],
    streetIds: [street!.id],
    sampleKind: sample.kind,
    sampleValue: sample.value,
    inspectors: ["陈志明", "林晓燕", "黄建国"],
    perCheck: 2,
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return { id: created.value.id, street: street!, officer };
}

test("a plan drawn once with its seed, replayed in public; findings, rectification answered by its organization, verified, published", async () => {
  const db = await getDb();
  const [assocUser] = await db.select().from(users).where(eq(users.username, "assoc"));
  const association = actorFromUser(assocUser!, "session");
  // Every live social group of the association's street: its own organization among them.
  const { id, street, officer } = await planOfStreet({ organizationId: association.organizationId! }, { kind: "share", value: 100 });
  const ctx = contextOf(officer, now);
  await expect(createPlan(contextOf(await demoActor("street"), now), { title: "街道的计划", matters: "抽查事项", types: ["social_group"], streetIds: [], sampleKind: "count", sampleValue: 1, inspectors: ["甲", "乙"], perCheck: 2 })).rejects.toMatchObject({ status: 403 });
  await expect(publicPlan(id)).rejects.toMatchObject({ status: 404 });

  expect(await workOnPlan(ctx, id, { intent: "draw", version: 99 })).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
  expect(await workOnPlan(ctx, id, { intent: "draw", version: 1 })).toMatchObject({ ok: true });
  expect(await workOnPlan(ctx, id, { intent: "draw", version: 2 })).toMatchObject({ ok: false, formError: "该计划已经抽取，不能重新抽取。" });

  const [plan] = await db.select().from(checkPlans).where(eq(checkPlans.id, id));
  expect(plan!.seed).toMatch(/^[0-9a-f]{32}$/);
  // 100% of the street's live social groups: every one of them, each with two distinct inspectors of the pool.
  const live = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.streetId, street.id), eq(organizations.type, "social_group"), inArray(organizations.status, ["normal", "abnormal"])));
  expect([...plan!.population!].sort()).toEqual(live.map((o) => o.id).sort());
  const drawn = await publicPlan(id);
  expect(drawn.items.map((i) => i.organizationId).sort()).toEqual(live.map((o) => o.id).sort());
  expect(drawn).toMatchObject({ seed: plan!.seed, replayed: true, summary: null, publishedAt: null });
  expect(drawn.items.every((i) => i.inspectors.length === 2 && new Set(i.inspectors).size === 2 && i.finding === null)).toBe(true);

  // The association's own organization is checked, found wanting, ordered to rectify.
  const page = await planPage(officer, id, now);
  const own = page.items.find((i) => i.organizationId === association.organizationId)!;
  expect(own).toBeDefined();
  expect(await workOnPlan(ctx, id, { intent: "rectification", itemId: own.id, problem: "补开理事会", deadline: inDays(7) })).toMatchObject({ ok: false, formError: expect.stringContaining("发现问题") });
  expect(await workOnPlan(ctx, id, { intent: "finding", itemId: own.id, version: own.version, finding: "problems", findings: "理事会未按章程召开", checkedOn: inDays(1) })).toMatchObject({ ok: false, fieldErrors: { checkedOn: expect.any(Array) } });
  expect(await workOnPlan(ctx, id, { intent: "finding", itemId: own.id, version: own.version, finding: "problems", findings: "理事会未按章程召开", checkedOn: today })).toEqual({ ok: true, value: null });
  // Two officers on one finding: the second, from the page before the first saved, is told.
  expect(await workOnPlan(ctx, id, { intent: "finding", itemId: own.id, version: own.version, finding: "no_problem", findings: "未发现问题", checkedOn: today })).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
  expect(await workOnPlan(ctx, id, { intent: "rectification", itemId: own.id, problem: "补开理事会", deadline: today })).toMatchObject({ ok: false, fieldErrors: { deadline: [expect.stringContaining("晚于")] } });
  expect(await workOnPlan(ctx, id, { intent: "rectification", itemId: own.id, problem: "按章程召开理事会并报送会议纪要", deadline: inDays(7) })).toEqual({ ok: true, value: null });
  // An order stands on its finding: the finding cannot be turned into no problem under it.
  expect(await workOnPlan(ctx, id, { intent: "finding", itemId: own.id, version: own.version + 1, finding: "no_problem", findings: "未发现问题", checkedOn: today })).toMatchObject({ ok: false, fieldErrors: { finding: [expect.stringContaining("责令整改")] } });

  const [mine] = await ownRectifications(association, now);
  expect(mine).toMatchObject({ problem: "按章程召开理事会并报送会议纪要", state: "open", origin: "检查情况：理事会未按章程召开" });
  const rect = mine!;
  expect(await workOnPlan(ctx, id, { intent: "verify", rectificationId: rect.id, version: rect.version, verdict: "done", note: "核实" })).toMatchObject({ ok: false, formError: expect.stringContaining("尚未报告") });
  expect(await answerRectification(contextOf(association, now), { rectificationId: rect.id, version: rect.version, answer: "已召开理事会，会议纪要已报送。" })).toEqual({ ok: true, value: null });
  expect(await answerRectification(contextOf(association, now), { rectificationId: rect.id, version: rect.version, answer: "重复提交旧页面" })).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
  const [answered] = await db.select().from(rectifications).where(eq(rectifications.id, rect.id));
  expect(answered).toMatchObject({ answeredOn: today, answer: "已召开理事会，会议纪要已报送。" });
  expect(await workOnPlan(ctx, id, { intent: "verify", rectificationId: rect.id, version: answered!.version, verdict: "done", note: "经核查会议纪要，整改完成。" })).toEqual({ ok: true, value: null });
  expect(await answerRectification(contextOf(association, now), { rectificationId: rect.id, version: answered!.version + 1, answer: "核实后再改" })).toMatchObject({ ok: false, formError: expect.stringContaining("已核实") });

  // Publication waits for every finding.
  expect(await workOnPlan(ctx, id, { intent: "publish", version: 2, summary: "本次抽查发现一个组织存在问题，已整改完成。" })).toMatchObject({ ok: false, formError: expect.stringContaining("未记录检查结果") });
  for (const item of page.items.filter((i) => i.id !== own.id)) {
    expect(await workOnPlan(ctx, id, { intent: "finding", itemId: item.id, version: item.version, finding: "no_problem", findings: "未发现问题", checkedOn: today })).toEqual({ ok: true, value: null });
  }
  expect((await publicOrganization(association.organizationId!)).checks).toEqual([]);
  expect(await workOnPlan(ctx, id, { intent: "publish", version: 2, summary: "本次抽查发现一个组织存在问题，已整改完成。" })).toEqual({ ok: true, value: null });
  const published = await publicPlan(id);
  expect(published.summary).toBe("本次抽查发现一个组织存在问题，已整改完成。");
  expect(published.items.find((i) => i.organizationId === association.organizationId)).toMatchObject({ finding: "problems", rectifications: [expect.objectContaining({ verdict: "done", verifiedOn: today })] });
  expect((await publicOrganization(association.organizationId!)).checks).toEqual([expect.objectContaining({ planId: id, finding: "problems" })]);
  expect(await workOnPlan(ctx, id, { intent: "finding", itemId: own.id, version: own.version + 1, finding: "no_problem", findings: "改写", checkedOn: today })).toMatchObject({ ok: false, formError: expect.stringContaining("已公布") });
  expect(await workOnPlan(ctx, id, { intent: "rectification", itemId: own.id, problem: "公布后再责令整改", deadline: inDays(7) })).toMatchObject({ ok: false, formError: expect.stringContaining("已公布") });
});

test("a rectification not reported by its deadline is proposed for the abnormal list (第十条第三项)", async () => {
  const { id, officer } = await planOfStreet({ code: "350502002000" }, { kind: "count", value: 2 });
  const ctx = contextOf(officer, now);
  await workOnPlan(ctx, id, { intent: "draw", version: 1 });
  const [item] = (await planPage(officer, id, now)).items;
  await workOnPlan(ctx, id, { intent: "finding", itemId: item!.id, version: item!.version, finding: "problems", findings: "收费未公示", checkedOn: today });
  await workOnPlan(ctx, id, { intent: "rectification", itemId: item!.id, problem: "公示收费依据和标准", deadline: inDays(3) });
  const proposalsOn = async (at: Date) => (await proposalsPage(officer, at)).rows.filter((r) => r.organizationId === item!.organizationId && r.trigger === "rectification_overdue");
  expect(await proposalsOn(now)).toEqual([]);
  const later = new Date(now.getTime() + 4 * 86_400_000);
  expect(await proposalsOn(later)).toEqual([expect.objectContaining({ list: "abnormal", arose: inDays(4), article: "《社会组织信用信息管理办法》第十条第三项", evidence: expect.stringContaining("逾期未报告整改情况") })]);
  const db = await getDb();
  expect(await db.select().from(checkItems).where(eq(checkItems.planId, id))).toHaveLength(2);
});
