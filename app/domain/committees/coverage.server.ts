/**
 * 一居多会: how many community social organizations each community and
 * village has, by category, against the district's target for its kind (urban
 * community or village), rolled up per street and town. Counted are the filed
 * ones and, unless the district counts filed ones only (setting
 * `associationCounting`), registered social groups and private non-enterprise
 * units marked with a community category; only those with status normal or
 * abnormal (see `countedStatuses`): cancelled and revoked ones do not count.
 */
import { and, asc, count, eq, inArray, isNotNull, or, sql, type Placeholder } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { organizations, places } from "../../../db/schema";
import type { CommunityCategory, PlaceLevel } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, streetChoice, withinReach, type OfficerReach } from "../../auth/scope.server";
import {
  communityCategories,
  countedStatuses,
  type AssociationCounting,
  emptyCategoryCounts,
  progressAgainst,
  shareOf,
  shortFirst,
  type AssociationTargets,
  type CategoryCounts,
  type PlaceAssociations,
  type TargetProgress,
} from "./coverage";
import { forbidden, notFound } from "../shared/errors";
import { getSetting } from "../settings/queries.server";
import { isFiled, registeredCommunityTypes } from "../organizations/rules";

const localLevels = ["community", "village"] as const satisfies readonly PlaceLevel[];
const unitLevels = ["street", "town"] as const satisfies readonly PlaceLevel[];

/**
 * The community organizations that count toward the target, joined on their community or village:
 * filed ones, and under `registered_and_filed` the registered kinds that carry a category.
 */
const counted = (counting: AssociationCounting) =>
  and(
    inArray(organizations.status, [...countedStatuses]),
    counting === "filed_only"
      ? eq(organizations.type, "community")
      : or(eq(organizations.type, "community"), and(inArray(organizations.type, [...registeredCommunityTypes]), isNotNull(organizations.category))),
  );
const countedAt = (placeId: number | Placeholder | typeof places.id, counting: AssociationCounting) => and(eq(organizations.placeId, placeId), counted(counting));

export interface Unit {
  id: number;
  code: string;
  name: string;
  level: (typeof unitLevels)[number];
}

export interface CommunityProgress extends TargetProgress {
  id: number;
  code: string;
  name: string;
  level: (typeof localLevels)[number];
  unit: Pick<Unit, "id" | "code" | "name">;
  byCategory: CategoryCounts;
  /** Of `total`, the registered social groups and private non-enterprise units (0 when only filed ones count). */
  registered: number;
}

export interface Rollup {
  /** Communities and villages. */
  communities: number;
  meetingTarget: number;
  /** meetingTarget / communities, between 0 and 1. */
  share: number;
  /** Counted community social organizations. */
  organizations: number;
  /** Of those, registered ones. */
  registered: number;
  byCategory: CategoryCounts;
  /** Organizations still missing across the communities that fall short. */
  shortfall: number;
}

export interface AssociationProgress {
  targets: AssociationTargets;
  /** Which organizations are counted (district setting). */
  counting: AssociationCounting;
  /** "全区" or the street officer's street. */
  scopeName: string;
  /** Streets and towns the actor may filter by (all of the actor's scope). */
  units: Unit[];
  /** The street or town filtered by, if any. */
  selected: Unit | null;
  /** Per street or town, in place order. */
  rollup: Array<Unit & Rollup>;
  /** Those short of the target first (largest shortfall first), then the rest, each in place order. */
  communities: CommunityProgress[];
  totals: Rollup;
}

function rollupOf(rows: readonly CommunityProgress[]): Rollup {
  const byCategory = emptyCategoryCounts();
  for (const row of rows) for (const [category, n] of Object.entries(row.byCategory)) byCategory[category as CommunityCategory] += n;
  const meetingTarget = rows.filter((r) => r.meetsTarget).length;
  return {
    communities: rows.length,
    meetingTarget,
    share: shareOf(meetingTarget, rows.length),
    organizations: rows.reduce((sum, r) => sum + r.total, 0),
    registered: rows.reduce((sum, r) => sum + r.registered, 0),
    byCategory,
    shortfall: rows.reduce((sum, r) => sum + r.shortfall, 0),
  };
}

/** The streets and towns of the district, or the one street of a street officer, in place order. */
async function unitsIn(db: Database, reach: OfficerReach): Promise<Unit[]> {
  const rows = await db
    .select({ id: places.id, code: places.code, name: places.name, level: places.level })
    .from(places)
    .where(and(inArray(places.level, [...unitLevels]), withinReach(reach, places.id)))
    .orderBy(asc(places.sortOrder), asc(places.code));
  return rows as Unit[];
}

export interface AssociationRules {
  targets: AssociationTargets;
  counting: AssociationCounting;
}

/** The district's targets, urban communities' and villages', and which organizations count toward them. */
export async function rulesOf(db?: Database): Promise<AssociationRules> {
  const [community, village, counting] = await Promise.all([
    getSetting("associationTarget", db),
    getSetting("villageAssociationTarget", db),
    getSetting("associationCounting", db),
  ]);
  return { targets: { community, village }, counting };
}

/** Every community and village of the units against its target, in place order: one query, zero counts included. */
async function communitiesOf(db: Database, units: readonly Unit[], rules: { targets: AssociationTargets; counting: AssociationCounting }): Promise<CommunityProgress[]> {
  if (!units.length) return [];
  const { targets, counting } = rules;
  const rows = await db
    .select({
      id: places.id,
      code: places.code,
      name: places.name,
      level: places.level,
      unitId: places.parentId,
      type: organizations.type,
      category: organizations.category,
      n: count(organizations.id),
    })
    .from(places)
    .leftJoin(organizations, countedAt(places.id, counting))
    .where(and(inArray(places.parentId, units.map((u) => u.id)), inArray(places.level, [...localLevels])))
    .groupBy(places.id, organizations.type, organizations.category)
    .orderBy(asc(places.sortOrder), asc(places.code));

  const byPlace = new Map<number, Omit<CommunityProgress, keyof TargetProgress> & { total: number }>();
  for (const row of rows) {
    const unit = units.find((u) => u.id === row.unitId)!;
    let entry = byPlace.get(row.id);
    if (!entry) {
      entry = {
        id: row.id,
        code: row.code,
        name: row.name,
        level: row.level as CommunityProgress["level"],
        unit: { id: unit.id, code: unit.code, name: unit.name },
        byCategory: emptyCategoryCounts(),
        registered: 0,
        total: 0,
      };
      byPlace.set(row.id, entry);
    }
    // A filed organization without a category still counts toward the total.
    if (row.category) entry.byCategory[row.category] += row.n;
    if (row.type && !isFiled(row.type)) entry.registered += row.n;
    entry.total += row.n;
  }
  const unitOrder = new Map(units.map((u, i) => [u.id, i]));
  return [...byPlace.values()]
    .map((entry) => ({ ...entry, ...progressAgainst(entry.total, targets[entry.level]) }))
    .sort((a, b) => unitOrder.get(a.unit.id)! - unitOrder.get(b.unit.id)!);
}

/**
 * Progress toward the target for every community and village the actor oversees:
 * a street officer sees their own street, district officers and admins the whole district.
 * `street` (a street's or town's division code) narrows it to one; one outside the scope is a 404.
 */
export async function associationProgress(actor: Actor, filter: { street?: string } = {}): Promise<AssociationProgress> {
  if (!hasPermission(actor, "area:officer")) forbidden();
  const reach = officerReach(actor);
  const db = await getDb();
  const [units, rules] = await Promise.all([unitsIn(db, reach), rulesOf()]);
  const selected = filter.street ? units.find((u) => u.code === filter.street) : null;
  if (selected === undefined) notFound("找不到该街道（镇），或它不在您的管辖范围内。");
  const shown = selected ? [selected] : units;
  const inPlaceOrder = await communitiesOf(db, shown, rules);
  return {
    ...rules,
    scopeName: streetChoice(reach, units, "").scopeName,
    units,
    selected,
    rollup: shown.map((unit) => ({ ...unit, ...rollupOf(inPlaceOrder.filter((c) => c.unit.id === unit.id)) })),
    communities: shortFirst(inPlaceOrder),
    totals: rollupOf(inPlaceOrder),
  };
}

/** Public, for the open statistics (docs/api.md, `communities` of /api/v1/stats): the whole district's headline figures. */
export async function districtAssociationSummary(): Promise<{ total: number; target: number; villageTarget: number; meetingTarget: number; counting: AssociationCounting }> {
  const db = await getDb();
  const { targets, counting } = await rulesOf(db);
  // Counted in the database: the places by level (their index), and the places whose counted organizations
  // (by place, from their index) reach their kind's target. A place's kind is looked up only when its count
  // lies between the two targets, so the district's places are not all read to find it.
  const perPlace = db
    .select({ placeId: sql<number>`${organizations.placeId}`.as("place_id"), n: count().as("n") })
    .from(organizations)
    .where(and(isNotNull(organizations.placeId), counted(counting)))
    .groupBy(organizations.placeId)
    .as("per_place");
  const [low, high] = [Math.min(targets.community, targets.village), Math.max(targets.community, targets.village)];
  const targetOfPlace = sql`(select case ${places.level} when 'village' then ${targets.village}::int else ${targets.community}::int end from ${places} where ${places.id} = ${perPlace.placeId})`;
  const [levels, [meeting]] = await Promise.all([
    db.select({ level: places.level, n: count() }).from(places).where(inArray(places.level, [...localLevels])).groupBy(places.level),
    db
      .select({ n: count() })
      .from(perPlace)
      .where(sql`${perPlace.n} >= ${high}::int or (${perPlace.n} >= ${low}::int and ${targetOfPlace} <= ${perPlace.n})`),
  ]);
  return {
    total: levels.reduce((sum, l) => sum + l.n, 0),
    target: targets.community,
    villageTarget: targets.village,
    // A target is at least 1 (associationTargetRange): a place that meets it has counted organizations, and
    // an organization's place is always a community or village (the register's commands see to it).
    meetingTarget: meeting?.n ?? 0,
    counting,
  };
}

/** Public: one community's or village's counted community social organizations (placeAssociationsFrom weighs them against the target). */
export function placeAssociationsQuery(db: Database, placeId: number | Placeholder, counting: AssociationCounting) {
  return db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type, category: organizations.category, status: organizations.status })
    .from(organizations)
    .where(countedAt(placeId, counting))
    .orderBy(asc(organizations.name));
}

/** A community's or village's counted organizations against the target for its kind. */
export function placeAssociationsFrom(
  rows: Awaited<ReturnType<typeof placeAssociationsQuery>>,
  placeLevel: PlaceLevel,
  { targets, counting }: AssociationRules,
): PlaceAssociations {
  const level = placeLevel === "village" ? "village" : "community";
  const target = targets[level];
  const byCategory = emptyCategoryCounts();
  for (const row of rows) if (row.category) byCategory[row.category] += 1;
  // In the order the categories are listed; those without one last.
  const rank = (category: CommunityCategory | null) => (category ? communityCategories.indexOf(category) : communityCategories.length);
  return {
    ...progressAgainst(rows.length, target),
    level,
    counting,
    byCategory,
    organizations: rows
      .sort((a, b) => rank(a.category) - rank(b.category))
      .map((row) => ({ ...row, status: row.status as (typeof countedStatuses)[number] })),
  };
}
