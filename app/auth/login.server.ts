/**
 * Sign-in with the two throttles the level-protection rules ask for: an account
 * locks for 30 minutes after 5 failures in a row, and one address may post the
 * form at most 10 times a minute. Both live in the database so every app
 * instance counts the same attempts.
 */
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { loginAttempts, users } from "../../db/schema";
import { recordAudit } from "../domain/audit.server";
import type { ActionContext } from "../domain/context";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { actorFromUser, createSession, type NewSession } from "./session.server";
import { loginRules } from "./session-rules";

export type SignInResult =
  | { ok: true; session: NewSession; userId: number; mustChangePassword: boolean }
  | { ok: false; reason: "invalid" | "locked" | "rate_limited"; retryAfterSeconds?: number };

export async function signIn(input: {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  now: Date;
}): Promise<SignInResult> {
  const db = await getDb();
  const { now } = input;
  const ip = input.ip ?? "unknown";
  const username = input.username.trim().slice(0, 64);
  const ctx: ActionContext = { actor: null, ip: input.ip, now };

  const attemptsThisMinute = await db.transaction(async (tx) => {
    // Attempts older than a day count for nothing; pruning by address keeps this on the index.
    await tx
      .delete(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), lt(loginAttempts.at, new Date(now.getTime() - 86_400_000))));
    await tx.insert(loginAttempts).values({ ip, username, at: now, succeeded: false });
    const [row] = await tx
      .select({ value: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, new Date(now.getTime() - 60_000))));
    return row?.value ?? 0;
  });
  if (attemptsThisMinute > loginRules.perAddressPerMinute) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "session.rate_limited", username, reason: `${attemptsThisMinute} 次/分钟` }),
    );
    return { ok: false, reason: "rate_limited", retryAfterSeconds: 60 };
  }

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!user || user.disabledAt) {
    await verifyAgainstDummy(input.password);
    await db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: "session.sign_in_failed",
        username,
        reason: user ? "账号已停用" : "用户名不存在",
      }),
    );
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "session.sign_in_locked", entityType: "user", entityId: user.id, username }),
    );
    return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(user.lockedUntil, now) };
  }

  const passwordMatches = await verifyPassword(user.passwordHash, input.password);
  return db.transaction(async (tx): Promise<SignInResult> => {
    if (!passwordMatches) {
      const [updated] = await tx
        .update(users)
        .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedAttempts: users.failedAttempts });
      const failures = updated?.failedAttempts ?? 0;
      const locks = failures >= loginRules.maxFailures;
      if (locks) {
        const lockedUntil = new Date(now.getTime() + loginRules.lockMs);
        await tx.update(users).set({ failedAttempts: 0, lockedUntil }).where(eq(users.id, user.id));
      }
      await recordAudit(tx, ctx, {
        action: locks ? "user.locked" : "session.sign_in_failed",
        entityType: "user",
        entityId: user.id,
        username,
        reason: locks ? `连续 ${failures} 次密码错误，锁定 30 分钟` : `密码错误（连续第 ${failures} 次）`,
      });
      return locks
        ? { ok: false, reason: "locked", retryAfterSeconds: loginRules.lockMs / 1000 }
        : { ok: false, reason: "invalid" };
    }
    await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastSignInAt: now })
      .where(eq(users.id, user.id));
    await tx
      .update(loginAttempts)
      .set({ succeeded: true })
      .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.username, username), eq(loginAttempts.at, now)));
    const session = await createSession(tx, user, { now, ip: input.ip, userAgent: input.userAgent });
    await recordAudit(
      tx,
      { ...ctx, actor: actorFromUser(user, session.sessionId) },
      { action: "session.sign_in", entityType: "user", entityId: user.id },
    );
    return { ok: true, session, userId: user.id, mustChangePassword: user.mustChangePassword };
  });
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
