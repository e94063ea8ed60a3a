import { eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { sessions, users } from "../../db/schema";
import { demoPassword } from "../../app/setup/demo";
import { createSession, validateSessionToken } from "../../app/auth/session.server";
import { signOut } from "../../app/domain/users/sessions.server";
import { changeOwnPassword } from "../../app/domain/users/commands.server";
import { contextOf, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const minute = 60_000;
const start = new Date("2026-06-01T01:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * minute);

async function userNamed(username: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return user!;
}

async function openSession(username: string, now = start) {
  const db = await getDb();
  return createSession(db, await userNamed(username), { now, ip: "127.0.0.1", userAgent: "vitest" });
}

async function sessionExists(id: string) {
  const db = await getDb();
  return (await db.select().from(sessions).where(eq(sessions.id, id))).length === 1;
}

test("a staff session ends after 30 idle minutes and is deleted", async () => {
  const session = await openSession("officer");
  expect((await validateSessionToken(session.token, at(29))).actor?.username).toBe("officer");
  // 29 minutes of activity reset the idle clock: 58 minutes after start it is still alive.
  expect((await validateSessionToken(session.token, at(58))).actor).not.toBeNull();
  expect(await validateSessionToken(session.token, at(58 + 30))).toEqual({ actor: null, reason: "idle" });
  expect(await sessionExists(session.sessionId)).toBe(false);
});

test("a staff session ends 12 hours after sign-in however active it is", async () => {
  const session = await openSession("street");
  for (let m = 20; m < 12 * 60; m += 20) {
    expect((await validateSessionToken(session.token, at(m))).actor, `minute ${m}`).not.toBeNull();
  }
  expect(await validateSessionToken(session.token, at(12 * 60))).toEqual({ actor: null, reason: "expired" });
});

test("an association's session allows two idle hours", async () => {
  const session = await openSession("assoc");
  expect((await validateSessionToken(session.token, at(119))).actor?.role).toBe("association");
  expect(await validateSessionToken(session.token, at(119 + 120))).toEqual({ actor: null, reason: "idle" });
});

test("last-seen is written at most once a minute", async () => {
  const session = await openSession("admin");
  const db = await getDb();
  await validateSessionToken(session.token, new Date(start.getTime() + 30_000));
  let [row] = await db.select().from(sessions).where(eq(sessions.id, session.sessionId));
  expect(row!.lastSeenAt.getTime()).toBe(start.getTime());
  await validateSessionToken(session.token, at(2));
  [row] = await db.select().from(sessions).where(eq(sessions.id, session.sessionId));
  expect(row!.lastSeenAt.getTime()).toBe(at(2).getTime());
});

test("a token with a wrong secret, or malformed, opens nothing", async () => {
  const session = await openSession("officer");
  const [id] = session.token.split(".");
  expect(await validateSessionToken(`${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, at(1))).toEqual({ actor: null, reason: "invalid" });
  expect(await validateSessionToken("garbage", at(1))).toEqual({ actor: null, reason: "invalid" });
  expect(await validateSessionToken(null, at(1))).toEqual({ actor: null, reason: "missing" });
  // The real token still works: a bad guess does not end the session.
  expect((await validateSessionToken(session.token, at(1))).actor).not.toBeNull();
});

test("signing out deletes the session", async () => {
  const session = await openSession("clerk");
  const lookup = await validateSessionToken(session.token, at(1));
  await signOut(contextOf(lookup.actor, at(1)));
  expect(await sessionExists(session.sessionId)).toBe(false);
  expect((await validateSessionToken(session.token, at(2))).actor).toBeNull();
});

test("changing one's password ends the user's other sessions but keeps this one", async () => {
  const here = await openSession("supervisor");
  const elsewhere = await openSession("supervisor");
  const actor = (await validateSessionToken(here.token, at(1))).actor;
  const wrong = await changeOwnPassword(contextOf(actor, at(1)), { currentPassword: "nope", newPassword: "New-pass-2026!" });
  expect(wrong).toEqual({ ok: false, fieldErrors: { currentPassword: ["当前密码不正确"] } });
  const changed = await changeOwnPassword(contextOf(actor, at(1)), {
    currentPassword: demoPassword,
    newPassword: "New-pass-2026!",
  });
  expect(changed.ok).toBe(true);
  expect(await sessionExists(here.sessionId)).toBe(true);
  expect(await sessionExists(elsewhere.sessionId)).toBe(false);
});

test("a disabled user's sessions stop working at once", async () => {
  const session = await openSession("street");
  const db = await getDb();
  await db.update(users).set({ disabledAt: at(1) }).where(eq(users.username, "street"));
  expect((await validateSessionToken(session.token, at(2))).actor).toBeNull();
  await db.update(users).set({ disabledAt: null }).where(eq(users.username, "street"));
});
