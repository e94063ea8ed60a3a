/**
 * Recording and withdrawing 其他信用信息 (awards, government service contracts),
 * and reading them for the record pages. Every write checks permission and
 * scope, runs in one transaction and writes the audit log.
 */
import { and, desc, eq, isNull, sql, type Placeholder } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { organizations, otherCreditItems } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { recordAudit } from "../audit/commands.server";
import { organizationAccess } from "../organizations/queries.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { shanghaiDate } from "../shared/time";
import type { OtherCreditPost } from "./forms";
import { otherCreditKindLabels, otherCreditProblems } from "./other-items";

function requireRecorder(actor: Actor | null): Actor {
  if (!actor || !hasPermission(actor, "credit:record")) forbidden();
  return actor;
}

type RecordPost = Extract<OtherCreditPost, { intent: "other-record" }>;
type WithdrawPost = Extract<OtherCreditPost, { intent: "other-withdraw" }>;

export async function recordOtherCredit(ctx: ActionContext, organizationId: number, input: RecordPost): Promise<WriteResult<{ id: number }>> {
  const actor = requireRecorder(ctx.actor);
  await organizationAccess(actor, organizationId);
  const problems = otherCreditProblems(input, shanghaiDate(ctx.now));
  if (Object.keys(problems).length) return { ok: false, fieldErrors: problems };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
    if (!org) notFound("登记簿中没有该社会组织。");
    const contract = input.kind === "service_contract";
    const [row] = await tx
      .insert(otherCreditItems)
      .values({
        organizationId,
        kind: input.kind,
        title: input.title,
        grantor: input.grantor,
        decidedOn: input.decidedOn,
        documentNumber: input.documentNumber ?? null,
        amountFen: contract && input.amount !== undefined ? Math.round(input.amount * 100) : null,
        periodUntil: contract ? (input.periodUntil ?? null) : null,
        recordedBy: actor.userId,
        recordedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, ctx, { action: "credit.other_record", entityType: "organization", entityId: organizationId, after: row, reason: otherCreditKindLabels[input.kind] });
    return { ok: true, value: { id: row!.id } };
  });
}

/** An entry found wrong leaves the public record; the row and the reason stay for the audit. */
export async function withdrawOtherCredit(ctx: ActionContext, organizationId: number, input: WithdrawPost): Promise<WriteResult<null>> {
  const actor = requireRecorder(ctx.actor);
  await organizationAccess(actor, organizationId);
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<null>> => {
    const [item] = await tx
      .select()
      .from(otherCreditItems)
      .where(and(eq(otherCreditItems.id, input.itemId), eq(otherCreditItems.organizationId, organizationId)))
      .for("update");
    if (!item) notFound("找不到该条信息。");
    if (item.withdrawnAt) return { ok: false, formError: "该条信息已经撤回。" };
    if (item.version !== input.version) return { ok: false, formError: "该条信息已被其他人更新，请刷新页面后再操作。" };
    const [after] = await tx
      .update(otherCreditItems)
      .set({ withdrawnAt: ctx.now, withdrawnBy: actor.userId, withdrawalReason: input.reason, version: item.version + 1 })
      .where(eq(otherCreditItems.id, item.id))
      .returning();
    await recordAudit(tx, ctx, { action: "credit.other_withdraw", entityType: "organization", entityId: organizationId, before: item, after, reason: input.reason });
    return { ok: true, value: null };
  });
}

const publicColumns = {
  id: otherCreditItems.id,
  kind: otherCreditItems.kind,
  title: otherCreditItems.title,
  grantor: otherCreditItems.grantor,
  decidedOn: otherCreditItems.decidedOn,
  documentNumber: otherCreditItems.documentNumber,
  amountFen: otherCreditItems.amountFen,
  periodUntil: otherCreditItems.periodUntil,
};

/** Public: the entries in force, newest first. */
export function publicOtherCreditQuery(db: Database, organizationId: number | Placeholder) {
  return db
    .select(publicColumns)
    .from(otherCreditItems)
    .where(and(eq(otherCreditItems.organizationId, organizationId), isNull(otherCreditItems.withdrawnAt)))
    .orderBy(desc(otherCreditItems.decidedOn), desc(otherCreditItems.id));
}

/** The registry's view: every entry, those in force first, withdrawn ones with their reasons; newest first. */
export async function otherCreditOf(actor: Actor, organizationId: number) {
  await organizationAccess(actor, organizationId);
  const db = await getDb();
  const rows = await db
    .select({ ...publicColumns, version: otherCreditItems.version, withdrawnAt: otherCreditItems.withdrawnAt, withdrawalReason: otherCreditItems.withdrawalReason })
    .from(otherCreditItems)
    .where(eq(otherCreditItems.organizationId, organizationId))
    .orderBy(sql`${otherCreditItems.withdrawnAt} is not null`, desc(otherCreditItems.decidedOn), desc(otherCreditItems.id));
  return { items: rows, canRecord: hasPermission(actor, "credit:record") };
}
