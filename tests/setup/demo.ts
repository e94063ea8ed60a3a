import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import { closeDb, getDb, type Database } from "../../db/client.server";
import { users } from "../../db/schema";
import { seedDemo } from "../../app/setup/demo";
import { shanghaiDate } from "../../app/domain/shared/time";
import { actorFromUser, createSession } from "../../app/auth/session.server";
import type { ActionContext } from "../../app/domain/shared/context";

/**
 * Loads the demo district into this file's database. The first file of a run
 * that loads it keeps a copy, and later files start from that copy instead of
 * seeding again (seeding hashes every demo password and takes seconds): a file
 * beside the template on in-memory PGlite, a template database on PostgreSQL.
 * The copy is per test clock and per day, because the demo is dated from the
 * day it loads; it is only taken or used while the database is still untouched.
 */
export async function loadDemoDistrict(): Promise<void> {
  if ((process.env.TEST_DB_KIND ?? "pglite") === "postgres") return loadPostgresDemo();
  const snapshot = demoSnapshotFile();
  if (snapshot && fs.existsSync(snapshot)) {
    await closeDb();
    process.env.EMBEDDED_TEMPLATE = snapshot;
    await getDb();
    return;
  }
  const db = await getDb();
  await seedDemo(db);
  if (snapshot) await keepSnapshot(db, snapshot);
}

/**
 * On PostgreSQL: this file's database (DATABASE_URL, made by tests/setup/integration.ts)
 * becomes a copy of the run's demo database, which the first file to get here seeds
 * and copies. Two files seeding at once both try to keep theirs: one wins, the other's
 * copy is refused as a duplicate and it goes on with its own seeded database.
 */
async function loadPostgresDemo(): Promise<void> {
  const server = process.env.TEST_DATABASE_URL;
  const template = inject("postgresTemplate");
  const own = process.env.DATABASE_URL;
  if (!server || !template || !own) {
    await seedDemo(await getDb());
    return;
  }
  const name = decodeURIComponent(new URL(own).pathname.slice(1));
  const day = shanghaiDate(new Date()).replaceAll("-", "");
  const demo = `${template}_demo_${(process.env.TEST_CLOCK ?? "now").replace(/[^0-9a-z]/gi, "")}_${day}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  // CREATE DATABASE … TEMPLATE fails while the source has a session, and a backend may outlive its client's end() by a moment.
  const closeSessions = (database: string) => admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  try {
    const [kept] = await admin<Array<{ one: number }>>`select 1 as one from pg_database where datname = ${demo}`;
    await closeDb();
    if (kept) {
      await closeSessions(name);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}" template "${demo}"`);
      return;
    }
    await seedDemo(await getDb());
    await closeDb();
    await closeSessions(name);
    try {
      await admin.unsafe(`create database "${demo}" template "${name}"`);
    } catch (error) {
      // Another file kept its copy first: 42P04, or 23505 when both creations ran at the same moment.
      if (!["42P04", "23505"].includes((error as { code?: string }).code ?? "")) throw error;
    }
  } finally {
    await admin.end();
  }
}

/** Where this run keeps the seeded in-memory database; none on PostgreSQL or a data folder. */
function demoSnapshotFile(): string | null {
  if ((process.env.TEST_DB_KIND ?? "pglite") !== "pglite" || process.env.DATA_DIR !== "memory://") return null;
  const template = inject("pgliteTemplate");
  if (!template || process.env.EMBEDDED_TEMPLATE !== template) return null;
  const day = shanghaiDate(new Date());
  return `${template}.demo-${process.env.TEST_CLOCK ?? "now"}-${day}.tar`;
}

async function keepSnapshot(db: Database, file: string): Promise<void> {
  const client = (db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir("none");
  // Written aside and renamed, so a file running beside this one never reads half of it.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, file);
}

/** The demo account as an actor, for calling domain functions directly. */
export async function demoActor(username: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`no demo user ${username}`);
  return actorFromUser(user, "test-session");
}

export function contextOf(actor: ActionContext["actor"], now = new Date(), ip = "203.0.113.7"): ActionContext {
  return { actor, ip, now };
}

/**
 * The demo account as an actor with a real session whose user proved who they
 * are at `at` (as at sign-in): sensitive changes need that within 10 minutes.
 */
export async function verifiedActor(username: string, at = new Date()) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`no demo user ${username}`);
  const session = await createSession(db, user, { now: at, ip: "203.0.113.7", userAgent: "vitest" });
  return actorFromUser(user, session.sessionId);
}
