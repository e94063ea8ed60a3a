/**
 * The annual inspection (年检): opening a year, the due list, organizations'
 * reports (drafts pre-filled from the register and last year's report), the
 * registry's review and conclusion, publication, and the abnormal-activity
 * list. Every write checks permission, runs in one transaction, claims its
 * row by version where two people may act at once, and writes the audit log.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { abnormalListings, inspectionFiles, inspectionReports, inspectionSteps, inspectionYears, organizations, places } from "../../../db/schema";
import type { InspectionConclusion, InspectionState } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, officerReachOrNull, reaches, withinReach } from "../../auth/scope.server";
import { requireRecentVerification } from "../../auth/verification.server";
import { storedAttachment, uploadProblems, type Upload } from "../shared/attachments.server";
import { recordAudit } from "../audit/audit.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import {
  changedSinceLastYear,
  deadlineProblems,
  defaultDeadlines,
  inspectionRefusal,
  inspectionTransitions,
  isDue,
  reportProblems,
  seriousViolationDue,
  type InspectionAction,
  type Report,
} from "./rules";
import { isRowId } from "../shared/ids";
import { recordOrganizationChange } from "../organizations/history.server";
import { daysBetween, parseIsoDate, shanghaiDate, startOfShanghaiDay } from "../shared/time";

type ReportRow = typeof inspectionReports.$inferSelect;
type Organization = typeof organizations.$inferSelect;
const staleMessage = "该年度报告已被其他人处理或修改，请刷新页面查看最新状态后再操作。";

function requireReviewer(actor: Actor | null): Actor {
  if (!actor || !hasPermission(actor, "inspection:review")) forbidden();
  return actor;
}

/* ------------------------------------------------------------------ years */

export async function openInspectionYear(
  ctx: ActionContext,
  input: { year: number; supervisingDeadline?: string; registryDeadline?: string },
): Promise<WriteResult<{ year: number }>> {
  requireReviewer(ctx.actor);
  const defaults = defaultDeadlines(input.year);
  const values = {
    year: input.year,
    supervisingDeadline: input.supervisingDeadline ?? defaults.supervisingDeadline,
    registryDeadline: input.registryDeadline ?? defaults.registryDeadline,
    openedAt: ctx.now,
    openedBy: ctx.actor?.userId ?? null,
  };
  const problems = deadlineProblems(input.year, values);
  if (Object.keys(problems).length) return { ok: false, fieldErrors: problems };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(inspectionYears).where(eq(inspectionYears.year, input.year));
    if (existing) return { ok: false, fieldErrors: { year: [`${input.year} 年度年检已经开启`] } };
    await tx.insert(inspectionYears).values(values);
    await recordAudit(tx, ctx, { action: "inspection.open_year", entityType: "inspection_year", entityId: input.year, after: values });
    return { ok: true, value: { year: input.year } };
  });
}

export async function changeDeadlines(
  ctx: ActionContext,
  year: number,
  input: { supervisingDeadline: string; registryDeadline: string; version: number },
): Promise<WriteResult<null>> {
  requireReviewer(ctx.actor);
  const problems = deadlineProblems(year, input);
  if (Object.keys(problems).length) return { ok: false, fieldErrors: problems };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(inspectionYears).where(eq(inspectionYears.year, year));
    if (!before) notFound("该年度年检尚未开启。");
    const [after] = await tx
      .update(inspectionYears)
      .set({ supervisingDeadline: input.supervisingDeadline, registryDeadline: input.registryDeadline, version: before.version + 1 })
      .where(and(eq(inspectionYears.year, year), eq(inspectionYears.version, input.version)))
      .returning();
    if (!after) return { ok: false, formError: "截止日期已被其他人修改，请刷新后重试。" };
    await recordAudit(tx, ctx, { action: "inspection.change_deadlines", entityType: "inspection_year", entityId: year, before, after });
    return { ok: true, value: null };
  });
}

export async function inspectionYear(year: number) {
  const db = await getDb();
  const [row] = await db.select().from(inspectionYears).where(eq(inspectionYears.year, year));
  return row ?? null;
}

/** Registered organizations that year Y's inspection covers (see `isDue`), within a street when given. */
function dueCondition(year: number, streetId?: number) {
  return and(
    inArray(organizations.type, ["social_group", "private_non_enterprise", "foundation"]),
    inArray(organizations.status, ["normal", "abnormal"]),
    lt(organizations.registeredOn, `${year - 1}-07-01`),
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

/** Each opened year's public figures for the whole district; conclusions counted only once published. */
export async function publicInspectionFigures() {
  const db = await getDb();
  const years = await db.select({ year: inspectionYears.year }).from(inspectionYears).orderBy(desc(inspectionYears.year));
  const figures = [];
  for (const { year } of years) {
    const { due, filed, participationRate, conclusions } = await inspectionTally(year, { publishedOnly: true });
    figures.push({ year, due, filed, participationRate, conclusions });
  }
  return figures;
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
  const report = (current?.report as Report | undefined) ?? prefill(last);
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

/** Last year's figures carried forward: the closing net assets open this year; the declaration is made anew. */
function prefill(last: Report | null): Report {
  if (!last) return { recordChanged: "no" };
  const { declaration: _declaration, ...rest } = last;
  return { ...rest, netAssetsStart: last.netAssetsEnd, recordChanged: "no", recordChanges: undefined };
}

async function claimOwnReport(db: Database, actor: Actor, year: number, now: Date): Promise<ReportRow & { fresh?: boolean }> {
  if (!hasPermission(actor, "inspection:file") || !actor.organizationId) notFound("您的账号没有关联需要年检的社会组织。");
  const organizationId = actor.organizationId;
  const find = async () =>
    (await db.select().from(inspectionReports).where(and(eq(inspectionReports.year, year), eq(inspectionReports.organizationId, organizationId))))[0];
  const existing = await find();
  if (existing) return existing;
  const settings = await inspectionYear(year);
  if (!settings) notFound(`${year} 年度年检尚未开启。`);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org || !isDue(org, year)) notFound("本组织不在该年度年检范围内。");
  const [last] = await db.select().from(inspectionReports).where(and(eq(inspectionReports.year, year - 1), eq(inspectionReports.organizationId, organizationId)));
  const [created] = await db
    .insert(inspectionReports)
    .values({ year, organizationId, state: "draft", report: prefill((last?.report as Report | undefined) ?? null), createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (created) return { ...created, fresh: true };
  // Another request created it between our look and our insert.
  return (await find())!;
}

/** Saves the draft as typed; a submitted or concluded report is read-only. */
export async function saveReport(
  ctx: ActionContext,
  year: number,
  input: { version: number | null; report: Report },
): Promise<WriteResult<ReportRow>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const row = await claimOwnReport(db, actor, year, ctx.now);
  if (row.state === "concluded") return { ok: false, formError: "该年度报告已作出年检结论，不能再修改。" };
  if (row.state === "submitted") return { ok: false, formError: "年度报告已报送，不能再修改；如需修改请联系登记管理机关退回。" };
  // A page loaded before the report existed has no version: once the report exists, it is stale.
  if (input.version === null ? !row.fresh : input.version !== row.version) return { ok: false, formError: staleMessage };
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(inspectionReports)
      .set({ report: input.report, updatedAt: ctx.now, version: row.version + 1 })
      .where(and(eq(inspectionReports.id, row.id), eq(inspectionReports.version, row.version)))
      .returning();
    if (!saved) return { ok: false, formError: staleMessage };
    await recordAudit(tx, ctx, { action: "inspection.save", entityType: "inspection_report", entityId: row.id, before: row.report, after: input.report });
    return { ok: true, value: saved };
  });
}

/* ------------------------------------------------------------------ attachments */

const editableReportStates: InspectionState[] = ["draft", "returned"];

/** Claims a report for a change of its files: only while editable, so nothing changes after submission. */
async function claimEditableReport(tx: Database, reportId: number, now: Date): Promise<boolean> {
  const [claimed] = await tx
    .update(inspectionReports)
    .set({ version: sql`${inspectionReports.version} + 1`, updatedAt: now })
    .where(and(eq(inspectionReports.id, reportId), inArray(inspectionReports.state, editableReportStates)))
    .returning({ id: inspectionReports.id });
  return !!claimed;
}

/** Attaches documents to the organization's own report while it is a draft or returned. */
export async function attachReportFiles(ctx: ActionContext, year: number, files: Upload[]): Promise<WriteResult<number>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const row = await claimOwnReport(db, actor, year, ctx.now);
  if (!editableReportStates.includes(row.state)) return { ok: false, formError: "年度报告已报送或已作结论，不能再添加材料。" };
  const problems = uploadProblems(files);
  if (problems.length) return { ok: false, fieldErrors: { files: problems } };
  return db.transaction(async (tx) => {
    if (!(await claimEditableReport(tx, row.id, ctx.now))) return { ok: false, formError: staleMessage };
    for (const file of files) {
      const [stored] = await tx
        .insert(inspectionFiles)
        .values({ reportId: row.id, ...storedAttachment(file, actor.userId, ctx.now) })
        .returning({ id: inspectionFiles.id, fileName: inspectionFiles.fileName, sha256: inspectionFiles.sha256 });
      await recordAudit(tx, ctx, { action: "inspection.attach", entityType: "inspection_report", entityId: row.id, after: stored });
    }
    return { ok: true, value: files.length };
  });
}

export async function removeReportFile(ctx: ActionContext, year: number, fileId: number): Promise<WriteResult<null>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  if (!isRowId(fileId)) notFound("找不到该文件。");
  const db = await getDb();
  const row = await claimOwnReport(db, actor, year, ctx.now);
  if (!editableReportStates.includes(row.state)) return { ok: false, formError: "年度报告已报送或已作结论，不能再删除材料。" };
  return db.transaction(async (tx) => {
    if (!(await claimEditableReport(tx, row.id, ctx.now))) return { ok: false, formError: staleMessage };
    const [removed] = await tx
      .delete(inspectionFiles)
      .where(and(eq(inspectionFiles.id, fileId), eq(inspectionFiles.reportId, row.id)))
      .returning({ id: inspectionFiles.id, fileName: inspectionFiles.fileName, sha256: inspectionFiles.sha256 });
    if (!removed) notFound("找不到该文件。");
    await recordAudit(tx, ctx, { action: "inspection.remove_file", entityType: "inspection_report", entityId: row.id, before: removed });
    return { ok: true, value: null };
  });
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
    .select({ file: inspectionFiles, organizationId: inspectionReports.organizationId, state: inspectionReports.state, streetId: organizations.streetId })
    .from(inspectionFiles)
    .innerJoin(inspectionReports, eq(inspectionReports.id, inspectionFiles.reportId))
    .innerJoin(organizations, eq(organizations.id, inspectionReports.organizationId))
    .where(eq(inspectionFiles.id, fileId));
  const reach = officerReachOrNull(actor);
  const allowed =
    !!row &&
    (actor.role === "association"
      ? actor.organizationId === row.organizationId
      : // A draft's files are the organization's own until it files the report.
        row.state !== "draft" && hasPermission(actor, "organization:read_internal") && reach !== null && reaches(reach, row.streetId));
  if (!allowed) notFound("找不到该文件。");
  return row.file;
}

/** A report as the reviewing officer sees it: beside last year's. Street officers read their street's. */
export async function reportForReview(actor: Actor, reportId: number) {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  if (!isRowId(reportId)) notFound("找不到该年度报告。");
  const db = await getDb();
  const [row] = await db
    .select({ report: inspectionReports, organization: organizations })
    .from(inspectionReports)
    .innerJoin(organizations, eq(organizations.id, inspectionReports.organizationId))
    .where(eq(inspectionReports.id, reportId));
  const reach = officerReach(actor);
  if (!row || !reaches(reach, row.organization.streetId)) notFound("找不到该年度报告。");
  const [[lastYear], steps, files] = await Promise.all([
    db.select().from(inspectionReports).where(and(eq(inspectionReports.year, row.report.year - 1), eq(inspectionReports.organizationId, row.organization.id))),
    reportSteps(reportId),
    reportFiles(reportId),
  ]);
  const report = row.report.report as Report;
  const last = (lastYear?.report as Report | undefined) ?? null;
  return { ...row, lastYear: last, changed: changedSinceLastYear(report, last), steps, files, problems: reportProblems(report) };
}

/**
 * One step of a report. The organization submits (its own report, complete
 * and declared); the registry returns it with a reason or concludes.
 */
export async function inspectionStep(
  ctx: ActionContext,
  target: { year: number; reportId?: number },
  input: { action: InspectionAction; version: number; reason?: string; conclusion?: InspectionConclusion; note?: string },
): Promise<WriteResult<ReportRow>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  let row: ReportRow;
  if (input.action === "submit" || input.action === "resubmit") {
    row = await claimOwnReport(db, actor, target.year, ctx.now);
  } else {
    requireReviewer(actor);
    const [found] = await db.select().from(inspectionReports).where(eq(inspectionReports.id, target.reportId ?? 0));
    if (!found) notFound("找不到该年度报告。");
    row = found;
  }
  if (row.version !== input.version) return { ok: false, formError: staleMessage };
  const why = inspectionRefusal(row.state, input.action, actor.role, { reason: input.reason, conclusion: input.conclusion, note: input.note });
  if (why) return { ok: false, formError: why };
  if (input.action === "submit" || input.action === "resubmit") {
    const problems = reportProblems(row.report as Report);
    if (Object.keys(problems).length) return { ok: false, fieldErrors: problems, formError: "年度报告不完整或数字有误，请按提示修改后再报送。" };
  }
  const to = inspectionTransitions.find((t) => t.action === input.action)!.to;
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(inspectionReports)
      .set({
        state: to,
        updatedAt: ctx.now,
        version: row.version + 1,
        ...(to === "submitted" ? { submittedAt: ctx.now } : {}),
        ...(input.action === "conclude"
          ? { conclusion: input.conclusion, conclusionNote: input.note?.trim() || null, concludedAt: ctx.now, concludedBy: actor.userId }
          : {}),
      })
      .where(and(eq(inspectionReports.id, row.id), eq(inspectionReports.version, input.version), eq(inspectionReports.state, row.state)))
      .returning();
    if (!claimed) return { ok: false, formError: staleMessage };
    await tx.insert(inspectionSteps).values({
      reportId: row.id,
      at: ctx.now,
      action: input.action,
      fromState: row.state,
      toState: to,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      reason: input.action === "conclude" ? (input.note ?? null) : (input.reason ?? null),
    });
    await recordAudit(tx, ctx, {
      action: `inspection.${input.action}`,
      entityType: "inspection_report",
      entityId: row.id,
      before: { state: row.state },
      after: { state: to, conclusion: claimed.conclusion },
      reason: input.reason ?? input.note ?? null,
    });
    return { ok: true, value: claimed };
  });
}

/** Publishes concluded, unpublished conclusions of a year: the ones named, or all of them. Returns how many. */
export async function publishConclusions(ctx: ActionContext, year: number, reportIds: number[] | "all"): Promise<number> {
  requireReviewer(ctx.actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Publishing cannot be undone: the officer must have given their password within 10 minutes.
    await requireRecentVerification(tx, ctx);
    const conditions = [eq(inspectionReports.year, year), eq(inspectionReports.state, "concluded"), isNull(inspectionReports.publishedAt)];
    if (reportIds !== "all") conditions.push(inArray(inspectionReports.id, reportIds.length ? reportIds : [0]));
    const published = await tx
      .update(inspectionReports)
      .set({ publishedAt: ctx.now })
      .where(and(...conditions))
      .returning({ id: inspectionReports.id, organizationId: inspectionReports.organizationId, conclusion: inspectionReports.conclusion });
    if (published.length) {
      await recordAudit(tx, ctx, { action: "inspection.publish", entityType: "inspection_year", entityId: year, after: { reports: published.map((p) => p.id) } });
    }
    return published.length;
  });
}

/** Published conclusions of one organization, newest year first: for the public record and the API. */
export async function publishedInspections(organizationId: number) {
  const db = await getDb();
  const rows = await db
    .select({ year: inspectionReports.year, conclusion: inspectionReports.conclusion, publishedAt: inspectionReports.publishedAt })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.organizationId, organizationId), isNotNull(inspectionReports.publishedAt)))
    .orderBy(desc(inspectionReports.year));
  return rows.map((r) => ({ year: r.year, conclusion: r.conclusion!, publishedOn: shanghaiDate(r.publishedAt!) }));
}

/* ------------------------------------------------------------------ abnormal-activity list */

/** Places organizations on the list, each with the reason and date; they show as abnormal in the register. */
export async function placeOnAbnormalList(
  ctx: ActionContext,
  input: { organizationIds: number[]; reason: string; listedOn: string; inspectionYear?: number },
): Promise<WriteResult<number>> {
  const actor = requireReviewer(ctx.actor);
  if (!input.reason.trim()) return { ok: false, fieldErrors: { reason: ["请填写列入原因"] } };
  if (!input.organizationIds.length) return { ok: false, formError: "请选择要列入的组织" };
  if (!parseIsoDate(input.listedOn)) return { ok: false, fieldErrors: { listedOn: ["请填写有效的列入日期"] } };
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Locked, normal, not already listed, and (for an inspection year) still without a filed report.
    const targets = await tx
      .select()
      .from(organizations)
      .where(and(inArray(organizations.id, input.organizationIds), eq(organizations.status, "normal")))
      .for("update");
    const listedNow = new Set(
      (await tx.select({ id: abnormalListings.organizationId }).from(abnormalListings).where(and(inArray(abnormalListings.organizationId, input.organizationIds), isNull(abnormalListings.removedOn)))).map((r) => r.id),
    );
    const filed = input.inspectionYear
      ? new Set(
          (await tx
            .select({ id: inspectionReports.organizationId })
            .from(inspectionReports)
            .where(and(eq(inspectionReports.year, input.inspectionYear), inArray(inspectionReports.organizationId, input.organizationIds), ne(inspectionReports.state, "draft")))).map((r) => r.id),
        )
      : new Set<number>();
    const listable = targets.filter((org) => !listedNow.has(org.id) && !filed.has(org.id));
    for (const org of listable) {
      await tx.insert(abnormalListings).values({
        organizationId: org.id,
        listedOn: input.listedOn,
        reason: input.reason.trim(),
        inspectionYear: input.inspectionYear ?? null,
        listedBy: actor.userId,
      });
      const after = { status: "abnormal" as const, statusSince: input.listedOn, statusReason: input.reason.trim() };
      await tx.update(organizations).set({ ...after, updatedAt: ctx.now, version: org.version + 1 }).where(eq(organizations.id, org.id));
      await recordOrganizationChange(tx, ctx, {
        organizationId: org.id,
        kind: "status",
        changes: [{ field: "status", before: org.status, after: "abnormal" }],
        reason: `列入活动异常名录：${input.reason.trim()}`,
      });
      await recordAudit(tx, ctx, { action: "organization.list_abnormal", entityType: "organization", entityId: org.id, before: { status: org.status }, after, reason: input.reason.trim() });
    }
    return { ok: true, value: listable.length };
  });
}

/** Removes an organization from the list after verified correction, with the reason. */
export async function removeFromAbnormalList(ctx: ActionContext, organizationId: number, input: { reason: string }): Promise<WriteResult<null>> {
  const actor = requireReviewer(ctx.actor);
  if (!input.reason.trim()) return { ok: false, fieldErrors: { reason: ["请填写移出原因"] } };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for("update");
    if (!org) notFound("找不到该组织。");
    const [listing] = await tx
      .update(abnormalListings)
      .set({ removedOn: shanghaiDate(ctx.now), removalReason: input.reason.trim(), removedBy: actor.userId })
      .where(and(eq(abnormalListings.organizationId, organizationId), isNull(abnormalListings.removedOn)))
      .returning();
    if (!listing) return { ok: false, formError: "该组织不在活动异常名录中。" };
    // A listed organization cancelled meanwhile stays cancelled; only the listing closes.
    if (org.status === "abnormal") {
      await tx
        .update(organizations)
        .set({ status: "normal", statusSince: shanghaiDate(ctx.now), statusReason: null, updatedAt: ctx.now, version: org.version + 1 })
        .where(eq(organizations.id, organizationId));
      await recordOrganizationChange(tx, ctx, {
        organizationId,
        kind: "status",
        changes: [{ field: "status", before: "abnormal", after: "normal" }],
        reason: `移出活动异常名录：${input.reason.trim()}`,
      });
    }
    await recordAudit(tx, ctx, { action: "organization.unlist_abnormal", entityType: "organization", entityId: organizationId, before: listing, reason: input.reason.trim() });
    return { ok: true, value: null };
  });
}


/* ------------------------------------------------------------------ the organization's view */

/**
 * The inspection years opened, newest first, each with whether the actor's
 * organization is due and its own report's state; null when the account has
 * no organization. Only the actor's own reports are read.
 */
export async function ownInspectionYears(actor: Actor) {
  if (!hasPermission(actor, "inspection:file")) forbidden();
  if (!actor.organizationId) return null;
  const db = await getDb();
  const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.organizationId));
  if (!org) return null;
  const [years, reports] = await Promise.all([
    db.select().from(inspectionYears).orderBy(desc(inspectionYears.year)),
    db
      .select({
        year: inspectionReports.year,
        state: inspectionReports.state,
        conclusion: inspectionReports.conclusion,
        submittedAt: inspectionReports.submittedAt,
        publishedAt: inspectionReports.publishedAt,
        updatedAt: inspectionReports.updatedAt,
      })
      .from(inspectionReports)
      .where(eq(inspectionReports.organizationId, org.id)),
  ]);
  const byYear = new Map(reports.map((r) => [r.year, r]));
  return {
    organization: org,
    years: years.map((settings) => ({ settings, due: isDue(org, settings.year), report: byYear.get(settings.year) ?? null })),
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

export type FiledInspectionState = Exclude<InspectionState, "draft">;
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
    })
    .from(inspectionReports)
    .innerJoin(organizations, eq(organizations.id, inspectionReports.organizationId))
    .leftJoin(street, eq(street.id, organizations.streetId))
    .where(and(...conditions))
    .orderBy(asc(inspectionReports.submittedAt), asc(inspectionReports.id));
}

/** The abnormal-activity list as `abnormalList`, within the actor's scope, with each organization's kind. */
export async function abnormalListFor(actor: Actor, now: Date) {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  const reach = officerReachOrNull(actor);
  if (!reach) return [];
  const db = await getDb();
  const street = alias(places, "street");
  const conditions = [isNull(abnormalListings.removedOn), withinReach(reach, organizations.streetId)];
  const rows = await db
    .select({ listing: abnormalListings, name: organizations.name, type: organizations.type, street: street.name })
    .from(abnormalListings)
    .innerJoin(organizations, eq(organizations.id, abnormalListings.organizationId))
    .leftJoin(street, eq(street.id, organizations.streetId))
    .where(and(...conditions))
    .orderBy(asc(abnormalListings.listedOn), asc(abnormalListings.id));
  const today = shanghaiDate(now);
  return rows.map((r) => ({ ...r, seriousViolationDue: seriousViolationDue(r.listing.listedOn, today) }));
}
