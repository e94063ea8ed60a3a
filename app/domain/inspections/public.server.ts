/**
 * The inspection as the public sees it: each year's figures, and an
 * organization's conclusions once the registry has published them.
 */
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { inspectionReports, inspectionYears } from "../../../db/schema";
import { inspectionTally } from "./queries.server";
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

/** Published conclusions of one organization, newest year first: for the public record and the API. */
export async function publishedInspections(organizationId: number) {
  const db = await getDb();
  const rows = await db
    .select({ year: inspectionReports.year, conclusion: inspectionReports.conclusion, publishedAt: inspectionReports.publishedAt })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.organizationId, organizationId), isNotNull(inspectionReports.publishedAt)))
    .orderBy(desc(inspectionReports.year));
  return rows.map((r) => ({ year: r.year, conclusion: r.conclusion!, publishedOn: shanghaiDate(r.publishedAt!) }));
}
