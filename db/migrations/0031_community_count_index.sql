-- 一居多会 counts filed community organizations and registered ones marked with a category at each
-- community or village: a partial index on what may count keeps that count off a scan of the register.
CREATE INDEX "organizations_community_count_idx" ON "organizations" USING btree ("place_id","status") WHERE type = 'community' or category is not null;