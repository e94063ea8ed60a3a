-- The public data version moves once per committed transaction that changes
-- anything a public page shows. Deferred constraint triggers run at commit,
-- after all other work: the version row is locked only for that moment, so
-- writers never wait on each other for long and never deadlock on it.
INSERT INTO "public_data_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_public_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Once per transaction: the first row to fire moves the counter; the others see the mark.
  IF coalesce(current_setting('registry.public_data_bumped', true), '') <> txid_current()::text THEN
    UPDATE "public_data_version" SET "version" = "version" + 1, "changed_at" = now() WHERE "id" = 1;
    PERFORM set_config('registry.public_data_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'places', 'settings', 'organizations', 'organization_changes', 'abnormal_listings',
    'inspection_years', 'inspection_reports', 'organization_party', 'party_branches', 'party_admissions',
    'postings', 'posting_versions', 'posting_files',
    'committee_terms', 'committee_members', 'service_centres', 'joint_meetings'
  ] LOOP
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE ON %I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version()', t);
  END LOOP;
END
$$;
