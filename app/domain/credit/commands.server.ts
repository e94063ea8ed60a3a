/**
 * Writing credit information: the registry's penalty decisions. Every write
 * checks permission and scope, runs in one transaction and writes the audit log.
 */
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { organizations, penalties } from "../../../db/schema";
import { hasPermission } from "../../auth/permissions";
import { recordAudit } from "../audit/commands.server";
import { recordOrganizationChange } from "../organizations/history.server";
import { organizationAccess } from "../organizations/queries.server";
import { storedAttachment, uploadProblems, type Upload } from "../shared/attachments.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, uniqueViolation, type WriteResult } from "../shared/errors";
import { shanghaiDate } from "../shared/time";
import type { PenaltyPost } from "./forms";
import { endsRegistration, penaltyKindLabels, penaltyProblems } from "./penalties";

export const missingDocument = "请上传行政处罚决定书（PDF 或图片）";

/**
 * Records a penalty decision with its document. A revocation (撤销登记, 吊销登记证书)
 * ends the registration in the same transaction: the register's status, its
 * history and the audit log move together, or not at all.
 */
export async function recordPenalty(ctx: ActionContext, organizationId: number, input: PenaltyPost, document: Upload | null): Promise<WriteResult<{ id: number }>> {
  const actor = ctx.actor;
  if (!actor || !hasPermission(actor, "penalty:decide")) forbidden();
  await organizationAccess(actor, organizationId);
  const fileProblems = document ? uploadProblems([document]) : [missingDocument];
  const db = await getDb();
  const duplicate = { ok: false as const, fieldErrors: { decisionNumber: ["该文号的处罚决定已经录入"] } };
  const write = db.transaction(async (tx): Promise<WriteResult<{ id: number }>> => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for("update");
    if (!org) notFound("登记簿中没有该社会组织。");
    const problems = penaltyProblems(input, org, shanghaiDate(ctx.now));
    if (fileProblems.length) problems.document = fileProblems;
    if (Object.keys(problems).length) return { ok: false, fieldErrors: problems };
    const [taken] = await tx.select({ id: penalties.id }).from(penalties).where(eq(penalties.decisionNumber, input.decisionNumber));
    if (taken) return duplicate;
    const { uploadedBy: _by, uploadedAt: _at, ...file } = storedAttachment(document!, actor.userId, ctx.now);
    const suspension = input.kind === "suspension";
    const amounted = input.kind === "fine" || input.kind === "confiscation";
    const [row] = await tx
      .insert(penalties)
      .values({
        organizationId,
        kind: input.kind,
        amountFen: amounted && input.amount ? Math.round(input.amount * 100) : null,
        suspendedFrom: suspension ? input.suspendedFrom : null,
        suspendedUntil: suspension ? input.suspendedUntil : null,
        facts: input.facts,
        legalBasis: input.legalBasis,
        decisionNumber: input.decisionNumber,
        decidedOn: input.decidedOn,
        authority: input.authority,
        ...file,
        recordedBy: actor.userId,
        recordedAt: ctx.now,
      })
      .returning();
    const { content: _content, ...recorded } = row!;
    await recordAudit(tx, ctx, { action: "penalty.record", entityType: "organization", entityId: organizationId, after: recorded });
    if (endsRegistration(input.kind)) {
      const reason = `${penaltyKindLabels[input.kind]}（${input.decisionNumber}）`;
      const after = { status: "revoked" as const, statusSince: input.decidedOn, statusReason: reason };
      await tx.update(organizations).set({ ...after, updatedAt: ctx.now, version: org.version + 1 }).where(eq(organizations.id, organizationId));
      await recordOrganizationChange(tx, ctx, {
        organizationId,
        kind: "status",
        changes: [{ field: "status", before: org.status, after: "revoked" }],
        reason: `行政处罚：${reason}`,
      });
      await recordAudit(tx, ctx, { action: "organization.revoke", entityType: "organization", entityId: organizationId, before: { status: org.status }, after, reason });
    }
    return { ok: true, value: { id: row!.id } };
  });
  // Two officers entering the same decision at once: the unique number refuses the second.
  return write.catch((error: unknown) => {
    if (uniqueViolation(error)?.includes("decision_number")) return duplicate;
    throw error;
  });
}
