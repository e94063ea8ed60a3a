-- The 业务主管单位 as a role: an account names its unit, and an establishment records
-- the unit's review (consent or not, when, why) that comes before the registry's 受理.
ALTER TABLE "applications" ADD COLUMN "unit_name" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "unit_decision" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "unit_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "unit_opinion" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "supervising_unit_name" text;