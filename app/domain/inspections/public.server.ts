/**
 * The inspection as the public sees it: each year's figures, and an
 * organization's conclusions once the registry has published them.
 */
import { and, desc, eq, isNotNull, type Placeholder } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { inspectionReports, inspectionYears } from "../../../db/schema";
import { inspectionTally } from "./queries.server";
import { maskSensitive } from "../postings/sensitive-numbers";
import { shanghaiDate } from "../shared/time";

/** Each opened year's public figures for the whole district; conclusions counted only once published. */
export async function publicInspectionFigures() {
  const db = await getDb();
  const years = await db.select({ year: inspectionYears.year }).from(inspectionYears).orderBy(desc(inspectionYears.year));
  const figures = [];
  for (const { year } of years) {
    const { due, filed, participationRate, conclusions } = await inspectionTally(year, { publishedOnly: true });
    figures.push({ year, due, filed, participationRate, conclusions });
  }
  return figures;
}

/** One organization's reports whose conclusions the registry has published, newest year first. */
export function publishedReportsQuery(db: Database, organizationId: number | Placeholder) {
  return db
    .select({ year: inspectionReports.year, conclusion: inspectionReports.conclusion, publishedAt: inspectionReports.publishedAt, report: inspectionReports.report })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.organizationId, organizationId), isNotNull(inspectionReports.publishedAt)))
    .orderBy(desc(inspectionReports.year));
}

type PublishedReport = Awaited<ReturnType<typeof publishedReportsQuery>>[number];

/** Published conclusions, newest year first: for the public record and the API. */
export function inspectionsFrom(rows: PublishedReport[]) {
  return rows.map((r) => ({ year: r.year, conclusion: r.conclusion!, publishedOn: shanghaiDate(r.publishedAt!) }));
}

/** A figure of a filed report, when the organization gave one. */
function amount(report: Record<string, unknown>, field: string): number | null {
  const value = report[field];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * The annual work reports as the public credit record shows them (年度报告信息,
 * 社会组织信用信息管理办法 art. 5): for each year whose conclusion the registry
 * has published, the totals the organization filed (income, expenditure, net
 * assets at the year's end, in yuan) and its 负责人/理事 as it listed them,
 * personal numbers masked. Oldest year first, as a table over the years reads
 * (`rows` as publishedReportsQuery reads them, newest first).
 */
export function annualReportsFrom(rows: PublishedReport[]) {
  return rows.toReversed().map((r) => {
    const officers = typeof r.report.officers === "string" ? r.report.officers.trim() : "";
    return {
      year: r.year,
      income: amount(r.report, "incomeTotal"),
      expenditure: amount(r.report, "expenditureTotal"),
      netAssets: amount(r.report, "netAssetsEnd"),
      officers: officers ? maskSensitive(officers) : null,
    };
  });
}
