/**
 * Party coverage on a small street of our own whose answers were worked out by hand:
 *   A 社团  normal    4 formal, its own branch (founded 2026-03-01)      → own branch
 *   B 民非  normal    1 formal, joint branch J (founded 2025-12-01)      → joint
 *   C 民非  abnormal  5 formal, joint branch J                           → joint, should form its own
 *   D 基金会 normal   0 formal, an instructor                            → instructor
 *   G 社团  normal    no record                                          → none
 *   E 社团  cancelled, F filed community organization                   → not counted
 * Organizational coverage 3/5 = 60%, work coverage 4/5 = 80%.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { demoLatestCampaign } from "../../app/setup/demo";
import { inspectionReports, inspectionYears, organizationParty, organizations, partyAdmissions, places, users } from "../../db/schema";
import { createSession } from "../../app/auth/session.server";
import { acceptReportedMembers, createJointBranch, recordAdmission, savePartyRecord, type PartyRecordInput } from "../../app/domain/party/commands.server";
import { officerRecordPage } from "../../app/domain/organizations/officer-record.server";
import { partyOverview } from "../../app/domain/party/queries.server";
import { publicPartyFigures } from "../../app/domain/party/public.server";
import { reportFigures } from "../../app/domain/statistics/figures.server";
import { reportParagraph } from "../../app/domain/statistics/paragraph";
import { action as recordPageAction } from "../../app/routes/officer.orgs.$id/route";
import { action as correctionAction } from "../../app/routes/officer.orgs.$id_.correct";
import { action as partyPageAction } from "../../app/routes/officer.party/route";
import { formatDate, shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

const now = new Date("2026-11-24T02:00:00Z");
const streetCode = "350502099000";
/** A day `n` days before today (Asia/Shanghai), as a form types it. */
const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));
const firstHalf = { from: "2026-01-01", to: "2026-06-30" };
type Actor = Awaited<ReturnType<typeof demoActor>>;

/** The party section of an organization's record as the officer's page reads it. */
async function partySection(actor: Actor, id: number) {
  const { party } = await officerRecordPage(actor, id);
  if (!party) throw new Error(`organization ${id} has no party section`);
  return party;
}
let officer: Actor;
let street: Actor;
const ids: Record<string, number> = {};

const record = (extra: Partial<PartyRecordInput>): PartyRecordInput => ({
  formalMembers: 0,
  probationaryMembers: 0,
  branchId: null,
  newOwnBranch: null,
  instructor: null,
  expectedVersion: null,
  ...extra,
});

beforeAll(async () => {
  await loadDemoDistrict();
  [officer, street] = (await Promise.all(["officer", "street"].map(demoActor))) as [Actor, Actor];
  const db = await getDb();
  const [district] = await db.select().from(places).where(eq(places.level, "district"));
  const [ourStreet] = await db.insert(places).values({ code: streetCode, name: "测试街道", level: "street", parentId: district!.id }).returning();
  const org = (name: string, type: "social_group" | "private_non_enterprise" | "foundation" | "community", status: "normal" | "abnormal" | "cancelled" = "normal") => ({
    name,
    type,
    status,
    registeredOn: "2015-01-01",
    streetId: ourStreet!.id,
  });
  const rows = await db
    .insert(organizations)
    .values([
      org("测试甲协会", "social_group"),
      org("测试乙中心", "private_non_enterprise"),
      org("测试丙学校", "private_non_enterprise", "abnormal"),
      org("测试丁基金会", "foundation"),
      org("测试戊协会", "social_group", "cancelled"),
      org("测试己文体队", "community"),
      org("测试庚协会", "social_group"),
    ])
    .returning();
  ["A", "B", "C", "D", "E", "F", "G"].forEach((key, i) => (ids[key] = rows[i]!.id));

  const ctx = contextOf(officer, now);
  const joint = await createJointBranch(ctx, { name: "测试街道社会组织联合党支部", foundedOn: "2025-12-01", streetCode, secretary: "陈书记" });
  if (!joint.ok) throw new Error(JSON.stringify(joint));
  const saves = [
    savePartyRecord(ctx, ids.A!, record({ formalMembers: 4, newOwnBranch: { name: "测试甲协会党支部", foundedOn: "2026-03-01", secretary: null } })),
    savePartyRecord(ctx, ids.B!, record({ formalMembers: 1, branchId: joint.value.id })),
    savePartyRecord(ctx, ids.C!, record({ formalMembers: 5, probationaryMembers: 1, branchId: joint.value.id })),
    savePartyRecord(ctx, ids.D!, record({ instructor: "张指导员" })),
  ];
  for (const result of await Promise.all(saves)) if (!result.ok) throw new Error(JSON.stringify(result));
  for (const [key, admittedOn, count] of [["A", "2026-04-10", 2], ["C", "2026-07-01", 1]] as const) {
    const admitted = await recordAdmission(ctx, ids[key]!, { admittedOn, count });
    if (!admitted.ok) throw new Error(JSON.stringify(admitted));
  }
});

describe("coverage figures", () => {
  test("state both coverages with their denominator, by kind, with the lists and the period's branches and admissions", async () => {
    const overview = await partyOverview(officer, { streetCode, period: firstHalf });
    expect(overview.total).toEqual({ organizational: { covered: 3, total: 5, rate: 0.6 }, work: { covered: 4, total: 5, rate: 0.8 } });
    expect(overview.target).toBe(0.9);
    const byKind = Object.fromEntries(overview.byKind.map((k) => [k.key, [k.organizational.covered, k.work.covered, k.work.total]]));
    expect(byKind).toEqual({ social_group: [1, 1, 2], private_non_enterprise: [2, 2, 2], foundation: [0, 1, 1] });
    expect(overview.uncovered.map((o) => o.name)).toEqual(["测试庚协会"]);
    expect(overview.ownBranchDue.map((o) => o.name)).toEqual(["测试丙学校"]);
    expect(overview.branchesFounded.map((b) => b.name)).toEqual(["测试甲协会党支部"]);
    expect(overview.admissions.total).toBe(2);
    expect([overview.formalMembers, overview.probationaryMembers]).toEqual([10, 1]);
  });

  test("the public figures count the whole district with the same rule", async () => {
    const figures = await publicPartyFigures();
    expect(figures.organizational.covered).toBeGreaterThanOrEqual(3);
    expect(figures.work.covered).toBeGreaterThanOrEqual(figures.organizational.covered);
    expect(figures.work.total).toBeGreaterThanOrEqual(5);
  });
});

describe("rules", () => {
  test("an own branch needs three formal members, and a single branch covers one organization", async () => {
    const ctx = contextOf(officer, now);
    const b = await partySection(officer, ids.B!);
    expect(await savePartyRecord(ctx, ids.B!, record({ formalMembers: 1, newOwnBranch: { name: "乙支部", foundedOn: "2026-05-01", secretary: null }, expectedVersion: b.record!.version }))).toMatchObject({
      ok: false,
      fieldErrors: { coverage: [expect.stringContaining("3 名以上")] },
    });
    const a = await partySection(officer, ids.A!);
    const g = await partySection(officer, ids.G!);
    // Offered: joint branches and own branches covering none; A's own branch to A only.
    expect(a.branches.map((b) => b.id)).toContain(a.record!.branchId);
    expect(g.branches.map((b) => b.id)).not.toContain(a.record!.branchId);
    expect(g.branches.every((b) => b.kind === "joint" || b.members === 0)).toBe(true);
    expect(g.branches.some((b) => b.kind === "joint")).toBe(true);
    expect(await savePartyRecord(ctx, ids.G!, record({ formalMembers: 3, branchId: a.record!.branchId, expectedVersion: g.record?.version ?? null }))).toMatchObject({
      ok: false,
      fieldErrors: { branchId: [expect.stringContaining("已覆盖其他组织")] },
    });
    // A stale version is refused, not overwritten.
    expect(await savePartyRecord(ctx, ids.D!, record({ instructor: "李指导员", expectedVersion: 99 }))).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
  });

  test("a street officer keeps only their own street's organizations", async () => {
    await expect(officerRecordPage(street, ids.A!)).rejects.toMatchObject({ status: 404 });
    await expect(partyOverview(street, { streetCode, period: firstHalf })).rejects.toMatchObject({ status: 404 });
    // A community organization is filed, not registered: its record has no party section.
    expect((await officerRecordPage(officer, ids.F!)).party).toBeNull();
  });

  test("members reported in an annual report become the record once the officer accepts them", async () => {
    const db = await getDb();
    await db.insert(inspectionYears).values({ year: 2030, supervisingDeadline: "2031-03-31", registryDeadline: "2031-05-31", openedAt: now }).onConflictDoNothing();
    const [report] = await db
      .insert(inspectionReports)
      .values({ year: 2030, organizationId: ids.A!, state: "submitted", report: { partyFormalMembers: 6, partyProbationaryMembers: 2 }, createdAt: now, updatedAt: now })
      .returning();
    expect((await partySection(officer, ids.A!)).reported).toEqual({ reportId: report!.id, year: 2030, formalMembers: 6, probationaryMembers: 2 });
    const seen = (await partySection(officer, ids.A!)).record?.version ?? null;
    // Another organization's report cannot be accepted for this one.
    await expect(acceptReportedMembers(contextOf(officer, now), ids.B!, { reportId: report!.id, expectedVersion: null })).rejects.toMatchObject({ status: 404 });
    // A record changed since the officer looked is not overwritten.
    expect(await acceptReportedMembers(contextOf(officer, now), ids.A!, { reportId: report!.id, expectedVersion: (seen ?? 0) + 7 })).toMatchObject({ ok: false, formError: expect.stringContaining("刚被他人修改") });
    expect(await acceptReportedMembers(contextOf(officer, now), ids.A!, { reportId: report!.id, expectedVersion: seen })).toEqual({ ok: true, value: { formalMembers: 6, probationaryMembers: 2 } });
    const [stored] = await db.select().from(organizationParty).where(eq(organizationParty.organizationId, ids.A!));
    expect(stored).toMatchObject({ formalMembers: 6, probationaryMembers: 2, source: "inspection" });
    expect(stored!.branchId).not.toBeNull();
  });

  test("only the latest standing report is offered and accepted, and no implausible count", async () => {
    const db = await getDb();
    await db.insert(inspectionYears).values({ year: 2031, supervisingDeadline: "2032-03-31", registryDeadline: "2032-05-31", openedAt: now }).onConflictDoNothing();
    const [returned] = await db
      .insert(inspectionReports)
      .values({ year: 2031, organizationId: ids.A!, state: "returned", report: { partyFormalMembers: 1, partyProbationaryMembers: 0 }, createdAt: now, updatedAt: now })
      .returning();
    const record = await partySection(officer, ids.A!);
    // A returned report is not offered; the 2030 one still is.
    expect(record.reported?.year).toBe(2030);
    await expect(acceptReportedMembers(contextOf(officer, now), ids.A!, { reportId: returned!.id, expectedVersion: record.record!.version })).rejects.toMatchObject({ status: 404 });
    await db.update(inspectionReports).set({ state: "submitted", report: { partyFormalMembers: 900_000, partyProbationaryMembers: 0 } }).where(eq(inspectionReports.id, returned!.id));
    expect(await acceptReportedMembers(contextOf(officer, now), ids.A!, { reportId: returned!.id, expectedVersion: record.record!.version })).toMatchObject({ ok: false, formError: expect.stringContaining("不像是真实数字") });
    await db.delete(inspectionReports).where(eq(inspectionReports.id, returned!.id));
  });

  test("a joint branch belongs to a street or town, and dates before 1949 are refused", async () => {
    const ctx = contextOf(officer, now);
    const [community] = await (await getDb()).select().from(places).where(eq(places.level, "community")).limit(1);
    expect(await createJointBranch(ctx, { name: "社区联合党支部", foundedOn: "2026-01-10", streetCode: community!.code, secretary: null })).toMatchObject({
      ok: false,
      fieldErrors: { streetCode: ["请选择您管辖的街道（镇）"] },
    });
    expect(await createJointBranch(ctx, { name: "远古联合党支部", foundedOn: "0001-01-01", streetCode, secretary: null })).toMatchObject({
      ok: false,
      fieldErrors: { foundedOn: [expect.stringContaining("1949")] },
    });
    expect(await recordAdmission(ctx, ids.A!, { admittedOn: "1900-05-01", count: 1 })).toMatchObject({ ok: false, fieldErrors: { admittedOn: [expect.stringContaining("1949")] } });
  });
});

describe("the work-report figures of the same street", () => {
  test("are counted by the rules above, for the first half of 2026", async () => {
    const figures = await reportFigures(officer, { ...firstHalf, streetCode }, now);
    expect(figures).toMatchObject({
      periodLabel: "上半年",
      scopeName: "测试街道",
      newRegistrations: { social_group: 0, private_non_enterprise: 0, foundation: 0, community: 0 },
      // E was cancelled (no date recorded, so before the period's end): not on the register.
      register: { social_group: 2, private_non_enterprise: 2, foundation: 1, community: 1 },
      applications: { received: 0, decided: 0, decidedInTime: 0 },
      party: { organizational: { covered: 3, total: 5 }, work: { covered: 4, total: 5 }, branchesFounded: 1, branchesTotal: 2, probationaryAdmitted: 2 },
      postings: { villages: 0, upToDate: 0 },
    });
    // The campaign running in 2026 is the one on 2025; the demo's latest opened is the one on 2024 (filed in 2025).
    // All five, registered in 2015, are due; none has filed.
    expect(figures.inspection?.year).toBe(demoLatestCampaign());
    expect(figures.inspection?.byKind.map((k) => [k.type, k.due, k.filed])).toEqual([
      ["social_group", 2, 0],
      ["private_non_enterprise", 2, 0],
      ["foundation", 1, 0],
    ]);
    expect(reportParagraph(figures)).toMatch(
      /^截至2026年6月30日，测试街道社会组织工作情况如下：一是社会组织登记。上半年未新登记社会组织；共有社团2个，民办非企业单位2个，基金会1个，社区备案的社会组织1个，共计6个。/,
    );
    // The period has ended: coverage is today's, and the paragraph says so once, at its end.
    expect(reportParagraph(figures)).toContain("三是推进社会组织党组织覆盖。社会组织党组织覆盖率为60%（3/5个）");
    expect(reportParagraph(figures)).toMatch(/（党组织覆盖、“一居多会”和村务公开为2026年11月24日的现状数字。）$/);
  });
});

describe("the party forms, posted to their pages", () => {
  const context = { cspNonce: "", clientIp: "203.0.113.9" };
  const cookies: Record<string, string> = {};
  let orgId = 0;

  beforeAll(async () => {
    const db = await getDb();
    for (const username of ["officer", "street"]) {
      const [user] = await db.select().from(users).where(eq(users.username, username));
      const session = await createSession(db, user!, { now: new Date(), ip: "127.0.0.1", userAgent: "test" });
      cookies[username] = `cr_session=${session.token}`;
    }
    // In the street officer's own street, apart from the hand-worked street above.
    const [kaiyuan] = await db.select().from(places).where(eq(places.code, "350502001000"));
    const [org] = await db
      .insert(organizations)
      .values({ name: "测试壬协会", type: "social_group", status: "normal", registeredOn: "2015-01-01", streetId: kaiyuan!.id })
      .returning();
    orgId = org!.id;
  });

  /** The status and body of an action's answer, returned or thrown. */
  async function post(page: "record" | "correct" | "party", as: string, fields: Record<string, string>) {
    const path = { record: `/officer/orgs/${orgId}`, correct: `/officer/orgs/${orgId}/correct`, party: "/officer/party" }[page];
    const request = new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies[as]! },
      body: new URLSearchParams(fields).toString(),
    });
    let outcome: unknown;
    try {
      const action = { record: recordPageAction, correct: correctionAction, party: partyPageAction }[page];
      outcome = await action({ request, params: { id: String(orgId) }, context });
    } catch (thrown) {
      outcome = thrown;
    }
    if (outcome instanceof Response) return { status: outcome.status, body: (await outcome.json().catch(() => null)) as Record<string, unknown> | null };
    if (outcome && typeof outcome === "object" && "init" in outcome && "data" in outcome) {
      const { init, data } = outcome as { init: { status?: number } | null; data: Record<string, unknown> };
      return { status: init?.status ?? 200, body: data };
    }
    return { status: 200, body: outcome as Record<string, unknown> };
  }
  const errorsOf = (body: Record<string, unknown> | null) => (body?.result as { error?: Record<string, string[]> } | undefined)?.error;

  test("a record is saved through the page, and a refusal comes back beside its field", async () => {
    const saved = await post("record", "street", { intent: "party-record", formalMembers: "１", probationaryMembers: "0", coverage: "instructor", instructor: " 王指导员 ", version: "" });
    expect(saved).toMatchObject({ status: 200, body: { intent: "party-record", notice: "党建信息已保存，已记入审计日志。" } });
    const [stored] = await (await getDb()).select().from(organizationParty).where(eq(organizationParty.organizationId, orgId));
    expect(stored).toMatchObject({ formalMembers: 1, instructor: "王指导员", version: 1 });

    // Too few members for an own branch: said beside the coverage chosen.
    const own = await post("record", "street", { intent: "party-record", formalMembers: "1", probationaryMembers: "0", coverage: "new_branch", newBranchName: "壬协会党支部", newBranchFoundedOn: "2026-03-01", version: "1" });
    expect(own.status).toBe(400);
    expect(errorsOf(own.body)?.coverage?.[0]).toContain("3 名以上");
    // A version the page cannot have had: above the form; a version since changed: a 409.
    expect(errorsOf((await post("record", "street", { intent: "party-record", formalMembers: "1", probationaryMembers: "0", coverage: "none", version: "abc" })).body)).toEqual({ "": ["页面已过期，请刷新后重试。"] });
    const stale = await post("record", "street", { intent: "party-record", formalMembers: "2", probationaryMembers: "0", coverage: "none", version: "" });
    expect(stale.status).toBe(409);
    expect(errorsOf(stale.body)?.[""]?.[0]).toContain("已被其他人修改");
  });

  test("an admission is recorded, and an annual report the page did not offer is refused", async () => {
    // The pages read the real clock: a date in the past, whatever day the test runs.
    const admittedOn = daysAgo(10);
    const admitted = await post("record", "street", { intent: "party-admission", admittedOn, count: "２" });
    expect(admitted).toMatchObject({ status: 200, body: { notice: `已记录 ${formatDate(admittedOn)}发展预备党员 2 名。` } });
    expect(await (await getDb()).select().from(partyAdmissions).where(eq(partyAdmissions.organizationId, orgId))).toHaveLength(1);
    expect(errorsOf((await post("record", "street", { intent: "party-admission", admittedOn: "2026-02-30", count: "0" })).body)).toEqual({
      admittedOn: ["接收日期不是有效日期，请按 2026-05-20 的格式填写"],
      count: ["接收人数应为 1 至 100 的整数"],
    });
    const unread = await post("record", "street", { intent: "party-accept-report", reportId: "x", version: "1" });
    expect(unread.status).toBe(400);
    expect(errorsOf(unread.body)?.[""]).toEqual(["找不到该组织最近一次报送的年度报告，请刷新页面。"]);
    expect((await post("record", "street", { intent: "party-accept-report", reportId: "999999", version: "1" })).status).toBe(404);
  });

  test("each form needs its permission, and an unknown one is refused", async () => {
    // A street officer keeps party records but corrects no register entries, and keeps no district target.
    expect((await post("correct", "street", { name: "测试壬协会", reason: "更正名称录入", version: "1" })).status).toBe(403);
    // The record page takes the party section's forms only: a correction posted there names no form of it.
    expect(await post("record", "officer", { name: "测试壬协会", reason: "更正名称录入", version: "1" })).toEqual({ status: 400, body: { userMessage: "无法识别的操作，请刷新页面后重试。" } });
    expect((await post("party", "street", { intent: "coverage-target", partyCoverageTarget: "95", reason: "调整", expected: "0.9" })).status).toBe(403);
    expect(await post("record", "officer", { intent: "delete" })).toEqual({ status: 400, body: { userMessage: "无法识别的操作，请刷新页面后重试。" } });
    expect(await post("party", "officer", { intent: "delete" })).toEqual({ status: 400, body: { userMessage: "无法识别的操作，请刷新页面后重试。" } });
  });

  test("a joint branch is founded and the target kept from /officer/party", async () => {
    const foundedOn = daysAgo(20);
    const founded = await post("party", "officer", { intent: "joint-branch", name: "开元街道第二联合党支部", foundedOn, streetCode: "350502001000", secretary: "" });
    expect(founded).toMatchObject({ status: 200, body: { intent: "joint-branch", notice: `已成立“开元街道第二联合党支部”（${formatDate(foundedOn)}），可在各组织的党建信息中将其纳入。` } });
    const refused = await post("party", "street", { intent: "joint-branch", name: "", foundedOn: "明天", streetCode: "350502002000" });
    expect(refused.status).toBe(400);
    expect(Object.keys(errorsOf(refused.body) ?? {}).sort()).toEqual(["foundedOn", "name"]);
    // The street is checked by the command, which knows the officer's scope.
    const elsewhere = await post("party", "street", { intent: "joint-branch", name: "鲤中联合党支部", foundedOn, streetCode: "350502002000" });
    expect(errorsOf(elsewhere.body)).toEqual({ streetCode: ["请选择您管辖的街道（镇）"] });
    const unchanged = await post("party", "officer", { intent: "coverage-target", partyCoverageTarget: "90", reason: "按年度目标调整", expected: "0.9" });
    expect(unchanged.status).toBe(400);
    expect(errorsOf(unchanged.body)).toEqual({ partyCoverageTarget: ["覆盖率目标现为 90%，未作改动"] });
  });
});

describe("the branches offered on a record", () => {
  test("follow each change of coverage at once: a branch left covering none is offered to the others", async () => {
    const ctx = contextOf(officer, now);
    const db = await getDb();
    const [ourStreet] = await db.select().from(places).where(eq(places.code, streetCode));
    const [h] = await db.insert(organizations).values({ name: "测试辛协会", type: "social_group", status: "normal", registeredOn: "2015-01-01", streetId: ourStreet!.id }).returning();
    // Read once, so the street's branches are kept before the changes below.
    const before = await partySection(officer, ids.G!);
    const joint = before.branches.find((b) => b.kind === "joint")!;
    expect(await savePartyRecord(ctx, h!.id, record({ formalMembers: 3, newOwnBranch: { name: "测试辛协会党支部", foundedOn: "2026-04-01", secretary: null } }))).toMatchObject({ ok: true });
    const own = (await partySection(officer, h!.id)).record!;
    expect((await partySection(officer, ids.G!)).branches.map((b) => b.id)).not.toContain(own.branchId);
    expect(await savePartyRecord(ctx, h!.id, record({ formalMembers: 3, branchId: joint.id, expectedVersion: own.version }))).toMatchObject({ ok: true });
    const offered = (await partySection(officer, ids.G!)).branches;
    expect(offered.find((b) => b.id === own.branchId)).toMatchObject({ kind: "single", members: 0 });
    expect(offered.find((b) => b.id === joint.id)!.members).toBe(joint.members + 1);
  });
});
