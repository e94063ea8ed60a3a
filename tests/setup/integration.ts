/**
 * Gives each integration test file a clean, migrated database: an in-memory
 * PGlite, or a fresh database on the server named by TEST_DATABASE_URL.
 * Both start as copies of the template that tests/setup/integration-template.ts
 * migrated once for the run. The app's own db/client.server.ts connects to it,
 * as in production.
 */
import { afterAll, beforeAll, inject } from "vitest";
import postgres from "postgres";
import { closeDb, migrateDatabase } from "../../db/client.server";

const kind = process.env.TEST_DB_KIND ?? "pglite";
let dropDatabase: (() => Promise<void>) | undefined;

/** Failing here rather than migrating from scratch keeps a lost template from slowing every file unnoticed. */
function template(key: "pgliteTemplate" | "postgresTemplate"): string {
  const value = inject(key);
  if (!value) throw new Error(`${key} missing: tests/setup/integration-template.ts must be this project's globalSetup`);
  return value;
}

beforeAll(async () => {
  process.env.EMBEDDED_AUTO_PREPARE = "0";
  if (kind === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const name = `cr_test_${process.pid}_${Date.now().toString(36)}`;
    const source = template("postgresTemplate");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${source}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = "memory://";
    // Read by db/client.server.ts when it opens memory://.
    process.env.EMBEDDED_TEMPLATE = template("pgliteTemplate");
    // Opened on first use, not here: opening PGlite costs a second, and a file
    // that loads the demo district opens a copy with the demo already in it.
    return;
  }
  // A no-op on the template, unless a migration was added after it was made.
  await migrateDatabase();
});

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
});
