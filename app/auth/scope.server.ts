/**
 * The one place that turns an actor's scope (permissions.ts scopeOf) into what
 * a query may see and what a page may offer: a district officer sees the whole
 * district, a street officer their street or town, a village clerk or
 * supervisor their village, an association its organization. No other module
 * reads a scope's kind (eslint.config.js says so).
 */
import { eq, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { forbidden } from "../domain/shared/errors";
import { scopeOf, type Actor } from "./permissions";

type Scoped = Pick<Actor, "role" | "placeId" | "organizationId">;

/** How far an officer sees: one street or town (its id), or the whole district (null). */
export interface OfficerReach {
  streetId: number | null;
}

/** The officer's reach, or null for anyone who is not a district or street officer. */
export function officerReachOrNull(actor: Scoped): OfficerReach | null {
  const scope = scopeOf(actor);
  if (scope.kind === "district") return { streetId: null };
  if (scope.kind === "street") return { streetId: scope.streetId };
  return null;
}

/** The officer's reach; anyone who is not a district or street officer is refused (403). */
export function officerReach(actor: Scoped): OfficerReach {
  return officerReachOrNull(actor) ?? forbidden();
}

/** Whether the actor sees the whole district (a district officer or the administrator). */
export function districtWide(actor: Scoped): boolean {
  return officerReachOrNull(actor)?.streetId === null;
}

/** The SQL condition for rows whose street column lies within the reach: none for the district. */
export function withinReach(reach: OfficerReach, streetColumn: AnyPgColumn): SQL | undefined {
  return reach.streetId === null ? undefined : eq(streetColumn, reach.streetId);
}

/** Whether a row of street `streetId` lies within the reach. */
export function reaches(reach: OfficerReach, streetId: number | null | undefined): boolean {
  return reach.streetId === null || reach.streetId === streetId;
}

/**
 * What a page's street filter offers: every street or town for the district,
 * only their own for a street officer (who cannot choose), and the name of the
 * reach for headings ("全区", or the street's name).
 */
export function streetChoice<T extends { id: number; name: string }>(
  reach: OfficerReach,
  units: readonly T[],
  ownName = "本街道（镇）",
): { units: T[]; canChoose: boolean; scopeName: string } {
  if (reach.streetId === null) return { units: [...units], canChoose: true, scopeName: "全区" };
  const own = units.filter((u) => u.id === reach.streetId);
  return { units: own, canChoose: false, scopeName: own[0]?.name ?? ownName };
}

/** The village (community) of a clerk or supervisor, or null for anyone else. */
export function ownVillage(actor: Scoped | null | undefined): number | null {
  if (!actor) return null;
  const scope = scopeOf(actor);
  return scope.kind === "village" ? scope.placeId : null;
}

/** The organization of an association's account, or null for anyone else. */
export function ownOrganization(actor: Scoped | null | undefined): number | null {
  if (!actor) return null;
  const scope = scopeOf(actor);
  return scope.kind === "organization" ? scope.organizationId : null;
}
