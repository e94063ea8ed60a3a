import { and, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { applications, applicationSteps, auditLog, organizationChanges, organizations, places, users } from "../../db/schema";
import { applicationDetail, applicationQueue, fileForActor, unitQueue } from "../../app/domain/applications/queries.server";
import { attachFiles, decideApplication, reviewAsUnit, saveProposal, startApplication, takeStep } from "../../app/domain/applications/commands.server";
import { composeUscc } from "../../app/domain/organizations/uscc";
import { actorFromUser } from "../../app/auth/session.server";
import { contextOf, demoActor, loadDemoDistrict, verifiedActor } from "../setup/demo";
import { shippedHolidays } from "../../app/domain/applications/periods";
import { updateSetting } from "../../app/domain/settings/commands.server";
import { applicationRow, attachRequiredMaterials, attachedMaterials, groupProposal, preparatoryActor, scannedPdf } from "../setup/applications";

beforeAll(loadDemoDistrict);

const day = 86_400_000;
const t0 = new Date("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
const at = (days: number) => new Date(t0.getTime() + days * day);

async function placeNamed(name: string) {
  const db = await getDb();
  const [row] = await db.select().from(places).where(eq(places.name, name));
  return row!;
}

/** A preparatory group's draft establishment (an account without an organization founds one). */
async function draftEstablishment(name: string, when = t0) {
  const applicant = await preparatoryActor(`${name}筹备组`);
  const started = await startApplication(contextOf(applicant, when), { kind: "establishment" });
  if (!started.ok) throw new Error("start failed");
  const saved = await saveProposal(contextOf(applicant, when), started.value.id, { version: 1, proposal: await groupProposal(name) });
  if (!saved.ok) throw new Error(`save failed ${JSON.stringify(saved)}`);
  return { id: started.value.id, applicant };
}

/** Submitted with its materials, and agreed to by the 业务主管单位 it names (the demo's unit), so the registry may take it up. */
async function submitted(name: string, when = t0) {
  const { id, applicant } = await draftEstablishment(name, when);
  await attachRequiredMaterials(applicant, id, when);
  const result = await takeStep(contextOf(applicant, when), id, { action: "submit", version: (await applicationRow(id)).version });
  if (!result.ok) throw new Error(`submit failed ${JSON.stringify(result)}`);
  const consent = await reviewAsUnit(contextOf(await demoActor("supervising"), when), id, { decision: "consented" });
  if (!consent.ok) throw new Error(`consent failed ${JSON.stringify(consent)}`);
  return { id, applicant };
}

test("an establishment goes from draft to approved, and the approval writes the register and its history", async () => {
  const assoc = await preparatoryActor("鲤城区摄影爱好者协会筹备组");
  const officer = await demoActor("officer");
  const started = await startApplication(contextOf(assoc, t0), { kind: "establishment" });
  if (!started.ok) throw new Error("start failed");
  const id = started.value.id;

  // A draft keeps whatever was typed, even if incomplete.
  const partial = await saveProposal(contextOf(assoc, t0), id, { version: 1, proposal: { name: "鲤城区摄影爱好者协会", type: "social_group", individualMembers: 12 } });
  expect(partial.ok).toBe(true);
  const tooFew = await takeStep(contextOf(assoc, t0), id, { action: "submit", version: 2 });
  expect(tooFew.ok).toBe(false);
  if (tooFew.ok) return;
  expect(tooFew.fieldErrors?.individualMembers?.[0]).toContain("50 个以上个人会员");
  expect(tooFew.fieldErrors?.registeredFunds?.[0]).toContain("3 万元以上");
  expect(tooFew.fieldErrors?.registrationRoute?.[0]).toContain("请选择登记方式");
  expect((await applicationRow(id)).state).toBe("draft");

  await saveProposal(contextOf(assoc, t0), id, { version: 2, proposal: await groupProposal("鲤城区摄影爱好者协会") });
  await attachRequiredMaterials(assoc, id, t0);
  expect(await takeStep(contextOf(assoc, t0), id, { action: "submit", version: 3 })).toMatchObject({ ok: true, value: { state: "submitted" } });

  // The registry takes it up only once the 业务主管单位 it names has agreed (社会团体登记管理条例 art. 9).
  expect(await takeStep(contextOf(officer, at(1)), id, { action: "accept", version: 4 })).toEqual({
    ok: false,
    formError: "须经业务主管单位（鲤城区文化体育和旅游局）审查同意后方可受理（《社会团体登记管理条例》第九条）。",
  });
  const unit = await demoActor("supervising");
  expect(await reviewAsUnit(contextOf(unit, at(1)), id, { decision: "consented", opinion: "同意其申请登记" })).toMatchObject({ ok: true, value: { unitDecision: "consented", unitName: "鲤城区文化体育和旅游局" } });
  expect(await reviewAsUnit(contextOf(unit, at(1)), id, { decision: "withheld", opinion: "改变主意" })).toEqual({ ok: false, formError: "本单位已审查过该申请。" });

  const accepted = await takeStep(contextOf(officer, at(1)), id, { action: "accept", version: 4 });
  expect(accepted).toMatchObject({ ok: true, value: { state: "accepted", dueOn: "2026-05-02" } });

  // Approval needs a valid code of the right kind and a certificate number.
  const badCode = await takeStep(contextOf(officer, at(5)), id, { action: "approve", version: 5, approval: { uscc: "52350502MJ0000001X", certificateNumber: "闽鲤社证字第9001号" } });
  expect(badCode.ok).toBe(false);
  expect((await applicationRow(id)).state).toBe("accepted");
  const uscc = composeUscc("1", "350502", "MJ900001");
  const approved = await takeStep(contextOf(officer, at(5)), id, { action: "approve", version: 5, approval: { uscc, certificateNumber: "闽鲤社证字第9001号" } });
  expect(approved).toMatchObject({ ok: true, value: { state: "approved" } });

  const db = await getDb();
  const [org] = await db.select().from(organizations).where(eq(organizations.uscc, uscc));
  expect(org).toMatchObject({ name: "鲤城区摄影爱好者协会", type: "social_group", status: "normal", registeredOn: "2026-03-07", legalRepresentative: "陈明" });
  const history = await db.select().from(organizationChanges).where(eq(organizationChanges.organizationId, org!.id));
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({ kind: "establishment", applicationId: id, actorName: officer.displayName });
  const steps = await db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, id));
  expect(steps.map((s) => s.action)).toEqual(["create", "submit", "consented", "accept", "approve"]);
  expect(steps.every((s) => s.actorUserId && s.at)).toBe(true);
  const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, String(id)));
  expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["application.create", "application.submit", "application.accept", "application.approve"]));
});

test("an application is submitted only with every required material attached, each upload saying which material it is", async () => {
  const applicant = await preparatoryActor("鲤城区木偶戏传承协会筹备组");
  const started = await startApplication(contextOf(applicant, t0), { kind: "establishment" });
  if (!started.ok) throw new Error("start failed");
  const id = started.value.id;
  await saveProposal(contextOf(applicant, t0), id, { version: 1, proposal: await groupProposal("鲤城区木偶戏传承协会") });
  // Nothing attached: refused, naming every missing material at once; it stays a draft.
  expect(await takeStep(contextOf(applicant, t0), id, { action: "submit", version: 2 })).toEqual({
    ok: false,
    formError: "尚未上传以下必交材料：1. 登记申请书；2. 验资报告、场所使用权证明；3. 发起人和拟任负责人的基本情况、身份证明；4. 章程草案。请在“申请材料”中逐项上传后再提交。",
  });
  expect((await applicationRow(id)).state).toBe("draft");
  // An upload names a material of this application's list, or 其他材料.
  expect(await attachFiles(contextOf(applicant, t0), id, [{ name: "清算报告.pdf", content: scannedPdf }], { material: "liquidation_report" })).toEqual({
    ok: false,
    fieldErrors: { material: ["请选择所上传的是哪一项材料"] },
  });
  for (const material of ["application_form", "funds_premises", "principals", "other"]) {
    expect(await attachFiles(contextOf(applicant, t0), id, [{ name: `${material}.pdf`, content: scannedPdf }], { material })).toEqual({ ok: true, value: 1 });
  }
  // A file of 其他材料 does not stand in for the charter; the unit's optional paper is not asked for.
  expect(await takeStep(contextOf(applicant, t0), id, { action: "submit", version: (await applicationRow(id)).version })).toEqual({
    ok: false,
    formError: "尚未上传以下必交材料：1. 章程草案。请在“申请材料”中逐项上传后再提交。",
  });
  const detail = await applicationDetail(applicant, id, t0);
  expect(detail.missingMaterials).toEqual(["章程草案"]);
  expect(detail.materials.map((m) => [m.key, m.files.length])).toEqual([["application_form", 1], ["unit_approval", 0], ["funds_premises", 1], ["principals", 1], ["charter", 0]]);
  expect(await attachFiles(contextOf(applicant, t0), id, [{ name: "章程草案.pdf", content: scannedPdf }], { material: "charter" })).toEqual({ ok: true, value: 1 });
  expect(await takeStep(contextOf(applicant, t0), id, { action: "submit", version: (await applicationRow(id)).version })).toMatchObject({ ok: true, value: { state: "submitted" } });
  expect((await attachedMaterials(id)).sort()).toEqual(["application_form", "charter", "funds_premises", "other", "principals"]);
  const db = await getDb();
  const attached = await db.select().from(auditLog).where(and(eq(auditLog.action, "application.attach"), eq(auditLog.entityId, String(id))));
  expect(attached.map((a) => (a.after as { material: string }).material)).toContain("charter");
});

test("a registered organization founds no other through its account; a preparatory group (no organization) applies for establishment", async () => {
  expect(await startApplication(contextOf(await demoActor("assoc"), t0), { kind: "establishment" })).toEqual({
    ok: false,
    formError: expect.stringContaining("不能再申请成立登记；登记事项有变化的，请申请变更登记"),
  });
  expect((await startApplication(contextOf(await preparatoryActor(), t0), { kind: "establishment" })).ok).toBe(true);
});

test("return for correction needs a reason; the applicant corrects and resubmits; rejection needs a reason", async () => {
  const officer = await demoActor("officer");
  const { id, applicant: assoc } = await submitted("鲤城区书画院友协会");
  expect(await takeStep(contextOf(officer, at(1)), id, { action: "return", version: 3, reason: " " })).toEqual({ ok: false, formError: "退回补正须填写理由。" });
  expect(await takeStep(contextOf(officer, at(1)), id, { action: "return", version: 3, reason: "章程草案缺少会员大会条款" })).toMatchObject({ ok: true, value: { state: "returned" } });

  // Only the applicant edits; the officer cannot.
  expect(await saveProposal(contextOf(officer, at(2)), id, { version: 4, proposal: await groupProposal("官员改的名") })).toMatchObject({ ok: false });
  expect((await saveProposal(contextOf(assoc, at(2)), id, { version: 4, proposal: { ...(await groupProposal("鲤城区书画院友协会")), businessScope: "书画交流、展览（已补正）" } })).ok).toBe(true);
  expect(await takeStep(contextOf(assoc, at(2)), id, { action: "resubmit", version: 5 })).toMatchObject({ ok: true, value: { state: "submitted" } });

  expect(await takeStep(contextOf(officer, at(3)), id, { action: "accept", version: 6 })).toMatchObject({ ok: true });
  expect(await takeStep(contextOf(officer, at(4)), id, { action: "reject", version: 7 })).toEqual({ ok: false, formError: "不予登记须填写理由。" });
  expect(await takeStep(contextOf(officer, at(4)), id, { action: "reject", version: 7, reason: "业务范围与现有组织重复" })).toMatchObject({ ok: true, value: { state: "rejected" } });
  const db = await getDb();
  const steps = await db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, id));
  expect(steps.find((s) => s.action === "return")?.reason).toBe("章程草案缺少会员大会条款");
  expect(steps.find((s) => s.action === "reject")?.reason).toBe("业务范围与现有组织重复");
});

test("a submitted application has five working days for the notice of missing materials, which names everything at once (行政许可法 art. 32)", async () => {
  const officer = await demoActor("officer");
  // Submitted on Friday 25 September 2026: 28, 29, 30 September, then 8 and 9 October (国庆 1–7 October).
  const friday = new Date("2026-09-25T02:00:00Z");
  const { id } = await submitted("鲤城区闽南语童谣研究会", friday);
  const detail = await applicationDetail(officer, id, new Date("2026-10-08T03:00:00Z"));
  expect(detail.materialsNotice).toEqual({ dueOn: "2026-10-09", daysLeft: 1, basis: "《中华人民共和国行政许可法》第三十二条第一款第四项" });
  expect(detail.materials.map((m) => m.name)).toContain("业务主管单位的批准文件");
  const version = detail.application.version;
  expect(await decideApplication(contextOf(officer, friday), id, { intent: "decide", decision: "return", version, missing: [], returned: [], reason: "" })).toEqual({
    ok: false,
    fieldErrors: { reason: ["请勾选需补正的材料，或写明需补正的事项（一次性告知）"] },
  });
  const returned = await decideApplication(contextOf(officer, friday), id, { intent: "decide", decision: "return", version, missing: ["章程草案", "验资报告、场所使用权证明"], returned: [], reason: "会员名单缺少联系方式" });
  expect(returned).toMatchObject({ ok: true });
  const db = await getDb();
  const [step] = await db.select().from(applicationSteps).where(and(eq(applicationSteps.applicationId, id), eq(applicationSteps.action, "return")));
  expect(step!.reason).toBe("请一次性补正以下材料：1. 章程草案；2. 验资报告、场所使用权证明。其他需补正的事项：会员名单缺少联系方式");
  // Once returned, the clock is the applicant's, not the registry's.
  expect((await applicationDetail(officer, id, friday)).materialsNotice).toBeNull();
});

test("a 业务主管单位 reviews only the establishments that name it, once, and a refusal stops 受理", async () => {
  const officer = await demoActor("officer");
  const unit = await demoActor("supervising");
  const { id, applicant } = await draftEstablishment("鲤城区民间工艺研究会");
  const assoc = await demoActor("assoc");
  // A draft is the applicant's own, even to the unit it names.
  await expect(reviewAsUnit(contextOf(unit, t0), id, { decision: "consented" })).rejects.toMatchObject({ status: 404 });
  await attachRequiredMaterials(applicant, id, t0);
  await takeStep(contextOf(applicant, t0), id, { action: "submit", version: (await applicationRow(id)).version });
  // Another unit's account does not see it at all; nor does the village or the association's role hold the permission.
  const db = await getDb();
  const [other] = await db.insert(users).values({ username: "jiaoyuju", displayName: "区教育局", role: "supervising_authority", supervisingUnit: "鲤城区教育局", passwordHash: "x" }).returning();
  const otherUnit = actorFromUser(other!, "s-unit");
  await expect(reviewAsUnit(contextOf(otherUnit, t0), id, { decision: "consented" })).rejects.toMatchObject({ status: 404 });
  await expect(applicationDetail(otherUnit, id, t0)).rejects.toMatchObject({ status: 404 });
  await expect(reviewAsUnit(contextOf(assoc, t0), id, { decision: "consented" })).rejects.toMatchObject({ status: 403 });
  expect((await unitQueue(otherUnit)).map((r) => r.id)).not.toContain(id);
  const queue = await unitQueue(unit);
  expect(queue.find((r) => r.id === id)).toMatchObject({ waiting: true, decidedHere: null });
  expect(queue.findIndex((r) => r.id === id)).toBeLessThan(queue.findIndex((r) => !r.waiting));

  // Not agreeing needs a reason; then the registry may not take it up, and is told why.
  expect(await reviewAsUnit(contextOf(unit, at(1)), id, { decision: "withheld", opinion: " " })).toEqual({ ok: false, fieldErrors: { opinion: ["不同意须写明理由"] } });
  expect(await reviewAsUnit(contextOf(unit, at(1)), id, { decision: "withheld", opinion: "业务范围不属于本单位主管领域" })).toMatchObject({ ok: true });
  const v = (await applicationRow(id)).version;
  expect(await takeStep(contextOf(officer, at(2)), id, { action: "accept", version: v })).toEqual({
    ok: false,
    formError: "业务主管单位（鲤城区文化体育和旅游局）审查不同意（业务范围不属于本单位主管领域），不能受理；可以作出不予受理的决定并说明理由。",
  });
  const detail = await applicationDetail(officer, id, at(2));
  expect(detail.unitReview).toMatchObject({ unit: "鲤城区文化体育和旅游局", decision: "withheld", opinion: "业务范围不属于本单位主管领域" });
  expect(await takeStep(contextOf(officer, at(2)), id, { action: "reject", version: v, reason: "业务主管单位不同意" })).toMatchObject({ ok: true, value: { state: "rejected" } });
  // Decided: nothing more for the unit to do.
  expect(await reviewAsUnit(contextOf(unit, at(3)), id, { decision: "consented" })).toEqual({ ok: false, formError: "申请已不在等待受理的阶段，不能再审查。" });
  const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "application.unit_withhold"), eq(auditLog.entityId, String(id))));
  expect(entry).toMatchObject({ actorUsername: "supervising", reason: "业务范围不属于本单位主管领域" });
});

test("a directly registered establishment needs no unit: the registry takes it up at once", async () => {
  const officer = await demoActor("officer");
  const assoc = await preparatoryActor("鲤城区社区邻里互助促进会筹备组");
  const started = await startApplication(contextOf(assoc, t0), { kind: "establishment" });
  if (!started.ok) throw new Error("start failed");
  const id = started.value.id;
  await attachRequiredMaterials(assoc, id, t0);
  const proposal = { ...(await groupProposal("鲤城区社区邻里互助促进会")), registrationRoute: "community_service" as const, supervisingUnit: "鲤城区民政局" };
  await saveProposal(contextOf(assoc, t0), id, { version: 1, proposal });
  expect(await takeStep(contextOf(assoc, t0), id, { action: "submit", version: 2 })).toMatchObject({
    ok: false,
    fieldErrors: { supervisingUnit: [expect.stringContaining("城乡社区服务类社会组织直接登记，不设业务主管单位")] },
  });
  await saveProposal(contextOf(assoc, t0), id, { version: 2, proposal: { ...proposal, supervisingUnit: "" } });
  expect(await takeStep(contextOf(assoc, t0), id, { action: "submit", version: 3 })).toMatchObject({ ok: true });
  expect((await applicationDetail(officer, id, t0)).unitReview).toBeNull();
  expect(await takeStep(contextOf(officer, at(1)), id, { action: "accept", version: 4 })).toMatchObject({ ok: true, value: { state: "accepted" } });
});

test("each step is refused to the wrong role and in the wrong state", async () => {
  const { id, applicant: assoc } = await submitted("鲤城区围棋爱好者联谊会");
  const [street, admin] = [await demoActor("street"), await demoActor("admin")];
  expect(await takeStep(contextOf(assoc, at(1)), id, { action: "accept", version: 3 })).toMatchObject({ ok: false, formError: expect.stringContaining("角色") });
  expect(await takeStep(contextOf(admin, at(1)), id, { action: "accept", version: 3 })).toMatchObject({ ok: false, formError: expect.stringContaining("角色") });
  // The street officer sees registrations of the street only if the organization sits there; here it does (东街社区 is in 开元街道), but may not decide them.
  expect(await takeStep(contextOf(street, at(1)), id, { action: "accept", version: 3 })).toMatchObject({ ok: false, formError: expect.stringContaining("角色") });
  const officer = await demoActor("officer");
  expect(await takeStep(contextOf(officer, at(1)), id, { action: "approve", version: 3 })).toMatchObject({ ok: false, formError: expect.stringContaining("不能准予") });
  expect(await takeStep(contextOf(assoc, at(1)), id, { action: "submit", version: 3 })).toMatchObject({ ok: false, formError: expect.stringContaining("不能提交申请") });
  // Village roles and other associations do not even see it.
  for (const name of ["clerk", "supervisor"]) {
    await expect(takeStep(contextOf(await demoActor(name), at(1)), id, { action: "accept", version: 3 })).rejects.toMatchObject({ status: 404 });
  }
});

test("two officers deciding the same application at once: one wins, the other is told, nothing is overwritten", async () => {
  const { id } = await submitted("鲤城区茶艺研究会");
  const officer = await demoActor("officer");
  const db = await getDb();
  const [other] = await db
    .insert(users)
    .values({ username: "officer2", displayName: "第二位登记员", role: "district_officer", passwordHash: "x" })
    .returning();
  const second = actorFromUser(other!, "s2");
  await takeStep(contextOf(officer, at(1)), id, { action: "accept", version: 3 });
  const [a, b] = await Promise.all([
    takeStep(contextOf(officer, at(2)), id, { action: "approve", version: 4, approval: { uscc: composeUscc("1", "350502", "MJ900002"), certificateNumber: "闽鲤社证字第9002号" } }),
    takeStep(contextOf(second, at(2)), id, { action: "reject", version: 4, reason: "另一位登记员认为不符合条件" }),
  ]);
  const outcomes = [a, b];
  expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  expect(outcomes.find((o) => !o.ok)).toMatchObject({ formError: expect.stringContaining("已被其他人处理") });
  const steps = await db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, id));
  expect(steps.filter((s) => s.action === "approve" || s.action === "reject")).toHaveLength(1);
  const created = await db.select().from(organizations).where(eq(organizations.name, "鲤城区茶艺研究会"));
  expect(created).toHaveLength(a.ok ? 1 : 0);
});

test("a change application changes only the proposed fields, with before and after in the history", async () => {
  const assoc = await demoActor("assoc");
  const officer = await demoActor("officer");
  const db = await getDb();
  const [before] = await db.select().from(organizations).where(eq(organizations.id, assoc.organizationId!));
  const started = await startApplication(contextOf(assoc, t0), { kind: "change" });
  if (!started.ok) throw new Error("start failed");
  const id = started.value.id;
  const detail = await applicationDetail(assoc, id, t0);
  expect(detail.proposal.name).toBe(before!.name); // pre-filled from the register
  // A change that changes nothing is not submitted.
  expect(await takeStep(contextOf(assoc, t0), id, { action: "submit", version: 1 })).toMatchObject({ ok: false });
  await saveProposal(contextOf(assoc, t0), id, { version: 1, proposal: { ...detail.proposal, address: "泉州市鲤城区新华路 8 号", changeReason: "办公场所搬迁" } });
  // A new address asks for its right of use among the change's materials.
  expect(await attachRequiredMaterials(assoc, id, t0)).toContain("new_premises");
  await takeStep(contextOf(assoc, t0), id, { action: "submit", version: 2 });
  await takeStep(contextOf(officer, at(1)), id, { action: "accept", version: 3 });
  expect((await takeStep(contextOf(officer, at(2)), id, { action: "approve", version: 4 })).ok).toBe(true);
  const [after] = await db.select().from(organizations).where(eq(organizations.id, assoc.organizationId!));
  expect(after).toMatchObject({ address: "泉州市鲤城区新华路 8 号", name: before!.name, legalRepresentative: before!.legalRepresentative });
  const history = await db.select().from(organizationChanges).where(eq(organizationChanges.applicationId, id));
  expect(history).toEqual([
    expect.objectContaining({ kind: "change", reason: "办公场所搬迁", changes: [{ field: "address", before: before!.address, after: "泉州市鲤城区新华路 8 号" }] }),
  ]);
  // Decided, the application still reads 原登记 → 申请变更为 as at the decision, 不变 elsewhere, with no warning.
  const decided = await applicationDetail(officer, id, at(3));
  expect(decided.changeRows?.find((r) => r.field === "address")).toEqual({ field: "address", before: before!.address, after: "泉州市鲤城区新华路 8 号" });
  expect(decided.changeRows?.find((r) => r.field === "legalRepresentative")).toEqual({ field: "legalRepresentative", before: before!.legalRepresentative, after: undefined });
  expect(decided.problems).toEqual({});
});

test("a cancellation keeps the organization in the register as cancelled, with its date", async () => {
  const db = await getDb();
  const [org] = await db.select().from(organizations).where(eq(organizations.name, "鲤城区书法家协会"));
  const [user] = await db
    .insert(users)
    .values({ username: "shufa", displayName: "书法家协会", role: "association", organizationId: org!.id, passwordHash: "x" })
    .returning();
  const applicant = actorFromUser(user!, "s3");
  const officer = await demoActor("officer");
  const started = await startApplication(contextOf(applicant, t0), { kind: "cancellation" });
  if (!started.ok) throw new Error("start failed");
  const id = started.value.id;
  // No liquidation, no cancellation (社会团体登记管理条例 art. 21): the report and its date are asked for.
  await saveProposal(contextOf(applicant, t0), id, { version: 1, proposal: { cancellationReason: "完成清算，会员大会决议注销" } });
  expect(await takeStep(contextOf(applicant, t0), id, { action: "submit", version: 2 })).toMatchObject({
    ok: false,
    fieldErrors: { liquidationCompletedOn: ["请填写清算完成日期"], liquidationReport: ["请填写清算报告摘要"] },
  });
  await saveProposal(contextOf(applicant, t0), id, {
    version: 2,
    proposal: { cancellationReason: "完成清算，会员大会决议注销", liquidationCompletedOn: "2026-02-20", liquidationReport: "清算组清偿全部债务，剩余财产捐赠同类组织" },
  });
  await attachRequiredMaterials(applicant, id, t0);
  expect(await takeStep(contextOf(applicant, t0), id, { action: "submit", version: 3 })).toMatchObject({ ok: true });
  await takeStep(contextOf(officer, at(1)), id, { action: "accept", version: 4 });
  // The certificate and the seals come back before the register says cancelled.
  expect(await takeStep(contextOf(officer, at(3)), id, { action: "approve", version: 5, approval: { returned: ["certificate"] } })).toEqual({
    ok: false,
    fieldErrors: { returned: ["准予注销前须收缴印章（《社会团体登记管理条例》第二十一条）"] },
  });
  expect((await applicationRow(id)).state).toBe("accepted");
  expect(await takeStep(contextOf(officer, at(3)), id, { action: "approve", version: 5, approval: { returned: ["certificate", "seals"] } })).toMatchObject({ ok: true });
  const [after] = await db.select().from(organizations).where(eq(organizations.id, org!.id));
  expect(after).toMatchObject({
    status: "cancelled",
    statusSince: "2026-03-05",
    statusReason: "完成清算，会员大会决议注销（清算于 2026-02-20 完成；已收缴登记证书正本、副本、印章（《社会团体登记管理条例》第二十一条））",
    name: "鲤城区书法家协会",
  });
  // Another association cannot see this application at all.
  await expect(applicationDetail(await demoActor("assoc"), id, t0)).rejects.toMatchObject({ status: 404 });
});

test("a street officer files a community organization for a community of the street, and only there", async () => {
  const street = await demoActor("street");
  const started = await startApplication(contextOf(street, t0), { kind: "filing" });
  if (!started.ok) throw new Error("start failed");
  const id = started.value.id;
  const elsewhere = await placeNamed("水门社区"); // 临江街道
  expect(await saveProposal(contextOf(street, t0), id, { version: 1, proposal: { placeId: elsewhere.id } })).toEqual({
    ok: false,
    fieldErrors: { placeId: ["只能为本街道（镇）的社区或村录入备案"] },
  });
  const home = await placeNamed("象峰社区");
  await saveProposal(contextOf(street, t0), id, {
    version: 1,
    proposal: { name: "象峰社区太极拳队", category: "culture_sports", legalRepresentative: "林秀英", address: "象峰社区活动中心", placeId: home.id, membersCount: 2 },
  });
  const tooSmall = await takeStep(contextOf(street, t0), id, { action: "submit", version: 2 });
  expect(tooSmall).toMatchObject({ ok: false, fieldErrors: { membersCount: ["社区社会组织至少应有 3 名成员"] } });
  await saveProposal(contextOf(street, t0), id, {
    version: 2,
    proposal: { name: "象峰社区太极拳队", category: "culture_sports", legalRepresentative: "林秀英", address: "象峰社区活动中心", placeId: home.id, membersCount: 18 },
  });
  await attachRequiredMaterials(street, id, t0);
  for (const action of ["submit", "accept", "approve"] as const) {
    const v = (await applicationRow(id)).version;
    expect(await takeStep(contextOf(street, t0), id, { action, version: v })).toMatchObject({ ok: true });
  }
  const db = await getDb();
  const [org] = await db.select().from(organizations).where(eq(organizations.name, "象峰社区太极拳队"));
  expect(org).toMatchObject({ type: "community", category: "culture_sports", uscc: null, placeId: home.id, registeringAuthority: "开元街道" });
  expect(org!.filingNumber).toBe("开元街道社备〔2026〕001号");
  // The district officer does not decide filings.
  const officer = await demoActor("officer");
  const other = await startApplication(contextOf(street, t0), { kind: "filing" });
  if (!other.ok) throw new Error("start failed");
  // A draft is the applicant's own: the district officer does not even see it.
  await expect(takeStep(contextOf(officer, t0), other.value.id, { action: "submit", version: 1 })).rejects.toMatchObject({ status: 404 });
});

test("the 60-day clock of an establishment: deadline from acceptance, days left in the queue, the overdue first and filterable", async () => {
  const officer = await demoActor("officer");
  // Accepted at 01:00 on 3 March in Shanghai (17:00 UTC the day before): 60 days from 3 March.
  const { id: early } = await submitted("鲤城区风车爱好者协会");
  const accepted = await takeStep(contextOf(officer, new Date("2026-03-02T17:00:00Z")), early, { action: "accept", version: 3 });
  expect(accepted).toMatchObject({ ok: true, value: { dueOn: "2026-05-02" } });
  const detail = await applicationDetail(officer, early, new Date("2026-03-03T02:00:00Z"));
  expect(detail.period).toBe("受理之日起 60 日内（《社会团体登记管理条例》第十二条）");
  const { id: late } = await submitted("鲤城区风筝爱好者协会");
  await takeStep(contextOf(officer, at(0)), late, { action: "accept", version: 3 });
  const { id: fresh } = await submitted("鲤城区龙舟爱好者协会");
  await takeStep(contextOf(officer, at(50)), fresh, { action: "accept", version: 3 });

  const now = at(61);
  const queue = await applicationQueue(officer, { state: "accepted", page: 1, pageSize: 50 }, now);
  const lateRow = queue.rows.find((r) => r.id === late);
  const freshRow = queue.rows.find((r) => r.id === fresh);
  expect(lateRow).toMatchObject({ daysLeft: -1, overdue: true });
  expect(freshRow).toMatchObject({ daysLeft: 49, overdue: false });
  expect(queue.rows.findIndex((r) => r.id === late)).toBeLessThan(queue.rows.findIndex((r) => r.id === fresh));
  const overdue = await applicationQueue(officer, { overdue: true, state: "open", page: 1, pageSize: 50 }, now);
  expect(overdue.rows.map((r) => r.id)).toContain(late);
  expect(overdue.rows.map((r) => r.id)).not.toContain(fresh);
  // The street officer's queue holds only the street's applications.
  const streetQueue = await applicationQueue(await demoActor("street"), { state: "open", page: 1, pageSize: 50 }, now);
  expect(streetQueue.rows.every((r) => r.street === "开元街道")).toBe(true);
});

test("a change's clock is 20 working days (行政许可法 art. 42), public holidays skipped and the weekend worked counted", async () => {
  const officer = await demoActor("officer");
  const db = await getDb();
  // The demo's change waiting for 受理, accepted on Monday 28 September 2026: 国庆 falls inside.
  const [change] = await db.select().from(applications).where(and(eq(applications.kind, "change"), eq(applications.state, "submitted")));
  const accepted = await takeStep(contextOf(officer, new Date("2026-09-28T02:00:00Z")), change!.id, { action: "accept", version: change!.version });
  expect(accepted).toMatchObject({ ok: true, value: { dueOn: "2026-10-30" } });
  expect((await applicationDetail(officer, change!.id, new Date("2026-09-28T03:00:00Z"))).period).toBe("受理之日起 20 个工作日内（《中华人民共和国行政许可法》第四十二条）");
});

test("a year's holidays entered by an officer count for the periods after it; the entry is audited", async () => {
  const officer = await verifiedActor("officer");
  const db = await getDb();
  // The shipped table has 2027's statutory days (5–8 February for 春节); the officer adds the bridging days.
  const table = { off: [...shippedHolidays.off, "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"], on: shippedHolidays.on };
  expect(await updateSetting(contextOf(officer), "publicHolidays", table, { reason: "录入 2027 年春节安排", expected: shippedHolidays })).toEqual({ ok: true, value: table });
  // The demo's cancellation waiting for 受理, accepted on Friday 29 January 2027: 20 working days, 5–12 February not counted.
  const [cancellation] = await db.select().from(applications).where(and(eq(applications.kind, "cancellation"), eq(applications.state, "submitted")));
  const accepted = await takeStep(contextOf(officer, new Date("2027-01-29T02:00:00Z")), cancellation!.id, { action: "accept", version: cancellation!.version });
  expect(accepted).toMatchObject({ ok: true, value: { dueOn: "2027-03-08" } });
  const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "setting.update"), eq(auditLog.entityId, "publicHolidays")));
  expect(entry).toMatchObject({ reason: "录入 2027 年春节安排", actorUsername: "officer" });
});

test("attachments are checked by content and size, and served only to those who may see the application", async () => {
  const { id, applicant: assoc } = await draftEstablishment("鲤城区集邮爱好者协会");
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const fakePdf = new TextEncoder().encode("<html>not a pdf</html>");
  const refused = await attachFiles(contextOf(assoc), id, [{ name: "章程.pdf", content: fakePdf }], { material: "charter" });
  expect(refused).toMatchObject({ ok: false, fieldErrors: { files: [expect.stringContaining("不是 PDF、JPEG 或 PNG")] } });
  const huge = new Uint8Array(10 * 1024 * 1024 + 1);
  huge.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
  expect(await attachFiles(contextOf(assoc), id, [{ name: "大文件.pdf", content: huge }], { material: "charter" })).toMatchObject({ ok: false, fieldErrors: { files: [expect.stringContaining("超过 10 MB")] } });
  expect(await attachFiles(contextOf(assoc), id, [{ name: "场所照片.png", content: png }], { material: "funds_premises" })).toEqual({ ok: true, value: 1 });
  const detail = await applicationDetail(assoc, id, t0);
  expect(detail.files).toEqual([expect.objectContaining({ fileName: "场所照片.png", contentType: "image/png", size: png.length, material: "funds_premises" })]);
  const fileId = detail.files[0]!.id;
  expect(Buffer.from((await fileForActor(assoc, id, fileId)).content)).toEqual(Buffer.from(png));
  // The registry sees the application and its files once submitted, not while a draft.
  await expect(fileForActor(await demoActor("officer"), id, fileId)).rejects.toMatchObject({ status: 404 });
  await attachRequiredMaterials(assoc, id);
  expect((await takeStep(contextOf(assoc), id, { action: "submit", version: (await applicationRow(id)).version })).ok).toBe(true);
  expect((await fileForActor(await demoActor("officer"), id, fileId)).fileName).toBe("场所照片.png");
  // After submission nothing more can be attached.
  expect(await attachFiles(contextOf(assoc), id, [{ name: "补充.png", content: png }], { material: "other" })).toMatchObject({ ok: false, formError: expect.stringContaining("已提交") });
  const db = await getDb();
  const [stranger] = await db.insert(users).values({ username: "stranger", displayName: "别的协会", role: "association", passwordHash: "x" }).returning();
  await expect(fileForActor(actorFromUser(stranger!, "s4"), id, fileId)).rejects.toMatchObject({ status: 404 });
  await expect(fileForActor(await demoActor("clerk"), id, fileId)).rejects.toMatchObject({ status: 404 });
});
