-- 行政处罚: the registry's penalty decisions on organizations, each with its decision
-- document; a revocation changes the register's status in the same transaction (app code).
CREATE TABLE "penalties" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint,
	"suspended_from" date,
	"suspended_until" date,
	"facts" text NOT NULL,
	"legal_basis" text NOT NULL,
	"decision_number" text NOT NULL,
	"decided_on" date NOT NULL,
	"authority" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "penalties_decision_number_unique" UNIQUE("decision_number")
);
--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "penalties_org_idx" ON "penalties" USING btree ("organization_id","decided_on");--> statement-breakpoint
-- Public on the organization's record: a new penalty moves the public data version (0017).
CREATE CONSTRAINT TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE ON "penalties" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
