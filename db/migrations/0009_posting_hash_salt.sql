ALTER TABLE "posting_versions" ADD COLUMN "salt" text;--> statement-breakpoint
-- The salt and the supervision committee's sign-off are part of what a published version says: fixed too.
CREATE OR REPLACE FUNCTION posting_versions_keep_published() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state IN ('published', 'superseded') THEN
      RAISE EXCEPTION 'a published posting version cannot be deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.state IN ('published', 'superseded') AND (
       NEW.title IS DISTINCT FROM OLD.title OR NEW.body IS DISTINCT FROM OLD.body
    OR NEW.table_rows IS DISTINCT FROM OLD.table_rows OR NEW.correction_reason IS DISTINCT FROM OLD.correction_reason
    OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.chain_seq IS DISTINCT FROM OLD.chain_seq
    OR NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.previous_hash IS DISTINCT FROM OLD.previous_hash
    OR NEW.salt IS DISTINCT FROM OLD.salt
    OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by
    OR NEW.reviewer_name IS DISTINCT FROM OLD.reviewer_name OR NEW.review_opinion IS DISTINCT FROM OLD.review_opinion
    OR NEW.number IS DISTINCT FROM OLD.number OR NEW.posting_id IS DISTINCT FROM OLD.posting_id
    OR NEW.place_id IS DISTINCT FROM OLD.place_id
    OR NOT (NEW.state = OLD.state OR (OLD.state = 'published' AND NEW.state = 'superseded'))
  ) THEN
    RAISE EXCEPTION 'a published posting version cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- No file may be added to, changed in or removed from a published version.
CREATE OR REPLACE FUNCTION posting_files_keep_published() RETURNS trigger AS $$
DECLARE
  target integer := CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM posting_versions v WHERE v.id = target AND v.state IN ('published', 'superseded'))
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM posting_versions v WHERE v.id = NEW.version_id AND v.state IN ('published', 'superseded'))) THEN
    RAISE EXCEPTION 'the files of a published posting version cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER posting_files_published_fixed ON posting_files;
--> statement-breakpoint
CREATE TRIGGER posting_files_published_fixed
  BEFORE INSERT OR UPDATE OR DELETE ON posting_files
  FOR EACH ROW EXECUTE FUNCTION posting_files_keep_published();
--> statement-breakpoint
-- A posting once published is never unpublished: it may only be withdrawn, once,
-- and its first publication and withdrawal are fixed when set.
CREATE OR REPLACE FUNCTION postings_keep_published() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('published', 'withdrawn') THEN
      RAISE EXCEPTION 'a published posting cannot be deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF (OLD.status = 'published' AND NEW.status NOT IN ('published', 'withdrawn'))
    OR (OLD.status = 'withdrawn' AND NEW.status <> 'withdrawn')
    OR (OLD.first_published_at IS NOT NULL AND NEW.first_published_at IS DISTINCT FROM OLD.first_published_at)
    OR (OLD.status = 'withdrawn' AND (NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at
        OR NEW.withdrawn_reason IS DISTINCT FROM OLD.withdrawn_reason OR NEW.withdrawn_by IS DISTINCT FROM OLD.withdrawn_by))
    OR (OLD.status IN ('published', 'withdrawn') AND (NEW.place_id IS DISTINCT FROM OLD.place_id
        OR NEW.category IS DISTINCT FROM OLD.category OR NEW.kind IS DISTINCT FROM OLD.kind
        OR NEW.period IS DISTINCT FROM OLD.period OR NEW.period_start IS DISTINCT FROM OLD.period_start
        OR NEW.period_end IS DISTINCT FROM OLD.period_end))
  THEN
    RAISE EXCEPTION 'a published posting cannot be changed this way' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER postings_published_fixed
  BEFORE UPDATE OR DELETE ON postings
  FOR EACH ROW EXECUTE FUNCTION postings_keep_published();
