-- The daily removal of lapsed listings (app/domain/credit/listings.server.ts: removeExpiredListings) looks
-- only at organizations with a listing in force on the one ground that lapses by itself (a penalty,
-- lapsingTrigger in app/domain/credit/listings.ts): this index finds them. It read every listing in force,
-- 8,600 of 17,600 at province scale.
CREATE INDEX "abnormal_listings_lapsing_idx" ON "abnormal_listings" USING btree ("organization_id") WHERE removed_on is null and "trigger" = 'penalty';
