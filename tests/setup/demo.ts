import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { users } from "../../db/schema";
import { seedDemo } from "../../app/setup/demo";
import { actorFromUser, createSession } from "../../app/auth/session.server";
import type { ActionContext } from "../../app/domain/shared/context";

/** Loads the demo district into this file's database. */
export async function loadDemoDistrict(): Promise<void> {
  await seedDemo(await getDb());
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
