/**
 * Sign-in. Every attempt is throttled per account name (known or not) and per
 * address (throttle-rules.ts), counted in the database so all instances share
 * the counts; a refusal for a real account and for an unknown name is the same
 * answer, and a password hash is verified for both (a dummy for the unknown).
 *
 * A user with an authenticator, or whose role requires one, gets no session for
 * the password alone: a pending sign-in (pending-sign-in.server.ts) waits for the
 * code, or for the authenticator to be set up, and only then is a session made.
 */
import { eq, sql } from "drizzle-orm";
import { getDb, type Database } from "../../db/client.server";
import { pendingSignIns, users } from "../../db/schema";
import { recordAudit } from "../domain/audit/commands.server";
import type { ActionContext } from "../domain/shared/context";
import { getSetting } from "../domain/settings/queries.server";
import { consumeRecoveryCode, consumeTotpCode } from "./factor-codes.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { createPendingSignIn, deletePendingSignIn, findPendingSignIn, type NewPendingSignIn, type PendingStage } from "./pending-sign-in.server";
import { requiresSecondFactor } from "./second-factor-requirement";
import { confirmEnrolment } from "./second-factor.server";
import { pendingSignInRules, readTotpCode } from "./second-factor-rules";
import { actorFromUser, createSession, type NewSession } from "./session.server";
import { attemptName, claimAttempt, markAttemptSucceeded } from "./throttle.server";

type User = typeof users.$inferSelect;

export type Throttled = { ok: false; reason: "throttled"; scope: "account" | "address"; retryAfterSeconds: number };

export type SignInResult =
  | { ok: true; session: NewSession; userId: number; mustChangePassword: boolean }
  | { ok: false; reason: "second_factor"; stage: PendingStage; pending: NewPendingSignIn; userId: number }
  | { ok: false; reason: "invalid" }
  | Throttled;

interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  now: Date;
}

export async function signIn(input: RequestMeta & { username: string; password: string; redirectTo?: string | null }): Promise<SignInResult> {
  const db = await getDb();
  const { now } = input;
  const username = attemptName(input.username);
  const ctx: ActionContext = { actor: null, ip: input.ip, now };

  const claim = await claimAttempt({ kind: "sign_in", username, ip: input.ip, now });
  if (!claim.allowed) {
    // Decided from the attempts alone, before the name is looked up: a real account and an unknown name look alike.
    await db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: "session.throttled",
        refused: true,
        username,
        reason: claim.scope === "account" ? `该用户名失败次数过多，需等待 ${claim.retryAfterSeconds} 秒` : `该地址失败次数过多，暂停 ${claim.retryAfterSeconds} 秒`,
      }),
    );
    return { ok: false, reason: "throttled", scope: claim.scope, retryAfterSeconds: claim.retryAfterSeconds };
  }

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!user || user.disabledAt) {
    await verifyAgainstDummy(input.password);
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "session.sign_in_failed", refused: true, username, reason: user ? "账号已停用" : "用户名不存在" }),
    );
    return { ok: false, reason: "invalid" };
  }

  const passwordMatches = await verifyPassword(user.passwordHash, input.password);
  if (!passwordMatches) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "session.sign_in_failed", refused: true, entityType: "user", entityId: user.id, username, reason: "密码错误" }),
    );
    return { ok: false, reason: "invalid" };
  }

  const requiredRoles = await getSetting("secondFactorRoles");
  const stage: PendingStage | null = user.totpEnabledAt && user.totpSecret ? "code" : requiresSecondFactor(user.role, requiredRoles) ? "enrol" : null;
  return db.transaction(async (tx): Promise<SignInResult> => {
    await markAttemptSucceeded(tx, claim.attemptId);
    if (stage) {
      const pending = await createPendingSignIn(tx, user, { stage, now, ip: input.ip, userAgent: input.userAgent, redirectTo: input.redirectTo ?? null });
      await recordAudit(tx, ctx, {
        action: "session.second_factor_pending",
        entityType: "user",
        entityId: user.id,
        username,
        reason: stage === "code" ? "密码正确，等待动态验证码" : "密码正确，该角色须先设置两步验证",
      });
      return { ok: false, reason: "second_factor", stage, pending, userId: user.id };
    }
    const session = await openSession(tx, user, input, "密码");
    return { ok: true, session, userId: user.id, mustChangePassword: user.mustChangePassword };
  });
}

/** The session at the end of a sign-in, with its audit row. */
async function openSession(tx: Database, user: User, meta: RequestMeta, proof: string) {
  await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, lastSignInAt: meta.now }).where(eq(users.id, user.id));
  const session = await createSession(tx, user, meta);
  await recordAudit(
    tx,
    { actor: actorFromUser(user, session.sessionId), ip: meta.ip, now: meta.now },
    { action: "session.sign_in", entityType: "user", entityId: user.id, reason: proof },
  );
  return session;
}

export type SecondStepResult =
  | { ok: true; session: NewSession; userId: number; mustChangePassword: boolean; redirectTo: string | null; recoveryCodesLeft?: number }
  | { ok: false; reason: "missing" | "expired" | "ended" }
  | { ok: false; reason: "wrong_stage"; stage: PendingStage }
  | { ok: false; reason: "wrong"; attemptsLeft: number }
  | Throttled;

/**
 * The second step of a sign-in: a code from the authenticator, or one of the
 * recovery codes. Five wrong codes end the pending sign-in; code attempts are
 * throttled per account and address like passwords.
 */
export async function signInWithCode(
  input: RequestMeta & { token: string | null; code?: string; recoveryCode?: string },
): Promise<SecondStepResult> {
  const { now } = input;
  const found = await findPendingSignIn(input.token, now);
  if (!found.ok) return { ok: false, reason: found.reason };
  const { pending, user } = found;
  if (pending.stage !== "code") return { ok: false, reason: "wrong_stage", stage: pending.stage };
  const ctx: ActionContext = { actor: null, ip: input.ip, now };
  const db = await getDb();

  const claim = await claimAttempt({ kind: "second_factor", username: user.username, ip: input.ip, now });
  if (!claim.allowed) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "session.throttled", refused: true, entityType: "user", entityId: user.id, username: user.username, reason: "动态验证码尝试过于频繁" }),
    );
    return { ok: false, reason: "throttled", scope: claim.scope, retryAfterSeconds: claim.retryAfterSeconds };
  }

  return db.transaction(async (tx): Promise<SecondStepResult> => {
    // The row is the claim: two requests with one pending sign-in cannot both finish it.
    const [locked] = await tx.select().from(pendingSignIns).where(eq(pendingSignIns.id, pending.id)).for("update");
    if (!locked) return { ok: false, reason: "missing" };
    let proof: string | null = null;
    let recoveryCodesLeft: number | undefined;
    if (input.recoveryCode !== undefined) {
      const used = await consumeRecoveryCode(tx, user.id, input.recoveryCode, now);
      if (used.used) {
        proof = "密码 + 恢复码";
        recoveryCodesLeft = used.left;
        await recordAudit(tx, ctx, {
          action: "session.recovery_code_used",
          entityType: "user",
          entityId: user.id,
          username: user.username,
          reason: `剩余 ${used.left} 个恢复码`,
        });
      }
    } else {
      const code = readTotpCode(input.code ?? "");
      if (code && (await consumeTotpCode(tx, user, code, now))) proof = "密码 + 动态验证码";
    }
    if (!proof) {
      const [counted] = await tx
        .update(pendingSignIns)
        .set({ failedCodes: sql`${pendingSignIns.failedCodes} + 1` })
        .where(eq(pendingSignIns.id, pending.id))
        .returning({ failedCodes: pendingSignIns.failedCodes });
      const failures = counted?.failedCodes ?? pendingSignInRules.maxFailedCodes;
      const ended = failures >= pendingSignInRules.maxFailedCodes;
      if (ended) await deletePendingSignIn(tx, pending.id);
      await recordAudit(tx, ctx, {
        action: ended ? "session.second_factor_ended" : "session.second_factor_failed",
        entityType: "user",
        entityId: user.id,
        username: user.username,
        reason: `${input.recoveryCode !== undefined ? "恢复码" : "动态验证码"}错误（第 ${failures} 次）${ended ? "，本次登录已作废，须重新输入密码" : ""}`,
      });
      return ended ? { ok: false, reason: "ended" } : { ok: false, reason: "wrong", attemptsLeft: pendingSignInRules.maxFailedCodes - failures };
    }
    await markAttemptSucceeded(tx, claim.attemptId);
    await deletePendingSignIn(tx, pending.id);
    const session = await openSession(tx, user, input, proof);
    return { ok: true, session, userId: user.id, mustChangePassword: user.mustChangePassword, redirectTo: pending.redirectTo, recoveryCodesLeft };
  });
}

export type EnrolmentSignInResult =
  | { ok: true; session: NewSession; recoveryCodes: string[]; mustChangePassword: boolean; redirectTo: string | null }
  | { ok: false; reason: "missing" | "expired" | "ended" }
  | { ok: false; reason: "wrong_stage"; stage: PendingStage }
  | { ok: false; reason: "refused"; message: string; status: 400 | 429; retryAfterSeconds?: number };

/**
 * The role requires a second factor the user had not set up: the sign-in ends
 * by confirming a new authenticator with its first code, and the session opens.
 */
export async function signInWithEnrolment(input: RequestMeta & { token: string | null; code: string }): Promise<EnrolmentSignInResult> {
  const { now } = input;
  const found = await findPendingSignIn(input.token, now);
  if (!found.ok) return { ok: false, reason: found.reason };
  const { pending, user } = found;
  if (pending.stage !== "enrol") return { ok: false, reason: "wrong_stage", stage: pending.stage };
  const ctx: ActionContext = { actor: null, ip: input.ip, now };
  const confirmed = await confirmEnrolment(ctx, user.id, { code: input.code });
  const db = await getDb();
  if (!confirmed.ok) {
    if (confirmed.status === 429) return { ok: false, reason: "refused", message: confirmed.message, status: 429, retryAfterSeconds: confirmed.retryAfterSeconds };
    const [counted] = await db
      .update(pendingSignIns)
      .set({ failedCodes: sql`${pendingSignIns.failedCodes} + 1` })
      .where(eq(pendingSignIns.id, pending.id))
      .returning({ failedCodes: pendingSignIns.failedCodes });
    if ((counted?.failedCodes ?? pendingSignInRules.maxFailedCodes) >= pendingSignInRules.maxFailedCodes) {
      await db.transaction(async (tx) => {
        await deletePendingSignIn(tx, pending.id);
        await recordAudit(tx, ctx, { action: "session.second_factor_ended", refused: true, entityType: "user", entityId: user.id, username: user.username, reason: "设置身份验证器时验证码错误 5 次，本次登录已作废" });
      });
      return { ok: false, reason: "ended" };
    }
    return { ok: false, reason: "refused", message: confirmed.message, status: confirmed.status };
  }
  return db.transaction(async (tx) => {
    await deletePendingSignIn(tx, pending.id);
    const session = await openSession(tx, user, input, "密码 + 新设置的动态验证码");
    return { ok: true, session, recoveryCodes: confirmed.recoveryCodes, mustChangePassword: user.mustChangePassword, redirectTo: pending.redirectTo } as const;
  });
}
