-- 一居多会 (app/domain/committees/coverage.server.ts): the open statistics count the counted organizations by
-- place, and the officers' page lists every community with its counts; both test each organization's type and
-- category. Carried in the index, the counts read it alone: at province scale (300,000 organizations, 148,000
-- of them at a community or village) the planner otherwise read the whole table.
-- Same key and predicate as before (db/schema/organizations.ts).
DROP INDEX IF EXISTS "organizations_community_count_idx";--> statement-breakpoint
CREATE INDEX "organizations_community_count_idx" ON "organizations" USING btree ("place_id", "status") INCLUDE ("type", "category") WHERE type = 'community' or category is not null;
