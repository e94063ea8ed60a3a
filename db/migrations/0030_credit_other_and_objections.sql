-- 其他信用信息 (awards, government service contracts; public on the record) and 异议 (an
-- organization's objections to its credit information, verified and corrected by the registry).
CREATE TABLE "credit_objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"part" text NOT NULL,
	"subject" text NOT NULL,
	"statement" text NOT NULL,
	"requested" text NOT NULL,
	"filed_on" date NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_by" integer,
	"answer_due_on" date NOT NULL,
	"state" text DEFAULT 'filed' NOT NULL,
	"answer" text,
	"answered_on" date,
	"answered_by" integer,
	"correction_due_on" date,
	"correction" text,
	"corrected_on" date,
	"corrected_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "other_credit_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"grantor" text NOT NULL,
	"decided_on" date NOT NULL,
	"document_number" text,
	"amount_fen" bigint,
	"period_until" date,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer,
	"withdrawal_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_objections" ADD CONSTRAINT "credit_objections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "other_credit_items" ADD CONSTRAINT "other_credit_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_objections_org_idx" ON "credit_objections" USING btree ("organization_id","filed_on");--> statement-breakpoint
CREATE INDEX "credit_objections_state_idx" ON "credit_objections" USING btree ("state","answer_due_on");--> statement-breakpoint
CREATE INDEX "other_credit_items_org_idx" ON "other_credit_items" USING btree ("organization_id","decided_on");--> statement-breakpoint
-- Awards and contracts are public on the record (0017).
CREATE CONSTRAINT TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE ON "other_credit_items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
