/**
 * The figures of a period and a scope (the district or one street) that the
 * bureau's work reports are written from, gathered from each area's own
 * domain functions so every figure is counted by the one rule that defines it.
 */
import { and, count, eq, gte, inArray, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { applications, inspectionYears, organizations, places } from "../../../db/schema";
import { can, hasPermission, type Actor } from "../../auth/permissions";
import { officerReach } from "../../auth/scope.server";
import { associationProgress } from "../committees/coverage.server";
import { forbidden, notFound } from "../shared/errors";
import { inspectionTally } from "../inspections/queries.server";
import { campaignFiledIn } from "../inspections/rules";
import { partyOverview } from "../party/queries.server";
import { complianceOverview } from "../postings/compliance.server";
import type { InspectionKindFigures, ReportFigures, ReportKindFigures } from "./paragraph";
import { formatDate, shanghaiDate, startOfShanghaiDay } from "../shared/time";

export interface ReportScope {
  from: string;
  to: string;
  streetCode?: string | null;
}

/** "上半年" and "下半年" within one year, "2026年" for a whole year, otherwise the dates; `withYear` puts the year before a half. */
export function periodLabelOf(from: string, to: string, withYear = false): string {
  const year = from.slice(0, 4);
  const prefix = withYear ? `${year}年` : "";
  if (to.slice(0, 4) === year) {
    if (from.endsWith("-01-01") && to.endsWith("-06-30")) return `${prefix}上半年`;
    if (from.endsWith("-07-01") && to.endsWith("-12-31")) return `${prefix}下半年`;
    if (from.endsWith("-01-01") && to.endsWith("-12-31")) return `${year}年`;
  }
  return `${formatDate(from)}至${formatDate(to)}`;
}

const emptyKinds = (): ReportKindFigures => ({ social_group: 0, private_non_enterprise: 0, foundation: 0, community: 0 });

export async function reportFigures(actor: Actor, input: ReportScope, now: Date): Promise<ReportFigures> {
  if (!hasPermission(actor, "party:manage") || !hasPermission(actor, "posting:monitor")) forbidden();
  const reach = officerReach(actor);
  const db = await getDb();
  let streetId = reach.streetId ?? undefined;
  let scopeName = "全区";
  if (input.streetCode || streetId) {
    const [street] = input.streetCode
      ? await db.select().from(places).where(eq(places.code, input.streetCode)).limit(1)
      : await db.select().from(places).where(eq(places.id, streetId!)).limit(1);
    if (!street || (street.level !== "street" && street.level !== "town") || !can(actor, "party:manage", { streetId: street.id })) {
      notFound("找不到该街道（镇），或它不在您的管辖范围内。");
    }
    streetId = street.id;
    scopeName = street.name;
  }
  const inStreet = streetId ? eq(organizations.streetId, streetId) : undefined;
  const start = startOfShanghaiDay(input.from);
  const end = new Date(startOfShanghaiDay(input.to).getTime() + 86_400_000);

  // New in the period, and on the register at its end (cancelled or revoked by then no longer counts).
  const newRows = await db
    .select({ type: organizations.type, n: count() })
    .from(organizations)
    .where(and(gte(organizations.registeredOn, input.from), lte(organizations.registeredOn, input.to), inStreet))
    .groupBy(organizations.type);
  const registerRows = await db
    .select({ type: organizations.type, n: count() })
    .from(organizations)
    .where(
      and(
        lte(organizations.registeredOn, input.to),
        or(inArray(organizations.status, ["normal", "abnormal"]), and(isNotNull(organizations.statusSince), sql`${organizations.statusSince} > ${input.to}`)),
        inStreet,
      ),
    )
    .groupBy(organizations.type);
  const newRegistrations = emptyKinds();
  for (const r of newRows) newRegistrations[r.type] += r.n;
  const register = emptyKinds();
  for (const r of registerRows) register[r.type] += r.n;

  // Applications accepted (受理) and decided in the period; decided in time when on or before its statutory date (periods.ts).
  const inAppStreet = streetId ? eq(applications.streetId, streetId) : undefined;
  const [received] = await db
    .select({ n: count() })
    .from(applications)
    .where(and(gte(applications.acceptedAt, start), lt(applications.acceptedAt, end), inAppStreet));
  const [decided] = await db
    .select({
      n: count(),
      onTime: sql<number>`count(*) filter (where ${applications.dueOn} is null or (${applications.decidedAt} at time zone 'Asia/Shanghai')::date <= ${applications.dueOn})::int`,
    })
    .from(applications)
    .where(and(inArray(applications.state, ["approved", "rejected"]), gte(applications.decidedAt, start), lt(applications.decidedAt, end), inAppStreet));

  // The campaign running in the period's last year, on the year before it (or the latest opened before it).
  const [yearRow] = await db
    .select({ year: inspectionYears.year })
    .from(inspectionYears)
    .where(lte(inspectionYears.year, campaignFiledIn(Number(input.to.slice(0, 4)))))
    .orderBy(sql`${inspectionYears.year} desc`)
    .limit(1);
  const tally = yearRow ? await inspectionTally(yearRow.year, { streetId, publishedOnly: false }) : null;

  const streetCode = input.streetCode ?? null;
  const [party, communities, postings] = await Promise.all([
    partyOverview(actor, { streetCode, period: { from: input.from, to: input.to } }),
    associationProgress(actor, { street: streetCode ?? undefined }),
    complianceOverview(actor, { year: Number(input.to.slice(0, 4)), streetCode }, now),
  ]);

  return {
    periodLabel: periodLabelOf(input.from, input.to),
    periodName: periodLabelOf(input.from, input.to, true),
    periodEnd: input.to,
    countedOn: input.to < shanghaiDate(now) ? input.to : shanghaiDate(now),
    currentAsOf: input.to < shanghaiDate(now) ? shanghaiDate(now) : null,
    scopeName,
    newRegistrations,
    register,
    applications: { received: received?.n ?? 0, decided: decided?.n ?? 0, decidedInTime: decided?.onTime ?? 0 },
    inspection: tally
      ? {
          year: tally.year,
          byKind: (["social_group", "private_non_enterprise", "foundation"] as const).map(
            (type): InspectionKindFigures => {
              const kind = tally.byKind.find((k) => k.type === type);
              return { type, due: kind?.due ?? 0, filed: kind?.filed ?? 0, participationRate: kind?.participationRate ?? 0, conclusions: kind?.conclusions ?? { pass: 0, basic_pass: 0, fail: 0 } };
            },
          ),
        }
      : null,
    party: {
      target: party.target,
      organizational: party.total.organizational,
      work: party.total.work,
      branchesFounded: party.branchesFounded.length,
      branchesTotal: party.branchesTotal,
      probationaryAdmitted: party.admissions.total,
    },
    communities: {
      total: communities.totals.communities,
      target: communities.targets.community,
      villageTarget: communities.targets.village,
      meetingTarget: communities.totals.meetingTarget,
      counting: communities.counting,
    },
    postings: { villages: postings.rows.length, upToDate: postings.rows.filter((r) => r.upToDate).length },
  };
}
