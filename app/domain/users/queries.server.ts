/** Accounts as the administrators' pages read them, and what of an account the pages and the audit log may see. */
import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { organizations, places, users } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { escapeLike } from "../shared/like";
import { forbidden, notFound } from "../shared/errors";

type User = typeof users.$inferSelect;

/** What the audit log and the pages may see of an account. */
export function publicUser(user: User) {
  const { passwordHash: _hash, totpSecret: _secret, totpPendingSecret: _pending, ...rest } = user;
  return rest;
}

/** Accounts are the administrators' to manage: anyone else is refused. */
export function requireAdmin(actor: Actor | null): Actor {
  if (!actor || !hasPermission(actor, "user:manage")) forbidden();
  return actor;
}

export async function listUsers(actor: Actor, filters: { q?: string; role?: string; page: number; pageSize: number }) {
  requireAdmin(actor);
  const db = await getDb();
  const conditions: SQL[] = [];
  if (filters.q) {
    const match = or(
      ilike(users.username, `%${escapeLike(filters.q)}%`),
      ilike(users.displayName, `%${escapeLike(filters.q)}%`),
    );
    if (match) conditions.push(match);
  }
  if (filters.role) conditions.push(eq(users.role, filters.role as User["role"]));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ user: users, placeName: places.name, organizationName: organizations.name })
      .from(users)
      .leftJoin(places, eq(places.id, users.placeId))
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(where)
      .orderBy(asc(users.id))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    db.select({ value: count() }).from(users).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...publicUser(r.user), placeName: r.placeName, organizationName: r.organizationName })),
    total: total?.value ?? 0,
  };
}

/** The account as the administrator's page reads it, asked by the page's actions first: an unknown one is a 404. */
export async function userAccess(actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, id)).limit(1);
  if (!row) notFound("找不到该账号。");
}

export async function userForAdmin(actor: Actor, id: number) {
  requireAdmin(actor);
  const db = await getDb();
  const [row] = await db
    .select({ user: users, placeName: places.name, organization: organizations })
    .from(users)
    .leftJoin(places, eq(places.id, users.placeId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, id))
    .limit(1);
  if (!row) notFound("找不到该账号。");
  return {
    ...publicUser(row.user),
    placeName: row.placeName,
    organizationName: row.organization?.name ?? null,
    organizationCode: row.organization?.uscc ?? row.organization?.filingNumber ?? null,
  };
}
