/**
 * Before the browser tests: a fresh embedded database with the demo district,
 * and one session per demo account written to tests/.e2e/sessions.json, so
 * tests sign in by cookie instead of typing into the form (only the sign-in
 * tests type). The database is closed again before the server opens it.
 * Sessions count as verified when made; a run can outlast the 10 minutes that
 * sensitive changes allow, so tests making one re-verify first (fixtures.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { closeDb, dataDir, getDb } from "../../db/client.server";
import { sessions as sessionsTable, users } from "../../db/schema";
import { demoAccounts } from "../../app/setup/demo";
import { prepareEmbeddedDatabase } from "../../app/setup/prepare.server";
import { createSession } from "../../app/auth/session.server";

delete process.env.DATABASE_URL;
fs.rmSync(dataDir(), { recursive: true, force: true });
await prepareEmbeddedDatabase(); // migrates and loads the demo district, as the server does at start
const db = await getDb();
const sessions: Record<string, string> = {};
for (const account of demoAccounts) {
  const [user] = await db.select().from(users).where(eq(users.username, account.username));
  if (!user) throw new Error(`demo account ${account.username} missing`);
  const session = await createSession(db, user, { now: new Date(), ip: "127.0.0.1", userAgent: "e2e" });
  sessions[account.username] = session.token;
}
// Preparatory groups (accounts without an organization, not demo accounts): they apply for establishment,
// and an approval links the account to its new organization, so each walk-through has its own.
for (const username of ["prep-a", "prep-b", "prep-c"]) {
  const [user] = await db.insert(users).values({ username, displayName: `筹备组（${username}）`, role: "association", passwordHash: "unusable" }).returning();
  sessions[username] = (await createSession(db, user!, { now: new Date(), ip: "127.0.0.1", userAgent: "e2e" })).token;
}
// A second session each for the administrator and the district officer whose user last proved who they
// are an hour ago: the re-verification tests start from it (the sessions above count as verified at start).
for (const username of ["admin", "officer"]) {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  const session = await createSession(db, user!, { now: new Date(), ip: "127.0.0.1", userAgent: "e2e" });
  await db.update(sessionsTable).set({ verifiedAt: new Date(Date.now() - 3_600_000) }).where(eq(sessionsTable.id, session.sessionId));
  sessions[`${username}:unverified`] = session.token;
}
await closeDb();
const out = path.resolve(`tests/.e2e/sessions-${process.env.PORT ?? 3210}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(sessions, null, 2));
console.log(`e2e: demo database at ${dataDir()}, sessions in ${out}`);
