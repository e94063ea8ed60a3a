-- A published posting version never changes: its content, hash and place in
-- the chain are fixed; the only change allowed is published -> superseded when
-- a correction is published. Its files are fixed too. Tampering that bypasses
-- these triggers is still caught by `npm run postings:verify`.
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
CREATE TRIGGER posting_versions_published_fixed
  BEFORE UPDATE OR DELETE ON posting_versions
  FOR EACH ROW EXECUTE FUNCTION posting_versions_keep_published();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION posting_files_keep_published() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM posting_versions v WHERE v.id = OLD.version_id AND v.state IN ('published', 'superseded')) THEN
    RAISE EXCEPTION 'a file of a published posting version cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER posting_files_published_fixed
  BEFORE UPDATE OR DELETE ON posting_files
  FOR EACH ROW EXECUTE FUNCTION posting_files_keep_published();
