import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { hasPermission, type Actor } from "../../auth/permissions";
import { forbidden } from "../shared/errors";
import { escapeLike } from "../shared/like";
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

export interface AuditFilters {
  action?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive ISO dates (Asia/Shanghai days are turned into instants by the caller). */
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function listAudit(actor: Actor, filters: AuditFilters) {
  if (!hasPermission(actor, "audit:read")) forbidden();
  const db = await getDb();
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(ilike(auditLog.action, `${escapeLike(filters.action)}%`));
  if (filters.actor) {
    const actorMatch = or(
      ilike(auditLog.actorUsername, `%${escapeLike(filters.actor)}%`),
      eq(auditLog.ip, filters.actor),
    );
    if (actorMatch) conditions.push(actorMatch);
  }
  if (filters.entityType) conditions.push(eq(auditLog.entityType, filters.entityType));
  if (filters.entityId) conditions.push(eq(auditLog.entityId, filters.entityId));
  if (filters.from) conditions.push(gte(auditLog.at, filters.from));
  if (filters.to) conditions.push(lt(auditLog.at, filters.to));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    db.select({ value: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}
