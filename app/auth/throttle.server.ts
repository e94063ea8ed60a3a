/**
 * The throttles of throttle-rules.ts over login_attempts. An attempt is claimed
 * before the secret is checked: under a lock per address and per account name
 * the recent attempts are read, and if the attempt may go ahead it is written
 * as a failure at once, so parallel guesses (on any instance) see each other.
 * A right answer then marks its row a success.
 */
import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "../../db/client.server";
import { loginAttempts } from "../../db/schema";
import {
  accountWaitMs,
  addressWaitMs,
  retryAfterSeconds,
  throttleLookbackMs,
  throttleRules,
  type AttemptKind,
} from "./throttle-rules";

/** Two-key advisory locks: a namespace of their own, apart from the one-key locks elsewhere. */
const addressLockSpace = 0x7468_0001;
const accountLockSpace = 0x7468_0002;

export type AttemptClaim =
  | { allowed: true; attemptId: number }
  | { allowed: false; scope: "account" | "address"; retryAfterSeconds: number };

/** The name an attempt is counted under: what was typed, trimmed, in lower case (usernames are lower case). */
export function attemptName(typed: string): string {
  return typed.trim().toLowerCase().slice(0, 64);
}

export async function claimAttempt(input: {
  kind: AttemptKind;
  username: string;
  ip: string | null;
  now: Date;
}): Promise<AttemptClaim> {
  const db = await getDb();
  const ip = input.ip ?? "unknown";
  const username = attemptName(input.username);
  const { kind, now } = input;
  return db.transaction(async (tx) => {
    // Address first, then account, in every transaction: two claims never wait on each other in a circle.
    await tx.execute(sql`select pg_advisory_xact_lock(${addressLockSpace}::int, hashtext(${`${kind}:${ip}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${accountLockSpace}::int, hashtext(${`${kind}:${username}`}))`);
    // Attempts older than a day count for nothing; pruning by address keeps this on the index.
    await tx.delete(loginAttempts).where(and(eq(loginAttempts.ip, ip), lt(loginAttempts.at, new Date(now.getTime() - 86_400_000))));
    const since = new Date(now.getTime() - throttleLookbackMs);
    const addressFailures = await tx
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, since), eq(loginAttempts.kind, kind), eq(loginAttempts.succeeded, false)))
      .orderBy(desc(loginAttempts.at))
      .limit(throttleRules.addressFailures);
    const addressWait = addressWaitMs(
      addressFailures.map((r) => r.at),
      now,
    );
    if (addressWait > 0) return { allowed: false, scope: "address", retryAfterSeconds: retryAfterSeconds(addressWait) };
    const accountAttempts = await tx
      .select({ at: loginAttempts.at, succeeded: loginAttempts.succeeded })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.username, username), gt(loginAttempts.at, since), eq(loginAttempts.kind, kind)))
      .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
      .limit(50);
    const accountWait = accountWaitMs(accountAttempts, now);
    if (accountWait > 0) return { allowed: false, scope: "account", retryAfterSeconds: retryAfterSeconds(accountWait) };
    const [row] = await tx
      .insert(loginAttempts)
      .values({ ip, username, at: now, succeeded: false, kind })
      .returning({ id: loginAttempts.id });
    return { allowed: true, attemptId: row!.id };
  });
}

/** The secret was right: the claimed attempt no longer counts as a failure (and ends the run of failures). */
export async function markAttemptSucceeded(tx: Database, attemptId: number): Promise<void> {
  await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}

/** An account's current wait for `kind`, for an administrator's view of the account (0: none). */
export async function accountWait(username: string, kind: AttemptKind, now: Date): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ at: loginAttempts.at, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, attemptName(username)), gt(loginAttempts.at, new Date(now.getTime() - throttleLookbackMs)), eq(loginAttempts.kind, kind)))
    .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
    .limit(50);
  return accountWaitMs(rows, now);
}

/** An administrator clears an account's run of failures (every kind): its delay ends at once. */
export async function clearAccountFailures(tx: Database, username: string): Promise<number> {
  const cleared = await tx
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.username, attemptName(username)), eq(loginAttempts.succeeded, false)))
    .returning({ id: loginAttempts.id });
  return cleared.length;
}
