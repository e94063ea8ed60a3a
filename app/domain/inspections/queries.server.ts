/**
 * Reading the annual inspection (年检): a year's figures and due list, the
 * organizations' own reports (drafts pre-filled from the register and last
 * year's report), the registry's lists and the abnormal-activity list. An
 * officer reads what their scope covers; an organization, its own.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, notExists, or, sql, type AnyColumn } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { abnormalListings, inspectionFiles, inspectionReports, inspectionSteps, inspectionYears, organizations, places, rectifications } from "../../../db/schema";
import type { InspectionConclusion, InspectionState } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, officerReachOrNull, reaches, withinReach } from "../../auth/scope.server";
import { isSessionRecentlyVerified } from "../../auth/verification.server";
import { forbidden, notFound } from "../shared/errors";
import {
  changedSinceLastYear,
  filingDeadlineOf,
  filingLate,
  dueCutoff,
  isDue,
  nextYearToOpen,
  notDueReason,
  prefillReport,
  preliminaryBasis,
  preliminaryLate,
  preliminaryUnitOf,
  reportFilterOf,
  reportProblems,
  withRegisterOfficers,
  type FiledInspectionState,
  type Report,
} from "./rules";
import { isRowId } from "../shared/ids";
import { annualReportKey } from "../credit/listings";
import { organizationTypeLabels, liveStatuses } from "../organizations/rules";
import { placeChoices } from "../places/queries.server";
import { settingState } from "../settings/queries.server";
import { daysBetween, shanghaiDate, startOfShanghaiDay } from "../shared/time";
import { rectificationState } from "../spot-checks/rules";

type Organization = typeof organizations.$inferSelect;

/* ------------------------------------------------------------------ years */

export async function inspectionYear(year: number) {
  const db = await getDb();
  const [row] = await db.select().from(inspectionYears).where(eq(inspectionYears.year, year));
  return row ?? null;
}

/** The latest campaign opened, or null before the first. */
export async function latestInspectionYear() {
  const db = await getDb();
  const [row] = await db.select().from(inspectionYears).orderBy(desc(inspectionYears.year)).limit(1);
  return row ?? null;
}

/**
 * An opened year as the registry's year page reads it, asked by the page's
 * actions before they read what was posted: a year not opened is a 404.
 */
export async function inspectionYearAccess(actor: Actor, year: number): Promise<void> {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  if (!(await inspectionYear(year))) notFound(`${year} 年度年检尚未开启。`);
}

/**
 * The organization's own year as its report page reads it, asked by the page's
 * actions first: an account without an organization, or a year not opened, is a 404.
 */
export async function ownReportAccess(actor: Actor, year: number): Promise<void> {
  if (!hasPermission(actor, "inspection:file") || !actor.organizationId) notFound("您的账号没有关联需要年检的社会组织。");
  if (!(await inspectionYear(year))) notFound(`${year} 年度年检尚未开启。`);
}

/** Registered organizations that year Y's inspection covers (see `isDue`), within a street when given. */
function dueCondition(year: number, streetId?: number) {
  return and(
    inArray(organizations.type, ["social_group", "private_non_enterprise", "foundation"]),
    inArray(organizations.status, [...liveStatuses]),
    lt(organizations.registeredOn, dueCutoff(year)),
    streetId ? eq(organizations.streetId, streetId) : undefined,
  );
}

/**
 * The organizations year Y covers, each with its report for Y if it has one:
 * one join, not a list of ids (a city's register has tens of thousands).
 */
async function dueWithReports(db: Database, year: number, streetId?: number) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      type: organizations.type,
      streetId: organizations.streetId,
      state: inspectionReports.state,
      conclusion: inspectionReports.conclusion,
      publishedAt: inspectionReports.publishedAt,
    })
    .from(organizations)
    .leftJoin(inspectionReports, and(eq(inspectionReports.organizationId, organizations.id), eq(inspectionReports.year, year)))
    .where(dueCondition(year, streetId));
}

/**
 * How many of year Y's due organizations, district-wide, have filed nothing and
 * are not on the abnormal-activity list: what the calendar puts to the registry
 * once the deadline has passed. Not for a page: it reads no actor's scope.
 */
export async function unlistedNonFilerCount(db: Database, year: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizations)
    .leftJoin(inspectionReports, and(eq(inspectionReports.organizationId, organizations.id), eq(inspectionReports.year, year)))
    .where(and(dueCondition(year), or(isNull(inspectionReports.state), eq(inspectionReports.state, "draft")), notExists(listedFor(db, year, organizations.id))));
  return row?.n ?? 0;
}

/** The listings for a year's non-filing, of one organization (for a NOT EXISTS) or all. */
function listedFor(db: Database, year: number, organizationId?: AnyColumn) {
  return db
    .select({ id: abnormalListings.organizationId })
    .from(abnormalListings)
    .where(and(eq(abnormalListings.sourceKey, annualReportKey(year)), organizationId ? eq(abnormalListings.organizationId, organizationId) : undefined));
}

/** The organizations listed for not filing a year's report (in force or since removed). */
async function listedForYear(year: number): Promise<number[]> {
  return (await listedFor(await getDb(), year)).map((r) => r.id);
}

/**
 * The registry's to-do from its calendar: each campaign whose non-filers the
 * calendar put to it and of which some are still not listed, newest first.
 */
export async function nonFilerProposals(actor: Actor): Promise<Array<{ year: number; proposedAt: Date; unlisted: number }>> {
  if (!hasPermission(actor, "inspection:review")) return [];
  const db = await getDb();
  const proposed = await db
    .select({ year: inspectionYears.year, proposedAt: inspectionYears.nonFilersProposedAt })
    .from(inspectionYears)
    .where(sql`${inspectionYears.nonFilersProposedAt} is not null`)
    .orderBy(desc(inspectionYears.year));
  const rows = [];
  for (const p of proposed) {
    const unlisted = await unlistedNonFilerCount(db, p.year);
    if (unlisted) rows.push({ year: p.year, proposedAt: p.proposedAt!, unlisted });
  }
  return rows;
}

/** The figure officers live by, and what is behind it: due, filed, returned, concluded, by kind and street. */
export async function yearOverview(actor: Actor, year: number, now: Date) {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  const db = await getDb();
  const settings = await inspectionYear(year);
  if (!settings) notFound(`${year} 年度年检尚未开启。`);
  const reach = officerReach(actor);
  const due = await dueWithReports(db, year, reach.streetId ?? undefined);
  const streets = await db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.level, ["street", "town"]));
  const streetName = new Map(streets.map((s) => [s.id, s.name]));
  type Tally = { due: number; filed: number; returned: number; concluded: number; notFiled: number };
  const empty = (): Tally => ({ due: 0, filed: 0, returned: 0, concluded: 0, notFiled: 0 });
  const total = empty();
  const byKind: Record<string, Tally> = {};
  const byStreet: Record<string, Tally> = {};
  const conclusions = { pass: 0, basic_pass: 0, fail: 0 };
  const notFiled: Array<{ id: number; name: string; type: Organization["type"]; street: string | null; state: InspectionState | null }> = [];
  for (const org of due) {
    const filed = org.state !== null && org.state !== "draft";
    const street = streetName.get(org.streetId ?? 0) ?? "未知";
    for (const tally of [total, (byKind[org.type] ??= empty()), (byStreet[street] ??= empty())]) {
      tally.due++;
      if (filed) tally.filed++;
      else tally.notFiled++;
      if (org.state === "returned") tally.returned++;
      if (org.state === "concluded") tally.concluded++;
    }
    if (org.conclusion) conclusions[org.conclusion]++;
    if (!filed) notFiled.push({ id: org.id, name: org.name, type: org.type, street, state: org.state ?? null });
  }
  const rate = (t: Tally) => (t.due ? t.filed / t.due : 0);
  const deadline = settings.registryDeadline;
  return {
    settings,
    total: { ...total, participationRate: rate(total) },
    byKind: Object.entries(byKind).map(([type, t]) => ({ type: type as Organization["type"], ...t, participationRate: rate(t) })),
    byStreet: Object.entries(byStreet).map(([street, t]) => ({ street, ...t, participationRate: rate(t) })),
    conclusions,
    notFiled: notFiled.sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
    daysToDeadline: daysBetween(now, startOfShanghaiDay(deadline)),
    pastDeadline: shanghaiDate(now) > deadline,
  };
}

type KindTally = { type: Organization["type"]; due: number; filed: number; participationRate: number; conclusions: Record<InspectionConclusion, number> };

/**
 * One year's figures by kind for the district or one street: due, filed, the
 * participation rate, and conclusions (only published ones when `publishedOnly`).
 */
export async function inspectionTally(year: number, options: { streetId?: number; publishedOnly: boolean }) {
  const db = await getDb();
  const concluded = (conclusion: InspectionConclusion) =>
    options.publishedOnly
      ? sql<number>`count(*) filter (where ${inspectionReports.conclusion} = ${conclusion} and ${inspectionReports.publishedAt} is not null)::int`
      : sql<number>`count(*) filter (where ${inspectionReports.conclusion} = ${conclusion})::int`;
  // Counted in the database: a city's year covers tens of thousands of organizations.
  const rows = await db
    .select({
      type: organizations.type,
      due: sql<number>`count(*)::int`,
      filed: sql<number>`count(*) filter (where ${inspectionReports.state} is not null and ${inspectionReports.state} <> 'draft')::int`,
      pass: concluded("pass"),
      basic_pass: concluded("basic_pass"),
      fail: concluded("fail"),
    })
    .from(organizations)
    .leftJoin(inspectionReports, and(eq(inspectionReports.organizationId, organizations.id), eq(inspectionReports.year, year)))
    .where(dueCondition(year, options.streetId))
    .groupBy(organizations.type)
    .orderBy(organizations.type);
  const byKind: KindTally[] = rows.map((r) => ({
    type: r.type,
    due: r.due,
    filed: r.filed,
    participationRate: r.due ? r.filed / r.due : 0,
    conclusions: { pass: r.pass, basic_pass: r.basic_pass, fail: r.fail },
  }));
  const total: Omit<KindTally, "type"> = { due: 0, filed: 0, participationRate: 0, conclusions: { pass: 0, basic_pass: 0, fail: 0 } };
  for (const k of byKind) {
    total.due += k.due;
    total.filed += k.filed;
    for (const c of ["pass", "basic_pass", "fail"] as const) total.conclusions[c] += k.conclusions[c];
  }
  total.participationRate = total.due ? total.filed / total.due : 0;
  return { year, ...total, byKind };
}

/* ------------------------------------------------------------------ reports */

/** The organization's report for a year; a new one is pre-filled from last year's report and the register. */
export async function ownReport(actor: Actor, year: number) {
  if (!hasPermission(actor, "inspection:file") || !actor.organizationId) notFound("您的账号没有关联需要年检的社会组织。");
  const db = await getDb();
  const settings = await inspectionYear(year);
  if (!settings) notFound(`${year} 年度年检尚未开启。`);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.organizationId));
  if (!org) notFound();
  const [[current], [lastYear]] = await Promise.all([
    db.select().from(inspectionReports).where(and(eq(inspectionReports.year, year), eq(inspectionReports.organizationId, org.id))),
    db.select().from(inspectionReports).where(and(eq(inspectionReports.year, year - 1), eq(inspectionReports.organizationId, org.id))),
  ]);
  const last = (lastYear?.report as Report | undefined) ?? null;
  const report = (current?.report as Report | undefined) ?? prefillReport(last);
  return {
    files: current ? await reportFiles(current.id) : [],
    organization: org,
    settings,
    due: isDue(org, year),
    report,
    lastYear: last,
    changed: changedSinceLastYear(report, last),
    row: current ?? null,
    problems: reportProblems(report),
  };
}

/** The attachments of a report, without their content. */
export async function reportFiles(reportId: number) {
  const db = await getDb();
  return db
    .select({ id: inspectionFiles.id, fileName: inspectionFiles.fileName, contentType: inspectionFiles.contentType, size: inspectionFiles.size, uploadedAt: inspectionFiles.uploadedAt })
    .from(inspectionFiles)
    .where(eq(inspectionFiles.reportId, reportId))
    .orderBy(asc(inspectionFiles.id));
}

/** A report's file with its content: for its organization and for officers whose scope covers it; 404 otherwise. */
export async function reportFileForActor(actor: Actor, fileId: number) {
  if (!isRowId(fileId)) notFound("找不到该文件。");
  const db = await getDb();
  const [row] = await db
    .select({ file: inspectionFiles, organizationId: inspectionReports.organizationId, state: inspectionReports.state, unitName: inspectionReports.unitName, streetId: organizations.streetId })
    .from(inspectionFiles)
    .innerJoin(inspectionReports, eq(inspectionReports.id, inspectionFiles.reportId))
    .innerJoin(organizations, eq(organizations.id, inspectionReports.organizationId))
    .where(eq(inspectionFiles.id, fileId));
  const reach = officerReachOrNull(actor);
  const allowed =
    !!row &&
    (actor.role === "association"
      ? actor.organizationId === row.organizationId
      : // A draft's files are the organization's own until it files the report; a filing's, the unit's it names too.
        row.state !== "draft" &&
        (hasPermission(actor, "inspection:preliminary")
          ? !!row.unitName && row.unitName === actor.supervisingUnit?.trim()
          : hasPermission(actor, "organization:read_internal") && reach !== null && reaches(reach, row.streetId)));
  if (!allowed) notFound("找不到该文件。");
  return row.file;
}

/**
 * A filed report of the year named within the officer's scope, as its review
 * page reads it (`reportReview`), asked by the page's actions first: otherwise a 404.
 */
export async function reportAccess(actor: Actor, year: number, reportId: number): Promise<void> {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  if (!isRowId(reportId)) notFound("找不到该年度报告。");
  const db = await getDb();
  const [row] = await db
    .select({ year: inspectionReports.year, state: inspectionReports.state, streetId: organizations.streetId })
    .from(inspectionReports)
    .innerJoin(organizations, eq(organizations.id, inspectionReports.organizationId))
    .where(eq(inspectionReports.id, reportId));
  if (!row || !reaches(officerReach(actor), row.streetId) || row.year !== year || row.state === "draft") notFound("找不到该年度报告。");
}

/**
 * A filed report of the year named that the 业务主管单位 reviews (the filing names it), as
 * its 初审 page reads it, asked by the page's actions first: otherwise a 404.
 */
export async function unitReportAccess(actor: Actor, year: number, reportId: number): Promise<void> {
  if (!hasPermission(actor, "inspection:preliminary")) forbidden();
  const unit = actor.supervisingUnit?.trim();
  if (!isRowId(reportId) || !unit) notFound("找不到该年度报告。");
  const db = await getDb();
  const [row] = await db
    .select({ year: inspectionReports.year, state: inspectionReports.state, unitName: inspectionReports.unitName })
    .from(inspectionReports)
    .where(eq(inspectionReports.id, reportId));
  if (!row || row.year !== year || row.state === "draft" || row.unitName !== unit) notFound("找不到该年度报告。");
}

/** A report with its organization, beside last year's, with its steps and files; null if there is none. */
async function reportDetail(reportId: number) {
  const db = await getDb();
  const [row] = await db
    .select({ report: inspectionReports, organization: organizations })
    .from(inspectionReports)
    .innerJoin(organizations, eq(organizations.id, inspectionReports.organizationId))
    .where(eq(inspectionReports.id, reportId));
  if (!row) return null;
  const [[lastYear], steps, files, settings] = await Promise.all([
    db.select().from(inspectionReports).where(and(eq(inspectionReports.year, row.report.year - 1), eq(inspectionReports.organizationId, row.organization.id))),
    reportSteps(reportId),
    reportFiles(reportId),
    inspectionYear(row.report.year),
  ]);
  const report = row.report.report as Report;
  const last = (lastYear?.report as Report | undefined) ?? null;
  return {
    ...row,
    lastYear: last,
    changed: changedSinceLastYear(report, last),
    steps,
    files,
    problems: reportProblems(report),
    supervisingDeadline: settings?.supervisingDeadline ?? null,
    preliminaryBasis: preliminaryBasis(row.organization.type),
  };
}

/** A report as the reviewing officer sees it: beside last year's. Street officers read their street's. */
export async function reportForReview(actor: Actor, reportId: number) {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  if (!isRowId(reportId)) notFound("找不到该年度报告。");
  const detail = await reportDetail(reportId);
  if (!detail || !reaches(officerReach(actor), detail.organization.streetId)) notFound("找不到该年度报告。");
  return detail;
}

/** A filed report naming the 业务主管单位, as its 初审 page shows it, and whether the unit may decide now. */
export async function unitReportReview(actor: Actor, year: number, reportId: number) {
  await unitReportAccess(actor, year, reportId);
  const detail = (await reportDetail(reportId))!;
  return { ...detail, canReview: detail.report.state === "submitted" && !detail.report.unitDecision };
}

/* ------------------------------------------------------------------ the organization's view */

/**
 * The organization's page of inspection years, newest first: for each, its
 * deadline, whether the organization is due (and why not), its own report's
 * state and conclusion, and whether it is late. Only the actor's own reports
 * are read; an account without an organization has no years.
 */
export async function ownInspectionYears(actor: Actor, now: Date) {
  if (!hasPermission(actor, "inspection:file")) forbidden();
  const none = { organizationName: null, unitName: null, years: [] };
  if (!actor.organizationId) return none;
  const db = await getDb();
  const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.organizationId));
  if (!org) return none;
  const [years, reports] = await Promise.all([
    db.select().from(inspectionYears).orderBy(desc(inspectionYears.year)),
    db
      .select({
        year: inspectionReports.year,
        state: inspectionReports.state,
        conclusion: inspectionReports.conclusion,
        submittedAt: inspectionReports.submittedAt,
        publishedAt: inspectionReports.publishedAt,
      })
      .from(inspectionReports)
      .where(eq(inspectionReports.organizationId, org.id)),
  ]);
  const byYear = new Map(reports.map((r) => [r.year, r]));
  const today = shanghaiDate(now);
  return {
    organizationName: org.name,
    unitName: preliminaryUnitOf(org),
    years: years.map((settings) => {
      const { year } = settings;
      const report = byYear.get(year);
      const notDue = !report && !isDue(org, year) ? notDueReason(org, year) : null;
      const state = report?.state ?? null;
      const deadline = filingDeadlineOf(org, settings);
      return {
        year,
        deadline,
        notDue,
        state,
        submittedAt: report?.submittedAt ?? null,
        conclusion: report?.conclusion ?? null,
        publishedAt: report?.publishedAt ?? null,
        late: !notDue && filingLate({ state }, deadline, today),
      };
    }),
  };
}

/** A report's steps, oldest first: who returned it and why, and the conclusion. */
export async function reportSteps(reportId: number) {
  const db = await getDb();
  return db
    .select()
    .from(inspectionSteps)
    .where(eq(inspectionSteps.reportId, reportId))
    .orderBy(asc(inspectionSteps.at), asc(inspectionSteps.id));
}

/* ------------------------------------------------------------------ the registry's lists */

/** The years opened, newest first, with their deadlines and participation within the actor's scope. */
export async function inspectionYearList(actor: Actor, now: Date) {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  const db = await getDb();
  const years = await db.select().from(inspectionYears).orderBy(desc(inspectionYears.year));
  const rows = [];
  for (const settings of years) {
    const overview = await yearOverview(actor, settings.year, now);
    rows.push({ ...settings, ...overview.total, pastDeadline: overview.pastDeadline, daysToDeadline: overview.daysToDeadline });
  }
  return rows;
}

const filedStates: FiledInspectionState[] = ["submitted", "returned", "concluded"];

/** A year's filed reports (drafts stay the organization's), oldest submission first; street officers read their street's. */
export async function reportsOfYear(actor: Actor, year: number, options: { state?: FiledInspectionState } = {}) {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  const reach = officerReachOrNull(actor);
  if (!reach) return [];
  const db = await getDb();
  const street = alias(places, "street");
  const conditions = [eq(inspectionReports.year, year), inArray(inspectionReports.state, options.state ? [options.state] : filedStates), withinReach(reach, organizations.streetId)];
  return db
    .select({
      id: inspectionReports.id,
      organizationId: organizations.id,
      name: organizations.name,
      type: organizations.type,
      street: street.name,
      state: inspectionReports.state,
      submittedAt: inspectionReports.submittedAt,
      conclusion: inspectionReports.conclusion,
      publishedAt: inspectionReports.publishedAt,
      unitName: inspectionReports.unitName,
      unitDecision: inspectionReports.unitDecision,
    })
    .from(inspectionReports)
    .innerJoin(organizations, eq(organizations.id, inspectionReports.organizationId))
    .leftJoin(street, eq(street.id, organizations.streetId))
    .where(and(...conditions))
    .orderBy(asc(inspectionReports.submittedAt), asc(inspectionReports.id));
}

/* ------------------------------------------------------------------ pages */

/**
 * The organization's report page for a year: the report (a first one names
 * the register's legal representative among its officers), why the
 * organization is not due if it is not, whether the deadline has passed, and
 * whether the report can still be edited.
 */
export async function reportPage(actor: Actor, year: number, now: Date) {
  const own = await ownReport(actor, year);
  const { organization, row } = own;
  const notDue = !row && !own.due ? notDueReason(organization, year) : null;
  const deadline = filingDeadlineOf(organization, own.settings);
  return {
    year,
    deadline,
    registryDeadline: own.settings.registryDeadline,
    unitName: preliminaryUnitOf(organization),
    preliminaryBasis: preliminaryBasis(organization.type),
    pastDeadline: shanghaiDate(now) > deadline,
    organization,
    notDue,
    report: row ? own.report : withRegisterOfficers(own.report, organization.legalRepresentative),
    lastYear: own.lastYear,
    changed: own.changed,
    row,
    files: own.files,
    steps: row ? await reportSteps(row.id) : [],
    correction: row ? await correctionOf(row.id, now) : null,
    editable: !notDue && (!row || row.state === "draft" || row.state === "returned"),
  };
}

/**
 * A filed report of the year named, within the actor's scope, and whether the
 * actor may decide on it. Of another year, or still a draft (the
 * organization's own until filed), it is not found.
 */
export async function reportReview(actor: Actor, year: number, reportId: number, now: Date) {
  const detail = await reportForReview(actor, reportId);
  if (detail.report.year !== year || detail.report.state === "draft") notFound("找不到该年度报告。");
  return { ...detail, canReview: hasPermission(actor, "inspection:review"), correction: await correctionOf(reportId, now), today: shanghaiDate(now) };
}

/** The corrections a published 基本合格 ordered, with where they stand today; null where none were ordered. */
export async function correctionOf(reportId: number, now: Date) {
  const db = await getDb();
  const [r] = await db.select().from(rectifications).where(eq(rectifications.inspectionReportId, reportId));
  return r ? { ...r, state: rectificationState(r, shanghaiDate(now)) } : null;
}

/**
 * Corrections of published 基本合格 conclusions the organizations have reported
 * and the registry has still to verify, within the officer's reach, the
 * earliest report first.
 */
export async function correctionsToVerify(actor: Actor) {
  if (!hasPermission(actor, "inspection:review")) return [];
  const db = await getDb();
  return db
    .select({ reportId: inspectionReports.id, year: inspectionReports.year, name: organizations.name, answeredOn: rectifications.answeredOn, deadline: rectifications.deadline })
    .from(rectifications)
    .innerJoin(inspectionReports, eq(inspectionReports.id, rectifications.inspectionReportId))
    .innerJoin(organizations, eq(organizations.id, rectifications.organizationId))
    .where(and(isNull(rectifications.verdict), isNotNull(rectifications.answeredOn), withinReach(officerReach(actor), organizations.streetId)))
    .orderBy(asc(rectifications.answeredOn), asc(rectifications.id));
}

/** The registry's list of years, and the year it may open next (none for those who may not open one). */
export async function inspectionYearsPage(actor: Actor, now: Date) {
  const canOpen = hasPermission(actor, "inspection:review");
  const [years, opensOn, recent] = await Promise.all([
    inspectionYearList(actor, now),
    settingState("campaignOpensOn"),
    canOpen ? isSessionRecentlyVerified(actor, now) : Promise.resolve(true),
  ]);
  const suggestedYear = canOpen ? nextYearToOpen(years.map((y) => y.year), shanghaiDate(now)) : null;
  return { years, suggestedYear, opensOn, canChangeOpensOn: canOpen, needsReverify: !recent };
}

/**
 * A year's page for the registry: its figures (kinds in the register's order,
 * streets in the district's), its filed reports as the filter asks, who has not
 * filed and who of them is listed already, the conclusions waiting to be
 * published, and what the actor may do: review, list (once the deadline has
 * passed), publish (with the password given within 10 minutes).
 */
export async function yearPage(actor: Actor, year: number, requestedState: string | null, now: Date) {
  const filter = reportFilterOf(requestedState);
  const canReview = hasPermission(actor, "inspection:review");
  const overview = await yearOverview(actor, year, now);
  const [reports, concluded, listed, units, recent] = await Promise.all([
    reportsOfYear(actor, year, { state: filter === "all" ? undefined : filter }),
    canReview ? reportsOfYear(actor, year, { state: "concluded" }) : Promise.resolve([]),
    listedForYear(year),
    placeChoices(),
    canReview ? isSessionRecentlyVerified(actor, now) : Promise.resolve(true),
  ]);
  const kindOrder = Object.keys(organizationTypeLabels);
  const streetOrder = units.map((u) => u.name);
  const rank = (order: string[], key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const listedIds = new Set(listed);
  const { settings } = overview;
  return {
    year,
    scopeName: actor.role === "street_officer" ? (units.find((u) => u.id === actor.placeId)?.name ?? "本街道") : "全区",
    settings: { supervisingDeadline: settings.supervisingDeadline, registryDeadline: settings.registryDeadline, version: settings.version, nonFilersProposedAt: settings.nonFilersProposedAt, nonFilersProposed: settings.nonFilersProposed },
    total: overview.total,
    byKind: overview.byKind.sort((a, b) => rank(kindOrder, a.type) - rank(kindOrder, b.type)),
    byStreet: overview.byStreet.sort((a, b) => rank(streetOrder, a.street) - rank(streetOrder, b.street)),
    conclusions: overview.conclusions,
    pastDeadline: overview.pastDeadline,
    daysToDeadline: overview.daysToDeadline,
    notFiled: overview.notFiled.map((o) => ({ ...o, listed: listedIds.has(o.id) })),
    reports,
    filter,
    unpublished: concluded.filter((r) => !r.publishedAt).map((r) => r.id),
    /** The same, named, for the confirmation that says whose conclusions will be published. */
    toPublish: concluded.filter((r) => !r.publishedAt).map((r) => ({ id: r.id, name: r.name, conclusion: r.conclusion })),
    canReview,
    canList: canReview && overview.pastDeadline,
    needsReverify: !recent,
    today: shanghaiDate(now),
  };
}

/* ------------------------------------------------------------------ the 业务主管单位's view */

/**
 * The 业务主管单位's page of a campaign (the latest unless one is asked for): every
 * organization it supervises that the campaign covers, with its report's state and
 * the unit's 初审 — the filings waiting for it first, late ones marked once its
 * deadline has passed — and the years it may look at.
 */
export async function unitInspectionPage(actor: Actor, requestedYear: number | null, now: Date) {
  if (!hasPermission(actor, "inspection:preliminary")) forbidden();
  const unit = actor.supervisingUnit?.trim() ?? "";
  const db = await getDb();
  const years = await db.select().from(inspectionYears).orderBy(desc(inspectionYears.year));
  const settings = (requestedYear ? years.find((y) => y.year === requestedYear) : years[0]) ?? null;
  if (requestedYear && !settings) notFound(`${requestedYear} 年度年检尚未开启。`);
  if (!settings || !unit) return { unit, years: years.map((y) => y.year), settings, rows: [], tally: { due: 0, filed: 0, waiting: 0, agreed: 0, late: 0 } };
  const today = shanghaiDate(now);
  const found = await db
    .select({
      organizationId: organizations.id,
      name: organizations.name,
      type: organizations.type,
      reportId: inspectionReports.id,
      state: inspectionReports.state,
      submittedAt: inspectionReports.submittedAt,
      unitName: inspectionReports.unitName,
      unitDecision: inspectionReports.unitDecision,
      unitDecidedAt: inspectionReports.unitDecidedAt,
      conclusion: inspectionReports.conclusion,
    })
    .from(organizations)
    .leftJoin(inspectionReports, and(eq(inspectionReports.organizationId, organizations.id), eq(inspectionReports.year, settings.year)))
    // The organizations the register puts under the unit, and any whose filing named it before a change.
    .where(and(dueCondition(settings.year), or(eq(organizations.supervisingUnit, unit), eq(inspectionReports.unitName, unit))));
  const rows = found.map((r) => {
    const filedHere = r.state !== null && r.state !== "draft" && r.unitName === unit;
    const waiting = filedHere && r.state === "submitted" && !r.unitDecision;
    return {
      ...r,
      reportId: filedHere ? r.reportId : null,
      filed: r.state !== null && r.state !== "draft",
      waiting,
      late: filedHere && preliminaryLate({ state: r.state!, unitName: r.unitName, unitDecision: r.unitDecision }, settings.supervisingDeadline, today),
    };
  });
  const rank = (r: (typeof rows)[number]) => (r.waiting ? 0 : !r.filed ? 1 : 2);
  rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "zh-CN"));
  return {
    unit,
    years: years.map((y) => y.year),
    settings,
    rows,
    tally: {
      due: rows.length,
      filed: rows.filter((r) => r.filed).length,
      waiting: rows.filter((r) => r.waiting).length,
      agreed: rows.filter((r) => r.unitDecision === "agreed" && r.reportId).length,
      late: rows.filter((r) => r.late).length,
    },
  };
}
