/**
 * The public headline figures (docs/api.md, /api/v1/stats and /stats): the
 * register by kind, each inspection year, party coverage, 一居多会 and posting
 * compliance. Only figures the public may see: published conclusions, counts.
 */
import { count } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { organizations } from "../../../db/schema";
import { districtAssociationSummary } from "../committees/coverage.server";
import { publicInspectionFigures } from "../inspections/public.server";
import { publicPartyFigures } from "../party/public.server";
import { villagesUpToDate } from "../postings/compliance.server";
import { cachedPublic } from "../shared/public-cache.server";
import { shanghaiDate } from "../shared/time";

/** The figures as of `now`'s day, kept until the public data changes (public-cache.server.ts). */
export function publicStats(now: Date) {
  return cachedPublic(`stats:${shanghaiDate(now)}`, () => computePublicStats(now));
}

async function computePublicStats(now: Date) {
  const db = await getDb();
  const byTypeAndStatus = await db
    .select({ type: organizations.type, status: organizations.status, n: count() })
    .from(organizations)
    .groupBy(organizations.type, organizations.status);
  const byType = { social_group: 0, private_non_enterprise: 0, foundation: 0, community: 0 };
  const byStatus = { normal: 0, abnormal: 0, revoked: 0, cancelled: 0 };
  for (const row of byTypeAndStatus) {
    byType[row.type] += row.n;
    byStatus[row.status] += row.n;
  }
  const [inspections, party, communities, postings] = await Promise.all([
    publicInspectionFigures(),
    publicPartyFigures(),
    districtAssociationSummary(),
    villagesUpToDate(now),
  ]);
  return {
    organizations: { total: byTypeAndStatus.reduce((sum, r) => sum + r.n, 0), byType, byStatus },
    inspections,
    party: { target: party.target, organizationalCoverage: party.organizational, workCoverage: party.work },
    communities,
    postings,
  };
}
