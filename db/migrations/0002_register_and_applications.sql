CREATE TABLE "application_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" integer,
	"actor_name" text,
	"actor_role" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"organization_id" integer,
	"street_id" integer,
	"place_id" integer,
	"applicant_user_id" integer,
	"title" text NOT NULL,
	"proposed" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"due_on" date,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"changes" jsonb NOT NULL,
	"application_id" integer,
	"reason" text,
	"actor_user_id" integer,
	"actor_name" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "certificate_number" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "registering_authority" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "supervising_unit" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "registered_funds" bigint;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "business_scope" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "status_since" date;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "uscc_accepted_reason" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "contact_phone" varchar(20);--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "application_files" ADD CONSTRAINT "application_files_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_steps" ADD CONSTRAINT "application_steps_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_street_id_places_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_changes" ADD CONSTRAINT "organization_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_files_app_idx" ON "application_files" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "application_steps_app_idx" ON "application_steps" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "applications_state_idx" ON "applications" USING btree ("state","due_on");--> statement-breakpoint
CREATE INDEX "applications_street_idx" ON "applications" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "applications_org_idx" ON "applications" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "applications_applicant_idx" ON "applications" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE INDEX "organization_changes_org_idx" ON "organization_changes" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "organizations_registered_on_idx" ON "organizations" USING btree ("registered_on");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_live_name_idx" ON "organizations" USING btree ("name") WHERE status in ('normal', 'abnormal');