/**
 * The corrections an annual inspection concluded 基本合格 orders, against the
 * database: ordered when the conclusion is published, with the deadline the
 * rules give; reported by the organization alone; on both to-do lists;
 * verified by the registry on the report's page; overdue ones proposed for
 * the abnormal list as a spot check's are.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, rectifications } from "../../db/schema";
import { inspectionStep, publishConclusions, saveReport, verifyCorrection } from "../../app/domain/inspections/commands.server";
import { correctionsToVerify, reportPage, reportReview } from "../../app/domain/inspections/queries.server";
import { correctionDeadline } from "../../app/domain/inspections/rules";
import type { InspectionConclusion } from "../../vocabulary";
import { answerRectification } from "../../app/domain/spot-checks/commands.server";
import { ownRectifications } from "../../app/domain/spot-checks/queries.server";
import { associationTodoList, officerTodoList } from "../../app/domain/todo/queries.server";
import { proposalsPage } from "../../app/domain/credit/queries.server";
import { demoLatestCampaign } from "../../app/setup/demo";
import type { Actor } from "../../app/auth/permissions";
import { contextOf, demoActor, loadDemoDistrict, verifiedActor } from "../setup/demo";
import { completeReport, organizationWithAccount } from "../setup/inspections";

beforeAll(loadDemoDistrict);

const Y = demoLatestCampaign();
const filedAt = new Date(`${Y + 1}-04-10T02:00:00Z`);
const publishedAt = new Date(`${Y + 1}-06-20T02:00:00Z`);
const day = (iso: string) => new Date(`${iso}T02:00:00Z`);
const deadline = correctionDeadline(`${Y + 1}-06-20`);

/** A report filed, concluded as given and published: the organization, its account and the report's id. */
async function concluded(name: string, conclusion: InspectionConclusion, note?: string) {
  const { org, actor } = await organizationWithAccount(name, `${Y - 3}-03-01`);
  const officer = await demoActor("officer");
  const saved = await saveReport(contextOf(actor, filedAt), Y, { version: null, report: completeReport });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const submitted = await inspectionStep(contextOf(actor, filedAt), { year: Y }, { action: "submit", version: saved.value.version });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const reportId = submitted.value.id;
  const done = await inspectionStep(contextOf(officer, filedAt), { year: Y, reportId }, { action: "conclude", version: submitted.value.version, conclusion, note });
  if (!done.ok) throw new Error(JSON.stringify(done));
  return { org, actor, officer, reportId };
}

async function publish(reportId: number) {
  expect(await publishConclusions(contextOf(await verifiedActor("officer", publishedAt), publishedAt), Y, [reportId])).toBe(1);
}

async function correctionOfReport(reportId: number) {
  const db = await getDb();
  return (await db.select().from(rectifications).where(eq(rectifications.inspectionReportId, reportId)))[0];
}

const keys = async (list: Promise<Array<{ key: string }>>) => (await list).map((i) => i.key);

test("基本合格 orders its corrections when published; the organization reports them, the registry verifies, both to-do lists follow", async () => {
  const { org, actor, officer, reportId } = await concluded("鲤城区整改测试服务中心", "basic_pass", "财务管理制度不健全，限期整改");
  // Not before the conclusion is made known.
  expect(await correctionOfReport(reportId)).toBeUndefined();
  await publish(reportId);
  const ordered = (await correctionOfReport(reportId))!;
  expect(ordered).toMatchObject({ organizationId: org.id, checkItemId: null, problem: "财务管理制度不健全，限期整改", orderedOn: `${Y + 1}-06-20`, deadline, answeredOn: null, verdict: null });
  expect(deadline).toBe(`${Y + 1}-09-20`);

  // The organization sees it with where it came from, on its list, its inspection page and its to-do list.
  const soon = day(`${Y + 1}-07-01`);
  expect(await ownRectifications(actor, soon)).toEqual([
    expect.objectContaining({ id: ordered.id, plan: `${Y} 年度年检基本合格`, origin: `${Y} 年度年检结论为基本合格（${Y + 1}年6月20日公布）`, link: `/org/inspections/${Y}`, state: "open" }),
  ]);
  expect((await reportPage(actor, Y, soon)).correction).toMatchObject({ id: ordered.id, state: "open", deadline });
  expect(await associationTodoList(actor, soon)).toContainEqual(expect.objectContaining({ key: `rectification:${ordered.id}`, title: `报告整改情况：${Y} 年度年检基本合格`, link: "/org/rectifications", dueOn: deadline }));

  // Nothing to verify before a report, and not done while the deadline runs.
  const ctx = contextOf(officer, soon);
  expect(await verifyCorrection(ctx, { year: Y, reportId }, { decision: "verify", version: ordered.version, verdict: "done", note: "已整改" })).toEqual({ ok: false, formError: "该组织尚未报告整改情况，不能核实为已完成。" });
  expect(await verifyCorrection(ctx, { year: Y, reportId }, { decision: "verify", version: ordered.version, verdict: "not_done", note: "未整改" })).toEqual({ ok: false, formError: "整改期限尚未届满，组织也未报告整改情况。" });
  expect(await correctionsToVerify(officer)).not.toContainEqual(expect.objectContaining({ reportId }));

  // Only its own organization reports on it.
  const other = await organizationWithAccount("鲤城区另一家测试服务中心", `${Y - 3}-03-01`);
  await expect(answerRectification(contextOf(other.actor, soon), { rectificationId: ordered.id, version: ordered.version, answer: "冒名报告整改情况" })).rejects.toMatchObject({ status: 404 });
  const reportedOn = day(`${Y + 1}-08-01`);
  expect(await answerRectification(contextOf(actor, reportedOn), { rectificationId: ordered.id, version: ordered.version, answer: "已修订财务管理制度并经理事会通过" })).toEqual({ ok: true, value: null });

  // Now it waits for the registry: on the officer's list and page, off the organization's to-do list.
  expect(await associationTodoList(actor, reportedOn)).not.toContainEqual(expect.objectContaining({ key: `rectification:${ordered.id}` }));
  expect(await correctionsToVerify(officer)).toContainEqual(expect.objectContaining({ reportId, year: Y, name: "鲤城区整改测试服务中心", answeredOn: `${Y + 1}-08-01` }));
  expect(await keys(officerTodoList(officer, reportedOn))).toContain(`correction:${reportId}`);
  const page = await reportReview(officer, Y, reportId, reportedOn);
  expect(page.correction).toMatchObject({ state: "answered", answer: "已修订财务管理制度并经理事会通过" });

  // The street officers do not verify; the registry does, once.
  await expect(verifyCorrection(contextOf(await demoActor("street"), reportedOn), { year: Y, reportId }, { decision: "verify", version: 2, verdict: "done", note: "核实" })).rejects.toMatchObject({ status: 403 });
  const verifiedOn = day(`${Y + 1}-08-05`);
  expect(await verifyCorrection(contextOf(officer, verifiedOn), { year: Y, reportId }, { decision: "verify", version: 1, verdict: "done", note: "经查" })).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
  expect(await verifyCorrection(contextOf(officer, verifiedOn), { year: Y, reportId }, { decision: "verify", version: 2, verdict: "done", note: "经查阅修订后的制度，整改到位" })).toEqual({ ok: true, value: null });
  expect(await verifyCorrection(contextOf(officer, verifiedOn), { year: Y, reportId }, { decision: "verify", version: 3, verdict: "not_done", note: "再次核实" })).toEqual({ ok: false, formError: "该整改事项已经核实。" });
  expect(await correctionOfReport(reportId)).toMatchObject({ verdict: "done", verifiedOn: `${Y + 1}-08-05`, verificationNote: "经查阅修订后的制度，整改到位" });
  expect(await keys(officerTodoList(officer, verifiedOn))).not.toContain(`correction:${reportId}`);
  expect((await reportPage(actor, Y, verifiedOn)).correction).toMatchObject({ state: "done" });

  // Each step in the audit log under the inspection's words.
  const db = await getDb();
  const audit = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "organization"), eq(auditLog.entityId, String(org.id)), inArray(auditLog.action, ["inspection.answer_correction", "inspection.verify_correction"])));
  expect(audit.map((a) => a.action).sort()).toEqual(["inspection.answer_correction", "inspection.verify_correction"]);
});

test("corrections not reported by their deadline are proposed for the abnormal list (第十条第三项) and may be verified as not done; 合格 orders none", async () => {
  const { org, officer, reportId } = await concluded("鲤城区逾期整改测试服务中心", "basic_pass", "未按规定公开年度报告");
  await publish(reportId);
  const proposals = async (at: Date, who: Actor) => (await proposalsPage(who, at)).rows.filter((r) => r.organizationId === org.id && r.trigger === "rectification_overdue");
  expect(await proposals(day(deadline), officer)).toEqual([]);
  const dayAfter = day(`${Y + 1}-09-21`);
  expect(await proposals(dayAfter, officer)).toEqual([
    expect.objectContaining({ list: "abnormal", arose: `${Y + 1}-09-21`, article: "《社会组织信用信息管理办法》第十条第三项", evidence: expect.stringContaining("未按规定公开年度报告") }),
  ]);
  const r = (await correctionOfReport(reportId))!;
  expect(await verifyCorrection(contextOf(officer, dayAfter), { year: Y, reportId }, { decision: "verify", version: r.version, verdict: "not_done", note: "逾期未报告整改情况" })).toEqual({ ok: true, value: null });

  const passed = await concluded("鲤城区合格测试服务中心", "pass");
  await publish(passed.reportId);
  expect(await correctionOfReport(passed.reportId)).toBeUndefined();
  expect((await reportReview(officer, Y, passed.reportId, dayAfter)).correction).toBeNull();
});
