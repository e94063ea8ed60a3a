import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { abnormalListings, inspectionReports, organizations, users } from "../../db/schema";
import { inspectionYear, ownReport, reportFileForActor, reportForReview, unitInspectionPage, unitReportReview, yearOverview } from "../../app/domain/inspections/queries.server";
import {
  attachReportFiles,
  changeDeadlines,
  inspectionStep,
  openInspectionYear,
  listNonFilers,
  publishConclusions,
  removeReportFile,
  reviewReportAsUnit,
  saveReport,
} from "../../app/domain/inspections/commands.server";
import { publicOrganization } from "../../app/domain/organizations/public.server";
import { prefillReport, reportProblems, type Report } from "../../app/domain/inspections/rules";
import type { AbnormalBatch } from "../../app/domain/inspections/forms";
import { removeAbnormalListing } from "../../app/domain/credit/listings.server";
import { actorFromUser } from "../../app/auth/session.server";
import { demoLatestCampaign } from "../../app/setup/demo";
import { contextOf, demoActor, loadDemoDistrict, verifiedActor } from "../setup/demo";
import { completeReport as complete, organizationWithAccount } from "../setup/inspections";

const Y = demoLatestCampaign();
// A day while Y's reports are being filed.
const now = new Date(`${Y + 1}-04-10T02:00:00Z`);


// The demo's latest campaign Y is filed in Y+1 and closed on 31 May; Y-1 and Y-2 are concluded and published.
beforeAll(loadDemoDistrict);


test("opening a year sets the default deadlines; the same year cannot be opened twice", async () => {
  const officer = await demoActor("officer");
  expect(await openInspectionYear(contextOf(officer, now), { year: Y + 1 })).toEqual({ ok: true, value: { year: Y + 1 } });
  const opened = await yearOverview(officer, Y + 1, new Date(`${Y + 2}-04-10T02:00:00Z`));
  expect(opened.settings).toMatchObject({ supervisingDeadline: `${Y + 2}-03-31`, registryDeadline: `${Y + 2}-05-31` });
  expect(opened.daysToDeadline).toBe(51);
  expect(await openInspectionYear(contextOf(officer, now), { year: Y })).toMatchObject({ ok: false, fieldErrors: { year: [`${Y} 年度年检已经开启`] } });
  await expect(openInspectionYear(contextOf(await demoActor("street"), now), { year: 2030 })).rejects.toMatchObject({ status: 403 });
  // The registry's deadline falls in the year after the one reported on.
  expect(await openInspectionYear(contextOf(officer, now), { year: 2030, supervisingDeadline: "2030-03-31", registryDeadline: "2030-05-31" })).toEqual({
    ok: false,
    fieldErrors: { registryDeadline: ["2030 年度年检的登记管理机关截止日期应在 2031 年内"] },
  });
});

test(`the demo year ${Y} shows the seed document's picture: about 40% of social groups and 42% of 民非 filed`, async () => {
  const overview = await yearOverview(await demoActor("officer"), Y, now);
  const kind = (type: string) => overview.byKind.find((k) => k.type === type)!;
  expect(kind("social_group").participationRate).toBeGreaterThan(0.25);
  expect(kind("social_group").participationRate).toBeLessThan(0.55);
  expect(kind("private_non_enterprise").participationRate).toBeGreaterThan(0.3);
  expect(kind("private_non_enterprise").participationRate).toBeLessThan(0.55);
  expect(overview.total.returned).toBeGreaterThan(0);
  expect(overview.total.concluded).toBeGreaterThan(0);
  expect(overview.notFiled.map((o) => o.name)).toContain("鲤城区老年人体育协会");
  const db = await getDb();
  const [published] = await db.select().from(inspectionReports).where(eq(inspectionReports.year, Y - 1)).limit(1);
  const record = await publicOrganization(published!.organizationId);
  expect(record.inspections.map((p) => p.year)).toEqual([Y - 1, Y - 2]);

  // 年度报告信息 on the public record: the published years' filed totals, oldest first, with the officers.
  const reports = record.annualReports;
  expect(reports.map((r) => r.year)).toEqual([Y - 2, Y - 1]);
  const [filed] = await db.select().from(inspectionReports).where(and(eq(inspectionReports.organizationId, published!.organizationId), eq(inspectionReports.year, Y - 1)));
  const report = filed!.report as { incomeTotal?: number; expenditureTotal?: number; netAssetsEnd?: number; officers?: string };
  expect(reports[1]).toEqual({ year: Y - 1, income: report.incomeTotal ?? null, expenditure: report.expenditureTotal ?? null, netAssets: report.netAssetsEnd ?? null, officers: report.officers ?? null });
  // A year whose conclusion is not published shows nothing of its report.
  const [unpublished] = await db.select().from(inspectionReports).where(and(eq(inspectionReports.year, Y), isNull(inspectionReports.publishedAt))).limit(1);
  if (unpublished) expect((await publicOrganization(unpublished.organizationId)).annualReports.map((r) => r.year)).not.toContain(Y);
});

test("who is due: registered organizations in normal or abnormal status registered before 1 July of the year reported on", async () => {
  const early = await organizationWithAccount("鲤城区六月底登记的服务中心", `${Y}-06-30`);
  const late = await organizationWithAccount("鲤城区七月初登记的服务中心", `${Y}-07-01`);
  const officer = await demoActor("officer");
  const overview = await yearOverview(officer, Y, now);
  const names = overview.notFiled.map((o) => o.name);
  expect(names).toContain("鲤城区六月底登记的服务中心");
  expect(names).not.toContain("鲤城区七月初登记的服务中心"); // the six-month exemption
  const db = await getDb();
  const demo = await db.select().from(organizations);
  const expected = demo.filter((o) => o.type !== "community" && (o.status === "normal" || o.status === "abnormal") && o.registeredOn < `${Y}-07-01`);
  expect(overview.total.due).toBe(expected.length);
  // The organization registered in July gets no report for 2025.
  await expect(saveReport(contextOf(late.actor, now), Y, { version: null, report: {} })).rejects.toMatchObject({ status: 404 });
  expect((await ownReport(early.actor, Y)).due).toBe(true);
});

test("an association saves half its report, finds it intact, is told what is missing, submits; then it is read-only", async () => {
  const assoc = await demoActor("assoc");
  const first = await saveReport(contextOf(assoc, now), Y, { version: null, report: { incomeTotal: 35_000, mainActivities: "健身操比赛" } });
  if (!first.ok) throw new Error(JSON.stringify(first));
  const reloaded = await ownReport(assoc, Y);
  expect(reloaded.report).toEqual({ incomeTotal: 35_000, mainActivities: "健身操比赛" });
  const incomplete = await inspectionStep(contextOf(assoc, now), { year: Y }, { action: "submit", version: first.value.version });
  expect(incomplete.ok).toBe(false);
  if (incomplete.ok) return;
  expect(incomplete.fieldErrors?.declaration).toEqual(["请阅读并确认声明后再报送"]);
  expect(incomplete.fieldErrors?.incomeTotal?.[0]).toContain("收入合计应等于各项收入之和");

  const wrongTotals = await saveReport(contextOf(assoc, now), Y, { version: first.value.version, report: { ...complete, netAssetsEnd: 60_000 } });
  if (!wrongTotals.ok) throw new Error("save failed");
  const refused = await inspectionStep(contextOf(assoc, now), { year: Y }, { action: "submit", version: wrongTotals.value.version });
  expect(refused).toMatchObject({ ok: false, fieldErrors: { netAssetsEnd: [expect.stringContaining("55,999.5")] } });

  const fixed = await saveReport(contextOf(assoc, now), Y, { version: wrongTotals.value.version, report: complete });
  if (!fixed.ok) throw new Error("save failed");
  expect(await inspectionStep(contextOf(assoc, now), { year: Y }, { action: "submit", version: fixed.value.version })).toMatchObject({ ok: true, value: { state: "submitted" } });
  expect(await saveReport(contextOf(assoc, now), Y, { version: fixed.value.version + 1, report: {} })).toMatchObject({ ok: false, formError: expect.stringContaining("已报送") });
});

test("the registry returns with a reason, the association resubmits, the registry concludes 基本合格 with corrections", async () => {
  const { org, actor } = await organizationWithAccount("鲤城区年检测试服务中心", `${Y - 4}-05-01`);
  const officer = await demoActor("officer");
  const saved = await saveReport(contextOf(actor, now), Y, { version: null, report: complete });
  if (!saved.ok) throw new Error("save failed");
  const submitted = await inspectionStep(contextOf(actor, now), { year: Y }, { action: "submit", version: saved.value.version });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const reportId = submitted.value.id;

  expect(await inspectionStep(contextOf(officer, now), { year: Y, reportId }, { action: "return", version: submitted.value.version })).toEqual({ ok: false, formError: "退回修改须填写理由。" });
  await expect(inspectionStep(contextOf(actor, now), { year: Y, reportId }, { action: "return", version: submitted.value.version, reason: "x" })).rejects.toMatchObject({ status: 403 });
  const returned = await inspectionStep(contextOf(officer, now), { year: Y, reportId }, { action: "return", version: submitted.value.version, reason: "请附审计报告" });
  if (!returned.ok) throw new Error(JSON.stringify(returned));
  const edited = await saveReport(contextOf(actor, now), Y, { version: returned.value.version, report: { ...complete, mainActivities: "已补充审计报告" } });
  if (!edited.ok) throw new Error(JSON.stringify(edited));
  const resubmitted = await inspectionStep(contextOf(actor, now), { year: Y }, { action: "resubmit", version: edited.value.version });
  if (!resubmitted.ok) throw new Error(JSON.stringify(resubmitted));

  const review = await reportForReview(officer, reportId);
  expect(review.organization.id).toBe(org.id);
  expect(review.steps.map((s) => s.action)).toEqual(["submit", "return", "resubmit"]);
  expect(await inspectionStep(contextOf(officer, now), { year: Y, reportId }, { action: "conclude", version: resubmitted.value.version, conclusion: "basic_pass" })).toEqual({
    ok: false,
    formError: "结论为基本合格时，须写明需要整改的事项。",
  });
  const concluded = await inspectionStep(contextOf(officer, now), { year: Y, reportId }, { action: "conclude", version: resubmitted.value.version, conclusion: "basic_pass", note: "管理费用占比偏高，限期整改" });
  expect(concluded).toMatchObject({ ok: true, value: { state: "concluded", conclusion: "basic_pass", conclusionNote: "管理费用占比偏高，限期整改" } });
  // Filing again after the conclusion is refused with a clear message.
  expect(await saveReport(contextOf(actor, now), Y, { version: null, report: complete })).toEqual({ ok: false, formError: "该年度报告已作出年检结论，不能再修改。" });
  // Not public until published; then on the public record.
  expect((await publicOrganization(org.id)).inspections).toEqual([]);
  // Publishing needs the officer's password given within 10 minutes (see reverification.test.ts).
  const publishedOn = new Date(`${Y + 1}-06-20T02:00:00Z`);
  expect(await publishConclusions(contextOf(await verifiedActor("officer", publishedOn), publishedOn), Y, [reportId])).toBe(1);
  expect((await publicOrganization(org.id)).inspections).toEqual([{ year: Y, conclusion: "basic_pass", publishedOn: `${Y + 1}-06-20` }]);
  // Publishing the rest of the year: every concluded, unpublished report, once.
  const publisher = await verifiedActor("officer", now);
  expect(await publishConclusions(contextOf(publisher, now), Y, "all")).toBeGreaterThan(0);
  expect(await publishConclusions(contextOf(publisher, now), Y, "all")).toBe(0);
});

async function unitAccount(unit: string) {
  const db = await getDb();
  const [user] = await db.insert(users).values({ username: `unit-${unit}`, displayName: `${unit}审查员`, role: "supervising_authority", supervisingUnit: unit, passwordHash: "x" }).returning();
  return actorFromUser(user!, `s-unit-${user!.id}`);
}

test("a 民非 with a 业务主管单位 files to it first (民办非企业单位登记管理暂行条例 art. 23): no conclusion before its 初审; a return with its reason; each submission reviewed anew; another unit sees nothing", async () => {
  const { org, actor } = await organizationWithAccount("鲤城区初审测试培训学校", `${Y - 3}-02-01`, "鲤城区教育局");
  const [unit, otherUnit, officer] = [await unitAccount("鲤城区教育局"), await unitAccount("鲤城区卫生健康局"), await demoActor("officer")];
  const saved = await saveReport(contextOf(actor, now), Y, { version: null, report: complete });
  if (!saved.ok) throw new Error("save failed");
  const submitted = await inspectionStep(contextOf(actor, now), { year: Y }, { action: "submit", version: saved.value.version });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const reportId = submitted.value.id;
  expect(submitted.value).toMatchObject({ state: "submitted", unitName: "鲤城区教育局", unitDecision: null });

  // The registry may return it, but not conclude before the unit agrees.
  expect(await inspectionStep(contextOf(officer, now), { year: Y, reportId }, { action: "conclude", version: submitted.value.version, conclusion: "pass" })).toEqual({
    ok: false,
    formError: "年度工作报告须经业务主管单位（鲤城区教育局）初审同意后，登记管理机关方可作出年检结论（《民办非企业单位登记管理暂行条例》第二十三条）。",
  });
  // Another unit, or an officer acting as one, cannot reach it.
  await expect(reviewReportAsUnit(contextOf(otherUnit, now), { year: Y, reportId }, { decision: "agreed", version: submitted.value.version })).rejects.toMatchObject({ status: 404 });
  await expect(unitReportReview(otherUnit, Y, reportId)).rejects.toMatchObject({ status: 404 });
  await expect(reviewReportAsUnit(contextOf(officer, now), { year: Y, reportId }, { decision: "agreed", version: submitted.value.version })).rejects.toMatchObject({ status: 403 });
  expect((await unitInspectionPage(otherUnit, Y, now)).rows.some((r) => r.organizationId === org.id)).toBe(false);

  // The unit sees it waiting, with its files' rights, and returns it with the reason.
  const page = await unitInspectionPage(unit, Y, now);
  expect(page.rows.find((r) => r.organizationId === org.id)).toMatchObject({ reportId, waiting: true, late: true });
  expect((await unitReportReview(unit, Y, reportId)).canReview).toBe(true);
  expect(await reviewReportAsUnit(contextOf(unit, now), { year: Y, reportId }, { decision: "returned", opinion: " ", version: submitted.value.version })).toEqual({
    ok: false,
    fieldErrors: { opinion: ["退回修改须写明理由"] },
  });
  const returned = await reviewReportAsUnit(contextOf(unit, now), { year: Y, reportId }, { decision: "returned", opinion: "请补充年度审计报告", version: submitted.value.version });
  expect(returned).toMatchObject({ ok: true, value: { state: "returned", unitDecision: "returned", unitOpinion: "请补充年度审计报告" } });
  if (!returned.ok) return;

  // Resubmitted, it waits for a 初审 of its own; agreed once; then the registry concludes.
  const resubmitted = await inspectionStep(contextOf(actor, now), { year: Y }, { action: "resubmit", version: returned.value.version });
  expect(resubmitted).toMatchObject({ ok: true, value: { state: "submitted", unitName: "鲤城区教育局", unitDecision: null, unitDecidedAt: null } });
  if (!resubmitted.ok) return;
  const agreed = await reviewReportAsUnit(contextOf(unit, now), { year: Y, reportId }, { decision: "agreed", opinion: "同意", version: resubmitted.value.version });
  expect(agreed).toMatchObject({ ok: true, value: { state: "submitted", unitDecision: "agreed" } });
  if (!agreed.ok) return;
  expect(await inspectionStep(contextOf(unit, now), { year: Y, reportId }, { action: "unit_agree", version: agreed.value.version })).toEqual({ ok: false, formError: "本单位已对本次报送作出初审意见。" });
  expect((await unitReportReview(unit, Y, reportId)).canReview).toBe(false);
  const concluded = await inspectionStep(contextOf(officer, now), { year: Y, reportId }, { action: "conclude", version: agreed.value.version, conclusion: "pass" });
  expect(concluded).toMatchObject({ ok: true, value: { state: "concluded", conclusion: "pass" } });
  const review = await reportForReview(officer, reportId);
  expect(review.steps.map((s) => [s.action, s.actorName])).toEqual([
    ["submit", "鲤城区初审测试培训学校"],
    ["unit_return", "鲤城区教育局审查员（鲤城区教育局）"],
    ["resubmit", "鲤城区初审测试培训学校"],
    ["unit_agree", "鲤城区教育局审查员（鲤城区教育局）"],
    ["conclude", officer.displayName],
  ]);
});

test("an organization registered directly reports to the registry, which concludes without a 初审", async () => {
  const { actor } = await organizationWithAccount("鲤城区直接登记测试服务中心", `${Y - 3}-02-01`);
  const saved = await saveReport(contextOf(actor, now), Y, { version: null, report: complete });
  if (!saved.ok) throw new Error("save failed");
  const submitted = await inspectionStep(contextOf(actor, now), { year: Y }, { action: "submit", version: saved.value.version });
  expect(submitted).toMatchObject({ ok: true, value: { unitName: null } });
  if (!submitted.ok) return;
  const unit = await unitAccount("鲤城区民政局");
  expect(await inspectionStep(contextOf(unit, now), { year: Y, reportId: submitted.value.id }, { action: "unit_agree", version: submitted.value.version }).catch((e: { status: number }) => e.status)).toBe(404);
  const concluded = await inspectionStep(contextOf(await demoActor("officer"), now), { year: Y, reportId: submitted.value.id }, { action: "conclude", version: submitted.value.version, conclusion: "pass" });
  expect(concluded).toMatchObject({ ok: true, value: { state: "concluded" } });
});

test("a report pre-filled from last year's agrees with itself: every demo organization's, and one opened and submitted with nothing changed but the declaration", async () => {
  const db = await getDb();
  // Every demo organization yet to file Y: its report as the page would pre-fill it from Y-1's raises no figure that contradicts another.
  const filed = new Set((await db.select().from(inspectionReports).where(eq(inspectionReports.year, Y))).map((r) => r.organizationId));
  const earlier = (await db.select().from(inspectionReports).where(eq(inspectionReports.year, Y - 1))).filter((r) => !filed.has(r.organizationId));
  expect(earlier.length).toBeGreaterThan(5);
  for (const row of earlier) {
    const problems = reportProblems(prefillReport(row.report as Report));
    expect(Object.keys(problems), `organization ${row.organizationId}`).toEqual(["declaration"]);
  }

  const { org, actor } = await organizationWithAccount("鲤城区预填测试服务中心", `${Y - 5}-03-01`);
  // Last year's report: net assets grew, so carrying last year's closing figure to both ends would contradict the totals.
  await db.insert(inspectionReports).values({ year: Y - 1, organizationId: org.id, state: "concluded", conclusion: "pass", report: { ...complete, netAssetsStart: 44_000.5, netAssetsEnd: 50_000 }, createdAt: now, updatedAt: now });
  const { report } = await ownReport(actor, Y);
  expect(report).toMatchObject({ netAssetsStart: 50_000, incomeTotal: 35_000, expenditureTotal: 29_000.5, netAssetsEnd: 55_999.5 });
  const saved = await saveReport(contextOf(actor, now), Y, { version: null, report: { ...report, declaration: "on" } });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  expect(await inspectionStep(contextOf(actor, now), { year: Y }, { action: "submit", version: saved.value.version })).toMatchObject({ ok: true, value: { state: "submitted" } });
});

test("two officers concluding the same report at once: one wins, nothing is overwritten", async () => {
  const { actor } = await organizationWithAccount("鲤城区并发年检服务中心", `${Y - 5}-03-01`);
  const saved = await saveReport(contextOf(actor, now), Y, { version: null, report: complete });
  if (!saved.ok) throw new Error("save failed");
  const submitted = await inspectionStep(contextOf(actor, now), { year: Y }, { action: "submit", version: saved.value.version });
  if (!submitted.ok) throw new Error("submit failed");
  const db = await getDb();
  const [second] = await db.insert(users).values({ username: "officer-b", displayName: "另一位登记员", role: "district_officer", passwordHash: "x" }).returning();
  const [a, b] = await Promise.all([
    inspectionStep(contextOf(await demoActor("officer"), now), { year: Y, reportId: submitted.value.id }, { action: "conclude", version: submitted.value.version, conclusion: "pass" }),
    inspectionStep(contextOf(actorFromUser(second!, "s"), now), { year: Y, reportId: submitted.value.id }, { action: "conclude", version: submitted.value.version, conclusion: "fail", note: "财务混乱" }),
  ]);
  expect([a, b].filter((r) => r.ok)).toHaveLength(1);
  expect([a, b].find((r) => !r.ok)).toMatchObject({ formError: expect.stringContaining("已被其他人处理") });
  const [row] = await db.select().from(inspectionReports).where(eq(inspectionReports.id, submitted.value.id));
  expect(row!.conclusion).toBe(a.ok ? "pass" : "fail");
});

test("the abnormal-activity list: a year's non-filers in after the deadline with the ground and date, out after correction", async () => {
  const { org } = await organizationWithAccount("鲤城区未年检服务中心", `${Y - 6}-01-01`);
  const officer = await demoActor("officer");
  const afterDeadline = new Date(`${Y + 1}-06-02T02:00:00Z`);
  const batch = (over: Partial<AbnormalBatch> = {}): AbnormalBatch => ({ intent: "abnormal", organizationIds: [org.id], reason: `未按规定报送${Y}年度工作报告`, listedOn: `${Y + 1}-06-01`, ...over });
  await expect(listNonFilers(contextOf(await demoActor("street"), afterDeadline), Y, batch())).rejects.toMatchObject({ status: 403 });
  expect(await listNonFilers(contextOf(officer, now), Y, batch())).toMatchObject({ ok: false, formError: expect.stringContaining("尚未届满") });
  expect(await listNonFilers(contextOf(officer, afterDeadline), Y, batch({ reason: " " }))).toMatchObject({ ok: false });
  expect(await listNonFilers(contextOf(officer, afterDeadline), Y, batch())).toEqual({ ok: true, value: { listed: 1, skipped: 0 } });
  const db = await getDb();
  const [listed] = await db.select().from(organizations).where(eq(organizations.id, org.id));
  expect(listed).toMatchObject({ status: "abnormal", statusSince: `${Y + 1}-06-01`, statusReason: `未按规定报送${Y}年度工作报告` });
  const [listing] = await db.select().from(abnormalListings).where(eq(abnormalListings.organizationId, org.id));
  expect(listing).toMatchObject({ trigger: "annual_report", sourceKey: `annual_report:${Y}`, inspectionYear: Y, evidence: expect.stringContaining(`${Y} 年度工作报告未在`) });
  // Listed for the year once: a second batch lists nothing.
  expect(await listNonFilers(contextOf(officer, afterDeadline), Y, batch({ listedOn: `${Y + 1}-06-02` }))).toEqual({ ok: true, value: { listed: 0, skipped: 1 } });

  expect(await removeAbnormalListing(contextOf(officer, new Date(`${Y + 1}-08-01T02:00:00Z`)), listing!.id, { kind: "corrected", reason: "已补报年检并经核实" })).toEqual({ ok: true, value: null });
  const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
  expect(after).toMatchObject({ status: "normal", statusSince: `${Y + 1}-08-01` });
  const [removed] = await db.select().from(abnormalListings).where(eq(abnormalListings.organizationId, org.id));
  expect(removed).toMatchObject({ removedOn: `${Y + 1}-08-01`, removalKind: "corrected", removalReason: "已补报年检并经核实" });
  expect(await removeAbnormalListing(contextOf(officer, now), listing!.id, { kind: "corrected", reason: "再次移出" })).toMatchObject({ ok: false });
});

test("an organization that filed is not listed for that year; one cancelled while listed keeps its status when the listing closes", async () => {
  const officer = await demoActor("officer");
  const afterDeadline = new Date(`${Y + 1}-06-03T02:00:00Z`);
  const filer = await organizationWithAccount("鲤城区已报送服务中心", `${Y - 5}-02-01`);
  const saved = await saveReport(contextOf(filer.actor, now), Y, { version: null, report: complete });
  if (!saved.ok) throw new Error("save");
  await inspectionStep(contextOf(filer.actor, now), { year: Y }, { action: "submit", version: saved.value.version });
  const batch = (id: number): AbnormalBatch => ({ intent: "abnormal", organizationIds: [id], reason: "未年检的组织", listedOn: `${Y + 1}-06-02` });
  expect(await listNonFilers(contextOf(officer, afterDeadline), Y, batch(filer.org.id))).toMatchObject({ ok: false, formError: expect.stringContaining("已不在") });

  const { org } = await organizationWithAccount("鲤城区列入后注销的服务中心", `${Y - 6}-03-01`);
  expect(await listNonFilers(contextOf(officer, afterDeadline), Y, batch(org.id))).toMatchObject({ ok: true, value: { listed: 1 } });
  const db = await getDb();
  await db.update(organizations).set({ status: "cancelled" }).where(eq(organizations.id, org.id));
  const [listing] = await db.select().from(abnormalListings).where(eq(abnormalListings.organizationId, org.id));
  expect(await removeAbnormalListing(contextOf(officer, afterDeadline), listing!.id, { kind: "corrected", reason: "已注销，关闭名录记录" })).toEqual({ ok: true, value: null });
  const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
  expect(after!.status).toBe("cancelled");
});

test("an association sees only its own report; a street officer only its street's", async () => {
  const db = await getDb();
  const [someReport] = await db.select().from(inspectionReports).limit(1);
  const street = await demoActor("street");
  const [org] = await db.select().from(organizations).where(eq(organizations.id, someReport!.organizationId));
  if (org!.streetId !== street.placeId) await expect(reportForReview(street, someReport!.id)).rejects.toMatchObject({ status: 404 });
  await expect(reportForReview(await demoActor("assoc"), someReport!.id)).rejects.toMatchObject({ status: 403 });
  await expect(ownReport(await demoActor("clerk"), Y)).rejects.toMatchObject({ status: 404 });
});

test("attachments go with the organization's own report, only while it can be edited, and only to those allowed", async () => {
  const { actor } = await organizationWithAccount("鲤城区附件年检服务中心", `${Y - 5}-03-01`);
  const pdf = new TextEncoder().encode("%PDF-1.7 审计报告");
  expect(await attachReportFiles(contextOf(actor, now), Y, [{ name: "审计报告.exe", content: new Uint8Array([0x4d, 0x5a]) }])).toMatchObject({
    ok: false,
    fieldErrors: { files: [expect.stringContaining("不是 PDF、JPEG 或 PNG")] },
  });
  expect(await attachReportFiles(contextOf(actor, now), Y, [{ name: `${Y}年度审计报告.pdf`, content: pdf }])).toEqual({ ok: true, value: 1 });
  const mine = await ownReport(actor, Y);
  expect(mine.files).toEqual([expect.objectContaining({ fileName: `${Y}年度审计报告.pdf`, contentType: "application/pdf" })]);
  const fileId = mine.files[0]!.id;
  expect((await reportFileForActor(actor, fileId)).fileName).toBe(`${Y}年度审计报告.pdf`);
  // While the report is a draft, its files are the organization's own.
  await expect(reportFileForActor(await demoActor("officer"), fileId)).rejects.toMatchObject({ status: 404 });
  await expect(reportFileForActor(await demoActor("assoc"), fileId)).rejects.toMatchObject({ status: 404 });
  await expect(reportFileForActor(await demoActor("clerk"), fileId)).rejects.toMatchObject({ status: 404 });
  // A page loaded before the report existed is stale once it does: it cannot overwrite the draft.
  expect(await saveReport(contextOf(actor, now), Y, { version: null, report: {} })).toMatchObject({ ok: false, formError: expect.stringContaining("已被其他人处理或修改") });
  // Once submitted, nothing more is attached or removed.
  const saved = await saveReport(contextOf(actor, now), Y, { version: (await ownReport(actor, Y)).row!.version, report: complete });
  if (!saved.ok) throw new Error("save");
  expect((await inspectionStep(contextOf(actor, now), { year: Y }, { action: "submit", version: saved.value.version })).ok).toBe(true);
  expect((await reportFileForActor(await demoActor("officer"), fileId)).size).toBe(pdf.length);
  expect(await attachReportFiles(contextOf(actor, now), Y, [{ name: "补充.pdf", content: pdf }])).toMatchObject({ ok: false });
  expect(await removeReportFile(contextOf(actor, now), Y, { fileId })).toMatchObject({ ok: false });
});

test("changing a year's deadlines keeps them in order and in the year, on the version loaded", async () => {
  const officer = await demoActor("officer");
  const year = await inspectionYear(Y);
  expect(await changeDeadlines(contextOf(officer, now), Y, { supervisingDeadline: `${Y + 1}-03-31`, registryDeadline: `${Y + 2}-02-28`, reason: "按市局通知调整", version: year!.version })).toEqual({
    ok: false,
    fieldErrors: { registryDeadline: [`${Y} 年度年检的登记管理机关截止日期应在 ${Y + 1} 年内`] },
  });
  expect(await changeDeadlines(contextOf(officer, now), Y, { supervisingDeadline: `${Y + 1}-04-15`, registryDeadline: `${Y + 1}-06-15`, reason: "按市局通知顺延", version: year!.version })).toEqual({ ok: true, value: null });
  expect(await changeDeadlines(contextOf(officer, now), Y, { supervisingDeadline: `${Y + 1}-03-31`, registryDeadline: `${Y + 1}-05-31`, reason: "恢复默认日期", version: year!.version })).toMatchObject({ ok: false, formError: expect.stringContaining("已被其他人修改") });
});
