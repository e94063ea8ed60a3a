/**
 * Sessions the Lucia-guide way: the cookie holds "<id>.<secret>", the table the
 * id and SHA-256(secret). Lookup is by id; the secret is compared in constant
 * time. Expiry rules live in session-rules.ts.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, ne, sql } from "drizzle-orm";
import { getDb, getDbForKeyedReads, type Database } from "../../db/client.server";
import { sessions, users } from "../../db/schema";
import type { Actor } from "./permissions";
import { judgeSession, sessionCookieName, sessionLimits, shouldTouch, type SessionVerdict } from "./session-rules";
import type { Role } from "./roles";
import { preparedFor } from "../domain/shared/prepared.server";

export { sessionCookieName };

/** 20 random bytes in base32: the id and the secret of a session or a pending sign-in. */
export function randomString(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** A cookie's "<id>.<secret>", or null when it cannot be one of ours. */
export function splitToken(token: string | null): { id: string; secret: string } | null {
  if (!token) return null;
  const [id, secret] = token.split(".");
  return id && secret && id.length <= 32 ? { id, secret } : null;
}

/** Whether the secret hashes to the stored hash, compared in constant time. */
export function secretMatches(secret: string, storedHash: ArrayLike<number>): boolean {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(storedHash));
}

export interface NewSession {
  token: string;
  sessionId: string;
  maxAgeSeconds: number;
}

export async function createSession(
  tx: Database,
  user: { id: number; role: Role },
  meta: { now: Date; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const id = randomString();
  const secret = randomString();
  await tx.insert(sessions).values({
    id,
    secretHash: hashSecret(secret),
    userId: user.id,
    createdAt: meta.now,
    lastSeenAt: meta.now,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    // Signing in proves who one is: sensitive changes may follow at once.
    verifiedAt: meta.now,
  });
  return {
    token: `${id}.${secret}`,
    sessionId: id,
    maxAgeSeconds: Math.floor(sessionLimits(user.role).absoluteMs / 1000),
  };
}

export type SessionLookup =
  | { actor: Actor }
  | { actor: null; reason: "missing" | "invalid" | Exclude<SessionVerdict, "valid"> };

/** Read on every signed-in request: prepared once, with the plan PostgreSQL keeps for a lookup by key. */
const sessionLookup = preparedFor((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .limit(1)
    .prepare("session_lookup"),
);

export async function validateSessionToken(token: string | null, now: Date): Promise<SessionLookup> {
  if (!token) return { actor: null, reason: "missing" };
  const parts = splitToken(token);
  if (!parts) return { actor: null, reason: "invalid" };
  const { id, secret } = parts;
  const [row] = await sessionLookup(await getDbForKeyedReads()).execute({ id });
  const db = await getDb();
  if (!row || !secretMatches(secret, row.session.secretHash)) {
    return { actor: null, reason: "invalid" };
  }
  const { session, user } = row;
  const verdict = user.disabledAt ? "expired" : judgeSession(session, user.role, now);
  if (verdict !== "valid") {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { actor: null, reason: verdict };
  }
  if (shouldTouch(session.lastSeenAt, now)) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { actor: actorFromUser(user, session.id) };
}

export function actorFromUser(user: typeof users.$inferSelect, sessionId: string): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    placeId: user.placeId,
    organizationId: user.organizationId,
    supervisingUnit: user.supervisingUnit,
    mustChangePassword: user.mustChangePassword,
    sessionId,
  };
}

export async function deleteSession(tx: Database, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but the current (after a password change). */
export async function deleteUserSessions(tx: Database, userId: number, keepSessionId?: string) {
  await tx
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${sessionCookieName}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", 0, secure);
}

export function readSessionToken(request: Request): string | null {
  return sessionTokenFromCookieHeader(request.headers.get("Cookie"));
}

export function sessionTokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === sessionCookieName) return rest.join("=") || null;
  }
  return null;
}
