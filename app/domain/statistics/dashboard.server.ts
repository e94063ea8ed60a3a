import { and, count, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "../../../db/client.server";
import { auditLog, organizations, places, users } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, streetChoice, withinReach } from "../../auth/scope.server";
import { forbidden } from "../shared/errors";

/** The officer's first page, limited to what the officer's scope covers. */
export async function officerDashboard(actor: Actor) {
  if (!hasPermission(actor, "area:officer")) forbidden();
  const reach = officerReach(actor);
  const db = await getDb();
  const unitCondition = and(inArray(places.level, ["street", "town"]), withinReach(reach, places.id))!;
  const units = await db
    .select({ id: places.id, code: places.code, name: places.name, level: places.level })
    .from(places)
    .where(unitCondition)
    .orderBy(places.sortOrder);
  const unitIds = units.map((u) => u.id);
  const child = alias(places, "child");
  const [placeCounts, orgRows, recentAudit] = await Promise.all([
    unitIds.length
      ? db
          .select({ level: child.level, n: count() })
          .from(child)
          // The whole district's are counted by level alone (its index), not by every street's children.
          .where(reach.streetId === null ? inArray(child.level, ["community", "village"]) : withinReach(reach, child.parentId))
          .groupBy(child.level)
      : Promise.resolve([]),
    unitIds.length
      ? db
          .select({ type: organizations.type, status: organizations.status, n: count() })
          .from(organizations)
          .where(inArray(organizations.streetId, unitIds))
          .groupBy(organizations.type, organizations.status)
      : Promise.resolve([]),
    hasPermission(actor, "audit:read")
      ? db
          .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, actorUsername: auditLog.actorUsername, actorName: users.displayName })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.actorUserId))
          .orderBy(desc(auditLog.id))
          .limit(8)
      : Promise.resolve(null),
  ]);
  const byType: Record<string, number> = {};
  for (const row of orgRows) byType[row.type] = (byType[row.type] ?? 0) + row.n;
  return {
    scopeName: streetChoice(reach, units, "").scopeName,
    places: {
      units,
      communities: placeCounts.find((p) => p.level === "community")?.n ?? 0,
      villages: placeCounts.find((p) => p.level === "village")?.n ?? 0,
    },
    organizations: {
      total: orgRows.reduce((sum, r) => sum + r.n, 0),
      normal: orgRows.filter((r) => r.status === "normal").reduce((sum, r) => sum + r.n, 0),
      byType,
    },
    recentAudit,
  };
}
