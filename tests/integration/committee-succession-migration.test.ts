/**
 * Migration 0038 over a database that already holds terms, in one transaction as the migrator runs
 * it: the mark is backfilled for every term, and the partial index is built although the backfill
 * queues deferred trigger events (a first version built the index after the backfill, which
 * PostgreSQL refuses then; an empty table, as in a fresh test database, hid it), and the migration
 * runs them before it ends, so a later migration of the same run may index the table too.
 */
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { migrationStatements } from "../setup/migration-file";
import { getDb, queryRows } from "../../db/client.server";
import { loadDemoDistrict } from "../setup/demo";

const migration = migrationStatements("0038_committee_terms_succession.sql");

test("migration 0038 marks every recorded term that has a later one, in one transaction with the terms in place", async () => {
  await loadDemoDistrict();
  const db = await getDb();
  const [{ terms }] = (await queryRows<{ terms: number }>(db, sql`select count(*)::int as terms from committee_terms`)) as [{ terms: number }];
  expect(terms).toBeGreaterThan(100);
  await db.transaction(async (tx) => {
    // The database as it was before the migration.
    for (const undo of [
      `drop trigger committee_terms_succession_insert on committee_terms`,
      `drop trigger committee_terms_succession_update on committee_terms`,
      `drop trigger committee_terms_succession_delete on committee_terms`,
      `drop function committee_terms_succession()`,
      `drop function committee_terms_mark_succeeded(integer[], text[])`,
      `drop index committee_terms_due_idx`,
      `alter table committee_terms drop column succeeded`,
    ])
      await tx.execute(sql.raw(undo));
    for (const statement of migration) await tx.execute(sql.raw(statement));
    // A later migration of the same run may still index the table: no trigger events are left pending.
    await tx.execute(sql.raw(`create index committee_terms_later_idx on committee_terms (created_at)`));
    await tx.execute(sql.raw(`drop index committee_terms_later_idx`));
  });
  const [marks] = await queryRows<{ succeeded: number; latest: number; wrong: number }>(
    db,
    sql`select count(*) filter (where succeeded)::int as succeeded, count(*) filter (where not succeeded)::int as latest,
          count(*) filter (where succeeded is distinct from exists (
            select 1 from committee_terms l where l.place_id = t.place_id and l.body = t.body
              and (l.starts_on > t.starts_on or (l.starts_on = t.starts_on and l.term_number > t.term_number))))::int as wrong
        from committee_terms t`,
  );
  expect(marks).toMatchObject({ wrong: 0 });
  expect(marks!.succeeded).toBeGreaterThan(0);
  const [pairs] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select distinct place_id, body from committee_terms) p`);
  expect(marks!.latest).toBe(pairs!.n);
  const [index] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pg_indexes where indexname = 'committee_terms_due_idx'`);
  expect(index!.n).toBe(1);
});
