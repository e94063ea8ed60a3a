/**
 * The embedded default as a newcomer meets it: the first open of an empty data
 * folder migrates and loads the demo district, later opens keep what is there,
 * and a folder that a live process holds is refused.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test, vi } from "vitest";

type Client = typeof import("../../db/client.server");
const saved = { ...process.env };
let dir = "";

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cr-data-"));
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = path.join(dir, "nested", "data"); // the parent folders do not exist yet
  process.env.EMBEDDED_AUTO_PREPARE = "1";
});

afterEach(() => {
  process.env = { ...saved };
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the client module, prepared as the server prepares it at start: a new process start, as far as the database goes. */
async function freshClient(): Promise<Client> {
  const client = await clientModule();
  const { prepareEmbeddedDatabase } = await import("../../app/setup/prepare.server");
  await prepareEmbeddedDatabase();
  return client;
}

/** A fresh copy of the client module alone, not yet connected. */
async function clientModule(): Promise<Client> {
  vi.resetModules();
  return import("../../db/client.server");
}

test("the first start prepares the demo district; a later start keeps the data", async () => {
  const { sql } = await import("drizzle-orm");
  let client = await freshClient();
  let db = await client.getDb();
  const places = await client.queryRows<{ n: number }>(db, sql`select count(*)::int as n from places`);
  expect(places[0]?.n).toBe(105);
  await db.execute(sql`update places set name = '鲤城区（改）' where level = 'district'`);
  await client.closeDb();
  expect(fs.existsSync(path.join(process.env.DATA_DIR!, "pglite.lock"))).toBe(false);

  client = await freshClient();
  db = await client.getDb();
  const district = await client.queryRows<{ name: string }>(db, sql`select name from places where level = 'district'`);
  expect(district).toEqual([{ name: "鲤城区（改）" }]);
  await client.closeDb();
  // Migrating and loading the whole demo district on a busy machine takes more than the usual half-minute guard.
}, 120_000);

test("a data folder held by another live process is refused; a stale lock is taken over", async () => {
  const folder = process.env.DATA_DIR!;
  fs.mkdirSync(folder, { recursive: true });
  const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
  try {
    fs.writeFileSync(path.join(folder, "pglite.lock"), String(holder.pid));
    const client = await clientModule();
    await expect(client.getDb()).rejects.toThrow(`正被进程 ${holder.pid} 使用`);
  } finally {
    holder.kill();
  }
  await new Promise((resolve) => holder.once("exit", resolve));
  // The holder is gone: its lock is stale and the next start takes the folder.
  const client = await clientModule();
  await expect(client.getDb()).resolves.toBeDefined();
  expect(fs.readFileSync(path.join(folder, "pglite.lock"), "utf8")).toBe(String(process.pid));
  await client.closeDb();
});
