/**
 * Gives each integration test file a clean, migrated database: an in-memory
 * PGlite, or a fresh database on the server named by TEST_DATABASE_URL.
 * The app's own db/client.server.ts connects to it, as in production.
 */
import { afterAll, beforeAll } from "vitest";
import postgres from "postgres";
import { closeDb, migrateDatabase } from "../../db/client.server";

const kind = process.env.TEST_DB_KIND ?? "pglite";
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  process.env.EMBEDDED_AUTO_PREPARE = "0";
  if (kind === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const name = `cr_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
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
  }
  await migrateDatabase();
});

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
});
