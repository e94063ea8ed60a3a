CREATE TABLE "abnormal_listings" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"listed_on" date NOT NULL,
	"reason" text NOT NULL,
	"inspection_year" integer,
	"listed_by" integer,
	"removed_on" date,
	"removal_reason" text,
	"removed_by" integer
);
--> statement-breakpoint
CREATE TABLE "inspection_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"report" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"conclusion" text,
	"conclusion_note" text,
	"concluded_at" timestamp with time zone,
	"concluded_by" integer,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" integer,
	"actor_name" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "inspection_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"supervising_deadline" date NOT NULL,
	"registry_deadline" date NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "abnormal_listings" ADD CONSTRAINT "abnormal_listings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD CONSTRAINT "inspection_reports_year_inspection_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."inspection_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD CONSTRAINT "inspection_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_steps" ADD CONSTRAINT "inspection_steps_report_id_inspection_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."inspection_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "abnormal_listings_org_idx" ON "abnormal_listings" USING btree ("organization_id","removed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_reports_year_org_idx" ON "inspection_reports" USING btree ("year","organization_id");--> statement-breakpoint
CREATE INDEX "inspection_reports_org_idx" ON "inspection_reports" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "inspection_reports_state_idx" ON "inspection_reports" USING btree ("year","state");--> statement-breakpoint
CREATE INDEX "inspection_steps_report_idx" ON "inspection_steps" USING btree ("report_id","at");