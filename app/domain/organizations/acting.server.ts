import { count, eq, or } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { organizations, places } from "../../../db/schema";
import type { OrganizationType } from "../../../vocabulary";
import type { Actor } from "../../auth/permissions";
import { ownOrganization as organizationOfAccount } from "../../auth/scope.server";
import { notFound } from "../shared/errors";
import { cachedPublic } from "../shared/public-cache.server";

/** Counts by kind over every status: the headline figure of the bureau's reports (kept until the public data changes). */
export function organizationCounts() {
  return cachedPublic("organizationCounts", computeOrganizationCounts);
}

async function computeOrganizationCounts() {
  const db = await getDb();
  const rows = await db
    .select({ type: organizations.type, n: count() })
    .from(organizations)
    .groupBy(organizations.type);
  const byType: Record<OrganizationType, number> = {
    social_group: 0,
    private_non_enterprise: 0,
    foundation: 0,
    community: 0,
  };
  for (const row of rows) byType[row.type] = row.n;
  return { total: rows.reduce((sum, r) => sum + r.n, 0), byType };
}

/**
 * The organization an association user acts for; null for a preparatory
 * group's account that has none yet; nothing for anyone else.
 */
export async function ownOrganization(actor: Actor) {
  if (actor.role !== "association") notFound();
  const organizationId = organizationOfAccount(actor);
  if (organizationId === null) return null;
  const db = await getDb();
  const [row] = await db
    .select({ organization: organizations, place: places })
    .from(organizations)
    .leftJoin(places, eq(places.id, organizations.placeId))
    .where(eq(organizations.id, organizationId))
    .limit(1);
  if (!row) notFound("找不到您所属的社会组织。");
  return row;
}

/** Finds an organization by its USCC or filing number (admins link association accounts this way). */
export async function organizationByCode(code: string) {
  const db = await getDb();
  const trimmed = code.trim();
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(or(eq(organizations.uscc, trimmed.toUpperCase()), eq(organizations.filingNumber, trimmed)))
    .limit(1);
  return row ?? null;
}
