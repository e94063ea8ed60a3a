-- Spot checks (双随机一公开): plans with their scope, sample and inspectors' pool, and once
-- drawn the seed and the population so anyone can replay the draw; the organizations drawn with
-- their inspectors and findings; 限期整改 items with the organization's answer and the verification.
CREATE TABLE "check_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"position" integer NOT NULL,
	"inspectors" jsonb NOT NULL,
	"finding" text,
	"findings" text,
	"checked_on" date,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"matters" text NOT NULL,
	"scope" jsonb NOT NULL,
	"sample_kind" text NOT NULL,
	"sample_value" integer NOT NULL,
	"inspectors" jsonb NOT NULL,
	"per_check" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"seed" text,
	"population" jsonb,
	"drawn_at" timestamp with time zone,
	"drawn_by" integer,
	"published_at" timestamp with time zone,
	"summary" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"check_item_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"problem" text NOT NULL,
	"deadline" date NOT NULL,
	"ordered_on" date NOT NULL,
	"ordered_by" integer,
	"answer" text,
	"answered_on" date,
	"answered_by" integer,
	"verdict" text,
	"verified_on" date,
	"verified_by" integer,
	"verification_note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "check_items" ADD CONSTRAINT "check_items_plan_id_check_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."check_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_items" ADD CONSTRAINT "check_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_check_item_id_check_items_id_fk" FOREIGN KEY ("check_item_id") REFERENCES "public"."check_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_items_plan_idx" ON "check_items" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "check_items_org_idx" ON "check_items" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "rectifications_org_idx" ON "rectifications" USING btree ("organization_id","deadline");--> statement-breakpoint
CREATE INDEX "rectifications_item_idx" ON "rectifications" USING btree ("check_item_id");--> statement-breakpoint
-- Drawn plans and published findings are public (0017).
CREATE CONSTRAINT TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE ON "check_plans" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE ON "check_items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE ON "rectifications" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
