import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { closeDb, getDb, type Database } from "../../db/client.server";
import { users } from "../../db/schema";
import { seedDemo } from "../../app/setup/demo";
import { shanghaiDate } from "../../app/domain/shared/time";
import { actorFromUser, createSession } from "../../app/auth/session.server";
import type { ActionContext } from "../../app/domain/shared/context";

/**
 * Loads the demo district into this file's database. On in-memory PGlite the
 * first file of a run that loads it keeps a copy, and later files open that copy
 * instead of seeding again (seeding hashes every demo password and takes seconds).
 * The copy is per test clock and per day, because the demo is dated from the
 * day it loads; it is only taken or used while the database is still untouched.
 */
export async function loadDemoDistrict(): Promise<void> {
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
