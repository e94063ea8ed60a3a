-- Posting compliance (app/domain/postings/compliance.server.ts: publishedPeriods) reads, for every village at once,
-- the periods published since a day. It now finds all it needs in this index (an index-only scan): at province
-- scale (4.85 M postings, a 2.1 GB table) the planner otherwise read the whole table, 2.2 s for the public figures.
-- Same key and predicate as before (db/schema/postings.ts), with the grouped columns carried along.
DROP INDEX IF EXISTS "postings_published_period_idx";--> statement-breakpoint
CREATE INDEX "postings_published_period_idx" ON "postings" USING btree ("period_start") INCLUDE ("place_id", "category", "period_kind", "period_end", "first_published_at") WHERE "postings"."status" = 'published';
