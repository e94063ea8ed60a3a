/**
 * Villagers' questions (村民质询): asked by anyone on a published posting,
 * answered by the village's clerk and, in its own words, by the supervision
 * committee; hidden with a reason when abusive. Every write checks who may act
 * on this village, runs in one transaction and writes the audit log.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, or, sql } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { places, postingQuestions, postings, settings } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReachOrNull, ownVillage, reaches } from "../../auth/scope.server";
import { recordAudit } from "../audit/commands.server";
import { maskSensitive } from "../postings/sensitive-numbers";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { parseSubmission, replyTo } from "../shared/form-submission";
import { questionWorkSchema, type AskPost, type QuestionWork } from "./forms";
import { questionRefusalMessage, questionThrottle } from "./rules";

const stale = { ok: false as const, formError: "该质询已被其他人处理，请刷新页面查看最新情况。" };

/** Advisory-lock namespaces: one sender, one posting (two-key locks, apart from the one-key locks elsewhere). */
const addressLockSpace = 0x7175_0001;
const postingLockSpace = 0x7175_0002;
const saltKey = "question_address_salt";

/**
 * The district's random salt for address keys, made on first use and shared by
 * every instance through the settings table (it is not a setting officers see).
 */
async function addressSalt(db: Database): Promise<string> {
  await db.insert(settings).values({ key: saltKey, value: randomBytes(32).toString("hex") }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, saltKey));
  return String(row!.value);
}

function addressKeyOf(salt: string, ip: string | null): string {
  return createHash("sha256").update(`${salt}:${ip ?? "unknown"}`).digest("hex");
}

export type AskResult = WriteResult<{ id: number }> & { status?: 429; retryAfterSeconds?: number };

/** A villager's question on a published posting: masked, rate-limited, waiting for the village's answer. */
export async function askQuestion(ctx: ActionContext, postingId: number, input: AskPost): Promise<AskResult> {
  if (!isRowId(postingId)) notFound("找不到该公开事项。");
  const db = await getDb();
  const addressKey = addressKeyOf(await addressSalt(db), ctx.ip);
  return db.transaction(async (tx): Promise<AskResult> => {
    // Sender first, then posting, in every transaction: two questions never wait on each other in a circle.
    await tx.execute(sql`select pg_advisory_xact_lock(${addressLockSpace}::int, hashtext(${addressKey}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${postingLockSpace}::int, ${postingId}::int)`);
    const [posting] = await tx.select({ id: postings.id, placeId: postings.placeId, status: postings.status }).from(postings).where(eq(postings.id, postingId));
    if (!posting || (posting.status !== "published" && posting.status !== "withdrawn")) notFound("找不到该公开事项。");
    if (posting.status !== "published") return { ok: false, formError: "该公开事项已撤回，不能再提出质询；如有疑问请直接向村务监督委员会反映。" };
    const since = new Date(ctx.now.getTime() - 86_400_000);
    const recent = await tx
      .select({ askedAt: postingQuestions.askedAt, addressKey: postingQuestions.addressKey, postingId: postingQuestions.postingId })
      .from(postingQuestions)
      .where(and(gt(postingQuestions.askedAt, since), or(eq(postingQuestions.addressKey, addressKey), eq(postingQuestions.postingId, postingId))));
    const refusal = questionThrottle(
      { fromAddress: recent.filter((r) => r.addressKey === addressKey).map((r) => r.askedAt), onPosting: recent.filter((r) => r.postingId === postingId).map((r) => r.askedAt) },
      ctx.now,
    );
    if (refusal) {
      await recordAudit(tx, ctx, { action: "question.refused", refused: true, entityType: "posting", entityId: postingId, reason: refusal.scope });
      return { ok: false, formError: questionRefusalMessage(refusal), status: 429, retryAfterSeconds: refusal.retryAfterSeconds };
    }
    // Personal numbers never reach the table: a villager may type an ID or a phone number into any field.
    const [row] = await tx
      .insert(postingQuestions)
      .values({
        postingId,
        placeId: posting.placeId,
        askerName: maskSensitive(input.name),
        askerVillage: maskSensitive(input.village),
        question: maskSensitive(input.question),
        askedAt: ctx.now,
        addressKey,
      })
      .returning({ id: postingQuestions.id });
    await recordAudit(tx, ctx, { action: "question.ask", entityType: "posting_question", entityId: row!.id, after: { postingId } });
    return { ok: true, value: { id: row!.id } };
  });
}

type Role = "clerk" | "committee" | "officer";

/** What the actor may do to questions of the village `placeId` in street `streetId`: null for nothing. */
export function questionRoleOf(actor: Actor | null, place: { placeId: number; streetId: number }): Role | null {
  if (!actor) return null;
  if (ownVillage(actor) === place.placeId) {
    if (hasPermission(actor, "posting:draft")) return "clerk";
    if (hasPermission(actor, "posting:review")) return "committee";
  }
  const reach = officerReachOrNull(actor);
  if (reach && hasPermission(actor, "posting:monitor") && reaches(reach, place.streetId)) return "officer";
  return null;
}

/** The village's (or the town officer's) work on one question: an answer, or hiding it. */
export async function workOnQuestion(ctx: ActionContext, input: QuestionWork): Promise<WriteResult<{ intent: QuestionWork["intent"] }>> {
  if (!ctx.actor) forbidden();
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<{ intent: QuestionWork["intent"] }>> => {
    const [found] = await tx
      .select({ question: postingQuestions, streetId: places.parentId })
      .from(postingQuestions)
      .innerJoin(places, eq(places.id, postingQuestions.placeId))
      .where(eq(postingQuestions.id, input.questionId))
      .for("update", { of: postingQuestions });
    const role = found ? questionRoleOf(ctx.actor, { placeId: found.question.placeId, streetId: found.streetId ?? -1 }) : null;
    // Another village's question reads as not found.
    if (!found || !role) notFound("找不到该质询。");
    if (input.intent === "hide" && role === "clerk") forbidden("村务公开员不能屏蔽质询；如质询内容不当，请联系村务监督委员会或街道（镇）。");
    if (input.intent === "answer" && role === "officer") forbidden("质询由本村村务公开员和村务监督委员会答复。");
    const q = found.question;
    if (q.version !== input.version) return stale;
    if (q.hiddenAt) return { ok: false, formError: "该质询已被屏蔽。" };
    const who = { userId: ctx.actor!.userId, name: ctx.actor!.displayName };
    if (input.intent === "hide") {
      if (q.answer || q.committeeAnswer) return { ok: false, formError: "已答复的质询已经公开，不能再屏蔽。" };
      const [after] = await tx
        .update(postingQuestions)
        .set({ hiddenAt: ctx.now, hiddenBy: who.userId, hiddenReason: input.reason, version: q.version + 1 })
        .where(eq(postingQuestions.id, q.id))
        .returning();
      await recordAudit(tx, ctx, { action: "question.hide", entityType: "posting_question", entityId: q.id, before: q, after, reason: input.reason });
      return { ok: true, value: { intent: "hide" } };
    }
    const answer = maskSensitive(input.answer);
    const change =
      role === "clerk"
        ? q.answer
          ? null
          : { answer, answeredAt: ctx.now, answeredBy: who.userId, answererName: who.name }
        : q.committeeAnswer
          ? null
          : { committeeAnswer: answer, committeeAnsweredAt: ctx.now, committeeAnsweredBy: who.userId, committeeAnswererName: who.name };
    // An answer is public once given: it is not changed afterwards.
    if (!change) return { ok: false, formError: "已经答复过该质询，答复公开后不能修改。" };
    const [after] = await tx
      .update(postingQuestions)
      .set({ ...change, version: q.version + 1 })
      .where(eq(postingQuestions.id, q.id))
      .returning();
    await recordAudit(tx, ctx, { action: role === "clerk" ? "question.answer" : "question.committee_answer", entityType: "posting_question", entityId: q.id, before: q, after });
    return { ok: true, value: { intent: "answer" } };
  });
}

/**
 * The one reply of the pages where questions are worked on (the village's and
 * the officers'): the form parsed, the work done or refused, and which form
 * on the page the reply belongs to.
 */
export async function questionWorkReply(ctx: ActionContext, form: FormData) {
  const submission = parseSubmission(form, { schema: questionWorkSchema });
  const target = { id: Number(submission.payload.questionId) || null, intent: String(submission.payload.intent ?? "") };
  if (submission.status !== "success") return { status: 400, body: { target, result: replyTo(submission), notice: null } };
  const outcome = await workOnQuestion(ctx, submission.value);
  if (!outcome.ok) return { status: 409, body: { target, result: replyTo(submission, outcome), notice: null } };
  const notice = outcome.value.intent === "hide" ? "质询已屏蔽，屏蔽理由已记录。" : "答复已公开在公开事项页面上。";
  return { status: 200, body: { target, result: submission.reply({ resetForm: true }), notice } };
}
