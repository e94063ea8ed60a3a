-- The 业务主管单位's preliminary review (初审) of an annual report: the unit named when the
-- report was submitted, and its decision. Reports filed before this carry no unit: their
-- 初审 happened outside the system, and the registry may conclude them as before.
ALTER TABLE "inspection_reports" ADD COLUMN "unit_name" text;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD COLUMN "unit_decision" text;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD COLUMN "unit_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD COLUMN "unit_opinion" text;--> statement-breakpoint
CREATE INDEX "inspection_reports_unit_idx" ON "inspection_reports" USING btree ("unit_name","year");