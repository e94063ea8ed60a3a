/**
 * Throttles for anything that proves who one is (a sign-in password, the
 * current password before a change, a second-factor code), counted per kind.
 *
 * - Per account (the name typed, known or not): three failures are free; after
 *   that each next attempt waits longer after the last failure (5 s, 10 s, 20 s,
 *   40 s, then 60 s at most). A stranger cannot lock an account: the real user
 *   waits a minute at worst, from any address.
 * - Per address: 20 failures within 15 minutes and the address is refused for
 *   15 minutes after the last of them.
 *
 * Refused attempts are not counted, so hammering a delayed account does not
 * push its delay on. Pure arithmetic over recent attempts, newest first; the
 * server reads them from login_attempts so every instance counts the same.
 */
const second = 1000;
const minute = 60 * second;

export const attemptKinds = ["sign_in", "password_check", "second_factor"] as const;
export type AttemptKind = (typeof attemptKinds)[number];

export const throttleRules = {
  /** Failures older than this no longer slow the account down. */
  accountWindowMs: 15 * minute,
  /** Failures in a row before any delay. */
  freeFailures: 3,
  firstDelayMs: 5 * second,
  maxDelayMs: 60 * second,
  /** This many failures from one address within the window lock the address. */
  addressFailures: 20,
  addressWindowMs: 15 * minute,
  addressLockMs: 15 * minute,
} as const;

/** The wait after the n-th failure in a row: none for the first three, then doubling from 5 s up to 60 s. */
export function accountDelayMs(failures: number): number {
  if (failures < throttleRules.freeFailures) return 0;
  const doublings = failures - throttleRules.freeFailures;
  return Math.min(throttleRules.maxDelayMs, throttleRules.firstDelayMs * 2 ** Math.min(doublings, 10));
}

export interface RecentAttempt {
  at: Date;
  succeeded: boolean;
}

/** Failures in a row since the last success within the window, newest first in `recent`. */
export function failuresInARow(recent: readonly RecentAttempt[], now: Date): RecentAttempt[] {
  const since = now.getTime() - throttleRules.accountWindowMs;
  const failures: RecentAttempt[] = [];
  for (const attempt of recent) {
    if (attempt.succeeded || attempt.at.getTime() <= since) break;
    failures.push(attempt);
  }
  return failures;
}

/** How long the account must still wait before its next attempt is weighed (0: now). */
export function accountWaitMs(recent: readonly RecentAttempt[], now: Date): number {
  const failures = failuresInARow(recent, now);
  const last = failures[0];
  if (!last) return 0;
  return Math.max(0, last.at.getTime() + accountDelayMs(failures.length) - now.getTime());
}

/**
 * How long the address is still refused (0: not). `failures` are the address's
 * most recent failures, newest first; at least `addressFailures` of them are needed.
 */
export function addressWaitMs(failures: readonly Date[], now: Date): number {
  const newest = failures[0];
  const oldestCounted = failures[throttleRules.addressFailures - 1];
  if (!newest || !oldestCounted) return 0;
  if (newest.getTime() - oldestCounted.getTime() > throttleRules.addressWindowMs) return 0;
  return Math.max(0, newest.getTime() + throttleRules.addressLockMs - now.getTime());
}

/** Seconds for a Retry-After header and the message: whole seconds, at least one. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** How far back the server needs attempts to apply these rules. */
export const throttleLookbackMs = Math.max(
  throttleRules.accountWindowMs,
  throttleRules.addressWindowMs + throttleRules.addressLockMs,
);

/** The refusal in words. The same for every account name, known or not. */
export function throttleMessage(scope: "account" | "address", seconds: number): string {
  return scope === "account"
    ? `尝试过于频繁，请 ${seconds} 秒后再试。`
    : `您所在网络地址的失败尝试过多，已暂停 ${Math.ceil(seconds / 60)} 分钟，请稍后再试。`;
}
