/**
 * Village-affairs postings (村务公开) as they are written: the clerk drafts and
 * submits, a member of the village's supervision committee approves
 * (publishing it into the village's hash chain) or returns it with an opinion;
 * a published version is never changed, a correction is a new version reviewed
 * again, a withdrawal keeps the posting visible with its reason. The clerk also
 * marks the village's public contact numbers. Every write checks permission
 * and scope, validates, runs in one transaction, claims its row by version,
 * records the step and writes the audit log.
 */
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { places, postingFiles, postings, postingSteps, postingVersions, publicContactNumbers } from "../../../db/schema";
import { recordAudit } from "../audit/commands.server";
import { storedAttachment, uploadProblems, type Upload } from "../shared/attachments.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { fieldCharacterProblem } from "../shared/text-input";
import { shanghaiDate } from "../shared/time";
import { clerkPlace, editableStates, filesOf, openVersionOf, ownPosting, seesPosting, villageOf, type VersionRow } from "./access.server";
import { chainContent, genesisHash, newSalt, versionHash } from "./chain";
import { publicContactSchema, readContactNumber } from "./contact-forms";
import { reasonMessages, reasonProblem, returnOpinionProblem, storedReason, titleProblem } from "./forms";
import { findingsKey, publicNumbersOf } from "./queries.server";
import {
  attachmentsNeedCare,
  cleanTableRows,
  isPostingKind,
  kindOf,
  parsePeriod,
  periodProblem,
  sensitiveFindings,
  tableProblems,
  tableSpecOf,
  type PostingTableRows,
} from "./rules";
import { maskSensitive, type PublicNumbers } from "./sensitive-numbers";
import { bodyMarkupProblems } from "./text";

const staleMessage = "该公开事项已被其他人处理或修改，请刷新页面查看最新状态后再操作。";

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
  /** A first version's period (blank or missing is refused); a correction keeps the published one and ignores it. */
  period?: string;
  tableRows?: PostingTableRows;
}

/** Field errors of a draft; the cleaned table rows when it may be saved. */
function checkDraft(kind: string, input: DraftInput, today: string) {
  const fieldErrors: Record<string, string[]> = {};
  const title = input.title.trim();
  const titleError = titleProblem(title);
  if (titleError) fieldErrors.title = [titleError];
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
  // The period is the first version's: a correction keeps the published one, and a first version's form always has it.
  const withPeriod = open.number === 1 ? { ...withRows, period: withRows.period ?? "" } : { ...withRows, period: undefined };
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

export async function submitPosting(
  ctx: ActionContext,
  postingId: number,
  input: {
    expectedVersion: number;
    acknowledgeSensitive: boolean;
    /** findingsKey of what the clerk was shown when ticking; when given, it must match what is stored now. */
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
    input.acknowledgeSensitive && (input.acknowledgedFindings === undefined || input.acknowledgedFindings === findingsKey(findings));
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

/**
 * Saves the draft, then submits it to the supervision committee. A refused
 * submission keeps what was saved (`saved`), and says so.
 */
export async function submitDraft(
  ctx: ActionContext,
  postingId: number,
  input: DraftInput & { expectedVersion: number; acknowledgeSensitive: boolean; acknowledgedFindings?: string },
): Promise<WriteResult<null> & { saved: boolean }> {
  const saved = await saveDraft(ctx, postingId, input);
  if (!saved.ok) return { ...saved, saved: false };
  const submitted = await submitPosting(ctx, postingId, {
    expectedVersion: saved.value.version,
    acknowledgeSensitive: input.acknowledgeSensitive,
    acknowledgedFindings: input.acknowledgedFindings,
  });
  if (submitted.ok) return { ...submitted, saved: true };
  return {
    ok: false,
    saved: true,
    ...(submitted.fieldErrors ? { fieldErrors: submitted.fieldErrors } : {}),
    formError: `草稿已保存，但未能提交审核：${submitted.formError ?? "请按提示处理后再提交。"}`,
  };
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

export async function reviewPosting(
  ctx: ActionContext,
  postingId: number,
  input: { expectedVersion: number; decision: "approve" | "return"; opinion: string },
): Promise<WriteResult<{ published: boolean }>> {
  const { actor, placeId } = villageOf(ctx.actor, "posting:review");
  const db = await getDb();
  await ownPosting(db, placeId, postingId);
  // A posting the committee has never been shown (a first draft) is not theirs to hear of, awaiting review or not.
  if (!(await seesPosting(db, postingId, false))) notFound("找不到该公开事项。");
  const opinion = storedReason(input.opinion);
  const { label, missing } = reasonMessages[input.decision];
  const opinionError = (input.decision === "return" ? returnOpinionProblem(opinion) : null) ?? reasonProblem(opinion, label, missing);
  if (opinionError) return { ok: false, fieldErrors: { opinion: [opinionError] } };
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
  const reason = storedReason(input.reason);
  const reasonError = reasonProblem(reason, reasonMessages.correct.label, reasonMessages.correct.missing);
  if (reasonError) return { ok: false, fieldErrors: { reason: [reasonError] } };
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
  const reason = storedReason(input.reason);
  const reasonError = reasonProblem(reason, reasonMessages.withdraw.label, reasonMessages.withdraw.missing);
  if (reasonError) return { ok: false, fieldErrors: { withdrawReason: [reasonError] } };
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

/* ------------------------------------------------------------------ public contacts */

/**
 * The titles of a place's public postings as lists show them, masked again
 * with its marked numbers; the full title stays in the published version.
 */
async function remaskPublicTitles(tx: Database, placeId: number, numbers: PublicNumbers): Promise<void> {
  const rows = await tx
    .select({ id: postings.id, shown: postings.title, title: postingVersions.title })
    .from(postings)
    .innerJoin(postingVersions, eq(postingVersions.id, postings.currentVersionId))
    .where(and(eq(postings.placeId, placeId), inArray(postings.status, ["published", "withdrawn"])));
  for (const row of rows) {
    const title = maskSensitive(row.title, numbers);
    if (title !== row.shown) await tx.update(postings).set({ title }).where(eq(postings.id, row.id));
  }
}

/** Marks a mobile or bank-card number to be shown in full on the clerk's village's public pages. */
export async function markPublicContact(ctx: ActionContext, input: { number: string; label: string }): Promise<WriteResult<{ id: number }>> {
  const { actor, placeId } = clerkPlace(ctx.actor);
  const parsed = publicContactSchema.safeParse(input);
  const read = readContactNumber(input.number);
  if (!parsed.success || !read.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error?.issues ?? []) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { ok: false, fieldErrors };
  }
  const { kind, digits } = read.value;
  const label = parsed.data.label;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ label: publicContactNumbers.label })
      .from(publicContactNumbers)
      .where(and(eq(publicContactNumbers.placeId, placeId), eq(publicContactNumbers.digits, digits)));
    if (existing) return { ok: false, fieldErrors: { number: [`该号码已标记为公开（${existing.label}）`] } };
    // Of two clerks marking the same number at once, the unique index refuses the second.
    const [marked] = await tx
      .insert(publicContactNumbers)
      .values({ placeId, kind, digits, label, markedBy: actor.userId, markedAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: publicContactNumbers.id });
    if (!marked) return { ok: false, fieldErrors: { number: ["该号码已标记为公开"] } };
    await recordAudit(tx, ctx, {
      action: "public_contact.mark",
      entityType: "public_contact",
      entityId: marked.id,
      after: { placeId, kind, digits, label },
    });
    await remaskPublicTitles(tx, placeId, await publicNumbersOf(tx, placeId));
    return { ok: true, value: { id: marked.id } };
  });
}

/** Removes a mark: the number is masked again on the village's public pages. */
export async function unmarkPublicContact(ctx: ActionContext, id: number): Promise<WriteResult<null>> {
  const { placeId } = clerkPlace(ctx.actor);
  if (!isRowId(id)) return { ok: false, formError: "找不到该号码，可能已被取消公开。" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Another village's mark reads as not there.
    const [removed] = await tx
      .delete(publicContactNumbers)
      .where(and(eq(publicContactNumbers.id, id), eq(publicContactNumbers.placeId, placeId)))
      .returning();
    if (!removed) return { ok: false, formError: "找不到该号码，可能已被取消公开。" };
    await recordAudit(tx, ctx, {
      action: "public_contact.unmark",
      entityType: "public_contact",
      entityId: removed.id,
      before: { placeId, kind: removed.kind, digits: removed.digits, label: removed.label, markedBy: removed.markedBy, markedAt: removed.markedAt },
    });
    await remaskPublicTitles(tx, placeId, await publicNumbersOf(tx, placeId));
    return { ok: true, value: null };
  });
}
