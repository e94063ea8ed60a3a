/**
 * Re-verification before sensitive changes. A session remembers when its user
 * last proved who they are (sessions.verified_at: at sign-in, and on the
 * re-verify page or field); the domain writes that matter call
 * requireRecentVerification inside their transaction, so no route can forget it.
 */
import { and, eq } from "drizzle-orm";
import { getDb, type Database } from "../../db/client.server";
import { sessions, users } from "../../db/schema";
import { recordAudit } from "../domain/audit/commands.server";
import type { ActionContext } from "../domain/shared/context";
import { forbidden, notFound } from "../domain/shared/errors";
import type { Actor } from "./permissions";
import { verifyPassword } from "./password.server";
import { consumeTotpCode } from "./factor-codes.server";
import { readTotpCode } from "./second-factor-rules";
import { isRecentlyVerified } from "./session-rules";
import { claimAttempt, markAttemptSucceeded } from "./throttle.server";
import { throttleMessage } from "./throttle-rules";

export const reverifyPath = "/account/verify";
/** The field a sensitive form carries when it asks for the password (or a code) with the change. */
export const reverifyField = "reverifySecret";

export const staleVerificationMessage =
  "为保护账号安全，此项操作需要您在 10 分钟内确认过身份（输入登录密码，或已启用两步验证的输入 6 位动态验证码）。";

/**
 * Thrown by a domain write when the session's verification is older than 10
 * minutes. It is a 403 response, so if a route does not catch it the error page
 * says what happened; routes with forms catch it (unlessStale) and keep the values.
 */
export class StaleVerification extends Response {
  constructor() {
    super(JSON.stringify({ userMessage: staleVerificationMessage, reverify: true }), {
      status: 403,
      statusText: "Forbidden",
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
  }
}

/** Inside a write's transaction: refuses unless the actor's session was verified within the last 10 minutes. */
export async function requireRecentVerification(tx: Database, ctx: ActionContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new StaleVerification();
  const [row] = await tx
    .select({ verifiedAt: sessions.verifiedAt })
    .from(sessions)
    .where(and(eq(sessions.id, actor.sessionId), eq(sessions.userId, actor.userId)))
    .limit(1);
  if (!row || !isRecentlyVerified(row.verifiedAt, ctx.now)) throw new StaleVerification();
}

/** For a page: will a sensitive change need the password first? */
export async function isSessionRecentlyVerified(actor: Actor, now: Date): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ verifiedAt: sessions.verifiedAt })
    .from(sessions)
    .where(and(eq(sessions.id, actor.sessionId), eq(sessions.userId, actor.userId)))
    .limit(1);
  return !!row && isRecentlyVerified(row.verifiedAt, now);
}

export type IdentityCheck =
  | { ok: true }
  | { ok: false; message: string; status: 400 | 429; retryAfterSeconds?: number };

/**
 * The signed-in user proves who they are again with their password or, if they
 * have an authenticator, a code from it. Throttled like sign-in (password:
 * 'password_check', code: 'second_factor'); a success marks the session verified.
 */
export async function confirmIdentity(ctx: ActionContext, secret: string): Promise<IdentityCheck> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) notFound();
  const code = user.totpEnabledAt && user.totpSecret ? readTotpCode(secret) : null;
  const kind = code ? "second_factor" : "password_check";
  const claim = await claimAttempt({ kind, username: user.username, ip: ctx.ip, now: ctx.now });
  if (!claim.allowed) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "session.throttled", refused: true, entityType: "user", entityId: user.id, reason: code ? "确认身份（验证码）" : "确认身份（密码）" }),
    );
    return { ok: false, status: 429, message: throttleMessage(claim.scope, claim.retryAfterSeconds), retryAfterSeconds: claim.retryAfterSeconds };
  }
  const passwordRight = code ? false : await verifyPassword(user.passwordHash, secret);
  return db.transaction(async (tx): Promise<IdentityCheck> => {
    const right = code ? await consumeTotpCode(tx, user, code, ctx.now) : passwordRight;
    if (!right) {
      await recordAudit(tx, ctx, { action: "session.reverify_failed", refused: true, entityType: "user", entityId: user.id, reason: code ? "验证码错误" : "密码错误" });
      return { ok: false, status: 400, message: code ? "验证码不正确或已使用过，请输入身份验证器上当前显示的验证码" : "密码不正确" };
    }
    await markAttemptSucceeded(tx, claim.attemptId);
    await tx.update(sessions).set({ verifiedAt: ctx.now }).where(eq(sessions.id, actor.sessionId));
    await recordAudit(tx, ctx, { action: "session.reverify", entityType: "user", entityId: user.id, reason: code ? "动态验证码" : "密码" });
    return { ok: true };
  });
}

/** The re-verify field of a sensitive form, if it was filled in: checked before the change is attempted. */
export async function confirmFromForm(ctx: ActionContext, form: FormData): Promise<IdentityCheck | null> {
  const value = form.get(reverifyField);
  if (typeof value !== "string" || value === "") return null;
  return confirmIdentity(ctx, value.slice(0, 256));
}

/** Runs a sensitive write; a stale verification comes back as `{ stale: true }` for the form to ask for the password. */
export async function unlessStale<T>(run: () => Promise<T>): Promise<{ stale: true } | { stale: false; value: T }> {
  try {
    return { stale: false, value: await run() };
  } catch (error) {
    if (error instanceof StaleVerification) return { stale: true };
    throw error;
  }
}

/** What a form shows in its re-verify part after an answer: why, if it was refused. */
export interface ReverifyPrompt {
  errors: string[];
}

/** The re-verify part of a refused form's answer, with its status and Retry-After. */
export function reverifyRefusal(check: Exclude<IdentityCheck, { ok: true }> | "stale"): {
  reverify: ReverifyPrompt;
  init: { status: number; headers?: Record<string, string> };
} {
  if (check === "stale") return { reverify: { errors: [] }, init: { status: 403 } };
  return {
    reverify: { errors: [check.message] },
    init: { status: check.status, headers: check.retryAfterSeconds ? { "Retry-After": String(check.retryAfterSeconds) } : undefined },
  };
}
