-- The elections due (app/domain/committees/queries.server.ts: termsDueForElection, on every officer's
-- dashboard) are the latest term of each body that ends within the horizon. Asked as "ends by the
-- horizon and no later term exists", nearly every term qualifies on the first condition (history has
-- ended), so the planner read the whole table and tested each row: 60,000 terms at province scale.
-- A term now says whether it has been succeeded, kept by the database for every writer (the app, the
-- seed, an import, SQL by hand), and a partial index holds the latest terms by end date.
ALTER TABLE "committee_terms" ADD COLUMN "succeeded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The terms of the given (place, body) pairs marked by the one order of terms (start date, then
-- number): succeeded when a later one exists. Only rows whose mark changes are written. Two writers of
-- one place's terms take turns on the place's row (as the app's commands do), so the second marks with
-- the first's terms in view; the update, a statement of its own, reads after the lock is granted.
CREATE FUNCTION committee_terms_mark_succeeded(place_ids integer[], bodies text[]) RETURNS void
LANGUAGE sql AS $$
  SELECT 1 FROM "places" WHERE "id" = ANY(place_ids) ORDER BY "id" FOR NO KEY UPDATE;
  UPDATE "committee_terms" t
  SET "succeeded" = s.later
  FROM (
    SELECT c."id", EXISTS (
      SELECT 1 FROM "committee_terms" l
      WHERE l."place_id" = c."place_id" AND l."body" = c."body"
        AND (l."starts_on" > c."starts_on" OR (l."starts_on" = c."starts_on" AND l."term_number" > c."term_number"))
    ) AS later
    FROM "committee_terms" c
    JOIN (SELECT DISTINCT * FROM unnest(place_ids, bodies)) AS k("place_id", "body")
      ON k."place_id" = c."place_id" AND k."body" = c."body"
  ) s
  WHERE t."id" = s."id" AND t."succeeded" IS DISTINCT FROM s.later
$$;--> statement-breakpoint
-- Statement-level, so a bulk load marks each pair once. The function's own update fires the update
-- trigger again: its rows are already right, so it changes none, and the next round sees no rows.
CREATE FUNCTION committee_terms_succession() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Each transition table exists only for its events: asked about in its own branch.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF EXISTS (SELECT 1 FROM new_rows) THEN
      PERFORM committee_terms_mark_succeeded(array_agg("place_id"), array_agg("body")) FROM new_rows;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF EXISTS (SELECT 1 FROM old_rows) THEN
      PERFORM committee_terms_mark_succeeded(array_agg("place_id"), array_agg("body")) FROM old_rows;
    END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "committee_terms_succession_insert" AFTER INSERT ON "committee_terms"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION committee_terms_succession();--> statement-breakpoint
CREATE TRIGGER "committee_terms_succession_update" AFTER UPDATE ON "committee_terms"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION committee_terms_succession();--> statement-breakpoint
CREATE TRIGGER "committee_terms_succession_delete" AFTER DELETE ON "committee_terms"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION committee_terms_succession();--> statement-breakpoint
-- Built before the terms are marked: the mark's update leaves deferred trigger events (the public
-- data version), and no index can be built on the table while they are pending.
CREATE INDEX "committee_terms_due_idx" ON "committee_terms" USING btree ("ends_on") WHERE not "committee_terms"."succeeded";--> statement-breakpoint
UPDATE "committee_terms" t SET "succeeded" = true
WHERE EXISTS (
  SELECT 1 FROM "committee_terms" l
  WHERE l."place_id" = t."place_id" AND l."body" = t."body"
    AND (l."starts_on" > t."starts_on" OR (l."starts_on" = t."starts_on" AND l."term_number" > t."term_number"))
);--> statement-breakpoint
-- The marks' update queued the public data version's deferred triggers: run them now, so a later
-- migration in the same run may still alter or index this table.
SET CONSTRAINTS ALL IMMEDIATE;
