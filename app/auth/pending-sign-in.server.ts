/**
 * A sign-in halfway: the password was right and the second factor is still to
 * come (its code, or setting an authenticator up). Like a session, the cookie
 * carries "<id>.<secret>" and the table the SHA-256 of the secret; unlike a
 * session it opens nothing, lives minutes, and is sent only to /login pages.
 */
import { eq, lt } from "drizzle-orm";
import { getDb, type Database } from "../../db/client.server";
import { pendingSignIns, users } from "../../db/schema";
import { pendingSignInRules } from "./second-factor-rules";
import { hashSecret, randomString, secretMatches, splitToken } from "./session.server";

export const pendingCookieName = "cr_pending";
export type PendingStage = "code" | "enrol";

type PendingRow = typeof pendingSignIns.$inferSelect;
type User = typeof users.$inferSelect;

export interface NewPendingSignIn {
  token: string;
  maxAgeSeconds: number;
}

export function pendingLifetimeMs(stage: PendingStage): number {
  return stage === "code" ? pendingSignInRules.codeStageMs : pendingSignInRules.enrolStageMs;
}

export async function createPendingSignIn(
  tx: Database,
  user: { id: number },
  meta: { stage: PendingStage; now: Date; ip: string | null; userAgent: string | null; redirectTo: string | null },
): Promise<NewPendingSignIn> {
  const id = randomString();
  const secret = randomString();
  const lifetime = pendingLifetimeMs(meta.stage);
  // Expired halves of sign-ins are of no use to anyone.
  await tx.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, meta.now));
  await tx.insert(pendingSignIns).values({
    id,
    secretHash: hashSecret(secret),
    userId: user.id,
    stage: meta.stage,
    createdAt: meta.now,
    expiresAt: new Date(meta.now.getTime() + lifetime),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    redirectTo: meta.redirectTo,
  });
  return { token: `${id}.${secret}`, maxAgeSeconds: Math.floor(lifetime / 1000) };
}

export type PendingLookup =
  | { ok: true; pending: PendingRow; user: User }
  | { ok: false; reason: "missing" | "expired" };

/** The pending sign-in a token names, if its secret matches, it has not expired and its user may still sign in. */
export async function findPendingSignIn(token: string | null, now: Date): Promise<PendingLookup> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, reason: "missing" };
  const { id, secret } = parts;
  const db = await getDb();
  const [row] = await db
    .select({ pending: pendingSignIns, user: users })
    .from(pendingSignIns)
    .innerJoin(users, eq(users.id, pendingSignIns.userId))
    .where(eq(pendingSignIns.id, id))
    .limit(1);
  if (!row || !secretMatches(secret, row.pending.secretHash)) {
    return { ok: false, reason: "missing" };
  }
  if (row.pending.expiresAt <= now || row.user.disabledAt) {
    await db.delete(pendingSignIns).where(eq(pendingSignIns.id, id));
    return { ok: false, reason: "expired" };
  }
  return { ok: true, pending: row.pending, user: row.user };
}

export async function deletePendingSignIn(tx: Database, id: string): Promise<void> {
  await tx.delete(pendingSignIns).where(eq(pendingSignIns.id, id));
}

export function pendingCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${pendingCookieName}=${token}`,
    // Only the sign-in pages need it.
    "Path=/login",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedPendingCookie(secure: boolean): string {
  return pendingCookie("", 0, secure);
}

export function readPendingToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === pendingCookieName) return rest.join("=") || null;
  }
  return null;
}
