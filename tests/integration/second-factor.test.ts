import { and, desc, eq, isNull } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, pendingSignIns, recoveryCodes, sessions, users } from "../../db/schema";
import { demoPassword } from "../../app/setup/demo";
import { signIn, signInWithCode, signInWithEnrolment } from "../../app/auth/login.server";
import { confirmEnrolment, ensureEnrolment, resetUserSecondFactor, startEnrolment } from "../../app/auth/second-factor.server";
import { totpIssuer } from "../../app/auth/second-factor-rules";
import { updateSetting } from "../../app/domain/settings/commands.server";
import { authenticatorFromSecret, authenticatorFromUri, codeAt } from "../setup/authenticator";
import { contextOf, loadDemoDistrict, verifiedActor } from "../setup/demo";

beforeAll(loadDemoDistrict);

const second = 1000;
const minute = 60 * second;
let clock = Date.parse("2026-07-01T01:00:00Z");
/** Each test starts an hour on: no throttle window or TOTP step carries over. */
function nextHour() {
  clock += 60 * minute;
  return new Date(clock);
}
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const step = 30 * second;

async function userNamed(username: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return user!;
}

async function lastAudit(action: string) {
  const db = await getDb();
  const [row] = await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

/** Enrols `username` from the account page at `now`; the authenticator and the recovery codes. */
async function enrol(username: string, now: Date) {
  const user = await userNamed(username);
  const ctx = contextOf(await verifiedActor(username, now), now);
  const view = await startEnrolment(ctx, user.id);
  const authenticator = authenticatorFromUri(view.uri);
  const confirmed = await confirmEnrolment(ctx, user.id, { code: codeAt(authenticator, now) });
  if (!confirmed.ok) throw new Error(JSON.stringify(confirmed));
  return { authenticator, recoveryCodes: confirmed.recoveryCodes, user };
}

const meta = (now: Date, ip = "198.51.100.20") => ({ ip, userAgent: "vitest", now });

async function passwordStep(username: string, now: Date, ip?: string) {
  const result = await signIn({ username, password: demoPassword, ...meta(now, ip) });
  if (result.ok || result.reason !== "second_factor") throw new Error(`expected a second step, got ${JSON.stringify(result)}`);
  return result;
}

test("enrolment: a QR code for an otpauth:// address with our issuer, the secret as text, confirmed by a code; ten recovery codes kept as hashes", async () => {
  const now = nextHour();
  const officer = await userNamed("officer");
  const ctx = contextOf(await verifiedActor("officer", now), now);
  const view = await startEnrolment(ctx, officer.id);
  expect(view.uri).toMatch(/^otpauth:\/\/totp\//);
  const authenticator = authenticatorFromUri(view.uri);
  expect(authenticator.issuer).toBe(totpIssuer);
  expect(authenticator.label).toBe("officer");
  expect(authenticator.algorithm).toBe("SHA1");
  expect(authenticator.digits).toBe(6);
  expect(authenticator.period).toBe(30);
  // The secret typed by hand gives the same codes as the QR code.
  expect(codeAt(authenticatorFromSecret(view.secretText), now)).toBe(codeAt(authenticator, now));
  expect(view.qrSvg).toMatch(/^<svg [^>]*viewBox/);
  expect(view.qrSvg).not.toMatch(/<script|on\w+=/i);

  // Pending until confirmed: signing in still needs the password only.
  expect((await signIn({ username: "officer", password: demoPassword, ...meta(now) })).ok).toBe(true);
  expect(await confirmEnrolment(ctx, officer.id, { code: "000000" === codeAt(authenticator, now) ? "111111" : "000000" })).toMatchObject({
    ok: false,
    message: expect.stringContaining("验证码不正确"),
  });
  const confirmed = await confirmEnrolment(ctx, officer.id, { code: codeAt(authenticator, now) });
  if (!confirmed.ok) throw new Error(JSON.stringify(confirmed));
  expect(confirmed.recoveryCodes).toHaveLength(10);
  expect(new Set(confirmed.recoveryCodes).size).toBe(10);
  for (const code of confirmed.recoveryCodes) expect(code).toMatch(/^[a-hj-km-np-z2-9]{5}-[a-hj-km-np-z2-9]{5}$/);

  const db = await getDb();
  const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, officer.id));
  expect(stored).toHaveLength(10);
  for (const row of stored) {
    expect(row.codeHash).toHaveLength(32);
    for (const code of confirmed.recoveryCodes) expect(Buffer.from(row.codeHash).toString("utf8")).not.toContain(code.replace("-", ""));
  }
  const after = await userNamed("officer");
  expect(after.totpEnabledAt).toEqual(now);
  expect(after.totpPendingSecret).toBeNull();
  expect(await lastAudit("user.second_factor_enrol")).toMatchObject({ actorUsername: "officer", entityId: String(officer.id) });
  // The audit row of the enrolment and of later account changes never carries the secret.
  expect(JSON.stringify(await lastAudit("user.second_factor_enrol"))).not.toMatch(/totpSecret|secret"/);
});

test("with an authenticator the password alone opens no session: a pending sign-in waits for the code", async () => {
  const now = nextHour();
  const { authenticator, user } = await enrol("street", now);
  const db = await getDb();
  const sessionsBefore = await db.select().from(sessions).where(eq(sessions.userId, user.id));

  const at = later(now, 2 * step);
  const first = await passwordStep("street", at);
  expect(first.stage).toBe("code");
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(sessionsBefore.length);
  const [id, secret] = first.pending.token.split(".");
  const [pending] = await db.select().from(pendingSignIns).where(eq(pendingSignIns.id, id!));
  expect(pending).toMatchObject({ userId: user.id, stage: "code", failedCodes: 0, expiresAt: later(at, 5 * minute) });
  expect(Buffer.from(pending!.secretHash).toString("hex")).not.toContain(Buffer.from(secret!).toString("hex"));
  expect(first.pending.maxAgeSeconds).toBe(300);
  expect(await lastAudit("session.second_factor_pending")).toMatchObject({ actorUsername: "street", entityId: String(user.id) });

  // A forged token opens nothing.
  expect(await signInWithCode({ token: `${id}.forged`, code: codeAt(authenticator, at), ...meta(at) })).toEqual({ ok: false, reason: "missing" });

  const wrong = await signInWithCode({ token: first.pending.token, code: codeAt(authenticator, later(at, 10 * step)), ...meta(at) });
  expect(wrong).toEqual({ ok: false, reason: "wrong", attemptsLeft: 4 });
  expect(await lastAudit("session.second_factor_failed")).toMatchObject({ actorUsername: "street" });

  const signedIn = await signInWithCode({ token: first.pending.token, code: codeAt(authenticator, at), ...meta(at) });
  if (!signedIn.ok) throw new Error(JSON.stringify(signedIn));
  const [session] = await db.select().from(sessions).where(eq(sessions.id, signedIn.session.sessionId));
  expect(session).toMatchObject({ userId: user.id, verifiedAt: at });
  expect(await db.select().from(pendingSignIns).where(eq(pendingSignIns.id, id!))).toHaveLength(0);
  expect(await lastAudit("session.sign_in")).toMatchObject({ actorUsername: "street", reason: "密码 + 动态验证码" });
});

test("a code is good once: replayed, or older than the last one used, it is refused; one step either side is accepted", async () => {
  const now = nextHour();
  const { authenticator } = await enrol("supervisor", now);
  const at = later(now, 4 * step);

  const first = await passwordStep("supervisor", at);
  expect((await signInWithCode({ token: first.pending.token, code: codeAt(authenticator, at), ...meta(at) })).ok).toBe(true);
  // The same code again, seconds later, in a new sign-in.
  const again = await passwordStep("supervisor", later(at, 5 * 1000));
  expect(await signInWithCode({ token: again.pending.token, code: codeAt(authenticator, at), ...meta(later(at, 5 * 1000)) })).toMatchObject({ reason: "wrong" });
  // The previous step's code is older than the one used.
  expect(await signInWithCode({ token: again.pending.token, code: codeAt(authenticator, later(at, -step)), ...meta(later(at, 6 * 1000)) })).toMatchObject({ reason: "wrong" });

  // A phone 30 s fast: the next step's code is accepted; two steps off is not.
  const third = await passwordStep("supervisor", later(at, 5 * step));
  const t = later(at, 5 * step);
  expect(await signInWithCode({ token: third.pending.token, code: codeAt(authenticator, later(t, 2 * step)), ...meta(t) })).toMatchObject({ reason: "wrong" });
  // (Three wrong codes in a row: the account waits 5 s before the next.)
  expect((await signInWithCode({ token: third.pending.token, code: codeAt(authenticator, later(t, step)), ...meta(later(t, 5 * second)) })).ok).toBe(true);
});

test("a recovery code signs in instead of a code, once", async () => {
  const now = nextHour();
  const { recoveryCodes: codes, user } = await enrol("assoc", now);
  const at = later(now, minute);
  const first = await passwordStep("assoc", at);
  // Typed carelessly: capitals and spaces do not matter.
  const used = await signInWithCode({ token: first.pending.token, recoveryCode: ` ${codes[3]!.toUpperCase().replace("-", " ")} `, ...meta(at) });
  expect(used).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
  expect(await lastAudit("session.recovery_code_used")).toMatchObject({ actorUsername: "assoc", reason: "剩余 9 个恢复码" });
  expect(await lastAudit("session.sign_in")).toMatchObject({ actorUsername: "assoc", reason: "密码 + 恢复码" });
  const db = await getDb();
  expect(await db.select().from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)))).toHaveLength(9);

  const again = await passwordStep("assoc", later(at, minute));
  expect(await signInWithCode({ token: again.pending.token, recoveryCode: codes[3]!, ...meta(later(at, minute)) })).toMatchObject({ ok: false, reason: "wrong" });
  expect((await signInWithCode({ token: again.pending.token, recoveryCode: codes[4]!, ...meta(later(at, minute)) })).ok).toBe(true);
});

test("five wrong codes end the pending sign-in; the password is asked again", async () => {
  const now = nextHour();
  const { authenticator } = await enrol("clerk", now);
  let at = later(now, minute);
  const first = await passwordStep("clerk", at);
  const wrongCode = (t: Date) => {
    const right = codeAt(authenticator, t);
    return right === "123456" ? "654321" : "123456";
  };
  const answers = [];
  for (let i = 0; i < 5; i++) {
    // Spaced beyond the account's delay (10 s at most here), so only the pending sign-in's own count matters.
    at = later(at, 30 * second);
    answers.push(await signInWithCode({ token: first.pending.token, code: wrongCode(at), ...meta(at) }));
  }
  expect(answers.slice(0, 4).map((a) => (a.ok || a.reason !== "wrong" ? null : a.attemptsLeft))).toEqual([4, 3, 2, 1]);
  expect(answers[4]).toEqual({ ok: false, reason: "ended" });
  expect(await lastAudit("session.second_factor_ended")).toMatchObject({ actorUsername: "clerk" });
  // Even the right code no longer helps: the pending sign-in is gone.
  at = later(at, minute);
  expect(await signInWithCode({ token: first.pending.token, code: codeAt(authenticator, at), ...meta(at) })).toEqual({ ok: false, reason: "missing" });
});

test("a pending sign-in expires after five minutes", async () => {
  const now = nextHour();
  const { authenticator } = await enrol("officer", now);
  const at = later(now, minute);
  const pending = await passwordStep("officer", at);
  const tooLate = later(at, 5 * minute + second);
  expect(await signInWithCode({ token: pending.pending.token, code: codeAt(authenticator, tooLate), ...meta(tooLate) })).toEqual({ ok: false, reason: "expired" });
  const db = await getDb();
  expect(await db.select().from(pendingSignIns).where(eq(pendingSignIns.id, pending.pending.token.split(".")[0]!))).toHaveLength(0);
});

test("codes are throttled per account like passwords: after three wrong ones the next must wait, from any address", async () => {
  const now = nextHour();
  const { authenticator } = await enrol("street", now);
  const at = later(now, minute);
  const pending = await passwordStep("street", at);
  const wrong = codeAt(authenticator, at) === "000000" ? "000001" : "000000";
  for (let i = 0; i < 3; i++) expect(await signInWithCode({ token: pending.pending.token, code: wrong, ...meta(at) })).toMatchObject({ reason: "wrong" });
  const other = await passwordStep("street", later(at, second), "198.51.100.21");
  expect(await signInWithCode({ token: other.pending.token, code: codeAt(authenticator, at), ...meta(later(at, second), "198.51.100.21") })).toEqual({
    ok: false,
    reason: "throttled",
    scope: "account",
    retryAfterSeconds: 4,
  });
  expect((await signInWithCode({ token: other.pending.token, code: codeAt(authenticator, later(at, 5 * second)), ...meta(later(at, 5 * second), "198.51.100.21") })).ok).toBe(true);
});

test("an administrator requires the factor for a role: its users set an authenticator up at sign-in before they get a session", async () => {
  const now = nextHour();
  const admin = await verifiedActor("admin", now);
  const required = await updateSetting(contextOf(admin, now), "secondFactorRoles", ["village_clerk", "district_officer"], { reason: "村务公开员须使用两步验证" });
  expect(required).toEqual({ ok: true, value: ["district_officer", "village_clerk"] });
  expect(await lastAudit("setting.update")).toMatchObject({
    actorUsername: "admin",
    entityId: "secondFactorRoles",
    before: { secondFactorRoles: [] },
    after: { secondFactorRoles: ["district_officer", "village_clerk"] },
    reason: "村务公开员须使用两步验证",
  });
  try {
    const db = await getDb();
    // The clerk enrolled in an earlier test; start from a clerk without a factor.
    const clerk = await userNamed("clerk");
    await db.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, clerk.id));

    const first = await passwordStep("clerk", now);
    expect(first.stage).toBe("enrol");
    expect(first.pending.maxAgeSeconds).toBe(15 * 60);
    // A code posted to the enrolment stage's token as if it were the code stage is refused.
    expect(await signInWithCode({ token: first.pending.token, code: "123456", ...meta(now) })).toEqual({ ok: false, reason: "wrong_stage", stage: "enrol" });

    const view = await ensureEnrolment({ actor: null, ip: "198.51.100.20", now }, clerk.id);
    // Asking again (a reload) shows the same secret.
    expect((await ensureEnrolment({ actor: null, ip: "198.51.100.20", now: later(now, minute) }, clerk.id)).secretText).toBe(view.secretText);
    const authenticator = authenticatorFromUri(view.uri);
    const at = later(now, 2 * minute);
    const done = await signInWithEnrolment({ token: first.pending.token, code: codeAt(authenticator, at), ...meta(at) });
    if (!done.ok) throw new Error(JSON.stringify(done));
    expect(done.recoveryCodes).toHaveLength(10);
    const [session] = await db.select().from(sessions).where(eq(sessions.id, done.session.sessionId));
    expect(session).toMatchObject({ userId: clerk.id, verifiedAt: at });
    expect(await lastAudit("user.second_factor_enrol")).toMatchObject({ actorUsername: "clerk" });
    expect(await lastAudit("session.sign_in")).toMatchObject({ actorUsername: "clerk", reason: "密码 + 新设置的动态验证码" });

    // From now on the clerk signs in with a code; a role not required still signs in with a password alone.
    expect((await passwordStep("clerk", later(at, minute))).stage).toBe("code");
    expect((await signIn({ username: "supervisor", password: "wrong", ...meta(at) })).ok).toBe(false);
    const assoc = await userNamed("assoc");
    await db.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, assoc.id));
    expect((await signIn({ username: "assoc", password: demoPassword, ...meta(at) })).ok).toBe(true);
  } finally {
    const off = await updateSetting(contextOf(admin, now), "secondFactorRoles", [], { reason: "测试结束，恢复默认" });
    expect(off.ok).toBe(true);
  }
});

test("an administrator clears a user's second factor (lost phone), with a reason; the user's sessions end", async () => {
  const now = nextHour();
  const { user } = await enrol("officer", now);
  const db = await getDb();
  const admin = await verifiedActor("admin", now);
  const result = await resetUserSecondFactor(contextOf(admin, now), user.id, { reason: "本人手机丢失，已电话核实", version: (await userNamed("officer")).version });
  expect(result).toEqual({ ok: true, value: null });
  const after = await userNamed("officer");
  expect(after.totpEnabledAt).toBeNull();
  expect(after.totpSecret).toBeNull();
  expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  expect(await lastAudit("user.second_factor_reset")).toMatchObject({ actorUsername: "admin", entityId: String(user.id), reason: "本人手机丢失，已电话核实" });
  expect((await signIn({ username: "officer", password: demoPassword, ...meta(later(now, minute)) })).ok).toBe(true);
  // Only administrators may.
  await expect(resetUserSecondFactor(contextOf(await verifiedActor("officer", now), now), user.id, { reason: "越权", version: after.version })).rejects.toMatchObject({ status: 403 });
});
