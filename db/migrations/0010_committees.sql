CREATE TABLE "committee_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"name" text NOT NULL,
	"post" text NOT NULL,
	"party_secretary" boolean DEFAULT false NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_terms" (
	"id" serial PRIMARY KEY NOT NULL,
	"place_id" integer NOT NULL,
	"body" text NOT NULL,
	"term_number" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"elected_on" date,
	"eligible_voters" integer,
	"votes_cast" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"place_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"parties" jsonb NOT NULL,
	"topics" text NOT NULL,
	"decisions" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_centres" (
	"place_id" integer PRIMARY KEY NOT NULL,
	"floor_area" integer,
	"facilities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_term_id_committee_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."committee_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_terms" ADD CONSTRAINT "committee_terms_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_meetings" ADD CONSTRAINT "joint_meetings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_centres" ADD CONSTRAINT "service_centres_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "committee_members_term_idx" ON "committee_members" USING btree ("term_id");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_terms_number_idx" ON "committee_terms" USING btree ("place_id","body","term_number");--> statement-breakpoint
CREATE INDEX "committee_terms_ends_idx" ON "committee_terms" USING btree ("ends_on");--> statement-breakpoint
CREATE INDEX "joint_meetings_place_idx" ON "joint_meetings" USING btree ("place_id","held_on");