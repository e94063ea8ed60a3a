CREATE TABLE "posting_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posting_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"posting_id" integer NOT NULL,
	"version_number" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" integer,
	"actor_name" text,
	"opinion" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "posting_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"posting_id" integer NOT NULL,
	"place_id" integer NOT NULL,
	"number" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"table_rows" jsonb,
	"correction_reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"reviewer_name" text,
	"review_opinion" text,
	"published_at" timestamp with time zone,
	"chain_seq" integer,
	"content_hash" text,
	"previous_hash" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" serial PRIMARY KEY NOT NULL,
	"place_id" integer NOT NULL,
	"street_id" integer NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"retention" text NOT NULL,
	"period_kind" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'unpublished' NOT NULL,
	"title" text NOT NULL,
	"current_version_id" integer,
	"current_version" integer,
	"current_hash" text,
	"first_published_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer,
	"withdrawn_reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "posting_files" ADD CONSTRAINT "posting_files_version_id_posting_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."posting_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_steps" ADD CONSTRAINT "posting_steps_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_versions" ADD CONSTRAINT "posting_versions_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_versions" ADD CONSTRAINT "posting_versions_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_street_id_places_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "posting_files_version_idx" ON "posting_files" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "posting_steps_posting_idx" ON "posting_steps" USING btree ("posting_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "posting_versions_number_idx" ON "posting_versions" USING btree ("posting_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "posting_versions_chain_idx" ON "posting_versions" USING btree ("place_id","chain_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "posting_versions_open_idx" ON "posting_versions" USING btree ("posting_id") WHERE "posting_versions"."state" in ('draft', 'submitted', 'returned');--> statement-breakpoint
CREATE INDEX "postings_place_period_idx" ON "postings" USING btree ("place_id","period_start");--> statement-breakpoint
CREATE INDEX "postings_public_idx" ON "postings" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "postings_street_idx" ON "postings" USING btree ("street_id","status","published_at");