import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  accountDelayMs,
  accountWaitMs,
  addressWaitMs,
  failuresInARow,
  retryAfterSeconds,
  throttleMessage,
  throttleRules,
  type RecentAttempt,
} from "../../app/auth/throttle-rules";

const second = 1000;
const minute = 60 * second;
const now = new Date("2026-06-01T02:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const failure = (msAgo: number): RecentAttempt => ({ at: ago(msAgo), succeeded: false });
const success = (msAgo: number): RecentAttempt => ({ at: ago(msAgo), succeeded: true });

describe("accountDelayMs", () => {
  test("three failures are free, then 5 s doubling to a minute at most", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 50].map(accountDelayMs)).toEqual([0, 0, 0, 5, 10, 20, 40, 60, 60, 60].map((s) => s * second));
  });

  test("never more than a minute, however many failures", () => {
    fc.assert(fc.property(fc.nat({ max: 1_000_000 }), (n) => accountDelayMs(n) <= throttleRules.maxDelayMs));
  });
});

describe("accountWaitMs", () => {
  test("no attempts, no wait", () => {
    expect(accountWaitMs([], now)).toBe(0);
  });

  test("the wait runs from the last failure", () => {
    expect(accountWaitMs([failure(1 * second), failure(20 * second), failure(30 * second)], now)).toBe(4 * second);
    expect(accountWaitMs([failure(6 * second), failure(20 * second), failure(30 * second)], now)).toBe(0);
  });

  test("a success ends the run: failures before it do not count", () => {
    const recent = [failure(1 * second), success(2 * second), failure(3 * second), failure(4 * second), failure(5 * second), failure(6 * second)];
    expect(failuresInARow(recent, now)).toHaveLength(1);
    expect(accountWaitMs(recent, now)).toBe(0);
  });

  test("failures older than the 15-minute window do not count", () => {
    const recent = [failure(1 * second), failure(2 * second), failure(16 * minute), failure(17 * minute), failure(18 * minute)];
    expect(failuresInARow(recent, now)).toHaveLength(2);
    expect(accountWaitMs(recent, now)).toBe(0);
  });

  test("seven failures in a row: a minute after the last", () => {
    const recent = Array.from({ length: 7 }, (_, i) => failure(i * 61 * second));
    expect(accountWaitMs(recent, now)).toBe(60 * second);
  });

  test("whatever the history, the wait is between nothing and a minute", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ msAgo: fc.nat({ max: 20 * minute }), succeeded: fc.boolean() }), { maxLength: 60 }),
        (rows) => {
          const recent = rows.sort((a, b) => a.msAgo - b.msAgo).map((r) => ({ at: ago(r.msAgo), succeeded: r.succeeded }));
          const wait = accountWaitMs(recent, now);
          return wait >= 0 && wait <= throttleRules.maxDelayMs;
        },
      ),
    );
  });
});

describe("addressWaitMs", () => {
  const failures = (count: number, spacingMs: number, newestMsAgo = 0) => Array.from({ length: count }, (_, i) => ago(newestMsAgo + i * spacingMs));

  test("19 failures are not enough", () => {
    expect(addressWaitMs(failures(19, second), now)).toBe(0);
  });

  test("20 within 15 minutes shut the address for 15 minutes after the last", () => {
    expect(addressWaitMs(failures(20, 30 * second), now)).toBe(15 * minute);
    expect(addressWaitMs(failures(20, 30 * second, 5 * minute), now)).toBe(10 * minute);
    expect(addressWaitMs(failures(20, 30 * second, 15 * minute), now)).toBe(0);
  });

  test("20 spread over more than 15 minutes do not", () => {
    expect(addressWaitMs(failures(20, 48 * second), now)).toBe(0);
  });
});

describe("retryAfterSeconds and the message", () => {
  test("whole seconds, rounded up, at least one", () => {
    expect([1, 999, 1000, 1001, 59_999].map(retryAfterSeconds)).toEqual([1, 1, 1, 2, 60]);
  });

  test("the account message names the seconds; the address message the minutes", () => {
    expect(throttleMessage("account", 17)).toBe("尝试过于频繁，请 17 秒后再试。");
    expect(throttleMessage("address", 840)).toBe("您所在网络地址的失败尝试过多，已暂停 14 分钟，请稍后再试。");
  });
});
