/**
 * A message for the page after a redirect: the action that redirects sets it,
 * the next page's root loader shows it once and clears it, and no page that
 * carries one is served from or kept in the public page cache.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { users } from "../../db/schema";
import { flashCookieName } from "../../app/auth/flash.server";
import { createSession } from "../../app/auth/session.server";
import { answerPublicPage, gzipped, isCacheablePublicRequest, keptPublicPages } from "../../app/public-pages.server";
import { loader as rootLoader } from "../../app/root";
import { action as startAction } from "../../app/routes/org._index";
import { loadDemoDistrict } from "../setup/demo";

const context = { cspNonce: "", clientIp: "203.0.113.9" };
let session = "";

beforeAll(async () => {
  await loadDemoDistrict();
  const db = await getDb();
  // A preparatory group's account: the one that starts an establishment.
  const [assoc] = await db.insert(users).values({ username: "prep-flash", displayName: "筹备组", passwordHash: "unusable", role: "association" }).returning();
  session = `cr_session=${(await createSession(db, assoc!, { now: new Date(), ip: "127.0.0.1", userAgent: "test" })).token}`;
});

/** The root loader's answer: its data and the headers it sets. */
async function rootFor(path: string, cookie: string) {
  const answer = (await rootLoader({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params: {}, context })) as unknown as {
    data: { flash: string | null; user: unknown };
    init?: { headers?: HeadersInit };
  };
  return { flash: answer.data.flash, user: answer.data.user, setCookie: new Headers(answer.init?.headers).get("Set-Cookie") };
}

test("starting an application redirects to it with a message; the application's page shows it once", async () => {
  const response = (await startAction({
    request: new Request("http://localhost/org?index", {
      method: "POST",
      headers: { Cookie: session, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "establishment" }),
    }),
    params: {},
    context,
  })) as Response;
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toMatch(/^\/org\/applications\/\d+$/);
  const setCookie = response.headers.get("Set-Cookie")!;
  expect(setCookie).toMatch(new RegExp(`^${flashCookieName}=[^;]+; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+$`));
  const flash = setCookie.split(";")[0]!;

  const next = await rootFor(response.headers.get("Location")!, `${session}; ${flash}`);
  expect(next.flash).toBe("申请草稿已打开：请填写下列事项并上传材料，可随时保存草稿，核对无误后提交。");
  expect(next.setCookie).toBe(`${flashCookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);

  // The browser dropped the cookie as told: a reload shows nothing and clears nothing.
  const reload = await rootFor(response.headers.get("Location")!, session);
  expect(reload.flash).toBeNull();
  expect(reload.setCookie).toBeNull();
});

test("a message is shown only in the session it was written for", async () => {
  const db = await getDb();
  const [clerk] = await db.select().from(users).where(eq(users.username, "clerk"));
  const other = `cr_session=${(await createSession(db, clerk!, { now: new Date(), ip: "127.0.0.1", userAgent: "test" })).token}`;
  const response = (await startAction({
    request: new Request("http://localhost/org?index", { method: "POST", headers: { Cookie: session, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ kind: "establishment" }) }),
    params: {},
    context,
  })) as Response;
  const flash = response.headers.get("Set-Cookie")!.split(";")[0]!;
  const elsewhere = await rootFor("/village", `${other}; ${flash}`);
  expect(elsewhere.user).not.toBeNull();
  expect(elsewhere.flash).toBeNull();
  expect(elsewhere.setCookie).toContain("Max-Age=0");
});

test("a public page requested with a message is neither served from nor kept in the public cache", async () => {
  const flash = `${flashCookieName}=x.y`;
  expect(isCacheablePublicRequest("GET", "/orgs", null)).toBe(true);
  expect(isCacheablePublicRequest("GET", "/orgs", flash)).toBe(false);
  expect(isCacheablePublicRequest("GET", "/orgs", `theme=a; ${flash}`)).toBe(false);

  // A message left over from a session that has ended: not shown on the public page, cleared, and so not kept.
  const anonymous = await rootFor("/orgs", flash);
  expect(anonymous.user).toBeNull();
  expect(anonymous.flash).toBeNull();
  const clearing = new Headers({ "Content-Type": "text/html; charset=utf-8", "Set-Cookie": anonymous.setCookie! });
  const plain = new Headers({ "Content-Type": "text/html; charset=utf-8" });
  const client = { acceptsGzip: false, nonce: "nonce" };
  const address = "http://localhost/stats?flash-test";
  const rendered = (headers: Headers) => async () => new Response("<html>page rendered for one reader</html>", { status: 200, headers });
  const cacheOf = async (headers: Headers) => (await answerPublicPage(address, client, rendered(headers)))?.headers["X-Page-Cache"];
  const before = keptPublicPages();
  expect(await cacheOf(clearing)).toBe("miss");
  expect(keptPublicPages()).toBe(before);
  expect(await cacheOf(plain)).toBe("miss");
  // The same page without the cookie's clearing is kept (the check above is not vacuous).
  expect(await cacheOf(plain)).toBe("hit");
});

test("a page kept compressed holds its own bytes, not zlib's whole output piece", () => {
  // A page of 32 KB that compresses to about 6 KB, as a search page does.
  const page = `<html>${Array.from({ length: 2500 }, (_, i) => `第${(i * 7919) % 10007}号`).join("，")}</html>`;
  const zipped = gzipped(page);
  expect(gunzipSync(zipped).toString()).toBe(page);
  // zlib's own answer is a view into its 16 KB output piece.
  const fromZlib = gzipSync(page);
  expect(fromZlib.buffer.byteLength).toBeGreaterThan(2 * fromZlib.byteLength);
  expect(zipped.byteLength).toBeGreaterThan(4096);
  expect(zipped.buffer.byteLength).toBe(zipped.byteLength);
});
