/**
 * Village-affairs postings (村务公开): the clerk drafts and submits, a member of
 * the village's supervision committee approves (publishing it into the
 * village's hash chain) or returns it with an opinion; a published version is
 * never changed, a correction is a new version reviewed again, a withdrawal
 * keeps the posting visible with its reason. Every write checks permission and
 * scope, runs in one transaction, claims its row by version, records the step
 * and writes the audit log.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, queryRows, type Database } from "../../../db/client.server";
import { places, postingFiles, postings, postingSteps, postingVersions, publicContactNumbers } from "../../../db/schema";
import type { PostingCategory, PostingVersionState } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, ownVillage } from "../../auth/scope.server";
import { storedAttachment, uploadProblems, type Upload } from "../shared/attachments.server";
import { recordAudit } from "../audit/audit.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { escapeLike } from "../shared/like";
import { genesisHash, newSalt, verifyChain, versionHash, type ChainContent, type ChainProblem, type StoredLink } from "./chain";
import {
  attachmentsNeedCare,
  cleanTableRows,
  findingsDigest,
  complianceSummary,
  isPostingKind,
  kindOf,
  maskedContent,
  maxReasonLength,
  maxTitleLength,
  parsePeriod,
  periodProblem,
  periodsOfYear,
  recentDuePeriods,
  sensitiveFindings,
  tableProblems,
  tableSpecOf,
  type ComplianceSummary,
  type PostingTableRows,
  type PublishedPeriod,
} from "./rules";
import { returnOpinionProblem } from "./forms";
import { bodyMarkupProblems } from "./text";
import { fieldCharacterProblem } from "../shared/text-input";
import { publicNumbersByPlace, publicNumbersOf } from "./contacts.server";
import { maskSensitive } from "./sensitive-numbers";
import { shanghaiDate } from "../shared/time";
import { cappedTotal, publicCountCap } from "../shared/paging";
import { cachedPublic } from "../shared/public-cache.server";

type PostingRow = typeof postings.$inferSelect;
type VersionRow = typeof postingVersions.$inferSelect;
const openStates: PostingVersionState[] = ["draft", "submitted", "returned"];
const editableStates: PostingVersionState[] = ["draft", "returned"];
const staleMessage = "该公开事项已被其他人处理或修改，请刷新页面查看最新状态后再操作。";

/* ------------------------------------------------------------------ access */

function villageOf(actor: Actor | null, permission: "posting:draft" | "posting:review"): { actor: Actor; placeId: number } {
  if (!actor || !hasPermission(actor, permission)) forbidden();
  const placeId = ownVillage(actor);
  if (placeId === null) forbidden("您的账号没有关联村（社区），请联系管理员。");
  return { actor, placeId };
}

/** The posting, if it belongs to the actor's village; someone else's village reads as not found. */
async function ownPosting(db: Database, placeId: number, postingId: number): Promise<PostingRow> {
  if (!isRowId(postingId)) notFound("找不到该公开事项。");
  const [row] = await db.select().from(postings).where(eq(postings.id, postingId)).limit(1);
  if (!row || row.placeId !== placeId) notFound("找不到该公开事项。");
  return row;
}

async function openVersionOf(db: Database, postingId: number): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(postingVersions)
    .where(and(eq(postingVersions.postingId, postingId), inArray(postingVersions.state, openStates)))
    .limit(1);
  return row ?? null;
}

async function recordStep(
  tx: Database,
  ctx: ActionContext,
  step: { postingId: number; versionNumber: number; action: string; opinion?: string | null; details?: Record<string, unknown> },
) {
  await tx.insert(postingSteps).values({
    postingId: step.postingId,
    versionNumber: step.versionNumber,
    at: ctx.now,
    action: step.action,
    actorUserId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    opinion: step.opinion ?? null,
    details: step.details ?? null,
  });
}

/* ------------------------------------------------------------------ drafting */

export interface DraftInput {
  title: string;
  body: string;
  /** Only while the posting has never been published. */
  period?: string;
  tableRows?: PostingTableRows;
}

/** Field errors of a draft; the cleaned table rows when it may be saved. */
function checkDraft(kind: string, input: DraftInput, today: string) {
  const fieldErrors: Record<string, string[]> = {};
  const title = input.title.trim();
  const titleCharacters = fieldCharacterProblem(title, "标题");
  if (!title) fieldErrors.title = ["请填写标题"];
  else if (title.length > maxTitleLength) fieldErrors.title = [`标题不能超过 ${maxTitleLength} 字`];
  else if (titleCharacters) fieldErrors.title = [titleCharacters];
  const bodyProblems = bodyMarkupProblems(input.body);
  if (bodyProblems.length) fieldErrors.body = bodyProblems;
  if (input.period !== undefined && isPostingKind(kind)) {
    const problem = periodProblem(kind, input.period, today);
    if (problem) fieldErrors.period = [problem];
  }
  const spec = tableSpecOf(kind);
  const tableRows = spec ? cleanTableRows(spec, input.tableRows ?? []) : null;
  if (spec && tableRows) {
    const problems = tableProblems(spec, tableRows);
    tableRows.forEach((row, i) => {
      for (const column of spec.columns) {
        const problem = fieldCharacterProblem(row[column.key] ?? "", column.label);
        if (problem) problems.push(`第 ${i + 1} 行：${problem}`);
      }
    });
    if (problems.length) fieldErrors.table = problems;
  }
  return { fieldErrors, title, body: input.body.replace(/\r\n?/g, "\n").trimEnd(), tableRows };
}

export async function createPosting(ctx: ActionContext, input: DraftInput & { kind: string; period: string }): Promise<WriteResult<{ id: number }>> {
  const { actor, placeId } = villageOf(ctx.actor, "posting:draft");
  const checked = checkDraft(input.kind, input, shanghaiDate(ctx.now));
  if (!isPostingKind(input.kind)) checked.fieldErrors.kind = ["请选择公开事项的类型"];
  if (!checked.fieldErrors.period && !parsePeriod(input.period)) checked.fieldErrors.period = ["请填写公开期间"];
  if (Object.keys(checked.fieldErrors).length || !isPostingKind(input.kind)) return { ok: false, fieldErrors: checked.fieldErrors };
  const kind = kindOf(input.kind);
  const period = parsePeriod(input.period)!;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [place] = await tx.select().from(places).where(eq(places.id, placeId)).limit(1);
    if (!place?.parentId || (place.level !== "village" && place.level !== "community")) forbidden("您的账号关联的不是村或社区。");
    const [posting] = await tx
      .insert(postings)
      .values({
        placeId,
        streetId: place.parentId,
        category: kind.category,
        kind: input.kind,
        retention: kind.retention,
        periodKind: period.kind,
        period: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        // The postings row is what lists and the public title search read: masked from the start.
        title: maskSensitive(checked.title),
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await tx.insert(postingVersions).values({
      postingId: posting!.id,
      placeId,
      number: 1,
      title: checked.title,
      body: checked.body,
      tableRows: checked.tableRows,
      createdBy: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await recordStep(tx, ctx, { postingId: posting!.id, versionNumber: 1, action: "draft" });
    await recordAudit(tx, ctx, {
      action: "posting.create",
      entityType: "posting",
      entityId: posting!.id,
      after: { kind: input.kind, period: period.key, title: maskSensitive(checked.title) },
    });
    return { ok: true, value: { id: posting!.id } };
  });
}

/** Claims the open version for a change: it must still be at the version the clerk saw and still editable. */
async function claimEditable(tx: Database, versionId: number, expectedVersion: number | null, now: Date): Promise<VersionRow | null> {
  const [claimed] = await tx
    .update(postingVersions)
    .set({ version: sql`${postingVersions.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(postingVersions.id, versionId),
        inArray(postingVersions.state, editableStates),
        expectedVersion === null ? undefined : eq(postingVersions.version, expectedVersion),
      ),
    )
    .returning();
  return claimed ?? null;
}

export async function saveDraft(
  ctx: ActionContext,
  postingId: number,
  input: DraftInput & { expectedVersion: number },
): Promise<WriteResult<{ version: number }>> {
  const { placeId } = villageOf(ctx.actor, "posting:draft");
  const db = await getDb();
  const posting = await ownPosting(db, placeId, postingId);
  const open = await openVersionOf(db, postingId);
  if (!open || !editableStates.includes(open.state)) return { ok: false, formError: "该公开事项当前不能修改（已提交审核或已公开）。" };
  // A caller that posts no table keeps the rows already saved.
  const withRows = { ...input, tableRows: input.tableRows ?? open.tableRows ?? [] };
  const withPeriod = open.number === 1 ? withRows : { ...withRows, period: undefined };
  const checked = checkDraft(posting.kind, withPeriod, shanghaiDate(ctx.now));
  if (Object.keys(checked.fieldErrors).length) return { ok: false, fieldErrors: checked.fieldErrors };
  return db.transaction(async (tx) => {
    const claimed = await claimEditable(tx, open.id, input.expectedVersion, ctx.now);
    if (!claimed) return { ok: false, formError: staleMessage };
    await tx
      .update(postingVersions)
      .set({ title: checked.title, body: checked.body, tableRows: checked.tableRows })
      .where(eq(postingVersions.id, open.id));
    const period = withPeriod.period !== undefined ? parsePeriod(withPeriod.period) : null;
    await tx
      .update(postings)
      .set({
        updatedAt: ctx.now,
        ...(posting.status === "unpublished" ? { title: maskSensitive(checked.title) } : {}),
        ...(period ? { periodKind: period.kind, period: period.key, periodStart: period.start, periodEnd: period.end } : {}),
      })
      .where(eq(postings.id, postingId));
    await recordAudit(tx, ctx, {
      action: "posting.save_draft",
      entityType: "posting",
      entityId: postingId,
      before: { title: maskSensitive(open.title), period: posting.period },
      after: { title: maskSensitive(checked.title), period: period?.key ?? posting.period, version: open.number },
    });
    return { ok: true, value: { version: claimed.version } };
  });
}

/** Refuses (403/404) unless the actor is a clerk of the posting's village: called before an upload's body is read. */
export async function requireDraftingAccess(actor: Actor | null, postingId: number): Promise<void> {
  const { placeId } = villageOf(actor, "posting:draft");
  await ownPosting(await getDb(), placeId, postingId);
}

export async function addPostingFiles(ctx: ActionContext, postingId: number, files: Upload[]): Promise<WriteResult<{ added: number }>> {
  const { actor, placeId } = villageOf(ctx.actor, "posting:draft");
  const problems = uploadProblems(files);
  if (problems.length) return { ok: false, fieldErrors: { files: problems } };
  const db = await getDb();
  await ownPosting(db, placeId, postingId);
  const open = await openVersionOf(db, postingId);
  if (!open) return { ok: false, formError: "该公开事项当前不能添加附件。" };
  return db.transaction(async (tx) => {
    // Bumping the version makes a submission of the page seen before this upload stale.
    const claimed = await claimEditable(tx, open.id, null, ctx.now);
    if (!claimed) return { ok: false, formError: "该公开事项已提交审核或已公开，不能再添加附件。" };
    const stored = files.map((f) => ({ versionId: open.id, ...storedAttachment(f, actor.userId, ctx.now) }));
    await tx.insert(postingFiles).values(stored);
    await recordAudit(tx, ctx, {
      action: "posting.add_files",
      entityType: "posting",
      entityId: postingId,
      after: stored.map((f) => ({ name: maskSensitive(f.fileName), size: f.size, sha256: f.sha256 })),
    });
    return { ok: true, value: { added: stored.length } };
  });
}

export async function removePostingFile(ctx: ActionContext, postingId: number, fileId: number): Promise<WriteResult<null>> {
  const { placeId } = villageOf(ctx.actor, "posting:draft");
  const db = await getDb();
  await ownPosting(db, placeId, postingId);
  const open = await openVersionOf(db, postingId);
  if (!open || !isRowId(fileId)) return { ok: false, formError: "该附件不能删除。" };
  const [exists] = await db
    .select({ id: postingFiles.id })
    .from(postingFiles)
    .where(and(eq(postingFiles.id, fileId), eq(postingFiles.versionId, open.id)));
  // Refused before anything is claimed, so a wrong file id does not make other tabs stale.
  if (!exists) return { ok: false, formError: "找不到该附件，可能已被删除。" };
  return db.transaction(async (tx) => {
    const claimed = await claimEditable(tx, open.id, null, ctx.now);
    if (!claimed) return { ok: false, formError: "该公开事项已提交审核或已公开，不能再删除附件。" };
    const [removed] = await tx
      .delete(postingFiles)
      .where(and(eq(postingFiles.id, fileId), eq(postingFiles.versionId, open.id)))
      .returning({ fileName: postingFiles.fileName, sha256: postingFiles.sha256 });
    if (!removed) return { ok: false, formError: "找不到该附件，可能已被删除。" };
    await recordAudit(tx, ctx, { action: "posting.remove_file", entityType: "posting", entityId: postingId, before: { ...removed, fileName: maskSensitive(removed.fileName) } });
    return { ok: true, value: null };
  });
}

async function filesOf(db: Database, versionId: number) {
  return db
    .select({ id: postingFiles.id, fileName: postingFiles.fileName, contentType: postingFiles.contentType, size: postingFiles.size, sha256: postingFiles.sha256 })
    .from(postingFiles)
    .where(eq(postingFiles.versionId, versionId))
    .orderBy(asc(postingFiles.id));
}

export async function submitPosting(
  ctx: ActionContext,
  postingId: number,
  input: {
    expectedVersion: number;
    acknowledgeSensitive: boolean;
    /** findingsDigest of what the clerk was shown when ticking; when given, it must match what is stored now. */
    acknowledgedFindings?: string;
  },
): Promise<WriteResult<null>> {
  const { placeId } = villageOf(ctx.actor, "posting:draft");
  const db = await getDb();
  const posting = await ownPosting(db, placeId, postingId);
  const open = await openVersionOf(db, postingId);
  if (!open || !editableStates.includes(open.state)) return { ok: false, formError: "该公开事项当前不能提交。" };
  const fieldErrors: Record<string, string[]> = {};
  const spec = tableSpecOf(posting.kind);
  if (spec && !open.tableRows?.length) fieldErrors.table = [`请填写${spec.label}，至少一行`];
  if (open.number > 1 && !open.correctionReason) fieldErrors.reason = ["请填写更正原因"];
  const [files, publicNumbers] = await Promise.all([filesOf(db, open.id), publicNumbersOf(db, placeId)]);
  const findings = sensitiveFindings(posting.kind, { ...open, fileNames: files.map((f) => f.fileName) }, publicNumbers);
  const filesNeedCare = attachmentsNeedCare(posting.kind, files.length);
  const acknowledged =
    input.acknowledgeSensitive && (input.acknowledgedFindings === undefined || input.acknowledgedFindings === findingsDigest(findings));
  if (input.acknowledgeSensitive && !acknowledged) {
    fieldErrors.acknowledgeSensitive = ["保存后的号码与您核实时看到的不同（有新增或改动），请核对下方列表后重新勾选确认。"];
  } else if ((findings.length || filesNeedCare) && !acknowledged) {
    fieldErrors.acknowledgeSensitive = [
      findings.length
        ? `内容中发现 ${findings.length} 处身份证号、手机号或银行卡号。请核实确需公开，并勾选确认；公开页面将自动遮蔽显示。`
        : "附件（照片、PDF）按原样公开，不会自动遮蔽。请确认附件中没有完整的身份证号、手机号或银行卡号，并勾选确认。",
    ];
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(postingVersions)
      .set({ state: "submitted", submittedAt: ctx.now, updatedAt: ctx.now, version: sql`${postingVersions.version} + 1` })
      .where(and(eq(postingVersions.id, open.id), eq(postingVersions.version, input.expectedVersion), inArray(postingVersions.state, editableStates)))
      .returning();
    if (!claimed) return { ok: false, formError: staleMessage };
    await recordStep(tx, ctx, {
      postingId,
      versionNumber: open.number,
      action: open.state === "returned" ? "resubmit" : "submit",
      details: findings.length ? { sensitiveFindings: findings.length } : undefined,
    });
    await recordAudit(tx, ctx, {
      action: "posting.submit",
      entityType: "posting",
      entityId: postingId,
      after: { version: open.number, sensitiveFindings: findings.length },
    });
    return { ok: true, value: null };
  });
}

/** Gives up a draft or returned version that was never published; a first version gives up the posting. */
export async function discardVersion(
  ctx: ActionContext,
  postingId: number,
  input: { expectedVersion: number },
): Promise<WriteResult<{ postingDiscarded: boolean }>> {
  const { placeId } = villageOf(ctx.actor, "posting:draft");
  const db = await getDb();
  const posting = await ownPosting(db, placeId, postingId);
  const open = await openVersionOf(db, postingId);
  if (!open || !editableStates.includes(open.state)) return { ok: false, formError: "只有草稿或被退回的版本可以放弃。" };
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(postingVersions)
      .set({ state: "discarded", updatedAt: ctx.now, version: sql`${postingVersions.version} + 1` })
      .where(and(eq(postingVersions.id, open.id), eq(postingVersions.version, input.expectedVersion), inArray(postingVersions.state, editableStates)))
      .returning();
    if (!claimed) return { ok: false, formError: staleMessage };
    if (posting.status === "unpublished") {
      await tx.update(postings).set({ status: "discarded", updatedAt: ctx.now, version: sql`${postings.version} + 1` }).where(eq(postings.id, postingId));
    }
    await recordStep(tx, ctx, { postingId, versionNumber: open.number, action: "discard" });
    await recordAudit(tx, ctx, { action: "posting.discard", entityType: "posting", entityId: postingId, after: { version: open.number } });
    return { ok: true, value: { postingDiscarded: posting.status === "unpublished" } };
  });
}

/* ------------------------------------------------------------------ review and publication */

/** The content a published version's hash covers, read from what is stored. */
function chainContent(
  posting: PostingRow,
  placeCode: string,
  version: Pick<VersionRow, "number" | "title" | "body" | "tableRows" | "correctionReason" | "reviewerName" | "reviewOpinion" | "reviewedAt" | "salt">,
  files: Array<{ fileName: string; sha256: string; size: number }>,
  publishedAt: Date,
): ChainContent {
  return {
    postingId: posting.id,
    placeCode,
    category: posting.category,
    kind: posting.kind,
    period: posting.period,
    number: version.number,
    title: version.title,
    body: version.body,
    tableRows: version.tableRows ?? null,
    correctionReason: version.correctionReason ?? null,
    files: files.map((f) => ({ name: f.fileName, sha256: f.sha256, size: f.size })),
    review: { name: version.reviewerName ?? null, opinion: version.reviewOpinion ?? null, at: version.reviewedAt ?? null },
    publishedAt,
    salt: version.salt ?? "",
  };
}

export async function reviewPosting(
  ctx: ActionContext,
  postingId: number,
  input: { expectedVersion: number; decision: "approve" | "return"; opinion: string },
): Promise<WriteResult<{ published: boolean }>> {
  const { actor, placeId } = villageOf(ctx.actor, "posting:review");
  const opinion = input.opinion.replace(/\r\n?/g, "\n").trim();
  const returnProblem = input.decision === "return" ? returnOpinionProblem(opinion) : null;
  if (returnProblem) return { ok: false, fieldErrors: { opinion: [returnProblem] } };
  if (!opinion) return { ok: false, fieldErrors: { opinion: [input.decision === "approve" ? "请填写审核意见，如“经审核，同意公开”" : "请填写退回的理由"] } };
  if (opinion.length > maxReasonLength) return { ok: false, fieldErrors: { opinion: [`审核意见不能超过 ${maxReasonLength} 字`] } };
  const opinionCharacters = fieldCharacterProblem(opinion.replace(/\r?\n/g, " "), "审核意见");
  if (opinionCharacters) return { ok: false, fieldErrors: { opinion: [opinionCharacters] } };
  const db = await getDb();
  await ownPosting(db, placeId, postingId);
  const open = await openVersionOf(db, postingId);
  if (!open || open.state !== "submitted") return { ok: false, formError: "该公开事项不在待审核状态，请刷新页面。" };
  if (open.createdBy === actor.userId) forbidden("不能审核自己起草的公开事项。");

  return db.transaction(async (tx) => {
    if (input.decision === "return") {
      const [claimed] = await tx
        .update(postingVersions)
        .set({
          state: "returned",
          reviewedAt: ctx.now,
          reviewedBy: actor.userId,
          reviewerName: actor.displayName,
          reviewOpinion: opinion,
          updatedAt: ctx.now,
          version: sql`${postingVersions.version} + 1`,
        })
        .where(and(eq(postingVersions.id, open.id), eq(postingVersions.version, input.expectedVersion), eq(postingVersions.state, "submitted")))
        .returning();
      if (!claimed) return { ok: false, formError: staleMessage };
      await recordStep(tx, ctx, { postingId, versionNumber: open.number, action: "return", opinion });
      await recordAudit(tx, ctx, { action: "posting.return", entityType: "posting", entityId: postingId, reason: maskSensitive(opinion), after: { version: open.number } });
      return { ok: true, value: { published: false } };
    }

    // One publication at a time per place: the chain's next link is read under the place's row lock.
    const [place] = await tx.select().from(places).where(eq(places.id, placeId)).for("update");
    const [posting] = await tx.select().from(postings).where(eq(postings.id, postingId)).for("update");
    const [version] = await tx.select().from(postingVersions).where(eq(postingVersions.id, open.id));
    if (!place || !posting || !version || version.state !== "submitted" || version.version !== input.expectedVersion) {
      return { ok: false, formError: staleMessage };
    }
    if (posting.status === "withdrawn") return { ok: false, formError: "该公开事项已撤回，不能再公开更正版本。" };
    const [last] = await tx
      .select({ chainSeq: postingVersions.chainSeq, contentHash: postingVersions.contentHash, publishedAt: postingVersions.publishedAt })
      .from(postingVersions)
      .where(and(eq(postingVersions.placeId, placeId), isNotNull(postingVersions.chainSeq)))
      .orderBy(desc(postingVersions.chainSeq))
      .limit(1);
    const previousHash = last?.contentHash ?? genesisHash;
    const chainSeq = (last?.chainSeq ?? 0) + 1;
    const files = await filesOf(tx, version.id);
    // Times along a chain never go back, even when this request started before the previous one committed.
    const publishedAt = last?.publishedAt && last.publishedAt >= ctx.now ? new Date(last.publishedAt.getTime() + 1) : ctx.now;
    const signOff = { reviewedAt: publishedAt, reviewerName: actor.displayName, reviewOpinion: opinion, salt: newSalt() };
    const contentHash = versionHash(chainContent(posting, place.code, { ...version, ...signOff }, files, publishedAt), previousHash);
    const [published] = await tx
      .update(postingVersions)
      .set({
        state: "published",
        ...signOff,
        reviewedBy: actor.userId,
        publishedAt,
        chainSeq,
        contentHash,
        previousHash,
        updatedAt: ctx.now,
        version: sql`${postingVersions.version} + 1`,
      })
      .where(and(eq(postingVersions.id, version.id), eq(postingVersions.version, input.expectedVersion), eq(postingVersions.state, "submitted")))
      .returning();
    if (!published) return { ok: false, formError: staleMessage };
    if (posting.currentVersionId) {
      await tx.update(postingVersions).set({ state: "superseded" }).where(eq(postingVersions.id, posting.currentVersionId));
    }
    await tx
      .update(postings)
      .set({
        status: "published",
        // What the lists show: masked, but for the numbers the village marked as public contacts.
        title: maskSensitive(version.title, await publicNumbersOf(tx, placeId)),
        currentVersionId: version.id,
        currentVersion: version.number,
        currentHash: contentHash,
        publishedAt,
        firstPublishedAt: posting.firstPublishedAt ?? publishedAt,
        updatedAt: ctx.now,
        version: sql`${postings.version} + 1`,
      })
      .where(eq(postings.id, postingId));
    await recordStep(tx, ctx, { postingId, versionNumber: version.number, action: "approve", opinion, details: { contentHash, chainSeq } });
    await recordAudit(tx, ctx, {
      action: "posting.publish",
      entityType: "posting",
      entityId: postingId,
      reason: maskSensitive(opinion),
      after: { version: version.number, contentHash, previousHash, chainSeq },
    });
    return { ok: true, value: { published: true } };
  });
}

/* ------------------------------------------------------------------ correction and withdrawal */

export async function startCorrection(
  ctx: ActionContext,
  postingId: number,
  input: { expectedVersion: number; reason: string },
): Promise<WriteResult<null>> {
  const { actor, placeId } = villageOf(ctx.actor, "posting:draft");
  const reason = input.reason.replace(/\r\n?/g, "\n").trim();
  if (!reason) return { ok: false, fieldErrors: { reason: ["请填写更正原因，公开页面将显示该原因"] } };
  if (reason.length > maxReasonLength) return { ok: false, fieldErrors: { reason: [`更正原因不能超过 ${maxReasonLength} 字`] } };
  const reasonCharacters = fieldCharacterProblem(reason.replace(/\r?\n/g, " "), "更正原因");
  if (reasonCharacters) return { ok: false, fieldErrors: { reason: [reasonCharacters] } };
  const db = await getDb();
  await ownPosting(db, placeId, postingId);
  return db.transaction(async (tx) => {
    const [posting] = await tx.select().from(postings).where(eq(postings.id, postingId)).for("update");
    if (!posting || posting.version !== input.expectedVersion) return { ok: false, formError: staleMessage };
    if (posting.status !== "published" || !posting.currentVersionId) return { ok: false, formError: "只有已公开的事项可以更正。" };
    if (await openVersionOf(tx, postingId)) return { ok: false, formError: "该公开事项已有一个更正版本正在处理。" };
    const [current] = await tx.select().from(postingVersions).where(eq(postingVersions.id, posting.currentVersionId));
    const [highest] = await tx
      .select({ number: sql<number>`max(${postingVersions.number})` })
      .from(postingVersions)
      .where(eq(postingVersions.postingId, postingId));
    const number = Number(highest?.number ?? 0) + 1;
    const [draft] = await tx
      .insert(postingVersions)
      .values({
        postingId,
        placeId,
        number,
        title: current!.title,
        body: current!.body,
        tableRows: current!.tableRows,
        correctionReason: reason,
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    // The correction starts with the published files; they are copies, so the published version keeps its own.
    await tx.execute(sql`
      insert into posting_files (version_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
      select ${draft!.id}, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at
      from posting_files where version_id = ${current!.id} order by id`);
    await tx.update(postings).set({ updatedAt: ctx.now, version: sql`${postings.version} + 1` }).where(eq(postings.id, postingId));
    await recordStep(tx, ctx, { postingId, versionNumber: number, action: "correct", opinion: reason });
    await recordAudit(tx, ctx, { action: "posting.start_correction", entityType: "posting", entityId: postingId, reason: maskSensitive(reason), after: { version: number } });
    return { ok: true, value: null };
  });
}

export async function withdrawPosting(
  ctx: ActionContext,
  postingId: number,
  input: { expectedVersion: number; reason: string },
): Promise<WriteResult<null>> {
  const { actor, placeId } = villageOf(ctx.actor, "posting:draft");
  const reason = input.reason.replace(/\r\n?/g, "\n").trim();
  if (!reason) return { ok: false, fieldErrors: { withdrawReason: ["请填写撤回原因，公开页面将显示该原因"] } };
  if (reason.length > maxReasonLength) return { ok: false, fieldErrors: { withdrawReason: [`撤回原因不能超过 ${maxReasonLength} 字`] } };
  const withdrawCharacters = fieldCharacterProblem(reason.replace(/\r?\n/g, " "), "撤回原因");
  if (withdrawCharacters) return { ok: false, fieldErrors: { withdrawReason: [withdrawCharacters] } };
  const db = await getDb();
  const posting = await ownPosting(db, placeId, postingId);
  if (posting.status !== "published") return { ok: false, formError: "只有已公开的事项可以撤回。" };
  if (await openVersionOf(db, postingId)) return { ok: false, formError: "该公开事项有一个更正版本尚在处理中，请先放弃该更正再撤回。" };
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(postings)
      .set({ status: "withdrawn", withdrawnAt: ctx.now, withdrawnBy: actor.userId, withdrawnReason: reason, updatedAt: ctx.now, version: sql`${postings.version} + 1` })
      .where(and(eq(postings.id, postingId), eq(postings.version, input.expectedVersion), eq(postings.status, "published")))
      .returning();
    if (!claimed) return { ok: false, formError: staleMessage };
    await recordStep(tx, ctx, { postingId, versionNumber: posting.currentVersion ?? 1, action: "withdraw", opinion: reason });
    await recordAudit(tx, ctx, { action: "posting.withdraw", entityType: "posting", entityId: postingId, reason: maskSensitive(reason) });
    return { ok: true, value: null };
  });
}

/* ------------------------------------------------------------------ the village's workbench */

export interface WorkbenchItem {
  id: number;
  kind: string;
  category: PostingCategory;
  period: string;
  title: string;
  status: PostingRow["status"];
  openState: PostingVersionState | null;
  openNumber: number | null;
  currentVersion: number | null;
  updatedAt: Date;
}

/** The village's postings for its clerk or supervisor: those in preparation first, then the published. */
export async function villageWorkbench(
  actor: Actor,
  now: Date,
  filters: { page: number; pageSize: number; state?: "draft" | "submitted" | "returned" | "published" | "withdrawn" },
) {
  const permission = hasPermission(actor, "posting:draft") ? "posting:draft" : "posting:review";
  const { placeId } = villageOf(actor, permission);
  const db = await getDb();
  const open = alias(postingVersions, "open_version");
  // A supervisor sees what is submitted to the committee, never the clerk's drafts (a returned version is one again).
  const visibleOpen = permission === "posting:review" ? sql`${open.state} = 'submitted'` : sql`true`;
  const listed = and(
    eq(postings.placeId, placeId),
    sql`(${open.id} is not null or ${postings.status} in ('published', 'withdrawn'))`,
    filters.state === "published" || filters.state === "withdrawn"
      ? and(eq(postings.status, filters.state), sql`${open.id} is null`)
      : filters.state
        ? eq(open.state, filters.state)
        : undefined,
  );
  const rows = await db
    .select({
      id: postings.id,
      kind: postings.kind,
      category: postings.category,
      period: postings.period,
      title: sql<string>`coalesce(${open.title}, ${postings.title})`,
      status: postings.status,
      openState: open.state,
      openNumber: open.number,
      currentVersion: postings.currentVersion,
      updatedAt: postings.updatedAt,
    })
    .from(postings)
    .leftJoin(open, and(eq(open.postingId, postings.id), inArray(open.state, openStates), visibleOpen))
    .where(listed)
    .orderBy(sql`${open.id} is null`, desc(postings.updatedAt), desc(postings.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: sql<number>`count(*)::int` })
    .from(postings)
    .leftJoin(open, and(eq(open.postingId, postings.id), inArray(open.state, openStates), visibleOpen))
    .where(listed);
  const [counts] = await db
    .select({
      drafts: sql<number>`count(*) filter (where ${postingVersions.state} = 'draft')::int`,
      submitted: sql<number>`count(*) filter (where ${postingVersions.state} = 'submitted')::int`,
      returned: sql<number>`count(*) filter (where ${postingVersions.state} = 'returned')::int`,
    })
    .from(postingVersions)
    .where(and(eq(postingVersions.placeId, placeId), inArray(postingVersions.state, permission === "posting:review" ? ["submitted"] : openStates)));
  return {
    items: rows satisfies WorkbenchItem[],
    total: total?.value ?? 0,
    counts: { drafts: counts?.drafts ?? 0, submitted: counts?.submitted ?? 0, returned: counts?.returned ?? 0 },
    compliance: await placeCompliance(placeId, now),
  };
}

/** One posting as its village's clerk or supervisor sees it: every version in full, the steps, what each may do. */
export async function postingWorkspace(actor: Actor, postingId: number) {
  const permission = hasPermission(actor, "posting:draft") ? "posting:draft" : "posting:review";
  const { placeId } = villageOf(actor, permission);
  const db = await getDb();
  const posting = await ownPosting(db, placeId, postingId);
  const versions = await db
    .select()
    .from(postingVersions)
    .where(eq(postingVersions.postingId, postingId))
    .orderBy(desc(postingVersions.number));
  // Once returned, a version is the clerk's to edit again: the supervisor sees it when it is resubmitted.
  const visible = versions.filter((v) => v.state !== "discarded" && (permission === "posting:draft" || (v.state !== "draft" && v.state !== "returned")));
  if (!visible.length) notFound("找不到该公开事项。");
  const files = visible.length
    ? await db
        .select({ id: postingFiles.id, versionId: postingFiles.versionId, fileName: postingFiles.fileName, contentType: postingFiles.contentType, size: postingFiles.size })
        .from(postingFiles)
        .where(inArray(postingFiles.versionId, visible.map((v) => v.id)))
        .orderBy(asc(postingFiles.id))
    : [];
  const visibleNumbers = new Set(visible.map((v) => v.number));
  const steps = (await db.select().from(postingSteps).where(eq(postingSteps.postingId, postingId)).orderBy(asc(postingSteps.at), asc(postingSteps.id))).filter(
    (step) => visibleNumbers.has(step.versionNumber),
  );
  const open = visible.find((v) => openStates.includes(v.state)) ?? null;
  const current = visible.find((v) => v.id === posting.currentVersionId) ?? null;
  const openFiles = open ? files.filter((f) => f.versionId === open.id) : [];
  const findings = open ? sensitiveFindings(posting.kind, { ...open, fileNames: openFiles.map((f) => f.fileName) }, await publicNumbersOf(db, placeId)) : [];
  const drafting = permission === "posting:draft";
  return {
    posting,
    versions: visible.map((v) => ({ ...v, files: files.filter((f) => f.versionId === v.id) })),
    open,
    current,
    steps,
    findings,
    findingsDigest: findingsDigest(findings),
    attachmentsNeedCare: attachmentsNeedCare(posting.kind, openFiles.length),
    can: {
      edit: drafting && !!open && editableStates.includes(open.state),
      review: !drafting && open?.state === "submitted" && open.createdBy !== actor.userId,
      correct: drafting && posting.status === "published" && !open,
      withdraw: drafting && posting.status === "published" && !open,
      discard: drafting && !!open && editableStates.includes(open.state),
    },
  };
}

/** A file of a version the actor may see: the village's own clerk/supervisor any visible version, the public only published ones. */
export async function postingFile(actor: Actor | null, fileId: number) {
  if (!isRowId(fileId)) notFound("找不到该文件。");
  const db = await getDb();
  const [file] = await db
    .select({ file: postingFiles, state: postingVersions.state, placeId: postingVersions.placeId, postingStatus: postings.status })
    .from(postingFiles)
    .innerJoin(postingVersions, eq(postingVersions.id, postingFiles.versionId))
    .innerJoin(postings, eq(postings.id, postingVersions.postingId))
    .where(eq(postingFiles.id, fileId))
    .limit(1);
  if (!file) notFound("找不到该文件。");
  const isPublic = (file.state === "published" || file.state === "superseded") && file.postingStatus !== "unpublished";
  const villageOwn = ownVillage(actor) === file.placeId && file.state !== "discarded";
  const supervisorDraft = villageOwn && (file.state === "draft" || file.state === "returned") && !hasPermission(actor, "posting:draft");
  if (!isPublic && (!villageOwn || supervisorDraft)) notFound("找不到该文件。");
  // Someone else sees the file name masked, as on the public page.
  if (villageOwn) return file.file;
  return { ...file.file, fileName: maskSensitive(file.file.fileName, await publicNumbersOf(db, file.placeId)) };
}

/* ------------------------------------------------------------------ public reads */

export interface PublicPostingFilters {
  street?: string;
  village?: string;
  category?: PostingCategory;
  period?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const street = alias(places, "street");

function publicConditions(filters: Omit<PublicPostingFilters, "page" | "pageSize">): SQL[] | null {
  const conditions: SQL[] = [sql`${postings.status} in ('published', 'withdrawn')`];
  if (filters.category) conditions.push(eq(postings.category, filters.category));
  if (filters.village) conditions.push(eq(places.code, filters.village));
  if (filters.street) conditions.push(eq(street.code, filters.street));
  if (filters.period) {
    const period = parsePeriod(filters.period);
    if (!period) return null;
    conditions.push(gte(postings.periodStart, period.start), lte(postings.periodStart, period.end));
  }
  if (filters.q) conditions.push(sql`${postings.title} ilike ${`%${escapeLike(filters.q)}%`}`);
  return conditions;
}

const publicColumns = {
  id: postings.id,
  placeId: postings.placeId,
  category: postings.category,
  kind: postings.kind,
  period: postings.period,
  title: postings.title,
  status: postings.status,
  version: postings.currentVersion,
  hash: postings.currentHash,
  publishedAt: postings.publishedAt,
  firstPublishedAt: postings.firstPublishedAt,
  withdrawnAt: postings.withdrawnAt,
  villageCode: places.code,
  village: places.name,
  street: street.name,
  streetCode: street.code,
};

/**
 * Published and withdrawn postings, newest first, with personal numbers masked.
 * `pageSize: null` returns every match (CSV). `count`: "exact" for open data,
 * "capped" (up to publicCountCap) for the pages, "none" for a short list.
 */
export async function publicPostings(
  filters: Omit<PublicPostingFilters, "pageSize"> & { pageSize: number | null },
  count: "exact" | "capped" | "none" = "capped",
) {
  const conditions = publicConditions(filters);
  if (!conditions) return { items: [], total: 0, badPeriod: true };
  const db = await getDb();
  const where = and(...conditions);
  const query = db
    .select(publicColumns)
    .from(postings)
    .innerJoin(places, eq(places.id, postings.placeId))
    .innerJoin(street, eq(street.id, postings.streetId))
    .where(where)
    .orderBy(desc(postings.publishedAt), desc(postings.id));
  const cap = count === "capped" ? publicCountCap : undefined;
  const matches = db
    .select({ one: sql`1` })
    .from(postings)
    .innerJoin(places, eq(places.id, postings.placeId))
    .innerJoin(street, eq(street.id, postings.streetId))
    .where(where);
  const [rows, counted] = await Promise.all([
    filters.pageSize === null ? query : query.limit(filters.pageSize).offset((filters.page - 1) * filters.pageSize),
    count === "none"
      ? Promise.resolve(null)
      : db
          .select({ value: sql<number>`count(*)::int` })
          .from((cap ? matches.limit(cap + 1) : matches).as("matches"))
          .then(([row]) => row?.value ?? 0),
  ]);
  const numbers = await publicNumbersByPlace(db, rows.map((r) => r.placeId));
  const items = rows.map((r) => ({ ...r, title: maskSensitive(r.title, numbers.get(r.placeId)) }));
  return { items, ...cappedTotal(counted ?? items.length, cap), badPeriod: false };
}

/** The statements a public posting page runs, unexecuted: the benchmark's bare baseline runs the very same SQL. */
export function publicPostingQueries(db: Database, postingId: number) {
  return {
    posting: db
      .select({
        posting: postings,
        place: places,
        street: { name: street.name, code: street.code, level: street.level },
        // The village's marked public contacts, shown unmasked on its pages.
        publicNumbers: sql<string[]>`array(select ${publicContactNumbers.digits} from ${publicContactNumbers} where ${publicContactNumbers.placeId} = ${postings.placeId})`,
      })
      .from(postings)
      .innerJoin(places, eq(places.id, postings.placeId))
      .innerJoin(street, eq(street.id, postings.streetId))
      .where(eq(postings.id, postingId))
      .limit(1),
    versions: db
      .select()
      .from(postingVersions)
      .where(and(eq(postingVersions.postingId, postingId), inArray(postingVersions.state, ["published", "superseded"])))
      .orderBy(desc(postingVersions.number)),
    files: (versionIds: number[]) =>
      db
        .select({ id: postingFiles.id, versionId: postingFiles.versionId, fileName: postingFiles.fileName, contentType: postingFiles.contentType, size: postingFiles.size, sha256: postingFiles.sha256 })
        .from(postingFiles)
        .where(inArray(postingFiles.versionId, versionIds))
        .orderBy(asc(postingFiles.id)),
  };
}

/** One published or withdrawn posting for everyone: every published version masked, newest first, with its hash and sign-off. */
export async function publicPosting(postingId: number) {
  if (!isRowId(postingId)) notFound("找不到该公开事项。");
  const q = publicPostingQueries(await getDb(), postingId);
  const [row] = await q.posting;
  if (!row || (row.posting.status !== "published" && row.posting.status !== "withdrawn")) notFound("找不到该公开事项。");
  const versions = await q.versions;
  const files = versions.length ? await q.files(versions.map((v) => v.id)) : [];
  const { posting } = row;
  const numbers = new Set(row.publicNumbers);
  return {
    posting: {
      id: posting.id,
      category: posting.category,
      kind: posting.kind,
      retention: posting.retention,
      period: posting.period,
      periodKind: posting.periodKind,
      status: posting.status,
      currentVersion: posting.currentVersion,
      firstPublishedAt: posting.firstPublishedAt,
      publishedAt: posting.publishedAt,
      withdrawnAt: posting.withdrawnAt,
      withdrawnReason: posting.withdrawnReason ? maskSensitive(posting.withdrawnReason, numbers) : null,
    },
    place: { code: row.place.code, name: row.place.name, level: row.place.level },
    street: row.street,
    versions: versions.map((v) => ({
      ...maskedContent(posting.kind, { title: v.title, body: v.body, tableRows: v.tableRows ?? null }, numbers),
      number: v.number,
      correctionReason: v.correctionReason ? maskSensitive(v.correctionReason, numbers) : null,
      publishedAt: v.publishedAt!,
      reviewedAt: v.reviewedAt,
      reviewerName: v.reviewerName,
      reviewOpinion: v.reviewOpinion ? maskSensitive(v.reviewOpinion, numbers) : null,
      contentHash: v.contentHash!,
      previousHash: v.previousHash!,
      chainSeq: v.chainSeq!,
      files: files.filter((f) => f.versionId === v.id).map((f) => ({ ...f, fileName: maskSensitive(f.fileName, numbers) })),
    })),
  };
}

/** A place's postings (published and withdrawn) for its public page and feed, newest period first. */
export async function placePostings(placeId: number, limit = 200) {
  const db = await getDb();
  const numbers = await publicNumbersOf(db, placeId);
  const rows = await db
    .select({
      id: postings.id,
      category: postings.category,
      kind: postings.kind,
      period: postings.period,
      periodStart: postings.periodStart,
      title: postings.title,
      status: postings.status,
      version: postings.currentVersion,
      hash: postings.currentHash,
      publishedAt: postings.publishedAt,
      withdrawnAt: postings.withdrawnAt,
      withdrawnReason: postings.withdrawnReason,
    })
    .from(postings)
    .where(and(eq(postings.placeId, placeId), sql`${postings.status} in ('published', 'withdrawn')`))
    .orderBy(desc(postings.periodStart), desc(postings.publishedAt), desc(postings.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    title: maskSensitive(r.title, numbers),
    withdrawnReason: r.withdrawnReason ? maskSensitive(r.withdrawnReason, numbers) : null,
  }));
}

/** The latest publications across the district, for the home page. */
/** The newest postings for the home page, kept until the public data changes. */
export function latestPostings(limit = 8) {
  return cachedPublic(`latestPostings:${limit}`, async () => (await publicPostings({ page: 1, pageSize: limit }, "none")).items);
}

/* ------------------------------------------------------------------ compliance */

/**
 * For each place, the finance and village-affairs periods it has published and
 * the day each was first published. Compliance needs only the earliest
 * publication of a period, so the database groups: a city's villages publish
 * tens of thousands of postings a year.
 */
async function publishedPeriods(placeIds: number[] | "all", from: string): Promise<Map<number, PublishedPeriod[]>> {
  const db = await getDb();
  const publishedOn = sql<string>`min((${postings.firstPublishedAt} at time zone 'Asia/Shanghai')::date)::text`;
  const rows = await db
    .select({
      placeId: postings.placeId,
      category: postings.category,
      periodKind: postings.periodKind,
      periodStart: postings.periodStart,
      periodEnd: postings.periodEnd,
      publishedOn,
    })
    .from(postings)
    .where(
      and(
        eq(postings.status, "published"),
        inArray(postings.category, ["finance", "village"]),
        gte(postings.periodStart, from),
        placeIds === "all" ? undefined : inArray(postings.placeId, placeIds.length ? placeIds : [-1]),
      ),
    )
    .groupBy(postings.placeId, postings.category, postings.periodKind, postings.periodStart, postings.periodEnd);
  const byPlace = new Map<number, PublishedPeriod[]>();
  for (const r of rows) {
    const list = byPlace.get(r.placeId) ?? [];
    list.push({ category: r.category, periodKind: r.periodKind, periodStart: r.periodStart, periodEnd: r.periodEnd, publishedOn: r.publishedOn });
    byPlace.set(r.placeId, list);
  }
  return byPlace;
}

export async function placeCompliance(placeId: number, now: Date): Promise<ComplianceSummary> {
  const today = shanghaiDate(now);
  const window = recentDuePeriods(today);
  const from = [window.months[0]?.start, window.quarters[0]?.start].filter(Boolean).sort()[0] ?? today;
  const published = (await publishedPeriods([placeId], from)).get(placeId) ?? [];
  return complianceSummary(published, window, today);
}

/** Officers: per street or town and per village, the months and quarters of a year and which are missing. */
export async function complianceOverview(actor: Actor, input: { year: number; streetCode?: string | null }, now: Date) {
  if (!hasPermission(actor, "posting:monitor")) forbidden();
  const streetId = officerReach(actor).streetId;
  const today = shanghaiDate(now);
  // Postings and places are public: the grid is kept until they change, per scope and day.
  return cachedPublic(`compliance:${input.year}:${streetId ?? ""}:${input.streetCode ?? ""}:${today}`, () =>
    computeComplianceOverview(streetId, input, today),
  );
}

async function computeComplianceOverview(streetId: number | null, input: { year: number; streetCode?: string | null }, today: string) {
  const db = await getDb();
  const parent = alias(places, "parent");
  const villages = await db
    .select({ id: places.id, code: places.code, name: places.name, streetId: parent.id, streetName: parent.name, streetCode: parent.code })
    .from(places)
    .innerJoin(parent, eq(parent.id, places.parentId))
    .where(
      and(
        eq(places.level, "village"),
        streetId ? eq(parent.id, streetId) : undefined,
        input.streetCode ? eq(parent.code, input.streetCode) : undefined,
      ),
    )
    .orderBy(asc(parent.sortOrder), asc(parent.code), asc(places.sortOrder), asc(places.code));
  const periods = periodsOfYear(input.year);
  const published = await publishedPeriods(villages.map((v) => v.id), `${input.year}-01-01`);
  const rows = villages.map((village) => {
    const summary = complianceSummary(published.get(village.id) ?? [], periods, today);
    return { village, ...summary };
  });
  const streets = new Map<number, { id: number; name: string; code: string; villages: number; upToDate: number; missingMonths: number; missingQuarters: number }>();
  for (const row of rows) {
    const s = streets.get(row.village.streetId) ?? { id: row.village.streetId, name: row.village.streetName, code: row.village.streetCode, villages: 0, upToDate: 0, missingMonths: 0, missingQuarters: 0 };
    s.villages += 1;
    if (row.upToDate) s.upToDate += 1;
    s.missingMonths += row.finance.filter((c) => c.status === "missing").length;
    s.missingQuarters += row.villageAffairs.filter((c) => c.status === "missing").length;
    streets.set(s.id, s);
  }
  return { year: input.year, months: periods.months, quarters: periods.quarters, rows, streets: [...streets.values()] };
}

/** For the public figures: how many villages are up to date over the recent window. */
export async function villagesUpToDate(now: Date): Promise<{ villages: number; upToDate: number }> {
  const db = await getDb();
  const villages = await db.select({ id: places.id }).from(places).where(eq(places.level, "village"));
  const today = shanghaiDate(now);
  const window = recentDuePeriods(today);
  const from = [window.months[0]?.start, window.quarters[0]?.start].filter(Boolean).sort()[0] ?? today;
  const published = await publishedPeriods("all", from);
  const upToDate = villages.filter((v) => complianceSummary(published.get(v.id) ?? [], window, today).upToDate).length;
  return { villages: villages.length, upToDate };
}

/* ------------------------------------------------------------------ integrity */

export interface ChainReport {
  places: number;
  versions: number;
  problems: Array<ChainProblem & { placeCode: string; placeName: string }>;
}

/**
 * Recomputes every place's chain from what is stored, files' hashes from their
 * bytes, and names each version whose content, hash or link does not hold.
 */
export async function verifyPostingChains(): Promise<ChainReport> {
  const db = await getDb();
  const placeRows = await db
    .selectDistinct({ id: places.id, code: places.code, name: places.name })
    .from(places)
    .innerJoin(postingVersions, eq(postingVersions.placeId, places.id))
    .where(isNotNull(postingVersions.chainSeq))
    .orderBy(asc(places.code));
  const report: ChainReport = { places: placeRows.length, versions: 0, problems: [] };
  for (const place of placeRows) {
    const versions = await db
      .select({ version: postingVersions, posting: postings })
      .from(postingVersions)
      .innerJoin(postings, eq(postings.id, postingVersions.postingId))
      .where(and(eq(postingVersions.placeId, place.id), isNotNull(postingVersions.chainSeq)))
      .orderBy(asc(postingVersions.chainSeq));
    const files = await db
      .select({ versionId: postingFiles.versionId, fileName: postingFiles.fileName, size: postingFiles.size, content: postingFiles.content })
      .from(postingFiles)
      .where(inArray(postingFiles.versionId, versions.map((v) => v.version.id)))
      .orderBy(asc(postingFiles.id));
    const links: StoredLink[] = versions.map(({ version, posting }) => ({
      versionId: version.id,
      chainSeq: version.chainSeq!,
      contentHash: version.contentHash ?? "",
      previousHash: version.previousHash ?? "",
      content: chainContent(
        posting,
        place.code,
        version,
        files
          .filter((f) => f.versionId === version.id)
          .map((f) => ({ fileName: f.fileName, size: f.content.length, sha256: createHash("sha256").update(f.content).digest("hex") })),
        version.publishedAt ?? new Date(0),
      ),
    }));
    report.versions += links.length;
    for (const problem of verifyChain(links)) report.problems.push({ ...problem, placeCode: place.code, placeName: place.name });
    for (const { version, posting } of versions) {
      const where = { versionId: version.id, postingId: posting.id, number: version.number, placeCode: place.code, placeName: place.name };
      if (version.state !== "published" && version.state !== "superseded") report.problems.push({ ...where, message: `链中的版本状态为“${version.state}”，应为已公开或已被更正` });
    }
  }
  report.problems.push(...(await postingRowProblems(db)), ...(await missingAnchoredVersions(db)));
  return report;
}

/**
 * What the public sees of a posting (its status, title, version and hash) must
 * agree with its newest version in the chain: a posting made to disappear or to
 * show another version is named.
 */
async function postingRowProblems(db: Database): Promise<ChainReport["problems"]> {
  const rows = await queryRows<{
    posting_id: number;
    status: string;
    current_version_id: number | null;
    current_version: number | null;
    current_hash: string | null;
    head_id: number | null;
    head_number: number | null;
    head_hash: string | null;
    code: string;
    name: string;
  }>(db, sql`
    select p.id as posting_id, p.status, p.current_version_id, p.current_version, p.current_hash,
           head.id as head_id, head.number as head_number, head.content_hash as head_hash, pl.code, pl.name
    from postings p
    join places pl on pl.id = p.place_id
    left join lateral (
      select v.id, v.number, v.content_hash from posting_versions v
      where v.posting_id = p.id and v.chain_seq is not null order by v.number desc limit 1
    ) head on true
    where head.id is not null or p.status in ('published', 'withdrawn') or p.first_published_at is not null`);
  const problems: ChainReport["problems"] = [];
  for (const r of rows) {
    const where = { versionId: r.head_id ?? r.current_version_id ?? 0, postingId: r.posting_id, number: r.head_number ?? r.current_version ?? 0, placeCode: r.code, placeName: r.name };
    if (r.head_id === null) problems.push({ ...where, message: "已公开的事项在链中没有任何版本（版本可能被删除）" });
    else if (r.status !== "published" && r.status !== "withdrawn") problems.push({ ...where, message: `已公开的事项状态被改为“${r.status}”，公开页面将看不到它` });
    else if (r.current_version_id !== r.head_id || r.current_version !== r.head_number || r.current_hash !== r.head_hash) {
      problems.push({ ...where, message: "事项显示的当前版本或哈希与链中最新版本不符" });
    }
  }
  return problems;
}

/** Every publication the append-only audit log recorded must still be in the chain: a deleted newest link is named. */
async function missingAnchoredVersions(db: Database): Promise<ChainReport["problems"]> {
  const rows = await queryRows<{ posting_id: string; hash: string; number: number | null; code: string | null; name: string | null }>(db, sql`
    select a.entity_id as posting_id, a.after->>'contentHash' as hash, (a.after->>'version')::int as number, pl.code, pl.name
    from audit_log a
    left join postings p on p.id::text = a.entity_id
    left join places pl on pl.id = p.place_id
    where a.action = 'posting.publish'
      and not exists (select 1 from posting_versions v where v.content_hash = a.after->>'contentHash')`);
  return rows.map((r) => ({
    versionId: 0,
    postingId: Number(r.posting_id),
    number: r.number ?? 0,
    placeCode: r.code ?? "",
    placeName: r.name ?? "（未知）",
    message: `审计日志记录的已公开版本（哈希 ${r.hash.slice(0, 16)}…）在链中已不存在`,
  }));
}
