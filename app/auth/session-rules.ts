import { isStaff, type Role } from "./roles";

export const sessionCookieName = "cr_session";

const minute = 60_000;
const hour = 60 * minute;

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/** Staff: 30 minutes idle, 12 hours at most. Associations: 2 hours idle, 12 hours at most. */
export function sessionLimits(role: Role): SessionLimits {
  return isStaff(role)
    ? { idleMs: 30 * minute, absoluteMs: 12 * hour }
    : { idleMs: 2 * hour, absoluteMs: 12 * hour };
}

export type SessionVerdict = "valid" | "idle" | "expired";

export function judgeSession(
  session: { createdAt: Date; lastSeenAt: Date },
  role: Role,
  now: Date,
): SessionVerdict {
  const limits = sessionLimits(role);
  if (now.getTime() - session.createdAt.getTime() >= limits.absoluteMs) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= limits.idleMs) return "idle";
  return "valid";
}

/** Writing last-seen on every request costs a write per page; once a minute is precise enough. */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= minute;
}

/**
 * Sensitive changes (accounts and roles, publishing inspection conclusions,
 * district settings, one's second factor) want the user to have proved who they
 * are (password or code) within the last 10 minutes, not just to hold a session.
 */
export const reverifyWindowMs = 10 * minute;

export function isRecentlyVerified(verifiedAt: Date | null | undefined, now: Date): boolean {
  return !!verifiedAt && now.getTime() - verifiedAt.getTime() <= reverifyWindowMs;
}
