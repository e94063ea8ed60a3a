/**
 * The home pages' to-do lists read from the demo district: each role's items
 * are the database's facts within the actor's reach (a street officer never
 * sees another street's), in order, each gone once its work is done.
 */
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { applications, inspectionReports, places, postings, postingVersions, rectifications, checkItems } from "../../db/schema";
import { takeStep } from "../../app/domain/applications/commands.server";
import { materialsNoticeDueOn } from "../../app/domain/applications/periods";
import { reviewPosting, submitPosting, withdrawPosting } from "../../app/domain/postings/commands.server";
import { periodsDueSoon, recentDuePeriods } from "../../app/domain/postings/rules";
import { getSetting } from "../../app/domain/settings/queries.server";
import { shanghaiDate } from "../../app/domain/shared/time";
import { workOnPlan } from "../../app/domain/spot-checks/commands.server";
import { latestInspectionYear } from "../../app/domain/inspections/queries.server";
import { officerTodoList, unitTodoList, villageTodoList } from "../../app/domain/todo/queries.server";
import { shownPerKind, type TodoItem } from "../../app/domain/todo/rules";
import { demoSupervisingUnit } from "../../app/setup/demo";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const now = new Date();
const today = shanghaiDate(now);
const keys = (items: TodoItem[]) => items.map((i) => i.key);
const ofKind = (items: TodoItem[], suffix: string) => keys(items).filter((k) => k.endsWith(suffix));

/** The submitted or accepted applications of these kinds, as the queue orders them. */
async function open(state: "submitted" | "accepted", kinds: Array<"establishment" | "change" | "cancellation" | "filing">, streetId?: number) {
  const db = await getDb();
  return db
    .select()
    .from(applications)
    .where(and(eq(applications.state, state), inArray(applications.kind, kinds), streetId ? eq(applications.streetId, streetId) : undefined))
    .orderBy(state === "submitted" ? asc(applications.submittedAt) : asc(applications.dueOn), asc(applications.id));
}

test("the registry: its registrations to accept by the notice clock and to decide by date, the nearest few and a line for the rest; never a street's filing", async () => {
  const officer = await demoActor("officer");
  const items = await officerTodoList(officer, now);
  const holidays = await getSetting("publicHolidays");

  const submitted = await open("submitted", ["establishment", "change", "cancellation"]);
  expect(submitted.length).toBeGreaterThan(0);
  expect(ofKind(items, ":accept")).toEqual(submitted.slice(0, shownPerKind).map((a) => `application:${a.id}:accept`));
  const first = items.find((i) => i.key === `application:${submitted[0]!.id}:accept`)!;
  expect(first.dueOn).toBe(materialsNoticeDueOn(shanghaiDate(submitted[0]!.submittedAt!), holidays));
  expect(first.link).toBe(`/officer/applications/${submitted[0]!.id}`);
  const moreToAccept = items.find((i) => i.key === "application:accept:more");
  expect(moreToAccept?.title ?? null).toBe(submitted.length > shownPerKind ? `另有 ${submitted.length - shownPerKind} 件申请待受理` : null);

  const accepted = await open("accepted", ["establishment", "change", "cancellation"]);
  expect(ofKind(items, ":decide")).toEqual(accepted.slice(0, shownPerKind).map((a) => `application:${a.id}:decide`));
  expect(items.find((i) => i.key === "application:decide:more")?.title).toBe(`另有 ${accepted.length - shownPerKind} 件已受理的申请待决定`);

  // The street's community filings are the street's to decide.
  const filings = [...(await open("submitted", ["filing"])), ...(await open("accepted", ["filing"]))];
  expect(filings.length).toBeGreaterThan(0);
  for (const f of filings) expect(keys(items).filter((k) => k.startsWith(`application:${f.id}:`))).toEqual([]);
  // Overdue first: the list starts with what is late.
  const days = items.filter((i) => i.daysLeft !== null).map((i) => i.daysLeft!);
  expect(days).toEqual([...days].sort((a, b) => a - b));
});

test("accepting an application takes it off the list of those to accept", async () => {
  const officer = await demoActor("officer");
  const [next] = await open("submitted", ["change", "cancellation"]);
  expect(keys(await officerTodoList(officer, now))).toContain(`application:${next!.id}:accept`);
  expect(await takeStep(contextOf(officer, now), next!.id, { action: "accept", version: next!.version })).toMatchObject({ ok: true });
  expect(keys(await officerTodoList(officer, now))).not.toContain(`application:${next!.id}:accept`);
});

test("the registry: the latest campaign's reports waiting for it (not those still with their 业务主管单位), non-filers, rectification reported until verified", async () => {
  const officer = await demoActor("officer");
  const db = await getDb();
  const campaign = (await latestInspectionYear())!;
  const waiting = await db
    .select({ id: inspectionReports.id })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.year, campaign.year), eq(inspectionReports.state, "submitted"), or(isNull(inspectionReports.unitName), eq(inspectionReports.unitDecision, "agreed"))))
    .orderBy(asc(inspectionReports.submittedAt), asc(inspectionReports.id));
  const withUnit = await db
    .select({ id: inspectionReports.id })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.year, campaign.year), eq(inspectionReports.state, "submitted"), sql`${inspectionReports.unitName} is not null`, isNull(inspectionReports.unitDecision)));
  let items = await officerTodoList(officer, now);
  const reportKeys = keys(items).filter((k) => /^inspection:\d+$/.test(k));
  expect(reportKeys).toEqual(waiting.slice(0, shownPerKind).map((r) => `inspection:${r.id}`));
  if (waiting.length > shownPerKind) expect(items.find((i) => i.key === `inspection:${campaign.year}:more`)?.title).toBe(`另有 ${waiting.length - shownPerKind} 份 ${campaign.year} 年度工作报告待审查`);
  for (const r of withUnit) expect(reportKeys).not.toContain(`inspection:${r.id}`);
  // The campaign before the latest has closed, and the calendar put its non-filers to the registry.
  expect(keys(items)).toContain(`non-filers:${campaign.year - 1}`);

  const [reported] = await db
    .select({ r: rectifications, planId: checkItems.planId })
    .from(rectifications)
    .innerJoin(checkItems, eq(checkItems.id, rectifications.checkItemId))
    .where(and(sql`${rectifications.answeredOn} is not null`, isNull(rectifications.verdict)));
  expect(keys(items)).toContain(`rectification:${reported!.planId}`);
  const verified = await workOnPlan(contextOf(officer, now), reported!.planId, { intent: "verify", rectificationId: reported!.r.id, version: reported!.r.version, verdict: "done", note: "经核查会议纪要，整改完成。" });
  expect(verified).toMatchObject({ ok: true });
  items = await officerTodoList(officer, now);
  expect(keys(items)).not.toContain(`rectification:${reported!.planId}`);
});

test("a street officer sees the street's filings, terms and villages only; another street's officer none of them", async () => {
  const street = await demoActor("street");
  const db = await getDb();
  const [own] = await db.select().from(places).where(eq(places.id, street.placeId!));
  const [town] = await db.select().from(places).where(eq(places.level, "town"));
  const townOfficer = { ...street, userId: street.userId + 10_000, placeId: town!.id };

  const ownItems = await officerTodoList(street, now);
  const filing = (await open("submitted", ["filing"], own!.id))[0]!;
  expect(keys(ownItems)).toContain(`application:${filing.id}:accept`);
  // Registrations are the registry's; so are reports, credit and rectification.
  expect(keys(ownItems).filter((k) => /^(inspection|credit|rectification|non-filers)/.test(k))).toEqual([]);
  for (const a of await open("submitted", ["establishment", "change", "cancellation"])) expect(keys(ownItems)).not.toContain(`application:${a.id}:accept`);
  // Terms of the street's own communities only (their codes extend the street's).
  const terms = ownItems.filter((i) => /^term:\d+$/.test(i.key));
  expect(terms.length).toBeGreaterThan(0);
  for (const t of terms) expect(t.link).toMatch(new RegExp(`^/officer/communities/${own!.code.slice(0, 9)}\\d{3}$`));
  // The street has communities, no villages: no postings or villagers' questions to follow up.
  expect(keys(ownItems).filter((k) => k === "postings" || k === "questions")).toEqual([]);

  const townItems = await officerTodoList(townOfficer, now);
  expect(keys(townItems)).not.toContain(`application:${filing.id}:accept`);
  for (const t of townItems.filter((i) => /^term:\d+$/.test(i.key))) expect(t.link).toMatch(new RegExp(`^/officer/communities/${town!.code.slice(0, 9)}\\d{3}$`));
  expect(keys(townItems)).toContain("questions");
  // The town's villages: some behind on the year's postings, or (in January, nothing of the year due yet) all up to date.
  expect(townItems.find((i) => i.key === "postings")?.title).toMatch(/^村务公开：\d{4} 年(有 \d+ 个村未按期公开（共 \d+ 个村）| \d+ 个村已到期的期间均已公开)$/);
});

test("the clerk: a missed period, the one due next unless published, the returned posting, questions by their ten days; the committee: what waits for its review", async () => {
  const [clerk, supervisor] = [await demoActor("clerk"), await demoActor("supervisor")];
  const db = await getDb();
  const village = clerk.placeId!;
  const posting = async (state: "submitted" | "returned") =>
    (await db.select().from(postingVersions).where(and(eq(postingVersions.placeId, village), eq(postingVersions.state, state))).orderBy(asc(postingVersions.id)))[0]!;
  const returned = await posting("returned");
  const submitted = await posting("submitted");

  // A month published on time, withdrawn: the village has missed it now.
  const month = recentDuePeriods(today).months.at(-1)!;
  const [published] = await db.select().from(postings).where(and(eq(postings.placeId, village), eq(postings.kind, "finance_monthly"), eq(postings.period, month.key), eq(postings.status, "published")));
  expect(await withdrawPosting(contextOf(clerk, now), published!.id, { expectedVersion: published!.version, reason: "测试：撤回后该月视为未公开" })).toMatchObject({ ok: true });

  let items = await villageTodoList(clerk, now);
  expect(items.find((i) => i.key === `period:finance:${month.key}`)).toMatchObject({ title: `补公开${month.label}财务收支（已逾期）`, link: `/village/postings/new?kind=finance_monthly&period=${month.key}` });
  expect(items.find((i) => i.key === `period:finance:${month.key}`)!.daysLeft).toBeLessThan(0);
  // The month due next is listed until a posting of it is published.
  const next = periodsDueSoon(today).months[0]!;
  const nextPublished = await db.select({ id: postings.id }).from(postings).where(and(eq(postings.placeId, village), eq(postings.period, next.key), eq(postings.category, "finance"), eq(postings.status, "published")));
  expect(keys(items).includes(`period:finance:${next.key}`)).toBe(nextPublished.length === 0);

  expect(keys(items)).toContain(`posting:${returned.postingId}`);
  expect(keys(items)).not.toContain(`posting:${submitted.postingId}`);
  const questions = items.filter((i) => /^question:\d+$/.test(i.key));
  expect(questions.length).toBeGreaterThan(0);
  expect(questions.map((q) => q.daysLeft!)).toEqual(questions.map((q) => q.daysLeft!).sort((a, b) => a - b));

  const committee = await villageTodoList(supervisor, now);
  expect(keys(committee).filter((k) => k.startsWith("period:"))).toEqual([]);
  expect(keys(committee)).toContain(`posting:${submitted.postingId}`);
  expect(keys(committee)).not.toContain(`posting:${returned.postingId}`);
  expect(committee.filter((i) => /^question:\d+$/.test(i.key)).map((i) => i.key)).toEqual(questions.map((q) => q.key));

  // The clerk resubmits the returned posting: it moves to the committee's list; returned again, back to the clerk's.
  expect(await submitPosting(contextOf(clerk, now), returned.postingId, { expectedVersion: returned.version, acknowledgeSensitive: true })).toMatchObject({ ok: true });
  items = await villageTodoList(clerk, now);
  expect(keys(items)).not.toContain(`posting:${returned.postingId}`);
  expect(keys(await villageTodoList(supervisor, now))).toContain(`posting:${returned.postingId}`);
  const [again] = await db.select().from(postingVersions).where(eq(postingVersions.id, returned.id));
  expect(await reviewPosting(contextOf(supervisor, now), returned.postingId, { expectedVersion: again!.version, decision: "return", opinion: "请附上验收照片。" })).toMatchObject({ ok: true });
  expect(keys(await villageTodoList(supervisor, now))).not.toContain(`posting:${returned.postingId}`);
  expect(keys(await villageTodoList(clerk, now))).toContain(`posting:${returned.postingId}`);
});

test("the 业务主管单位: establishments naming it that wait for its review, and the latest campaign's reports waiting for its 初审 by its deadline", async () => {
  const unit = await demoActor("supervising");
  const db = await getDb();
  const campaign = (await latestInspectionYear())!;
  const items = await unitTodoList(unit, now);
  const waitingApplications = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.kind, "establishment"), eq(applications.state, "submitted"), sql`${applications.proposed}->>'supervisingUnit' = ${demoSupervisingUnit}`, isNull(applications.unitDecision)));
  expect(waitingApplications.length).toBeGreaterThan(0);
  for (const a of waitingApplications.slice(0, shownPerKind)) expect(keys(items)).toContain(`application:${a.id}`);
  const reports = await db
    .select({ id: inspectionReports.id })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.year, campaign.year), eq(inspectionReports.state, "submitted"), eq(inspectionReports.unitName, demoSupervisingUnit), isNull(inspectionReports.unitDecision)));
  const shown = items.filter((i) => /^inspection:\d+$/.test(i.key));
  expect(shown.length).toBe(Math.min(shownPerKind, reports.length));
  for (const r of shown) expect(r).toMatchObject({ dueOn: campaign.supervisingDeadline, link: expect.stringMatching(new RegExp(`^/unit/inspections/${campaign.year}/reports/\\d+$`)) });
  // Another unit's account sees none of them.
  expect(await unitTodoList({ ...unit, supervisingUnit: "鲤城区不存在的局" }, now)).toEqual([]);
});

test("the administrator decides nothing: its 工作台 lists only how many applications are open, to read", async () => {
  const items = await officerTodoList(await demoActor("admin"), now);
  expect(items).toEqual([expect.objectContaining({ key: "applications", info: true, link: "/officer/applications" })]);
});
