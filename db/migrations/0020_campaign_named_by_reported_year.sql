-- An annual-inspection campaign is named after the year reported on, as the
-- bureau names it (seed 002: "2012年度年检" is run in 2013 on 2012): what was
-- stored as year Y (filed during Y, on Y-1) becomes Y-1. Deadlines keep their
-- dates; texts saved with a row (listing reasons, the audit log) keep their words.
-- Through negatives, so no two rows share a year at any moment of the update.
ALTER TABLE "inspection_reports" DROP CONSTRAINT "inspection_reports_year_inspection_years_year_fk";--> statement-breakpoint
UPDATE "inspection_years" SET "year" = -"year";--> statement-breakpoint
UPDATE "inspection_years" SET "year" = -"year" - 1;--> statement-breakpoint
UPDATE "inspection_reports" SET "year" = -"year";--> statement-breakpoint
UPDATE "inspection_reports" SET "year" = -"year" - 1;--> statement-breakpoint
UPDATE "abnormal_listings" SET "inspection_year" = "inspection_year" - 1 WHERE "inspection_year" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD CONSTRAINT "inspection_reports_year_inspection_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."inspection_years"("year") ON DELETE no action ON UPDATE no action;
