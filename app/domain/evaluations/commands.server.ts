/**
 * Running 社会组织评估: a round, the organizations' applications (by themselves
 * or entered by the registry), and the grades with their validity. Every write
 * checks permission, runs in one transaction and writes the audit log.
 */
import { and, eq } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { evaluationRounds, evaluations, organizations } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { shanghaiDate } from "../shared/time";
import { normalizeUscc } from "../organizations/uscc";
import type { RoundWork } from "./forms";
import { applicationProblem, gradeLabel, gradeValidUntil, noGrade } from "./rules";

function requireEvaluator(actor: Actor | null): Actor {
  if (!actor || !hasPermission(actor, "evaluation:manage")) forbidden();
  return actor;
}

export async function createRound(ctx: ActionContext, input: { title: string; applyUntil: string }): Promise<WriteResult<{ id: number }>> {
  const actor = requireEvaluator(ctx.actor);
  if (input.applyUntil < shanghaiDate(ctx.now)) return { ok: false, fieldErrors: { applyUntil: ["申请截止日期不能早于今天"] } };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [round] = await tx.insert(evaluationRounds).values({ ...input, createdBy: actor.userId, createdAt: ctx.now }).returning();
    await recordAudit(tx, ctx, { action: "evaluation.create_round", entityType: "evaluation_round", entityId: round!.id, after: round });
    return { ok: true, value: { id: round!.id } };
  });
}

/** An application, checked against the round and the organization (in the caller's transaction). */
async function apply(tx: Database, ctx: ActionContext, roundId: number, organizationId: number): Promise<WriteResult<null>> {
  const [round] = await tx.select().from(evaluationRounds).where(eq(evaluationRounds.id, roundId));
  if (!round) notFound("找不到该轮评估。");
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for("update");
  if (!org) notFound("登记簿中没有该社会组织。");
  const [already] = await tx.select({ id: evaluations.id }).from(evaluations).where(and(eq(evaluations.roundId, roundId), eq(evaluations.organizationId, organizationId)));
  const problem = applicationProblem(org, round, shanghaiDate(ctx.now), !!already);
  if (problem) return { ok: false, formError: problem };
  const [row] = await tx.insert(evaluations).values({ roundId, organizationId, appliedOn: shanghaiDate(ctx.now), appliedBy: ctx.actor?.userId ?? null }).returning();
  await recordAudit(tx, ctx, { action: "evaluation.apply", entityType: "organization", entityId: organizationId, after: row });
  return { ok: true, value: null };
}

/** The organization applies for itself. */
export async function applyForEvaluation(ctx: ActionContext, roundId: number): Promise<WriteResult<null>> {
  const actor = ctx.actor;
  if (!actor || !hasPermission(actor, "evaluation:apply") || !actor.organizationId) forbidden();
  const db = await getDb();
  return db.transaction((tx) => apply(tx, ctx, roundId, actor.organizationId!));
}

/** The registry's work on a round: an application entered for an organization by its code, a grade decided. */
export async function workOnRound(ctx: ActionContext, roundId: number, input: RoundWork): Promise<WriteResult<null>> {
  const actor = requireEvaluator(ctx.actor);
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<null>> => {
    if (input.intent === "apply-for") {
      const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, normalizeUscc(input.code)));
      if (!org) return { ok: false, fieldErrors: { code: ["登记簿中没有该统一社会信用代码的组织"] } };
      return apply(tx, ctx, roundId, org.id);
    }
    const [e] = await tx.select().from(evaluations).where(and(eq(evaluations.id, input.evaluationId), eq(evaluations.roundId, roundId))).for("update");
    if (!e) notFound("找不到该评估申请。");
    if (e.version !== input.version) return { ok: false, formError: "该申请已被其他人更新，请刷新后查看。" };
    if (input.awardedOn > shanghaiDate(ctx.now)) return { ok: false, fieldErrors: { awardedOn: ["评定日期不能晚于今天"] } };
    if (input.awardedOn < e.appliedOn) return { ok: false, fieldErrors: { awardedOn: ["评定日期不能早于申请日期"] } };
    const graded = input.grade !== noGrade;
    const [after] = await tx
      .update(evaluations)
      .set({ grade: input.grade, awardedOn: input.awardedOn, validUntil: graded ? gradeValidUntil(input.awardedOn) : null, decidedBy: actor.userId, note: input.note || null, version: e.version + 1 })
      .where(eq(evaluations.id, e.id))
      .returning();
    await recordAudit(tx, ctx, { action: "evaluation.grade", entityType: "organization", entityId: e.organizationId, before: e, after, reason: gradeLabel(input.grade) });
    return { ok: true, value: null };
  });
}
