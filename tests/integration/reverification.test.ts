import { and, desc, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, inspectionReports, sessions, users } from "../../db/schema";
import { demoLatestCampaign, demoPassword } from "../../app/setup/demo";
import {
  confirmEnrolment,
  disableSecondFactor,
  regenerateRecoveryCodes,
  resetUserSecondFactor,
  startEnrolment,
} from "../../app/auth/second-factor.server";
import { confirmIdentity, isSessionRecentlyVerified, StaleVerification } from "../../app/auth/verification.server";
import { publishConclusions } from "../../app/domain/inspections/commands.server";
import { getSetting } from "../../app/domain/settings/queries.server";
import { updateSetting } from "../../app/domain/settings/commands.server";
import { createUser, updateUser } from "../../app/domain/users/commands.server";
import { userCreateSchema } from "../../app/domain/users/forms";
import { authenticatorFromUri, codeAt } from "../setup/authenticator";
import { contextOf, loadDemoDistrict, verifiedActor } from "../setup/demo";

beforeAll(loadDemoDistrict);

const second = 1000;
const minute = 60 * second;
let clock = Date.parse("2026-08-01T01:00:00Z");
function nextHour() {
  clock += 60 * minute;
  return new Date(clock);
}
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

async function userNamed(username: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return user!;
}

async function auditCount(action: string) {
  const db = await getDb();
  return (await db.select().from(auditLog).where(eq(auditLog.action, action))).length;
}

const newStreetOfficer = (username: string) =>
  userCreateSchema.parse({ username, displayName: "测试街道干部", role: "street_officer", placeId: 2, password: "Haibin-Duty-2026" });

test("within ten minutes of signing in a sensitive change goes through; eleven minutes on it is refused until the password is given again", async () => {
  const signedInAt = nextHour();
  const admin = await verifiedActor("admin", signedInAt);
  const street = await userNamed("street");
  const placeId = street.placeId!;
  const input = { ...newStreetOfficer("reverify01"), placeId };
  expect((await createUser(contextOf(admin, later(signedInAt, 10 * minute)), input)).ok).toBe(true);

  const staleAt = later(signedInAt, 11 * minute);
  const before = await auditCount("user.create");
  await expect(createUser(contextOf(admin, staleAt), { ...input, username: "reverify02" })).rejects.toBeInstanceOf(StaleVerification);
  expect(await auditCount("user.create")).toBe(before);
  expect(await isSessionRecentlyVerified(admin, staleAt)).toBe(false);

  // The password again: the session is verified from now, and the change goes through.
  expect(await confirmIdentity(contextOf(admin, staleAt), "not-my-password")).toMatchObject({ ok: false, status: 400, message: "密码不正确" });
  expect(await confirmIdentity(contextOf(admin, staleAt), demoPassword)).toEqual({ ok: true });
  const db = await getDb();
  const [session] = await db.select().from(sessions).where(eq(sessions.id, admin.sessionId));
  expect(session!.verifiedAt).toEqual(staleAt);
  expect((await createUser(contextOf(admin, later(staleAt, minute)), { ...input, username: "reverify02" })).ok).toBe(true);
  const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "session.reverify")).orderBy(desc(auditLog.id)).limit(1);
  expect(audit).toMatchObject({ actorUsername: "admin", reason: "密码" });
  expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "session.reverify_failed"), eq(auditLog.actorUsername, "admin")))).toHaveLength(1);
});

test("a role or scope change needs it; a new display name does not", async () => {
  const signedInAt = nextHour();
  const admin = await verifiedActor("admin", signedInAt);
  const staleAt = later(signedInAt, 30 * minute);
  const clerk = await userNamed("clerk");
  const base = { displayName: "王村务（大良村）", role: clerk.role, placeId: clerk.placeId!, version: clerk.version };
  const renamed = await updateUser(contextOf(admin, staleAt), clerk.id, { ...base, displayName: "王村务（大良村，改名）" });
  expect(renamed.ok).toBe(true);
  await expect(
    updateUser(contextOf(admin, staleAt), clerk.id, { ...base, role: "village_supervisor", version: clerk.version + 1 }),
  ).rejects.toBeInstanceOf(StaleVerification);
  expect((await userNamed("clerk")).role).toBe("village_clerk");
  await updateUser(contextOf(await verifiedActor("admin", staleAt), staleAt), clerk.id, { ...base, version: clerk.version + 1 });
});

test("publishing inspection conclusions needs it (a 403 that says so, if nothing catches it)", async () => {
  const signedInAt = nextHour();
  const officer = await verifiedActor("officer", signedInAt);
  const db = await getDb();
  const unpublished = async () =>
    (await db.select().from(inspectionReports).where(and(eq(inspectionReports.state, "concluded")))).filter((r) => !r.publishedAt).length;
  const waiting = await unpublished();
  expect(waiting).toBeGreaterThan(0);
  const refusal = await publishConclusions(contextOf(officer, later(signedInAt, 11 * minute)), demoLatestCampaign(), "all").catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(StaleVerification);
  expect((refusal as Response).status).toBe(403);
  expect(await (refusal as Response).json()).toEqual({ userMessage: expect.stringContaining("10 分钟内确认过身份"), reverify: true });
  expect(await unpublished()).toBe(waiting);
  // A code from an authenticator proves it as well as the password does.
  const user = await userNamed("officer");
  const fresh = await verifiedActor("officer", signedInAt);
  const view = await startEnrolment(contextOf(fresh, signedInAt), user.id);
  const authenticator = authenticatorFromUri(view.uri);
  expect((await confirmEnrolment(contextOf(fresh, signedInAt), user.id, { code: codeAt(authenticator, signedInAt) })).ok).toBe(true);
  const at = later(signedInAt, 11 * minute);
  expect(await confirmIdentity(contextOf(officer, at), codeAt(authenticator, at))).toEqual({ ok: true });
  // The same code twice is refused.
  expect(await confirmIdentity(contextOf(officer, later(at, second)), codeAt(authenticator, at))).toMatchObject({ ok: false, status: 400 });
  await publishConclusions(contextOf(officer, later(at, minute)), demoLatestCampaign(), "all");
  expect(await unpublished()).toBe(0);
});

test("changing any district setting needs it, the second-factor requirement included", async () => {
  const signedInAt = nextHour();
  const officer = await verifiedActor("officer", signedInAt);
  const admin = await verifiedActor("admin", signedInAt);
  const staleAt = later(signedInAt, 11 * minute);
  await expect(updateSetting(contextOf(officer, staleAt), "associationTarget", 5, { reason: "阶段性调整" })).rejects.toBeInstanceOf(StaleVerification);
  await expect(updateSetting(contextOf(officer, staleAt), "partyCoverageTarget", 0.95, { reason: "阶段性调整" })).rejects.toBeInstanceOf(StaleVerification);
  await expect(updateSetting(contextOf(admin, staleAt), "secondFactorRoles", ["admin"], { reason: "管理员须两步验证" })).rejects.toBeInstanceOf(StaleVerification);
  expect(await getSetting("associationTarget")).toBe(6);
  expect(await getSetting("partyCoverageTarget")).toBe(0.9);
  expect(await getSetting("secondFactorRoles")).toEqual([]);
  // The requirement is the administrators' to set, not the registry officers'.
  await expect(updateSetting(contextOf(officer, signedInAt), "secondFactorRoles", ["admin"], { reason: "越权" })).rejects.toMatchObject({ status: 403 });
  expect(await updateSetting(contextOf(admin, signedInAt), "secondFactorRoles", ["not-a-role"], { reason: "测试" })).toMatchObject({
    ok: false,
    fieldErrors: { secondFactorRoles: [expect.any(String)] },
  });
});

test("setting up, regenerating recovery codes, turning the factor off and clearing someone else's all need it", async () => {
  const signedInAt = nextHour();
  const staleAt = later(signedInAt, 11 * minute);
  const supervisor = await verifiedActor("supervisor", signedInAt);
  const user = await userNamed("supervisor");
  await expect(startEnrolment(contextOf(supervisor, staleAt), user.id)).rejects.toBeInstanceOf(StaleVerification);
  const view = await startEnrolment(contextOf(supervisor, signedInAt), user.id);
  const authenticator = authenticatorFromUri(view.uri);
  expect((await confirmEnrolment(contextOf(supervisor, signedInAt), user.id, { code: codeAt(authenticator, signedInAt) })).ok).toBe(true);
  await expect(regenerateRecoveryCodes(contextOf(supervisor, staleAt))).rejects.toBeInstanceOf(StaleVerification);
  await expect(disableSecondFactor(contextOf(supervisor, staleAt))).rejects.toBeInstanceOf(StaleVerification);
  const admin = await verifiedActor("admin", signedInAt);
  await expect(resetUserSecondFactor(contextOf(admin, staleAt), user.id, { reason: "核实", version: (await userNamed("supervisor")).version })).rejects.toBeInstanceOf(StaleVerification);
  expect((await userNamed("supervisor")).totpEnabledAt).not.toBeNull();

  const regenerated = await regenerateRecoveryCodes(contextOf(supervisor, later(signedInAt, minute)));
  expect(regenerated.ok && regenerated.value).toHaveLength(10);
  expect(await auditCount("user.recovery_codes_regenerate")).toBe(1);
  expect(await disableSecondFactor(contextOf(supervisor, later(signedInAt, 2 * minute)))).toEqual({ ok: true, value: null });
  expect((await userNamed("supervisor")).totpEnabledAt).toBeNull();
  expect(await auditCount("user.second_factor_remove")).toBe(1);
});

test("giving the password again is throttled like signing in", async () => {
  const now = nextHour();
  const actor = await verifiedActor("street", now);
  for (let i = 0; i < 3; i++) expect(await confirmIdentity(contextOf(actor, now), `wrong-${i}`)).toMatchObject({ ok: false, status: 400 });
  expect(await confirmIdentity(contextOf(actor, later(now, second)), demoPassword)).toEqual({
    ok: false,
    status: 429,
    message: "尝试过于频繁，请 4 秒后再试。",
    retryAfterSeconds: 4,
  });
  expect(await confirmIdentity(contextOf(actor, later(now, 5 * second)), demoPassword)).toEqual({ ok: true });
});
