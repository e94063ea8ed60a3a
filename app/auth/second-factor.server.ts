/**
 * The second factor: a TOTP authenticator (with its secret on the users row)
 * and ten one-time recovery codes (kept as SHA-256 hashes). Enrolment shows a
 * secret that is only pending until a code from the app confirms it.
 */
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { renderSVG } from "uqr";
import { getDb, type Database } from "../../db/client.server";
import { recoveryCodes, users } from "../../db/schema";
import { recordAudit } from "../domain/audit/commands.server";
import type { ActionContext } from "../domain/shared/context";
import { forbidden, notFound, type WriteResult } from "../domain/shared/errors";
import { hasPermission } from "./permissions";
import { roles, type Role } from "./roles";
import { deleteUserSessions } from "./session.server";
import { replaceRecoveryCodes } from "./factor-codes.server";
import { acceptedStep, enrolmentPendingMs, readTotpCode, totpKeyBytes, totpSecretText, totpUri } from "./second-factor-rules";
import { claimAttempt, markAttemptSucceeded } from "./throttle.server";
import { throttleMessage } from "./throttle-rules";
import { requireRecentVerification } from "./verification.server";

/** What the account security page shows while an authenticator is being set up. */
export interface EnrolmentView {
  /** The otpauth:// address the QR code carries. */
  uri: string;
  /** The same secret for typing by hand, in groups of four. */
  secretText: string;
  /** The QR code as SVG markup, drawn on the server (no script or image request needed). */
  qrSvg: string;
}

function enrolmentView(key: Uint8Array, username: string): EnrolmentView {
  const uri = totpUri(key, username);
  return { uri, secretText: totpSecretText(key), qrSvg: renderSVG(uri, { border: 2 }) };
}

export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(userId: number): Promise<SecondFactorStatus> {
  const db = await getDb();
  const [user] = await db.select({ enabledAt: users.totpEnabledAt, secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  if (!user) notFound();
  const [left] = await db
    .select({ value: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const enabled = !!(user.enabledAt && user.secret);
  return { enabled, enabledAt: enabled ? user.enabledAt : null, recoveryCodesLeft: enabled ? (left?.value ?? 0) : 0 };
}

/** The enrolment under way (a secret shown and not yet confirmed), if it is recent enough to finish. */
export async function pendingEnrolment(userId: number, now: Date): Promise<EnrolmentView | null> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.totpPendingSecret || !user.totpPendingAt) return null;
  if (now.getTime() - user.totpPendingAt.getTime() > enrolmentPendingMs) return null;
  return enrolmentView(new Uint8Array(user.totpPendingSecret), user.username);
}

/**
 * Starts (or restarts) setting up an authenticator: a new secret, pending
 * until confirmed. From the account page the session must have been verified
 * recently; at sign-in the password has just been checked (`viaSignIn`).
 */
export async function startEnrolment(
  ctx: ActionContext,
  userId: number,
  options: { viaSignIn?: boolean } = {},
): Promise<EnrolmentView> {
  if (!options.viaSignIn && ctx.actor?.userId !== userId) forbidden();
  const key = new Uint8Array(totpKeyBytes);
  crypto.getRandomValues(key);
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!options.viaSignIn) await requireRecentVerification(tx, ctx);
    const [user] = await tx
      .update(users)
      .set({ totpPendingSecret: key, totpPendingAt: ctx.now })
      .where(eq(users.id, userId))
      .returning();
    if (!user) notFound();
    await recordAudit(tx, ctx, { action: "user.second_factor_start", entityType: "user", entityId: userId, username: user.username });
    return enrolmentView(key, user.username);
  });
}

/** The pending enrolment if it is still recent; otherwise a new one (the sign-in path, where nobody pressed a button). */
export async function ensureEnrolment(ctx: ActionContext, userId: number): Promise<EnrolmentView> {
  return (await pendingEnrolment(userId, ctx.now)) ?? startEnrolment(ctx, userId, { viaSignIn: true });
}

export type CodeRefusal = { ok: false; field: string; message: string; status: 400 | 429; retryAfterSeconds?: number };

/**
 * Confirms the pending secret with a code from the app: the second factor is
 * on, and ten recovery codes are made and returned (to be shown once).
 */
export async function confirmEnrolment(
  ctx: ActionContext,
  userId: number,
  input: { code: string },
): Promise<{ ok: true; recoveryCodes: string[] } | CodeRefusal> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) notFound();
  if (!user.totpPendingSecret || !user.totpPendingAt || ctx.now.getTime() - user.totpPendingAt.getTime() > enrolmentPendingMs) {
    return { ok: false, field: "code", message: "设置已超时，请重新开始设置身份验证器。", status: 400 };
  }
  const code = readTotpCode(input.code);
  if (!code) return { ok: false, field: "code", message: "请输入身份验证器上显示的 6 位数字验证码", status: 400 };
  const claim = await claimAttempt({ kind: "second_factor", username: user.username, ip: ctx.ip, now: ctx.now });
  if (!claim.allowed) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "session.throttled", refused: true, entityType: "user", entityId: user.id, username: user.username, reason: "设置身份验证器" }),
    );
    return { ok: false, field: "code", message: throttleMessage(claim.scope, claim.retryAfterSeconds), status: 429, retryAfterSeconds: claim.retryAfterSeconds };
  }
  const step = acceptedStep(new Uint8Array(user.totpPendingSecret), code, ctx.now, null);
  return db.transaction(async (tx) => {
    if (step === null) {
      await recordAudit(tx, ctx, { action: "user.second_factor_code_failed", refused: true, entityType: "user", entityId: user.id, username: user.username, reason: "设置身份验证器时验证码错误" });
      return { ok: false, field: "code", message: "验证码不正确。请确认手机时间准确，并输入身份验证器上当前显示的验证码。", status: 400 } as const;
    }
    await markAttemptSucceeded(tx, claim.attemptId);
    // The pending secret becomes the secret only if it is still the one the code was made with.
    const [enabled] = await tx
      .update(users)
      .set({ totpSecret: user.totpPendingSecret, totpEnabledAt: ctx.now, totpLastStep: step, totpPendingSecret: null, totpPendingAt: null, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, user.id), eq(users.totpPendingSecret, user.totpPendingSecret!)))
      .returning({ id: users.id });
    if (!enabled) return { ok: false, field: "code", message: "设置已在别处重新开始，请按本页最新的二维码重新设置。", status: 400 } as const;
    const codes = await replaceRecoveryCodes(tx, user.id, ctx.now);
    await recordAudit(tx, ctx, {
      action: "user.second_factor_enrol",
      entityType: "user",
      entityId: user.id,
      username: user.username,
      after: { secondFactor: "totp", recoveryCodes: codes.length, replaced: !!user.totpEnabledAt },
    });
    return { ok: true, recoveryCodes: codes } as const;
  });
}

function requireSelf(ctx: ActionContext): NonNullable<ActionContext["actor"]> {
  if (!ctx.actor) forbidden();
  return ctx.actor;
}

/** New recovery codes for one's own account; the old ones stop working. Needs a recent verification. */
export async function regenerateRecoveryCodes(ctx: ActionContext): Promise<WriteResult<string[]>> {
  return withOwnSecondFactor(ctx, async (tx, userId) => {
    const codes = await replaceRecoveryCodes(tx, userId, ctx.now);
    await recordAudit(tx, ctx, { action: "user.recovery_codes_regenerate", entityType: "user", entityId: userId, after: { recoveryCodes: codes.length } });
    return { ok: true, value: codes };
  });
}

/** A change to one's own enabled second factor: in one transaction, after a recent verification. */
async function withOwnSecondFactor<T>(ctx: ActionContext, change: (tx: Database, userId: number) => Promise<WriteResult<T>>): Promise<WriteResult<T>> {
  const actor = requireSelf(ctx);
  const db = await getDb();
  return db.transaction(async (tx) => {
    await requireRecentVerification(tx, ctx);
    const [user] = await tx.select().from(users).where(eq(users.id, actor.userId));
    if (!user?.totpEnabledAt) return { ok: false, formError: "您尚未启用两步验证。" };
    return change(tx, user.id);
  });
}

async function removeSecondFactor(tx: Database, userId: number) {
  await tx
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null, totpPendingAt: null, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Turns one's own second factor off. Needs a recent verification. */
export async function disableSecondFactor(ctx: ActionContext): Promise<WriteResult<null>> {
  return withOwnSecondFactor(ctx, async (tx, userId) => {
    await removeSecondFactor(tx, userId);
    await recordAudit(tx, ctx, { action: "user.second_factor_remove", entityType: "user", entityId: userId, before: { secondFactor: "totp" }, after: { secondFactor: null } });
    return { ok: true, value: null };
  });
}

/**
 * An administrator removes a user's second factor (a lost phone and lost
 * recovery codes), with a reason; the user's sessions end, and if their role
 * requires the factor they set up a new one at their next sign-in.
 */
export async function resetUserSecondFactor(
  ctx: ActionContext,
  userId: number,
  input: { reason: string; version: number },
): Promise<WriteResult<null>> {
  if (!ctx.actor || !hasPermission(ctx.actor, "user:manage")) forbidden();
  const db = await getDb();
  return db.transaction(async (tx) => {
    await requireRecentVerification(tx, ctx);
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user) notFound("找不到该账号。");
    if (user.version !== input.version) return { ok: false, formError: "该账号已被其他人修改，请刷新页面后在最新内容上重新操作。" };
    if (!user.totpEnabledAt) return { ok: false, formError: "该账号未启用两步验证。" };
    await removeSecondFactor(tx, user.id);
    await deleteUserSessions(tx, user.id);
    await recordAudit(tx, ctx, {
      action: "user.second_factor_reset",
      entityType: "user",
      entityId: user.id,
      before: { secondFactor: "totp" },
      after: { secondFactor: null },
      reason: input.reason,
    });
    return { ok: true, value: null };
  });
}

/** Per role: how many active accounts, and how many of them have a second factor. */
export async function secondFactorCounts(): Promise<Array<{ role: Role; accounts: number; enrolled: number }>> {
  const db = await getDb();
  const rows = await db
    .select({ role: users.role, accounts: count(), enrolled: count(users.totpEnabledAt) })
    .from(users)
    .where(isNull(users.disabledAt))
    .groupBy(users.role);
  return roles.map((role) => {
    const row = rows.find((r) => r.role === role);
    return { role, accounts: row?.accounts ?? 0, enrolled: row?.enrolled ?? 0 };
  });
}
