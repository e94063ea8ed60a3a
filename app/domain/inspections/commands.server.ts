/**
 * Writing the annual inspection: opening a year, the organizations' reports
 * and their files, the registry's review, conclusion and publication, and the
 * abnormal-activity list. Every write checks permission, runs in one
 * transaction, claims its row by version where two people may act at once,
 * and writes the audit log.
 */
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { inspectionFiles, inspectionReports, inspectionSteps, inspectionYears, organizations, rectifications } from "../../../db/schema";
import type { InspectionConclusion, InspectionState } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { requireRecentVerification } from "../../auth/verification.server";
import { storedAttachment, uploadProblems, type Upload } from "../shared/attachments.server";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { annualReportKey } from "../credit/listings";
import { insertAbnormalListings } from "../credit/listings.server";
import { verifyRectificationIn } from "../spot-checks/commands.server";
import type { AbnormalBatch, CorrectionVerification, PreliminaryPost, ReportDecision, ReportPost, YearPagePost } from "./forms";
import {
  correctionDeadline,
  deadlineProblems,
  defaultDeadlines,
  inspectionRefusal,
  inspectionTransitions,
  isDue,
  listingDateProblem,
  prefillReport,
  preliminaryUnitOf,
  reportProblems,
  type InspectionAction,
  type Report,
} from "./rules";
import { inspectionYear, reportAccess, unitReportAccess, yearOverview } from "./queries.server";
import { isRowId } from "../shared/ids";
import { shanghaiDate } from "../shared/time";

type ReportRow = typeof inspectionReports.$inferSelect;
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

/** A year's deadlines changed on the version the officer saw, with the reason (the year's notice, a holiday) in the audit log. */
export async function changeDeadlines(
  ctx: ActionContext,
  year: number,
  input: { supervisingDeadline: string; registryDeadline: string; reason: string; version: number },
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
    await recordAudit(tx, ctx, { action: "inspection.change_deadlines", entityType: "inspection_year", entityId: year, before, after, reason: input.reason.trim() });
    return { ok: true, value: null };
  });
}

/* ------------------------------------------------------------------ reports */

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
    .values({ year, organizationId, state: "draft", report: prefillReport((last?.report as Report | undefined) ?? null), createdAt: now, updatedAt: now })
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

/**
 * The report's form: the draft saved as typed, and, for "submit" or
 * "resubmit", submitted in the same go. A submission refused after the save
 * says so (`draftSaved`): what was typed is kept either way.
 */
export async function saveAnnualReport(
  ctx: ActionContext,
  year: number,
  input: ReportPost,
): Promise<WriteResult<{ submitted: boolean; unitName: string | null }> & { draftSaved?: boolean }> {
  const { intent, version, ...report } = input;
  const saved = await saveReport(ctx, year, { version: version ?? null, report });
  if (!saved.ok) return saved;
  if (intent === "save") return { ok: true, value: { submitted: false, unitName: null } };
  const stepped = await inspectionStep(ctx, { year }, { action: intent, version: saved.value.version });
  if (!stepped.ok) return { ok: false, fieldErrors: stepped.fieldErrors, formError: `草稿已保存，但未能报送：${stepped.formError ?? ""}`, draftSaved: true };
  return { ok: true, value: { submitted: true, unitName: stepped.value.unitName } };
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

export async function removeReportFile(ctx: ActionContext, year: number, input: { fileId: number }): Promise<WriteResult<null>> {
  const { fileId } = input;
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

/**
 * One step of a report. The organization submits (its own report, complete
 * and declared) to its 业务主管单位 if it has one, else to the registry; the unit
 * agrees or returns it (its 初审); the registry returns it with a reason, or,
 * once the unit has agreed, concludes.
 */
export async function inspectionStep(
  ctx: ActionContext,
  target: { year: number; reportId?: number },
  input: { action: InspectionAction; version: number; reason?: string; conclusion?: InspectionConclusion; note?: string },
): Promise<WriteResult<ReportRow>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const filing = input.action === "submit" || input.action === "resubmit";
  const byUnit = input.action === "unit_agree" || input.action === "unit_return";
  let row: ReportRow;
  if (filing) {
    row = await claimOwnReport(db, actor, target.year, ctx.now);
  } else {
    if (byUnit ? !hasPermission(actor, "inspection:preliminary") : !hasPermission(actor, "inspection:review")) forbidden();
    const [found] = await db.select().from(inspectionReports).where(eq(inspectionReports.id, target.reportId ?? 0));
    // A unit reads only the filings that name it.
    if (!found || (byUnit && (found.unitName === null || found.unitName !== actor.supervisingUnit?.trim()))) notFound("找不到该年度报告。");
    row = found;
  }
  if (row.version !== input.version) return { ok: false, formError: staleMessage };
  const [org] = await db.select().from(organizations).where(eq(organizations.id, row.organizationId));
  const why = inspectionRefusal(row.state, input.action, actor.role, {
    reason: input.reason,
    conclusion: input.conclusion,
    note: input.note,
    unitName: row.unitName,
    unitDecision: row.unitDecision,
    type: org?.type,
  });
  if (why) return { ok: false, formError: why };
  if (filing) {
    const problems = reportProblems(row.report as Report);
    if (Object.keys(problems).length) return { ok: false, fieldErrors: problems, formError: "年度报告不完整或数字有误，请按提示修改后再报送。" };
  }
  const to = inspectionTransitions.find((t) => t.action === input.action)!.to;
  const reason = input.action === "conclude" ? (input.note?.trim() || null) : (input.reason?.trim() || null);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(inspectionReports)
      .set({
        state: to,
        updatedAt: ctx.now,
        version: row.version + 1,
        // Each submission goes to the unit the register names now, for a 初审 of its own.
        ...(filing ? { submittedAt: ctx.now, unitName: org ? preliminaryUnitOf(org) : null, unitDecision: null, unitDecidedAt: null, unitOpinion: null } : {}),
        ...(byUnit ? { unitDecision: input.action === "unit_agree" ? ("agreed" as const) : ("returned" as const), unitDecidedAt: ctx.now, unitOpinion: reason } : {}),
        ...(input.action === "conclude"
          ? { conclusion: input.conclusion, conclusionNote: input.note?.trim() || null, concludedAt: ctx.now, concludedBy: actor.userId }
          : {}),
      })
      .where(
        and(
          eq(inspectionReports.id, row.id),
          eq(inspectionReports.version, input.version),
          eq(inspectionReports.state, row.state),
          // The 初审 read above still holds when the row is taken.
          input.action === "conclude" ? or(isNull(inspectionReports.unitName), eq(inspectionReports.unitDecision, "agreed")) : undefined,
          byUnit ? isNull(inspectionReports.unitDecision) : undefined,
        ),
      )
      .returning();
    if (!claimed) return { ok: false, formError: staleMessage };
    await tx.insert(inspectionSteps).values({
      reportId: row.id,
      at: ctx.now,
      action: input.action,
      fromState: row.state,
      toState: to,
      actorUserId: actor.userId,
      actorName: byUnit ? `${actor.displayName}（${row.unitName}）` : actor.displayName,
      reason,
    });
    await recordAudit(tx, ctx, {
      action: `inspection.${input.action}`,
      entityType: "inspection_report",
      entityId: row.id,
      before: { state: row.state, ...(byUnit || filing ? { unitName: row.unitName, unitDecision: row.unitDecision } : {}) },
      after: { state: to, conclusion: claimed.conclusion, ...(byUnit || filing ? { unitName: claimed.unitName, unitDecision: claimed.unitDecision } : {}) },
      reason,
    });
    return { ok: true, value: claimed };
  });
}

/** The 业务主管单位's 初审 of a filed report that names it: agreed (an opinion optional) or returned with the reason. */
export async function reviewReportAsUnit(ctx: ActionContext, target: { year: number; reportId: number }, input: PreliminaryPost): Promise<WriteResult<ReportRow>> {
  const actor = ctx.actor;
  if (!actor || !hasPermission(actor, "inspection:preliminary")) forbidden();
  await unitReportAccess(actor, target.year, target.reportId);
  if (input.decision === "returned" && !input.opinion?.trim()) return { ok: false, fieldErrors: { opinion: ["退回修改须写明理由"] } };
  return inspectionStep(ctx, target, { action: input.decision === "agreed" ? "unit_agree" : "unit_return", version: input.version, reason: input.opinion });
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
      .returning({ id: inspectionReports.id, organizationId: inspectionReports.organizationId, conclusion: inspectionReports.conclusion, note: inspectionReports.conclusionNote });
    // 基本合格 orders its corrections as it is made known: each becomes an item to report on and to verify.
    const today = shanghaiDate(ctx.now);
    const corrections = published
      .filter((p) => p.conclusion === "basic_pass")
      .map((p) => ({ inspectionReportId: p.id, organizationId: p.organizationId, problem: p.note ?? "", deadline: correctionDeadline(today), orderedOn: today, orderedBy: ctx.actor!.userId }));
    const ordered = corrections.length ? await tx.insert(rectifications).values(corrections).returning({ id: rectifications.id }) : [];
    if (published.length) {
      await recordAudit(tx, ctx, {
        action: "inspection.publish",
        entityType: "inspection_year",
        entityId: year,
        after: { reports: published.map((p) => p.id), ...(ordered.length ? { rectifications: ordered.map((r) => r.id) } : {}) },
      });
    }
    return published.length;
  });
}

/** The registry's decision on a filed report of the year named, within the officer's scope: returned with a reason, or concluded. */
export async function decideReport(ctx: ActionContext, target: { year: number; reportId: number }, input: ReportDecision): Promise<WriteResult<ReportRow>> {
  const actor = requireReviewer(ctx.actor);
  await reportAccess(actor, target.year, target.reportId);
  return inspectionStep(
    ctx,
    target,
    input.decision === "return"
      ? { action: "return", version: input.version, reason: input.reason }
      : { action: "conclude", version: input.version, conclusion: input.conclusion, note: input.note },
  );
}

/** The registry verifies the corrections a published 基本合格 ordered, on the report's page within the officer's scope. */
export async function verifyCorrection(ctx: ActionContext, target: { year: number; reportId: number }, input: CorrectionVerification): Promise<WriteResult<null>> {
  requireReviewer(ctx.actor);
  await reportAccess(ctx.actor!, target.year, target.reportId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(rectifications).where(eq(rectifications.inspectionReportId, target.reportId)).for("update");
    if (!r) notFound("该年度报告没有需要核实的整改事项。");
    return verifyRectificationIn(tx, ctx, r, input);
  });
}

/**
 * Publishing from a year's page: one conclusion from its row, or all those
 * the officer was shown. One already published (or not concluded) is refused;
 * of all, those published meanwhile by someone else are counted as skipped.
 */
export async function publishYearConclusions(
  ctx: ActionContext,
  year: number,
  input: Extract<YearPagePost, { intent: "publish" | "publish-all" }>,
): Promise<WriteResult<{ published: number; skipped: number }>> {
  requireReviewer(ctx.actor);
  if (!(await inspectionYear(year))) notFound("该年度年检尚未开启。");
  const shown = input.intent === "publish" ? [input.reportId] : input.reportIds;
  const published = await publishConclusions(ctx, year, shown);
  if (input.intent === "publish" && !published) return { ok: false, formError: "该结论已公布或尚未作出，请刷新页面查看最新状态。" };
  return { ok: true, value: { published, skipped: shown.length - published } };
}

/* ------------------------------------------------------------------ abnormal-activity list */

/**
 * Listing a year's non-filers from its page: only once the registry's
 * deadline has passed, on a date after it and not in the future, and only
 * organizations still on the year's list of those who have not filed.
 */
export async function listNonFilers(ctx: ActionContext, year: number, input: AbnormalBatch): Promise<WriteResult<{ listed: number; skipped: number }>> {
  const actor = requireReviewer(ctx.actor);
  const ids = input.only ? [input.only] : [...new Set(input.organizationIds)];
  if (!ids.length) return { ok: false, fieldErrors: { organizationIds: ["请至少勾选一个组织"] } };
  const overview = await yearOverview(actor, year, ctx.now);
  if (!overview.pastDeadline) return { ok: false, formError: "登记管理机关截止日期尚未届满，不能因未报送列入活动异常名录。" };
  const dateProblem = listingDateProblem(input.listedOn, { today: shanghaiDate(ctx.now), registryDeadline: overview.settings.registryDeadline });
  if (dateProblem) return { ok: false, fieldErrors: { listedOn: [dateProblem] } };
  const nonFilers = new Set(overview.notFiled.map((o) => o.id));
  if (ids.some((id) => !nonFilers.has(id))) return { ok: false, formError: "所选组织已不在本年度未报送名单中，请刷新页面后重新选择。" };
  const reason = input.reason.trim();
  if (!reason) return { ok: false, fieldErrors: { reason: ["请填写列入原因"] } };
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Still without a filed report when the row is taken: one filed meanwhile is not listed.
    const filed = new Set(
      (await tx
        .select({ id: inspectionReports.organizationId })
        .from(inspectionReports)
        .where(and(eq(inspectionReports.year, year), inArray(inspectionReports.organizationId, ids), ne(inspectionReports.state, "draft")))).map((r) => r.id),
    );
    const listed = await insertAbnormalListings(
      tx,
      ctx,
      ids.filter((id) => !filed.has(id)).map((organizationId) => ({
        organizationId,
        trigger: "annual_report" as const,
        listedOn: input.listedOn,
        reason,
        evidence: `${year} 年度工作报告未在登记管理机关截止日期（${overview.settings.registryDeadline}）前报送`,
        sourceKey: annualReportKey(year),
        inspectionYear: year,
      })),
    );
    return { ok: true, value: { listed: listed.length, skipped: ids.length - listed.length } };
  });
}
