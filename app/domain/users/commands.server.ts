/**
 * Account management (admins) and one's own password. Every write checks the
 * permission, runs in a transaction, and appends to the audit log with the
 * before and after values (never the password hash).
 */
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Database } from "../../../db/client.server";
import { places, sessions, users } from "../../../db/schema";
import { passwordListProblems } from "../../auth/common-passwords.server";
import { hashPassword, verifyPassword } from "../../auth/password.server";
import { roleScope } from "../../auth/roles";
import { deleteUserSessions } from "../../auth/session.server";
import { claimAttempt, clearAccountFailures, markAttemptSucceeded } from "../../auth/throttle.server";
import { throttleMessage } from "../../auth/throttle-rules";
import { requireRecentVerification } from "../../auth/verification.server";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { organizationByCode } from "../organizations/queries.server";
import type { userCreateSchema, userUpdateSchema } from "./forms";
import { publicUser, requireAdmin } from "./queries.server";

type User = typeof users.$inferSelect;

type ScopeInput = { role: User["role"]; placeId?: number; organizationCode?: string; supervisingUnit?: string };
type FieldErrors = Record<string, string[]>;

/** Turns the form's scope into ids, checking that the place is of the level the role needs. */
async function resolveScope(
  db: Database,
  input: ScopeInput,
): Promise<{ ok: true; placeId: number | null; organizationId: number | null; supervisingUnit: string | null } | { ok: false; fieldErrors: FieldErrors }> {
  const scope = roleScope[input.role];
  if (scope === "street" || scope === "village") {
    const [place] = await db.select().from(places).where(eq(places.id, input.placeId ?? 0)).limit(1);
    const levels = scope === "street" ? ["street", "town"] : ["community", "village"];
    if (!place || !levels.includes(place.level)) {
      return {
        ok: false,
        fieldErrors: { placeId: [scope === "street" ? "请选择一个街道或镇" : "请选择一个村或社区"] },
      };
    }
    return { ok: true, placeId: place.id, organizationId: null, supervisingUnit: null };
  }
  if (scope === "organization" && input.organizationCode) {
    const organization = await organizationByCode(input.organizationCode ?? "");
    if (!organization) {
      return { ok: false, fieldErrors: { organizationCode: ["登记簿中没有该统一社会信用代码或备案号"] } };
    }
    return { ok: true, placeId: null, organizationId: organization.id, supervisingUnit: null };
  }
  if (scope === "unit") return { ok: true, placeId: null, organizationId: null, supervisingUnit: input.supervisingUnit?.trim() || null };
  return { ok: true, placeId: null, organizationId: null, supervisingUnit: null };
}

export async function createUser(
  ctx: ActionContext,
  input: z.output<typeof userCreateSchema>,
): Promise<WriteResult<{ id: number }>> {
  requireAdmin(ctx.actor);
  const db = await getDb();
  const scope = await resolveScope(db, input);
  if (!scope.ok) return scope;
  const weak = passwordListProblems(input.password, input.username);
  if (weak.length) return { ok: false, fieldErrors: { password: weak } };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await requireRecentVerification(tx, ctx);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (existing) return { ok: false, fieldErrors: { username: ["该用户名已被使用"] } };
    const [created] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        placeId: scope.placeId,
        organizationId: scope.organizationId,
        supervisingUnit: scope.supervisingUnit,
        phone: input.phone ?? null,
        email: input.email ?? null,
        passwordHash,
        // The admin chose this password: the user picks their own at first sign-in.
        mustChangePassword: true,
        passwordChangedAt: ctx.now,
        createdAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: "user.create",
      entityType: "user",
      entityId: created!.id,
      after: publicUser(created!),
    });
    return { ok: true, value: { id: created!.id } };
  });
}

const staleMessage = "该账号已被其他人修改，请刷新页面后在最新内容上重新操作。";

/**
 * Changes a user under optimistic concurrency: the write names the version the
 * admin loaded, and a newer version in the database refuses it.
 */
async function changeUser(
  ctx: ActionContext,
  id: number,
  expectedVersion: number,
  action: string,
  change: (before: User) => Partial<typeof users.$inferInsert> | { refused: string },
  options: {
    reason?: string;
    endSessions?: boolean | ((before: User, after: User) => boolean);
    /** Whether this change is sensitive enough to need a recent verification, seeing the row as it is. */
    needsVerification?: (before: User) => boolean;
    /** More to write in the same transaction. */
    alsoWrite?: (tx: Database, after: User) => Promise<void>;
  } = {},
): Promise<WriteResult<User>> {
  requireAdmin(ctx.actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
    if (!before) notFound("找不到该账号。");
    if (before.version !== expectedVersion) return { ok: false, formError: staleMessage };
    if (options.needsVerification?.(before)) await requireRecentVerification(tx, ctx);
    const values = change(before);
    if ("refused" in values) return { ok: false, formError: values.refused };
    const [after] = await tx
      .update(users)
      .set({ ...values, version: before.version + 1 })
      .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
      .returning();
    if (!after) return { ok: false, formError: staleMessage };
    const endSessions =
      typeof options.endSessions === "function" ? options.endSessions(before, after) : options.endSessions;
    if (endSessions) await deleteUserSessions(tx, id);
    await options.alsoWrite?.(tx, after);
    await recordAudit(tx, ctx, {
      action,
      entityType: "user",
      entityId: id,
      before: publicUser(before),
      after: publicUser(after),
      reason: options.reason ?? null,
    });
    return { ok: true, value: after };
  });
}

export async function updateUser(
  ctx: ActionContext,
  id: number,
  input: z.output<typeof userUpdateSchema>,
): Promise<WriteResult<User>> {
  const actor = requireAdmin(ctx.actor);
  const db = await getDb();
  const scope = await resolveScope(db, input);
  if (!scope.ok) return scope;
  return changeUser(
    ctx,
    id,
    input.version,
    "user.update",
    (before) => {
      if (before.id === actor.userId && input.role !== before.role) {
        return { refused: "不能修改自己的角色，以免失去管理权限。" };
      }
      return {
        displayName: input.displayName,
        role: input.role,
        placeId: scope.placeId,
        organizationId: scope.organizationId,
        supervisingUnit: scope.supervisingUnit,
        phone: input.phone ?? null,
        email: input.email ?? null,
      };
    },
    // A new role or scope takes effect at once: the user signs in again under it.
    {
      endSessions: (before, after) =>
        before.role !== after.role ||
        before.placeId !== after.placeId ||
        before.organizationId !== after.organizationId ||
        before.supervisingUnit !== after.supervisingUnit,
      // A new role or scope changes what the account may see and do.
      needsVerification: (before) =>
        before.role !== input.role ||
        before.placeId !== scope.placeId ||
        before.organizationId !== scope.organizationId ||
        before.supervisingUnit !== scope.supervisingUnit,
    },
  );
}

export function setUserDisabled(
  ctx: ActionContext,
  id: number,
  input: { disabled: boolean; reason: string; version: number },
) {
  return changeUser(
    ctx,
    id,
    input.version,
    input.disabled ? "user.disable" : "user.enable",
    (before) => {
      if (input.disabled && before.id === ctx.actor?.userId) return { refused: "不能停用自己的账号。" };
      return input.disabled ? { disabledAt: ctx.now } : { disabledAt: null };
    },
    { reason: input.reason, endSessions: input.disabled },
  );
}

/**
 * Sign-in failures slow an account down for a minute at most (throttle-rules.ts);
 * an administrator who has checked with the user can end that at once. The
 * account's run of failures is cleared, and any lock from the earlier rules too.
 */
export function unlockUser(ctx: ActionContext, id: number, input: { reason: string; version: number }) {
  return changeUser(ctx, id, input.version, "user.unlock", () => ({ lockedUntil: null, failedAttempts: 0 }), {
    reason: input.reason,
    alsoWrite: async (tx, after) => {
      await clearAccountFailures(tx, after.username);
    },
  });
}

/** A temporary password that meets the policy; shown once to the admin. */
export function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = new Uint8Array(14);
  crypto.getRandomValues(bytes);
  const body = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  return `${body.slice(0, 7)}-${body.slice(7)}7a`;
}

export async function resetPassword(
  ctx: ActionContext,
  id: number,
  input: { reason: string; version: number },
): Promise<WriteResult<{ temporaryPassword: string }>> {
  requireAdmin(ctx.actor);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const result = await changeUser(
    ctx,
    id,
    input.version,
    "user.reset_password",
    () => ({ passwordHash, mustChangePassword: true, passwordChangedAt: ctx.now, failedAttempts: 0, lockedUntil: null }),
    { reason: input.reason, endSessions: true },
  );
  return result.ok ? { ok: true, value: { temporaryPassword: password } } : result;
}

/** One's own password: the current one is checked, and every other session of the user ends. */
export async function changeOwnPassword(
  ctx: ActionContext,
  input: { currentPassword: string; newPassword: string },
): Promise<WriteResult<null> & { retryAfterSeconds?: number }> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) notFound();
  // The current password is guessed no faster here than at sign-in.
  const claim = await claimAttempt({ kind: "password_check", username: user.username, ip: ctx.ip, now: ctx.now });
  if (!claim.allowed) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "session.throttled", refused: true, entityType: "user", entityId: user.id, reason: "修改密码时核对当前密码" }),
    );
    return { ok: false, formError: throttleMessage(claim.scope, claim.retryAfterSeconds), retryAfterSeconds: claim.retryAfterSeconds };
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { action: "user.password_check_failed", refused: true, entityType: "user", entityId: user.id, reason: "修改密码时当前密码错误" }),
    );
    return { ok: false, fieldErrors: { currentPassword: ["当前密码不正确"] } };
  }
  await db.transaction((tx) => markAttemptSucceeded(tx, claim.attemptId));
  const weak = passwordListProblems(input.newPassword, user.username);
  if (weak.length) return { ok: false, fieldErrors: { newPassword: weak } };
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    // The current password was just given: sensitive changes may follow.
    await tx.update(sessions).set({ verifiedAt: ctx.now }).where(eq(sessions.id, actor.sessionId));
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: ctx.now, version: user.version + 1 })
      .where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id, actor.sessionId);
    await recordAudit(tx, ctx, { action: "user.change_password", entityType: "user", entityId: user.id });
  });
  return { ok: true, value: null };
}
