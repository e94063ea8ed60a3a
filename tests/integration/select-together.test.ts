/**
 * preparedTogether (app/domain/shared/select-together.server.ts) reads several
 * selects in one statement and must give back exactly what each select gives
 * when drizzle runs it alone: the same rows in the same order, with dates,
 * timestamps, JSON documents, arrays, enums and left joins that found nothing
 * decoded alike. Checked on the demo district's organizations whose public
 * record has something in every list, and on postings with files, corrections
 * and questions. The selects are the pages' own (publicRecordSelects,
 * publicPostingPageSelects).
 */
import { eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { beforeAll, expect, test } from "vitest";
import { databaseKind, getDb, getDbForKeyedReads } from "../../db/client.server";
import {
  abnormalListings,
  applicationFiles,
  applications,
  checkItems,
  checkPlans,
  committeeTerms,
  evaluations,
  inspectionReports,
  organizationChanges,
  organizationParty,
  organizations,
  otherCreditItems,
  partyAdmissions,
  penalties,
  places,
  postingQuestions,
  publicContactNumbers,
  postingVersions,
  seriousListings,
} from "../../db/schema";
import { applicationDetailSelects } from "../../app/domain/applications/queries.server";
import { officerRecordSelects } from "../../app/domain/organizations/officer-record.server";
import { publicRecordSelects } from "../../app/domain/organizations/public.server";
import { villagePageSelects } from "../../app/domain/places/public.server";
import { associationCountings } from "../../app/domain/committees/coverage";
import { publicPostingPageSelects } from "../../app/domain/postings/public.server";
import { preparedTogether } from "../../app/domain/shared/select-together.server";
import { addPostingFiles, createPosting, reviewPosting, submitPosting } from "../../app/domain/postings/commands.server";
import { previousMonth } from "../../app/domain/postings/rules";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";
import { openVersion } from "../setup/postings";

const recordTogether = preparedTogether("test_record_together", (db) => publicRecordSelects(db, sql.placeholder("id")));
const officerRecordTogether = preparedTogether("test_officer_record_together", (db) => officerRecordSelects(db, sql.placeholder("id")));
const applicationTogether = preparedTogether("test_application_together", (db) => applicationDetailSelects(db, sql.placeholder("id")));
const postingTogether = preparedTogether("test_posting_together", (db) => publicPostingPageSelects(db, sql.placeholder("id")));

/** Each select run alone, as drizzle decodes it. */
async function alone<T extends Record<string, PromiseLike<unknown>>>(selects: T) {
  const entries = await Promise.all(Object.entries(selects).map(async ([key, select]) => [key, await select] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}

/** A few ids of `column` in `from`. */
async function ids(column: PgColumn, from: PgTable, where?: SQL): Promise<number[]> {
  const db = await getDb();
  const rows = await db.selectDistinct({ id: column }).from(from).where(where).limit(4);
  return rows.map((r) => Number(r.id));
}

let records: number[] = [];
let postingIds: number[] = [];

/** A published posting with a file (the demo's have none), through the clerk's and the committee's steps. */
async function postingWithFile(): Promise<number> {
  const [clerk, supervisor] = await Promise.all([demoActor("clerk"), demoActor("supervisor")]);
  const now = new Date();
  const created = await createPosting(contextOf(clerk, now), {
    kind: "subsistence_allowance",
    period: previousMonth(shanghaiDate(now)).key,
    title: "低保对象名单公示",
    body: "以下对象经评议纳入最低生活保障。",
    tableRows: [{ name: "陈阿水", idNumber: "", members: "2", amount: "1660.00", note: "" }],
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const id = created.value.id;
  expect((await addPostingFiles(contextOf(clerk, now), id, [{ name: "名单.pdf", content: new TextEncoder().encode("%PDF-1.4\n%test\n") }])).ok).toBe(true);
  expect((await submitPosting(contextOf(clerk, now), id, { expectedVersion: (await openVersion(id)).version, acknowledgeSensitive: true })).ok).toBe(true);
  const approved = await reviewPosting(contextOf(supervisor, now), id, { expectedVersion: (await openVersion(id)).version, decision: "approve", opinion: "经审核，同意公开。" });
  expect(approved.ok).toBe(true);
  return id;
}

beforeAll(async () => {
  await loadDemoDistrict();
  const db = await getDb();
  // Every demo organization has a community or village; a district-level one without is read here too.
  const withoutCommunity = await db
    .update(organizations)
    .set({ placeId: null })
    .where(eq(organizations.id, db.select({ id: organizations.id }).from(organizations).where(eq(organizations.type, "social_group")).limit(1)))
    .returning({ id: organizations.id });
  records = [
    ...new Set([
      ...(await ids(organizationChanges.organizationId, organizationChanges)),
      ...(await ids(inspectionReports.organizationId, inspectionReports, isNotNull(inspectionReports.publishedAt))),
      ...(await ids(penalties.organizationId, penalties)),
      ...(await ids(abnormalListings.organizationId, abnormalListings)),
      ...(await ids(seriousListings.organizationId, seriousListings)),
      // Items of published plans: the record shows no other (which plans the demo has published depends on the day).
      ...(await ids(checkItems.organizationId, checkItems, inArray(checkItems.planId, db.select({ id: checkPlans.id }).from(checkPlans).where(isNotNull(checkPlans.publishedAt))))),
      ...(await ids(evaluations.organizationId, evaluations, isNotNull(evaluations.awardedOn))),
      ...(await ids(otherCreditItems.organizationId, otherCreditItems)),
      ...(await ids(organizationParty.organizationId, organizationParty)),
      ...(await ids(partyAdmissions.organizationId, partyAdmissions)),
      ...(await ids(inspectionReports.organizationId, inspectionReports, eq(inspectionReports.state, "submitted"))),
      ...withoutCommunity.map((r) => r.id),
      // No such organization: every list empty, the record none.
      999_999,
    ]),
  ];
  postingIds = [
    ...new Set([
      await postingWithFile(),
      ...(await ids(postingQuestions.postingId, postingQuestions, isNotNull(postingQuestions.answer))),
      ...(await ids(postingVersions.postingId, postingVersions, eq(postingVersions.number, 2))),
      999_999,
    ]),
  ];
});

test("an organization's record read in one statement is what its selects read alone", async () => {
  const db = await getDb();
  const seen = { changes: 0, reports: 0, penalties: 0, abnormal: 0, serious: 0, checks: 0, grades: 0, otherCredit: 0, noCommunity: 0, missing: 0 };
  for (const id of records) {
    const together = await recordTogether(db, { id });
    expect(together, `organization ${id}`).toEqual(await alone(publicRecordSelects(db, id)));
    for (const key of ["changes", "reports", "penalties", "abnormal", "serious", "checks", "grades", "otherCredit"] as const) if (together[key].length) seen[key]++;
    const [row] = together.record;
    if (!row) seen.missing++;
    else if (row.community === null) seen.noCommunity++;
  }
  // Every kind of list was compared with rows in it, and a record without a community (its left join found nothing: null, not an object of nulls).
  for (const [key, count] of Object.entries(seen)) expect(count, key).toBeGreaterThan(0);
  const [first] = (await recordTogether(db, { id: records[0]! })).record;
  expect(first!.organization.registeredOn === null || typeof first!.organization.registeredOn === "string").toBe(true);
});

test("an organization's record as officers read it, in one statement, is what its selects read alone", async () => {
  const db = await getDb();
  const seen = { changes: 0, penalties: 0, abnormal: 0, serious: 0, party: 0, admissions: 0, latestReport: 0, missing: 0 };
  for (const id of records) {
    const together = await officerRecordTogether(db, { id });
    expect(together, `organization ${id}`).toEqual(await alone(officerRecordSelects(db, id)));
    for (const key of ["changes", "penalties", "abnormal", "serious", "party", "admissions", "latestReport"] as const) if (together[key].length) seen[key]++;
    if (!together.record.length) seen.missing++;
  }
  for (const [key, count] of Object.entries(seen)) expect(count, key).toBeGreaterThan(0);
  // The annual report's document (jsonb) comes back as an object, as drizzle gives it.
  const filed = await ids(inspectionReports.organizationId, inspectionReports, eq(inspectionReports.state, "submitted"));
  const [latest] = (await officerRecordTogether(db, { id: filed[0]! })).latestReport;
  expect(typeof latest!.report).toBe("object");
});

test("an application's page read in one statement is what its selects read alone", async () => {
  const db = await getDb();
  const applicationIds = [
    ...new Set([
      ...(await ids(applicationFiles.applicationId, applicationFiles)),
      ...(await ids(applications.id, applications, isNotNull(applications.organizationId))),
      ...(await ids(applications.id, applications, isNull(applications.organizationId))),
      ...(await ids(applications.id, applications, isNotNull(applications.applicantUserId))),
      999_999,
    ]),
  ];
  const seen = { files: 0, steps: 0, organization: 0, place: 0, applicant: 0, noOrganization: 0 };
  for (const id of applicationIds) {
    const together = await applicationTogether(db, { id });
    expect(together, `application ${id}`).toEqual(await alone(applicationDetailSelects(db, id)));
    if (together.files.length) seen.files++;
    if (together.steps.length) seen.steps++;
    if (together.organization.length) seen.organization++;
    else if (id !== 999_999) seen.noOrganization++;
    if (together.names[0]?.place) seen.place++;
    if (together.names[0]?.applicant) seen.applicant++;
  }
  for (const [key, count] of Object.entries(seen)) expect(count, key).toBeGreaterThan(0);
});

test("a village's page read in one statement is what its selects read alone, under either counting rule", async () => {
  const db = await getDb();
  // A number the village's titles may show (the demo lists none).
  const [village] = await ids(committeeTerms.placeId, committeeTerms);
  const clerk = await demoActor("clerk");
  await db.insert(publicContactNumbers).values({ placeId: village!, kind: "mobile", digits: "13900000001", label: "村委会值班电话", markedBy: clerk.userId, markedAt: new Date() });
  const placeIds = [
    ...new Set([
      ...(await ids(committeeTerms.placeId, committeeTerms)),
      ...(await ids(publicContactNumbers.placeId, publicContactNumbers)),
      ...(await ids(organizations.placeId, organizations, eq(organizations.type, "community"))),
      ...(await ids(places.id, places, eq(places.level, "village"))),
      999_999,
    ]),
  ];
  // The compliance window of some day: a year back, so every village's periods are in it.
  const from = `${Number(shanghaiDate(new Date()).slice(0, 4)) - 1}-01-01`;
  const seen = { terms: 0, members: 0, postings: 0, publicNumbers: 0, published: 0, associations: 0, byType: 0, parent: 0, serviceCentre: 0 };
  for (const counting of associationCountings) {
    const together = preparedTogether(`test_village_together_${counting}`, (db) => villagePageSelects(db, sql.placeholder("id"), sql.placeholder("from"), counting));
    for (const id of placeIds) {
      const rows = await together(db, { id, from });
      expect(rows, `place ${id}, ${counting}`).toEqual(await alone(villagePageSelects(db, id, from, counting)));
      for (const key of Object.keys(seen) as Array<keyof typeof seen>) if (rows[key].length) seen[key]++;
    }
  }
  for (const [key, count] of Object.entries(seen)) expect(count, key).toBeGreaterThan(0);
});

test("a posting's page read in one statement is what its selects read alone", async () => {
  const db = await getDb();
  const seen = { files: 0, versions: 0, questions: 0 };
  for (const id of postingIds) {
    const together = await postingTogether(db, { id });
    expect(together, `posting ${id}`).toEqual(await alone(publicPostingPageSelects(db, id)));
    if (together.files.length) seen.files++;
    if (together.versions.length > 1) seen.versions++;
    if (together.questions.length) seen.questions++;
  }
  for (const [key, count] of Object.entries(seen)) expect(count, key).toBeGreaterThan(0);
  // Timestamps come back as dates, as drizzle gives them.
  const [version] = (await postingTogether(db, { id: postingIds[0]! })).versions;
  expect(version!.publishedAt).toBeInstanceOf(Date);
});

test("pages read by key go to connections that keep PostgreSQL's generic plans; the others force a plan per run", async () => {
  const mode = async (db: Awaited<ReturnType<typeof getDb>>) => (await db.select({ mode: sql<string>`current_setting('plan_cache_mode')` }).from(sql`(select 1) as one`))[0]!.mode;
  const [main, keyed] = [await getDb(), await getDbForKeyedReads()];
  if (databaseKind() === "postgres") {
    // The search's fragments need a plan for their own values; a statement of `id = $1` subqueries does not.
    expect(await mode(main)).toBe("force_custom_plan");
    expect(await mode(keyed)).toBe("auto");
  } else {
    expect(keyed).toBe(main);
  }
});
