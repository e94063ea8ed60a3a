import { asc, count, eq, ilike, inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, queryRows, type Database } from "../../../db/client.server";
import { organizations, places } from "../../../db/schema";
import type { PlaceLevel } from "../../../vocabulary";
import type { Place } from "./rules";
import type { Actor } from "../../auth/permissions";
import { ownVillage } from "../../auth/scope.server";
import { escapeLike } from "../shared/like";
import { notFound } from "../shared/errors";
import { cachedPublic } from "../shared/public-cache.server";


export interface DistrictOverview {
  district: Place;
  units: Array<Place & { communities: number; villages: number; organizations: number }>;
  totals: { streets: number; towns: number; communities: number; villages: number };
}

/** The district with its streets and towns, each with its counts: the public home page. */
/** Kept until the public data changes (public-cache.server.ts): every public page's header and the home page read it. */
export function districtOverview(): Promise<DistrictOverview | null> {
  return cachedPublic("districtOverview", computeDistrictOverview);
}

async function computeDistrictOverview(): Promise<DistrictOverview | null> {
  const db = await getDb();
  const [district] = await db.select().from(places).where(eq(places.level, "district")).limit(1);
  if (!district) return null;
  const units = await db
    .select()
    .from(places)
    .where(eq(places.parentId, district.id))
    .orderBy(asc(places.sortOrder), asc(places.code));
  const childCounts = await queryRows<{ parent_id: number; level: PlaceLevel; n: number }>(
    db,
    sql`select parent_id, level, count(*)::int as n from places
        where parent_id in (select id from places where parent_id = ${district.id})
        group by parent_id, level`,
  );
  const orgCounts = units.length
    ? await db
        .select({ streetId: organizations.streetId, n: count() })
        .from(organizations)
        .where(inArray(organizations.streetId, units.map((u) => u.id)))
        .groupBy(organizations.streetId)
    : [];
  const withCounts = units.map((unit) => ({
    ...unit,
    communities: childCounts.find((c) => c.parent_id === unit.id && c.level === "community")?.n ?? 0,
    villages: childCounts.find((c) => c.parent_id === unit.id && c.level === "village")?.n ?? 0,
    organizations: orgCounts.find((c) => c.streetId === unit.id)?.n ?? 0,
  }));
  return {
    district,
    units: withCounts,
    totals: {
      streets: units.filter((u) => u.level === "street").length,
      towns: units.filter((u) => u.level === "town").length,
      communities: withCounts.reduce((sum, u) => sum + u.communities, 0),
      villages: withCounts.reduce((sum, u) => sum + u.villages, 0),
    },
  };
}

export interface PlaceDetail {
  place: Place;
  parent: Place | null;
  children: Place[];
  organizations: { total: number; byType: Record<string, number> };
}

/** One place by its division code with its parent and children; 404 when there is none. */
export async function placeByCode(code: string): Promise<PlaceDetail> {
  const place = await placeOfCode(code);
  const db = await getDb();
  const [parent, children, byType] = await Promise.all([
    parentQuery(db, place.id),
    childrenQuery(db, place.id),
    organizationsByTypeQuery(
      db,
      place.level === "street" || place.level === "town"
        ? eq(organizations.streetId, place.id)
        : place.level === "district"
          ? sql`true`
          : eq(organizations.placeId, place.id),
    ),
  ]);
  return placeDetailFrom(place, parent, children, byType);
}

/** The place with division code `code`; 404 when there is none. */
export async function placeOfCode(code: string): Promise<Place> {
  if (!/^\d{12}$/.test(code)) notFound("区划代码应为 12 位数字。");
  const db = await getDb();
  const [place] = await db.select().from(places).where(eq(places.code, code)).limit(1);
  if (!place) notFound("找不到该区划代码对应的地方。");
  return place;
}

/** The parent of place `id` (none for the district), as a list of at most one. */
export function parentQuery(db: Database, id: number | Placeholder) {
  const child = alias(places, "child");
  return db
    .select()
    .from(places)
    .where(eq(places.id, db.select({ parentId: child.parentId }).from(child).where(eq(child.id, id))))
    .limit(1);
}

export function childrenQuery(db: Database, id: number | Placeholder) {
  return db.select().from(places).where(eq(places.parentId, id)).orderBy(asc(places.sortOrder), asc(places.code));
}

/** The organizations of a place by type (`where` says which belong to it: a street's, a community's). */
export function organizationsByTypeQuery(db: Database, where: SQL) {
  return db.select({ type: organizations.type, n: count() }).from(organizations).where(where).groupBy(organizations.type);
}

export function placeDetailFrom(
  place: Place,
  [parent]: Place[],
  children: Place[],
  byType: Awaited<ReturnType<typeof organizationsByTypeQuery>>,
): PlaceDetail {
  return {
    place,
    parent: parent ?? null,
    children,
    organizations: {
      total: byType.reduce((sum, r) => sum + r.n, 0),
      byType: Object.fromEntries(byType.map((r) => [r.type, r.n])),
    },
  };
}

/** Places grouped for a <select>: streets and towns, each with its communities and villages. */
/** Every street and town with its communities and villages, for choosing a place (kept until the public data changes). */
export function placeChoices() {
  return cachedPublic("placeChoices", computePlaceChoices);
}

async function computePlaceChoices() {
  const db = await getDb();
  const all = await db
    .select({ id: places.id, code: places.code, name: places.name, level: places.level, parentId: places.parentId })
    .from(places)
    .orderBy(asc(places.sortOrder), asc(places.code));
  const units = all.filter((p) => p.level === "street" || p.level === "town");
  return units.map((unit) => ({
    ...unit,
    children: all.filter((p) => p.parentId === unit.id),
  }));
}

/**
 * For choosing one community or village street by street: every street and town by name, and the
 * communities and villages of one of them (the one asked for, else the one holding `current`, else
 * the first). A province has 15,000 of them: a page carries one street's, not all.
 */
export async function placeChoiceWithin(streetId: number | null, current: number | null) {
  const units = await placeChoices();
  const street = units.find((u) => u.id === streetId) ?? units.find((u) => u.children.some((c) => c.id === current)) ?? units[0] ?? null;
  return {
    streets: units.map((u) => ({ id: u.id, name: u.name })),
    street: street && { id: street.id, name: street.name, children: street.children.map((c) => ({ id: c.id, name: c.name })) },
  };
}

let cachedDistrictName: { value: string; at: number } | undefined;

/** The district's name for the page header; places change rarely, so it is kept for a minute. */
export async function districtName(now = Date.now()): Promise<string> {
  if (cachedDistrictName && now - cachedDistrictName.at < 60_000) return cachedDistrictName.value;
  const db = await getDb();
  const [district] = await db.select({ name: places.name }).from(places).where(eq(places.level, "district")).limit(1);
  cachedDistrictName = { value: district?.name ?? "", at: now };
  return cachedDistrictName.value;
}

/** Places whose name contains the fragment (the trigram index serves fragments of three characters or more). */
export async function searchPlaces(fragment: string) {
  const db = await getDb();
  const parent = alias(places, "parent");
  return db
    .select({ code: places.code, name: places.name, level: places.level, parentName: parent.name })
    .from(places)
    .leftJoin(parent, eq(parent.id, places.parentId))
    .where(ilike(places.name, `%${escapeLike(fragment)}%`))
    .orderBy(asc(places.level), asc(places.code))
    .limit(30);
}

/** The village or community a clerk or supervisor works for. */
export async function ownPlace(actor: Actor) {
  const placeId = ownVillage(actor);
  if (placeId === null) notFound();
  const db = await getDb();
  const [place] = await db.select().from(places).where(eq(places.id, placeId)).limit(1);
  if (!place) notFound("找不到您所在的村（社区）。");
  const [parent] = place.parentId ? await db.select().from(places).where(eq(places.id, place.parentId)).limit(1) : [];
  return { place, parent: parent ?? null };
}
