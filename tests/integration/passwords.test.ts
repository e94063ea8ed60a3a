import { desc, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, places, users } from "../../db/schema";
import { demoPassword } from "../../app/setup/demo";
import { verifyPassword } from "../../app/auth/password.server";
import {
  createUser,
  changeOwnPassword,
  resetPassword,
} from "../../app/domain/users/commands.server";
import { userCreateSchema } from "../../app/domain/users/forms";
import { contextOf, loadDemoDistrict, verifiedActor } from "../setup/demo";

beforeAll(loadDemoDistrict);

const second = 1000;
const minute = 60 * second;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

const commonMessage = "该密码是常见密码或其简单变形（如首字母大写、末尾加数字或符号、用 @ 代替 a），很容易被猜中，请换一个";

async function streetId() {
  const db = await getDb();
  const [row] = await db.select().from(places).where(eq(places.name, "海滨街道"));
  return row!.id;
}

async function newAccount(username: string, password: string) {
  return userCreateSchema.parse({ username, displayName: "测试人员", role: "street_officer", placeId: await streetId(), password });
}

test.each([
  ["Password1234", "the classic with a year"],
  ["P@ssw0rd2026!", "look-alike characters and decoration"],
  ["Qwerty123456!", "a keyboard walk"],
  ["Woaini1314!!", "a pinyin favourite"],
  ["Iloveyou2026", "a phrase from the list"],
])("a new account's password %s (%s) is refused beside the field, though it passes the length and class rules", async (password) => {
  expect(userCreateSchema.safeParse({ username: "x-common", displayName: "测试", role: "street_officer", placeId: await streetId(), password }).success).toBe(true);
  const admin = await verifiedActor("admin");
  const result = await createUser(contextOf(admin), await newAccount("x-common", password));
  expect(result).toEqual({ ok: false, fieldErrors: { password: [commonMessage] } });
});

test("a password containing the username is refused", async () => {
  const admin = await verifiedActor("admin");
  expect(await createUser(contextOf(admin), await newAccount("haibin07", "My-haibin07-Key!"))).toEqual({
    ok: false,
    fieldErrors: { password: ["密码不能包含用户名"] },
  });
  const db = await getDb();
  expect(await db.select().from(users).where(eq(users.username, "haibin07"))).toHaveLength(0);
  // An ordinary strong password is fine.
  expect((await createUser(contextOf(admin), await newAccount("haibin07", "Harbour-Lantern-58"))).ok).toBe(true);
});

test("changing one's own password: common ones and the username are refused beside the new-password field", async () => {
  const actor = await verifiedActor("supervisor");
  const ctx = contextOf(actor);
  expect(await changeOwnPassword(ctx, { currentPassword: demoPassword, newPassword: "P@ssw0rd2026!" })).toEqual({
    ok: false,
    fieldErrors: { newPassword: [commonMessage] },
  });
  expect(await changeOwnPassword(ctx, { currentPassword: demoPassword, newPassword: "Supervisor-Village-1" })).toEqual({
    ok: false,
    fieldErrors: { newPassword: ["密码不能包含用户名"] },
  });
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, "supervisor"));
  expect(await verifyPassword(user!.passwordHash, demoPassword)).toBe(true);
});

test("an administrator's reset gives a temporary password the rules accept", async () => {
  const admin = await verifiedActor("admin");
  const db = await getDb();
  const [clerk] = await db.select().from(users).where(eq(users.username, "clerk"));
  const reset = await resetPassword(contextOf(admin), clerk!.id, { reason: "本人遗忘密码", version: clerk!.version });
  expect(reset.ok).toBe(true);
});

test("the current password on the change form cannot be guessed without limit: three wrong, then waits, like sign-in", async () => {
  const now = new Date("2026-09-01T02:00:00Z");
  const actor = await verifiedActor("street", now);
  const change = (currentPassword: string, at: Date, ip = "198.51.100.40") =>
    changeOwnPassword(contextOf(actor, at, ip), { currentPassword, newPassword: "Harbour-Lantern-59" });
  for (let i = 0; i < 3; i++) {
    expect(await change(`guess-${i}`, now)).toEqual({ ok: false, fieldErrors: { currentPassword: ["当前密码不正确"] } });
  }
  // The fourth guess must wait 5 s, even from another address; it is not checked at all.
  expect(await change(demoPassword, later(now, second), "198.51.100.41")).toEqual({
    ok: false,
    formError: "尝试过于频繁，请 4 秒后再试。",
    retryAfterSeconds: 4,
  });
  const db = await getDb();
  const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "user.password_check_failed")).orderBy(desc(auditLog.id)).limit(1);
  expect(audit).toMatchObject({ actorUsername: "street", reason: "修改密码时当前密码错误" });
  const [throttled] = await db.select().from(auditLog).where(eq(auditLog.action, "session.throttled")).orderBy(desc(auditLog.id)).limit(1);
  expect(throttled).toMatchObject({ actorUsername: "street", reason: "修改密码时核对当前密码" });

  // Twenty wrong guesses from one address (across accounts) shut the address out for 15 minutes.
  let at = later(now, 10 * minute);
  for (const username of ["assoc", "clerk", "officer", "admin", "supervisor"]) {
    const other = await verifiedActor(username, at);
    for (let i = 0; i < 4; i++) {
      at = later(at, 11 * second);
      await changeOwnPassword(contextOf(other, at, "192.0.2.90"), { currentPassword: `guess-${i}`, newPassword: "Harbour-Lantern-60" });
    }
  }
  const shut = await change(demoPassword, later(at, minute), "192.0.2.90");
  expect(shut).toMatchObject({ ok: false, retryAfterSeconds: 14 * 60, formError: "您所在网络地址的失败尝试过多，已暂停 14 分钟，请稍后再试。" });
  // From another address, after the account's own short wait, the right password works.
  expect(await change(demoPassword, later(at, minute), "198.51.100.42")).toEqual({ ok: true, value: null });
});
