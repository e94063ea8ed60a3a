/**
 * The production server (build/, `node server.mjs`) on a demo district of its
 * own, for integration tests that go through HTTP: on PGlite a data folder of
 * its own (the test process fills it, closes it, then the server opens it), on
 * PostgreSQL this test file's database, which both share. Sessions are made
 * the way tests/setup/e2e-prepare.ts makes them, several per demo account so a
 * test that signs one out can go on with the next.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { closeDb, getDb, migrateDatabase, type Database } from "../../db/client.server";
import { users } from "../../db/schema";
import { demoAccounts } from "../../app/setup/demo";
import { createSession } from "../../app/auth/session.server";
import { startAppServer, type AppServer } from "./app-server";
import { loadDemoDistrict } from "./demo";

export type DemoUser = (typeof demoAccounts)[number]["username"];
export const demoUsers = demoAccounts.map((a) => a.username) as DemoUser[];

export interface ServedDemo<Facts> {
  server: AppServer;
  /** Session tokens per demo account, unused ones first. */
  sessions: Record<DemoUser, string[]>;
  /** What `prepare` found or made in the database before the server opened it. */
  facts: Facts;
  /** "pglite" or "postgres": where the server keeps its data. */
  kind: string;
  /** Runs `read` on the server's database: at once on PostgreSQL; on PGlite after stopping the server (the folder has one opener). */
  inspect: <T>(read: (db: Database) => Promise<T>) => Promise<T>;
  stop: () => Promise<void>;
}

export async function startServedDemo<Facts>(options: {
  sessionsPerUser?: number;
  prepare?: (db: Database) => Promise<Facts>;
  env?: Record<string, string>;
}): Promise<ServedDemo<Facts>> {
  const kind = process.env.TEST_DB_KIND ?? "pglite";
  let dataDir: string | null = null;
  if (kind === "pglite") {
    // The setup's in-memory database stays unused: the server needs a folder it can open.
    await closeDb();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cr-served-"));
    process.env.DATA_DIR = dataDir;
    await migrateDatabase();
  }
  await loadDemoDistrict();
  const db = await getDb();
  const perUser = options.sessionsPerUser ?? 3;
  const sessions = {} as Record<DemoUser, string[]>;
  for (const username of demoUsers) {
    const [user] = await db.select().from(users).where(eq(users.username, username));
    if (!user) throw new Error(`demo account ${username} missing`);
    sessions[username] = [];
    for (let i = 0; i < perUser; i++) {
      sessions[username].push((await createSession(db, user, { now: new Date(), ip: "127.0.0.1", userAgent: "served-demo" })).token);
    }
  }
  const facts = options.prepare ? await options.prepare(db) : (undefined as Facts);
  if (dataDir) await closeDb();
  const env = { ...(dataDir ? { DATA_DIR: dataDir, DATABASE_URL: "" } : { DATABASE_URL: process.env.DATABASE_URL! }), ...options.env };
  const server = await startAppServer(env);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (server.process.exitCode !== null) return;
    // SIGTERM: the server closes its database cleanly before the folder is opened again.
    const exited = new Promise<void>((resolve) => server.process.once("exit", () => resolve()));
    server.process.kill("SIGTERM");
    const force = setTimeout(() => server.stop(), 10_000);
    await exited;
    clearTimeout(force);
  };
  return {
    server,
    sessions,
    facts,
    kind,
    inspect: async (read) => {
      if (!dataDir) return read(await getDb());
      await stop();
      return read(await getDb());
    },
    stop: async () => {
      await stop();
      if (dataDir) {
        await closeDb();
        process.env.DATA_DIR = "memory://";
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
