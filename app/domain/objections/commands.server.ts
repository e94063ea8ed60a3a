/**
 * 异议: an organization objects to its credit information; the registry answers
 * (upheld or not, with the reasons) and records the correction of an upheld
 * one. The correction itself is made where the information is kept (the
 * register's correction form, a listing's removal, an entry's withdrawal), each
 * audited there; this records that it was made. Every write checks permission,
 * runs in one transaction and writes the audit log.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { creditObjections, organizations } from "../../../db/schema";
import { hasPermission } from "../../auth/permissions";
import { recordAudit } from "../audit/commands.server";
import { organizationAccess } from "../organizations/queries.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { shanghaiDate } from "../shared/time";
import { getSetting } from "../settings/queries.server";
import type { ObjectionPost, ObjectionWork } from "./forms";
import { answerDueOn, correctionDueOn, creditPartLabels, objectionStateLabels, objectionStepProblem, openObjectionLimit } from "./rules";

/** The association files an objection for its own organization. */
export async function fileObjection(ctx: ActionContext, input: ObjectionPost): Promise<WriteResult<{ id: number }>> {
  const actor = ctx.actor;
  if (!actor || !hasPermission(actor, "credit:object") || !actor.organizationId) forbidden("您的账号没有关联社会组织，不能提出异议。");
  const organizationId = actor.organizationId;
  const db = await getDb();
  const holidays = await getSetting("publicHolidays");
  return db.transaction(async (tx): Promise<WriteResult<{ id: number }>> => {
    // Locks the organization's row, so two objections filed at once both see the count.
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
    if (!org) notFound("找不到您所属的社会组织。");
    const [open] = await tx
      .select({ n: count() })
      .from(creditObjections)
      .where(and(eq(creditObjections.organizationId, organizationId), inArray(creditObjections.state, ["filed", "upheld"])));
    if ((open?.n ?? 0) >= openObjectionLimit) return { ok: false, formError: `您单位已有 ${openObjectionLimit} 件异议正在办理，请待登记管理机关答复后再提出。` };
    const filedOn = shanghaiDate(ctx.now);
    const [row] = await tx
      .insert(creditObjections)
      .values({ organizationId, ...input, filedOn, filedAt: ctx.now, filedBy: actor.userId, answerDueOn: answerDueOn(filedOn, holidays) })
      .returning();
    await recordAudit(tx, ctx, { action: "objection.file", entityType: "organization", entityId: organizationId, after: row, reason: creditPartLabels[input.part] });
    return { ok: true, value: { id: row!.id } };
  });
}

/** The registry's answer to an objection, and the correction of an upheld one. */
export async function workOnObjection(ctx: ActionContext, input: ObjectionWork): Promise<WriteResult<null>> {
  const actor = ctx.actor;
  if (!actor || !hasPermission(actor, "credit:record")) forbidden();
  const db = await getDb();
  const holidays = input.intent === "uphold" ? await getSetting("publicHolidays") : null;
  // Scope first, outside the transaction (the embedded database runs one at a time).
  const [target] = await db.select({ organizationId: creditObjections.organizationId }).from(creditObjections).where(eq(creditObjections.id, input.objectionId));
  if (!target) notFound("找不到该异议。");
  await organizationAccess(actor, target.organizationId);
  return db.transaction(async (tx): Promise<WriteResult<null>> => {
    const [before] = await tx.select().from(creditObjections).where(eq(creditObjections.id, input.objectionId)).for("update");
    if (!before) notFound("找不到该异议。");
    const problem = objectionStepProblem(before.state, input.intent === "correct" ? "correct" : "answer");
    if (problem) return { ok: false, formError: problem };
    if (before.version !== input.version) return { ok: false, formError: "该异议已被其他人处理，请刷新页面查看最新情况。" };
    const today = shanghaiDate(ctx.now);
    const change =
      input.intent === "correct"
        ? { state: "corrected" as const, correction: input.correction, correctedOn: today, correctedBy: actor.userId }
        : input.intent === "uphold"
          ? { state: "upheld" as const, answer: input.answer, answeredOn: today, answeredBy: actor.userId, correctionDueOn: correctionDueOn(today, holidays!) }
          : { state: "dismissed" as const, answer: input.answer, answeredOn: today, answeredBy: actor.userId };
    const [after] = await tx
      .update(creditObjections)
      .set({ ...change, version: before.version + 1 })
      .where(eq(creditObjections.id, before.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: `objection.${input.intent}`,
      entityType: "organization",
      entityId: before.organizationId,
      before,
      after,
      reason: objectionStateLabels[change.state],
    });
    return { ok: true, value: null };
  });
}
