import { expect, test } from "vitest";
import { decodeFlash, encodeFlash, flashCookieName, maxFlashLength, redirectWithNotice, takeFlash } from "../../app/auth/flash.server";

const secret = "abcdefghijklmnopqrstuvwxyz234567";
const otherSecret = "7654zyxwvutsrqponmlkjihgfedcba32";

test("a message signed for a session reads back in that session only", () => {
  const value = encodeFlash("账号已创建。请将初始密码告知本人。", secret);
  expect(value).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  expect(decodeFlash(value, secret)).toBe("账号已创建。请将初始密码告知本人。");
  expect(decodeFlash(value, otherSecret)).toBeNull();
});

test("a changed message, a changed or missing signature and values that are not ours read as nothing", () => {
  const value = encodeFlash("已保存", secret);
  const [body, mac] = value.split(".") as [string, string];
  const forged = Buffer.from("请拨打 400-000-0000 领取补贴", "utf8").toString("base64url");
  expect(decodeFlash(`${forged}.${mac}`, secret)).toBeNull();
  expect(decodeFlash(`${body}.${mac.slice(0, -2)}`, secret)).toBeNull();
  expect(decodeFlash(body, secret)).toBeNull();
  for (const junk of ["", ".", "a.b.c", `${body}.${mac}.x`, "%%%.%%%", "x".repeat(5000)]) expect(decodeFlash(junk, secret)).toBeNull();
});

test("a long message is cut to the most a flash holds", () => {
  expect(decodeFlash(encodeFlash("字".repeat(maxFlashLength + 50), secret), secret)).toBe("字".repeat(maxFlashLength));
});

const sessionCookie = `cr_session=sessionid.${secret}`;

test("a redirect with a notice sets a short-lived HttpOnly, SameSite=Lax cookie signed for the session (Secure on https)", () => {
  const response = redirectWithNotice(new Request("http://localhost/officer/users/new", { headers: { Cookie: sessionCookie } }), "/officer/users/7", "账号已创建。", 303);
  expect(response.status).toBe(303);
  expect(response.headers.get("Location")).toBe("/officer/users/7");
  const cookie = response.headers.get("Set-Cookie")!;
  expect(cookie).toMatch(new RegExp(`^${flashCookieName}=[^;]+; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+$`));
  expect(decodeFlash(cookie.split(";")[0]!.slice(flashCookieName.length + 1), secret)).toBe("账号已创建。");
  const secure = redirectWithNotice(new Request("https://registry.example/x", { headers: { Cookie: sessionCookie } }), "/y", "已保存");
  expect(secure.status).toBe(302);
  expect(secure.headers.get("Set-Cookie")).toMatch(/; Secure$/);
  // Without a session there is nothing to sign with: a plain redirect.
  expect(redirectWithNotice(new Request("http://localhost/x"), "/y", "已保存").headers.get("Set-Cookie")).toBeNull();
});

test("the next page takes the message once: the cookie is cleared whatever it held, and shown only to a signed-in session", () => {
  const value = encodeFlash("已保存", secret);
  const request = (cookie: string) => new Request("http://localhost/officer", { headers: { Cookie: cookie } });
  const taken = takeFlash(request(`${sessionCookie}; ${flashCookieName}=${value}`), true);
  expect(taken.notice).toBe("已保存");
  expect(new Headers(taken.headers).get("Set-Cookie")).toBe(`${flashCookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  // The session ended (or was never valid): not shown, still cleared.
  const ended = takeFlash(request(`${sessionCookie}; ${flashCookieName}=${value}`), false);
  expect(ended.notice).toBeNull();
  expect(new Headers(ended.headers).get("Set-Cookie")).toContain("Max-Age=0");
  // Another session's message: not shown, cleared.
  const other = takeFlash(request(`cr_session=sessionid.${otherSecret}; ${flashCookieName}=${value}`), true);
  expect(other.notice).toBeNull();
  expect(other.headers).toBeDefined();
  // No message: nothing to clear, no header.
  expect(takeFlash(request(sessionCookie), true)).toEqual({ notice: null });
});
