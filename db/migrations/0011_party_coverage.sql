CREATE TABLE "organization_party" (
	"organization_id" integer PRIMARY KEY NOT NULL,
	"formal_members" integer DEFAULT 0 NOT NULL,
	"probationary_members" integer DEFAULT 0 NOT NULL,
	"branch_id" integer,
	"instructor" text,
	"source" text DEFAULT 'officer' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_admissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"admitted_on" date NOT NULL,
	"count" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_branches" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"founded_on" date NOT NULL,
	"street_id" integer,
	"secretary" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organization_party" ADD CONSTRAINT "organization_party_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_party" ADD CONSTRAINT "organization_party_branch_id_party_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."party_branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_admissions" ADD CONSTRAINT "party_admissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_branches" ADD CONSTRAINT "party_branches_street_id_places_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_party_branch_idx" ON "organization_party" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "party_admissions_on_idx" ON "party_admissions" USING btree ("admitted_on");--> statement-breakpoint
CREATE INDEX "party_branches_founded_idx" ON "party_branches" USING btree ("founded_on");