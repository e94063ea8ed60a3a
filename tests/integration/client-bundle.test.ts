/**
 * What the browser downloads carries no part of the database layer: not
 * drizzle, not its PostgreSQL column types, not a table's definition (the
 * column names of users and sessions included). The vocabulary the browser
 * needs comes from vocabulary/, which imports nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { expect, test } from "vitest";
import * as schema from "../../db/schema";

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

test("no file of build/client holds drizzle, pg-core or a table definition", () => {
  const client = "build/client";
  expect(fs.existsSync(client), "build/client is missing: run npm run build first").toBe(true);
  const tables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));
  expect(tables.length).toBeGreaterThan(20);
  // Column names that only a table definition would spell (snake_case), e.g. users.password_hash.
  const columns = new Set(tables.flatMap((table) => getTableConfig(table).columns.map((column) => column.name)).filter((name) => name.includes("_")));
  const markers = [/drizzle:/, /\bPgColumn\b/, /\bpgTable\b/, /pg-core/];
  const found: string[] = [];
  const scripts = filesUnder(client).filter((file) => /\.(js|mjs|map)$/.test(file));
  expect(scripts.length).toBeGreaterThan(10);
  for (const file of scripts) {
    const text = fs.readFileSync(file, "utf8");
    for (const marker of markers) if (marker.test(text)) found.push(`${file}: ${marker}`);
    for (const quoted of text.matchAll(/["'`]([a-z]+(?:_[a-z0-9]+)+)["'`]/g)) {
      if (columns.has(quoted[1]!)) found.push(`${file}: column "${quoted[1]}"`);
    }
  }
  expect(found).toEqual([]);
});
