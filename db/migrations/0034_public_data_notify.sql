-- Each move of the public data version is also announced (NOTIFY public_data_version, the new version as
-- payload), delivered when the transaction commits: app instances keep the version in memory and learn of a
-- change without asking for the row on every request (app/domain/shared/public-cache.server.ts).
CREATE OR REPLACE FUNCTION bump_public_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
BEGIN
  -- Once per transaction: the first row to fire moves the counter; the others see the mark.
  IF coalesce(current_setting('registry.public_data_bumped', true), '') <> txid_current()::text THEN
    UPDATE "public_data_version" SET "version" = "version" + 1, "changed_at" = now() WHERE "id" = 1 RETURNING "version" INTO moved;
    PERFORM set_config('registry.public_data_bumped', txid_current()::text, true);
    PERFORM pg_notify('public_data_version', moved::text);
  END IF;
  RETURN NULL;
END
$$;
