import { desc, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, places, sessions, users } from "../../db/schema";
import { signIn } from "../../app/auth/login.server";
import { createSession } from "../../app/auth/session.server";
import {
  createUser,
  resetPassword,
  setUserDisabled,
  unlockUser,
  updateUser,
} from "../../app/domain/users/commands.server";
import { listUsers } from "../../app/domain/users/queries.server";
import { userCreateSchema } from "../../app/domain/users/forms";
import { contextOf, demoActor, loadDemoDistrict, verifiedActor } from "../setup/demo";

beforeAll(loadDemoDistrict);

async function placeId(name: string) {
  const db = await getDb();
  const [row] = await db.select().from(places).where(eq(places.name, name));
  return row!.id;
}

const newStreetOfficer = async (username: string) =>
  userCreateSchema.parse({
    username,
    displayName: "测试街道干部",
    role: "street_officer",
    placeId: await placeId("海滨街道"),
    password: "Initial-pass-2026",
  });

test("an admin creates an account; the audit row has the after values and no password hash", async () => {
  const admin = await verifiedActor("admin");
  const created = await createUser(contextOf(admin), await newStreetOfficer("haibin01"));
  expect(created.ok).toBe(true);
  const db = await getDb();
  const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "user.create")).orderBy(desc(auditLog.id));
  expect(row).toMatchObject({ actorUsername: "admin", actorRole: "admin", entityType: "user", ip: "203.0.113.7" });
  expect(row!.after).toMatchObject({ username: "haibin01", role: "street_officer", mustChangePassword: true });
  expect(JSON.stringify(row!.after)).not.toContain("argon2");
  const duplicate = await createUser(contextOf(admin), await newStreetOfficer("haibin01"));
  expect(duplicate).toEqual({ ok: false, fieldErrors: { username: ["该用户名已被使用"] } });
});

test("only an admin manages accounts: others are refused with 403", async () => {
  for (const name of ["officer", "street", "assoc", "clerk"]) {
    const actor = await demoActor(name);
    await expect(createUser(contextOf(actor), await newStreetOfficer(`x-${name}`))).rejects.toMatchObject({ status: 403 });
    await expect(listUsers(actor, { page: 1, pageSize: 10 })).rejects.toMatchObject({ status: 403 });
  }
});

test("a role's scope must be a place of the right level or an organization in the register", async () => {
  const admin = await verifiedActor("admin");
  const village = await placeId("大良村");
  const wrongLevel = await createUser(contextOf(admin), { ...(await newStreetOfficer("wrong-level")), placeId: village });
  expect(wrongLevel).toEqual({ ok: false, fieldErrors: { placeId: ["请选择一个街道或镇"] } });
  const unknownOrg = await createUser(contextOf(admin), {
    ...(await newStreetOfficer("no-org")),
    role: "association",
    placeId: undefined,
    organizationCode: "51350502MJ0000000X",
  });
  expect(unknownOrg).toEqual({ ok: false, fieldErrors: { organizationCode: ["登记簿中没有该统一社会信用代码或备案号"] } });
});

test("two admins editing one account: the second, on a stale version, is told and overwrites nothing", async () => {
  const admin = await verifiedActor("admin");
  const created = await createUser(contextOf(admin), await newStreetOfficer("race01"));
  if (!created.ok) throw new Error("create failed");
  const id = created.value.id;
  const base = { role: "street_officer" as const, placeId: await placeId("海滨街道"), version: 1 };
  const first = await updateUser(contextOf(admin), id, { ...base, displayName: "第一位管理员的修改" });
  const second = await updateUser(contextOf(admin), id, { ...base, displayName: "第二位管理员的修改" });
  expect(first.ok).toBe(true);
  expect(second).toMatchObject({ ok: false, formError: expect.stringContaining("已被其他人修改") });
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, id));
  expect(row).toMatchObject({ displayName: "第一位管理员的修改", version: 2 });
});

test("changing a role or scope, disabling and resetting the password all end the user's sessions", async () => {
  const admin = await verifiedActor("admin");
  const created = await createUser(contextOf(admin), await newStreetOfficer("sessions01"));
  if (!created.ok) throw new Error("create failed");
  const id = created.value.id;
  const db = await getDb();
  const open = async () => {
    const [user] = await db.select().from(users).where(eq(users.id, id));
    await createSession(db, user!, { now: new Date(), ip: null, userAgent: null });
  };
  const count = async () => (await db.select().from(sessions).where(eq(sessions.userId, id))).length;

  await open();
  await updateUser(contextOf(admin), id, { displayName: "改名不改权限", role: "street_officer", placeId: await placeId("海滨街道"), version: 1 });
  expect(await count()).toBe(1);
  await updateUser(contextOf(admin), id, { displayName: "改名不改权限", role: "street_officer", placeId: await placeId("临江街道"), version: 2 });
  expect(await count()).toBe(0);

  await open();
  const disabled = await setUserDisabled(contextOf(admin), id, { disabled: true, reason: "调离岗位", version: 3 });
  expect(disabled.ok).toBe(true);
  expect(await count()).toBe(0);
  const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "user.disable")).orderBy(desc(auditLog.id));
  expect(audit).toMatchObject({ reason: "调离岗位", entityId: String(id) });
  await setUserDisabled(contextOf(admin), id, { disabled: false, reason: "返岗", version: 4 });

  await open();
  const reset = await resetPassword(contextOf(admin), id, { reason: "本人遗忘密码", version: 5 });
  if (!reset.ok) throw new Error("reset failed");
  expect(await count()).toBe(0);
  const signedIn = await signIn({ username: "sessions01", password: reset.value.temporaryPassword, ip: "10.9.9.9", userAgent: null, now: new Date() });
  expect(signedIn).toMatchObject({ ok: true, mustChangePassword: true });
});

test("an admin cannot disable their own account or change their own role", async () => {
  const admin = await verifiedActor("admin");
  const db = await getDb();
  const [self] = await db.select().from(users).where(eq(users.username, "admin"));
  const disable = await setUserDisabled(contextOf(admin), self!.id, { disabled: true, reason: "测试", version: self!.version });
  expect(disable).toEqual({ ok: false, formError: "不能停用自己的账号。" });
  const demote = await updateUser(contextOf(admin), self!.id, { displayName: "管理员", role: "district_officer", version: self!.version });
  expect(demote).toMatchObject({ ok: false, formError: expect.stringContaining("不能修改自己的角色") });
});

test("an admin lifts a lock with a reason", async () => {
  const admin = await verifiedActor("admin");
  const db = await getDb();
  const [clerk] = await db
    .update(users)
    .set({ lockedUntil: new Date(Date.now() + 600_000) })
    .where(eq(users.username, "clerk"))
    .returning();
  const unlocked = await unlockUser(contextOf(admin), clerk!.id, { reason: "本人来电核实", version: clerk!.version });
  expect(unlocked.ok).toBe(true);
  const [after] = await db.select().from(users).where(eq(users.username, "clerk"));
  expect(after?.lockedUntil).toBeNull();
});
