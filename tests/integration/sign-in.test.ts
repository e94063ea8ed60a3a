import { and, desc, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, sessions, users } from "../../db/schema";
import { demoPassword } from "../../db/seed/demo";
import { signIn } from "../../app/auth/login.server";
import { validateSessionToken } from "../../app/auth/session.server";
import { loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const minute = 60_000;
let clock = Date.parse("2026-05-31T02:00:00Z");
/** Each test moves on an hour so the per-address minute window never carries over. */
function nextHour() {
  clock += 60 * minute;
  return new Date(clock);
}

const attempt = (username: string, password: string, now: Date, ip = "198.51.100.1") =>
  signIn({ username, password, ip, userAgent: "vitest", now });

async function lastAudit(action: string) {
  const db = await getDb();
  const [row] = await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

test("the right password opens a session whose token the database never stores", async () => {
  const now = nextHour();
  const result = await attempt("officer", demoPassword, now);
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const [id, secret] = result.session.token.split(".");
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id!));
  expect(row).toBeDefined();
  expect(Buffer.from(row!.secretHash).toString("hex")).not.toContain(Buffer.from(secret!).toString("hex"));
  expect(row!.secretHash).toHaveLength(32);
  const lookup = await validateSessionToken(result.session.token, now);
  expect(lookup.actor?.username).toBe("officer");
  expect(await lastAudit("session.sign_in")).toMatchObject({ actorUsername: "officer", ip: "198.51.100.1" });
});

test("a wrong password and an unknown user get the same answer, and both are audited", async () => {
  const now = nextHour();
  const wrong = await attempt("street", "not-the-password", now);
  const unknown = await attempt("nobody-here", "whatever-1234", now);
  expect(wrong).toEqual({ ok: false, reason: "invalid" });
  expect(unknown).toEqual({ ok: false, reason: "invalid" });
  expect(await lastAudit("session.sign_in_failed")).toMatchObject({ actorUsername: "nobody-here", reason: "用户名不存在" });
  // A success resets the count of failures.
  expect((await attempt("street", demoPassword, now)).ok).toBe(true);
  const db = await getDb();
  const [street] = await db.select().from(users).where(eq(users.username, "street"));
  expect(street?.failedAttempts).toBe(0);
});

test("five wrong passwords in a row lock the account for 30 minutes, even against the right password", async () => {
  let now = nextHour();
  const results = [];
  for (let i = 0; i < 5; i++) results.push(await attempt("clerk", `wrong-${i}`, now, `198.51.100.${10 + i}`));
  expect(results.slice(0, 4).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
  expect(results[4]).toMatchObject({ ok: false, reason: "locked" });
  expect(await lastAudit("user.locked")).toMatchObject({ actorUsername: "clerk", entityType: "user" });

  now = new Date(now.getTime() + 29 * minute);
  expect(await attempt("clerk", demoPassword, now, "198.51.100.20")).toMatchObject({ ok: false, reason: "locked" });

  now = new Date(now.getTime() + 2 * minute);
  expect((await attempt("clerk", demoPassword, now, "198.51.100.21")).ok).toBe(true);
});

test("more than ten sign-in posts a minute from one address are refused, other addresses are not", async () => {
  const now = nextHour();
  const ip = "192.0.2.44";
  const outcomes = [];
  for (let i = 0; i < 11; i++) {
    outcomes.push(await attempt(`guess-${i}`, "x", new Date(now.getTime() + i * 1000), ip));
  }
  expect(outcomes.slice(0, 10).every((o) => !o.ok && o.reason === "invalid")).toBe(true);
  expect(outcomes[10]).toMatchObject({ ok: false, reason: "rate_limited" });
  // Even the right password waits out the minute from that address...
  expect(await attempt("officer", demoPassword, new Date(now.getTime() + 20_000), ip)).toMatchObject({ reason: "rate_limited" });
  // ...but not from another one, and not a minute later.
  expect((await attempt("officer", demoPassword, new Date(now.getTime() + 20_000), "192.0.2.45")).ok).toBe(true);
  expect((await attempt("officer", demoPassword, new Date(now.getTime() + 90_000), ip)).ok).toBe(true);
  const db = await getDb();
  const refused = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "session.rate_limited"), eq(auditLog.ip, ip)));
  expect(refused.length).toBeGreaterThanOrEqual(2);
});

test("a disabled account cannot sign in", async () => {
  const now = nextHour();
  const db = await getDb();
  await db.update(users).set({ disabledAt: now }).where(eq(users.username, "supervisor"));
  expect(await attempt("supervisor", demoPassword, now)).toEqual({ ok: false, reason: "invalid" });
  await db.update(users).set({ disabledAt: null }).where(eq(users.username, "supervisor"));
  expect((await attempt("supervisor", demoPassword, now)).ok).toBe(true);
});
