import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { hasPermission, type Actor } from "../../auth/permissions";
import { forbidden } from "../shared/errors";
import { escapeLike } from "../shared/like";
import { auditLog } from "../../../db/schema";

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
