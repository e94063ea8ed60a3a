-- The registry's calendar: when it proposed a year's non-filers for the abnormal-activity
-- list (after the registry's deadline) and how many there were; an officer confirms.
ALTER TABLE "inspection_years" ADD COLUMN "non_filers_proposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspection_years" ADD COLUMN "non_filers_proposed" integer;