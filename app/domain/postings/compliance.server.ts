/**
 * Publishing on time (按期公开): each village publishes its finances every
 * month and its village affairs at least every quarter. Read for the village's
 * own workbench, the officers' grid of a year, and the public figures.
 */
import { and, asc, eq, gte, inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { places, postings } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach } from "../../auth/scope.server";
import { forbidden } from "../shared/errors";
import { countsOf as questionCountsOf } from "../questions/queries.server";
import { emptyQuestionCounts } from "../questions/rules";
import { cachedPublic } from "../shared/public-cache.server";
import { shanghaiDate } from "../shared/time";
import { complianceSummary, financeMonths, periodsDueSoon, periodsOfYear, recentDuePeriods, villageAffairsQuarters, type ComplianceCell, type ComplianceSummary, type PublishedPeriod } from "./rules";

/**
 * For each place, the finance and village-affairs periods it has published and
 * the day each was first published. Compliance needs only the earliest
 * publication of a period, so the database groups: a city's villages publish
 * tens of thousands of postings a year.
 */
async function publishedPeriods(placeIds: number[] | "all", from: string): Promise<Map<number, PublishedPeriod[]>> {
  const db = await getDb();
  const rows = await publishedPeriodsQuery(db, placeIds === "all" ? undefined : inArray(postings.placeId, placeIds.length ? placeIds : [-1]), from);
  const byPlace = new Map<number, PublishedPeriod[]>();
  for (const r of rows) {
    const list = byPlace.get(r.placeId) ?? [];
    list.push(publishedPeriod(r));
    byPlace.set(r.placeId, list);
  }
  return byPlace;
}

/** The periods published since `from` by the places `ofPlaces` picks (all when undefined). */
export function publishedPeriodsQuery(db: Database, ofPlaces: SQL | undefined, from: string | Placeholder) {
  const publishedOn = sql<string>`min((${postings.firstPublishedAt} at time zone 'Asia/Shanghai')::date)::text`;
  return db
    .select({
      placeId: postings.placeId,
      category: postings.category,
      periodKind: postings.periodKind,
      periodStart: postings.periodStart,
      periodEnd: postings.periodEnd,
      publishedOn,
    })
    .from(postings)
    .where(
      and(
        eq(postings.status, "published"),
        inArray(postings.category, ["finance", "village"]),
        gte(postings.periodStart, from),
        ofPlaces,
      ),
    )
    .groupBy(postings.placeId, postings.category, postings.periodKind, postings.periodStart, postings.periodEnd);
}

const publishedPeriod = (r: Awaited<ReturnType<typeof publishedPeriodsQuery>>[number]): PublishedPeriod => ({
  category: r.category,
  periodKind: r.periodKind,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  publishedOn: r.publishedOn,
});

/** The periods due lately on `now`'s day, and the first day a publication for them may cover. */
export function complianceWindow(now: Date) {
  const today = shanghaiDate(now);
  const periods = recentDuePeriods(today);
  const from = [periods.months[0]?.start, periods.quarters[0]?.start].filter(Boolean).sort()[0] ?? today;
  return { today, periods, from };
}

export async function placeCompliance(placeId: number, now: Date): Promise<ComplianceSummary> {
  const window = complianceWindow(now);
  return placeComplianceFrom(await publishedPeriodsQuery(await getDb(), eq(postings.placeId, placeId), window.from), window);
}

/** One place's compliance from its published periods (publishedPeriodsQuery of that place). */
export function placeComplianceFrom(rows: Awaited<ReturnType<typeof publishedPeriodsQuery>>, window: ReturnType<typeof complianceWindow>): ComplianceSummary {
  return complianceSummary(rows.map(publishedPeriod), window.periods, window.today);
}

/** The village's month and quarter due next (ended, deadline not passed), each with whether it is published yet. */
export async function placeDueSoon(placeId: number, now: Date): Promise<ComplianceCell[]> {
  const today = shanghaiDate(now);
  const soon = periodsDueSoon(today);
  const from = [soon.months[0]?.start, soon.quarters[0]?.start].filter(Boolean).sort()[0];
  if (!from) return [];
  const published = (await publishedPeriods([placeId], from)).get(placeId) ?? [];
  return [...financeMonths(published, soon.months, today), ...villageAffairsQuarters(published, soon.quarters, today)];
}

/** Officers: per street or town and per village, the months and quarters of a year and which are missing. */
export async function complianceOverview(actor: Actor, input: { year: number; streetCode?: string | null }, now: Date) {
  if (!hasPermission(actor, "posting:monitor")) forbidden();
  const streetId = officerReach(actor).streetId;
  const today = shanghaiDate(now);
  // Postings and places are public: the grid is kept until they change, per scope and day.
  return cachedPublic(`compliance:${input.year}:${streetId ?? ""}:${input.streetCode ?? ""}:${today}`, () =>
    computeComplianceOverview(streetId, input, today),
  );
}

async function computeComplianceOverview(streetId: number | null, input: { year: number; streetCode?: string | null }, today: string) {
  const db = await getDb();
  const parent = alias(places, "parent");
  const villages = await db
    .select({ id: places.id, code: places.code, name: places.name, streetId: parent.id, streetName: parent.name, streetCode: parent.code })
    .from(places)
    .innerJoin(parent, eq(parent.id, places.parentId))
    .where(
      and(
        eq(places.level, "village"),
        streetId ? eq(parent.id, streetId) : undefined,
        input.streetCode ? eq(parent.code, input.streetCode) : undefined,
      ),
    )
    .orderBy(asc(parent.sortOrder), asc(parent.code), asc(places.sortOrder), asc(places.code));
  const periods = periodsOfYear(input.year);
  const ids = villages.map((v) => v.id);
  const [published, questionCounts] = await Promise.all([publishedPeriods(ids, `${input.year}-01-01`), questionCountsOf(ids, input.year, today)]);
  const rows = villages.map((village) => {
    const summary = complianceSummary(published.get(village.id) ?? [], periods, today);
    const missingMonths = summary.finance.filter((c) => c.status === "missing").length;
    const missingQuarters = summary.villageAffairs.filter((c) => c.status === "missing").length;
    // Villagers' questions asked in the year: asked, answered, answered within ten days, overdue.
    const questions = questionCounts.get(village.id) ?? emptyQuestionCounts();
    return { village, ...summary, missingMonths, missingQuarters, questions };
  });
  const streets = new Map<number, { id: number; name: string; code: string; villages: number; upToDate: number; missingMonths: number; missingQuarters: number }>();
  for (const row of rows) {
    const s = streets.get(row.village.streetId) ?? { id: row.village.streetId, name: row.village.streetName, code: row.village.streetCode, villages: 0, upToDate: 0, missingMonths: 0, missingQuarters: 0 };
    s.villages += 1;
    if (row.upToDate) s.upToDate += 1;
    s.missingMonths += row.missingMonths;
    s.missingQuarters += row.missingQuarters;
    streets.set(s.id, s);
  }
  // Most missing first; Array.prototype.sort is stable, so ties keep the street's own order.
  const behind = rows.filter((r) => !r.upToDate).sort((a, b) => b.missing.length - a.missing.length);
  return { year: input.year, months: periods.months, quarters: periods.quarters, rows, streets: [...streets.values()], behind };
}

/** For the public figures: how many villages are up to date over the recent window. */
export async function villagesUpToDate(now: Date): Promise<{ villages: number; upToDate: number }> {
  const db = await getDb();
  const villages = await db.select({ id: places.id }).from(places).where(eq(places.level, "village"));
  const today = shanghaiDate(now);
  const window = recentDuePeriods(today);
  const from = [window.months[0]?.start, window.quarters[0]?.start].filter(Boolean).sort()[0] ?? today;
  const published = await publishedPeriods("all", from);
  const upToDate = villages.filter((v) => complianceSummary(published.get(v.id) ?? [], window, today).upToDate).length;
  return { villages: villages.length, upToDate };
}
