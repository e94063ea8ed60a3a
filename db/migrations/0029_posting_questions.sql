-- 村民质询: villagers' questions on published postings, answered by the clerk and the supervision
-- committee; answered ones are public under the posting and counted in the compliance grid.
CREATE TABLE "posting_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"posting_id" integer NOT NULL,
	"place_id" integer NOT NULL,
	"asker_name" text NOT NULL,
	"asker_village" text NOT NULL,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"address_key" text NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" integer,
	"answerer_name" text,
	"committee_answer" text,
	"committee_answered_at" timestamp with time zone,
	"committee_answered_by" integer,
	"committee_answerer_name" text,
	"hidden_at" timestamp with time zone,
	"hidden_by" integer,
	"hidden_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "posting_questions" ADD CONSTRAINT "posting_questions_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_questions" ADD CONSTRAINT "posting_questions_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "posting_questions_posting_idx" ON "posting_questions" USING btree ("posting_id","asked_at");--> statement-breakpoint
CREATE INDEX "posting_questions_place_idx" ON "posting_questions" USING btree ("place_id","asked_at");--> statement-breakpoint
CREATE INDEX "posting_questions_address_idx" ON "posting_questions" USING btree ("address_key","asked_at");--> statement-breakpoint
-- Answered questions are public and counted in the compliance grid (0017).
CREATE CONSTRAINT TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE ON "posting_questions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
