-- The credit lists as 社会组织信用信息管理办法 (民政部令第60号) sets them: each abnormal listing
-- names its ground (trigger), evidence and the fact it answers (source_key, listed on once), and
-- an organization may be listed on several grounds at once (the one-active-listing index goes);
-- the serious-violation list; the registered letters of the unreachable-address procedure; and
-- the proposals an officer dismissed.
CREATE TABLE "contact_letters" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"address" text NOT NULL,
	"sent_on" date NOT NULL,
	"tracking_number" text NOT NULL,
	"returned_on" date,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_dismissals" (
	"organization_id" integer NOT NULL,
	"source_key" text NOT NULL,
	"reason" text NOT NULL,
	"dismissed_by" integer,
	"dismissed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_dismissals_organization_id_source_key_pk" PRIMARY KEY("organization_id","source_key")
);
--> statement-breakpoint
CREATE TABLE "serious_listings" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"listed_on" date NOT NULL,
	"trigger" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" text,
	"source_key" text,
	"penalty_id" integer,
	"listed_by" integer,
	"removed_on" date,
	"removal_reason" text,
	"removed_by" integer
);
--> statement-breakpoint
DROP INDEX "abnormal_listings_active_idx";--> statement-breakpoint
ALTER TABLE "abnormal_listings" ADD COLUMN "trigger" text NOT NULL DEFAULT 'other';--> statement-breakpoint
ALTER TABLE "abnormal_listings" ALTER COLUMN "trigger" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "abnormal_listings" ADD COLUMN "evidence" text;--> statement-breakpoint
ALTER TABLE "abnormal_listings" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "abnormal_listings" ADD COLUMN "penalty_id" integer;--> statement-breakpoint
ALTER TABLE "abnormal_listings" ADD COLUMN "removal_kind" text;--> statement-breakpoint
-- Listings made before: a year's non-filers on the annual-report ground (one per organization and
-- year, the latest where an organization was listed twice for one year); removals were corrections.
UPDATE "abnormal_listings" SET "trigger" = 'annual_report' WHERE "inspection_year" IS NOT NULL;--> statement-breakpoint
UPDATE "abnormal_listings" a SET "source_key" = 'annual_report:' || a."inspection_year"
  WHERE a."inspection_year" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "abnormal_listings" b
    WHERE b."organization_id" = a."organization_id" AND b."inspection_year" = a."inspection_year" AND b."id" > a."id");--> statement-breakpoint
UPDATE "abnormal_listings" SET "removal_kind" = 'corrected' WHERE "removed_on" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_letters" ADD CONSTRAINT "contact_letters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_dismissals" ADD CONSTRAINT "credit_dismissals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serious_listings" ADD CONSTRAINT "serious_listings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serious_listings" ADD CONSTRAINT "serious_listings_penalty_id_penalties_id_fk" FOREIGN KEY ("penalty_id") REFERENCES "public"."penalties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_letters_org_idx" ON "contact_letters" USING btree ("organization_id","sent_on");--> statement-breakpoint
CREATE INDEX "serious_listings_org_idx" ON "serious_listings" USING btree ("organization_id","removed_on");--> statement-breakpoint
CREATE INDEX "serious_listings_listed_on_idx" ON "serious_listings" USING btree ("listed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "serious_listings_source_idx" ON "serious_listings" USING btree ("organization_id","source_key");--> statement-breakpoint
ALTER TABLE "abnormal_listings" ADD CONSTRAINT "abnormal_listings_penalty_id_penalties_id_fk" FOREIGN KEY ("penalty_id") REFERENCES "public"."penalties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "abnormal_listings_listed_on_idx" ON "abnormal_listings" USING btree ("listed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "abnormal_listings_source_idx" ON "abnormal_listings" USING btree ("organization_id","source_key");--> statement-breakpoint
-- The serious-violation list is public (0017).
CREATE CONSTRAINT TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE ON "serious_listings" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
