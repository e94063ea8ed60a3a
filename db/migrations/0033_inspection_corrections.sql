-- The corrections an annual inspection concluded 基本合格 requires become a rectification item, as a spot check's
-- problems are: the organization reports how it corrected them and the registry verifies, and the credit rules read
-- both alike. An item comes from exactly one source. Conclusions published before this migration are not given
-- items: their organizations had no way to report, so a deadline counted now would only make them overdue.
ALTER TABLE "rectifications" ALTER COLUMN "check_item_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "rectifications" ADD COLUMN "inspection_report_id" integer;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_inspection_report_id_inspection_reports_id_fk" FOREIGN KEY ("inspection_report_id") REFERENCES "public"."inspection_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rectifications_report_key" ON "rectifications" USING btree ("inspection_report_id");--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_one_source" CHECK (("rectifications"."check_item_id" IS NULL) <> ("rectifications"."inspection_report_id" IS NULL));