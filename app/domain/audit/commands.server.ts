import type { Database } from "../../../db/client.server";
import { auditLog } from "../../../db/schema";
import type { ActionContext } from "../shared/context";
import { claimSubmission } from "../shared/submissions.server";

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** For events without a signed-in actor (failed sign-ins): the name that was tried. */
  username?: string | null;
  /**
   * A refused attempt (a wrong password or code, a throttled try): recorded,
   * but it saved nothing, and the same form comes back corrected with the same
   * submission key, so it must not claim that key.
   */
  refused?: boolean;
}

/**
 * Appends one row; call it with the transaction that makes the change. A
 * submission's key is claimed here too, so a repeated submission finds it taken
 * and its whole transaction is undone (submissions.server.ts).
 */
export async function recordAudit(tx: Database, ctx: ActionContext, entry: AuditEntry): Promise<void> {
  if (ctx.submission && !entry.refused) await claimSubmission(tx, ctx.submission, ctx.now);
  await tx.insert(auditLog).values({
    at: ctx.now,
    actorUserId: ctx.actor?.userId ?? null,
    actorUsername: ctx.actor?.username ?? entry.username ?? null,
    actorRole: ctx.actor?.role ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    ip: ctx.ip,
  });
}
