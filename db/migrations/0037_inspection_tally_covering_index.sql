-- A year's inspection tally and the count of non-filers (app/domain/inspections/queries.server.ts: inspectionTally,
-- unlistedNonFilerCount) join every due organization to its report for the year and read only the report's state,
-- conclusion and publication. Carried in the (year, organization) key's index, the join reads that index alone:
-- at province scale (704,000 reports) the planner otherwise read the whole table, about a second per figure.
-- Same key and uniqueness as before (db/schema/inspections.ts); included columns do not take part in either.
DROP INDEX IF EXISTS "inspection_reports_year_org_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_reports_year_org_idx" ON "inspection_reports" USING btree ("year", "organization_id") INCLUDE ("state", "conclusion", "published_at");
