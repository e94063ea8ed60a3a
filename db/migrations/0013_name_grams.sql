-- Searching Chinese names by fragments of one or two characters, which trigram
-- indexes cannot serve: each name keeps its single characters and two-character
-- pieces in a generated array with a GIN index (app/domain/name-grams.ts holds
-- the same rule for the query side). No extension: it works on PGlite too.
CREATE OR REPLACE FUNCTION name_grams(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(lower(name), i, 1) AS g FROM generate_series(1, char_length(name)) AS i
    UNION ALL
    SELECT substr(lower(name), i, 2) FROM generate_series(1, char_length(name) - 1) AS i
  ) AS grams
$$;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "name_grams" text[] GENERATED ALWAYS AS (name_grams("name")) STORED;--> statement-breakpoint
CREATE INDEX "organizations_name_grams_idx" ON "organizations" USING gin ("name_grams");
