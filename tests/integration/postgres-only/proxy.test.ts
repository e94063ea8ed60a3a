/**
 * Debian's nginx with the repository's deploy/nginx.conf in front of two app
 * instances on one PostgreSQL: the proxy keeps the reading pages the app marks
 * public, serves the page changed through the app within the shared max-age the
 * app states, checks an expired copy with If-None-Match (the app answers 304),
 * never keeps or serves a signed-in reader's page, and goes on serving when one
 * instance stops. The instances are told a shared max-age of 2 s
 * (PUBLIC_SHARED_MAX_AGE) so that the test waits seconds, not minutes.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDb } from "../../../db/client.server";
import { organizations, postings } from "../../../db/schema";
import { startAppServer, until, type AppServer } from "../../setup/app-server";
import { startNginx, type Nginx } from "../../setup/nginx";
import { askQuestion, signInCookie } from "../../setup/form-posts";
import { loadDemoDistrict } from "../../setup/demo";

const sharedMaxAge = 2;
let a: AppServer;
let b: AppServer;
let proxy: Nginx;
let postingIds: number[];
let org: { id: number; name: string };

beforeAll(async () => {
  await loadDemoDistrict();
  const env = { DATABASE_URL: process.env.DATABASE_URL!, TRUST_PROXY: "loopback", WEB_CONCURRENCY: "1", PUBLIC_SHARED_MAX_AGE: String(sharedMaxAge) };
  [a, b] = await Promise.all([startAppServer(env), startAppServer(env)]);
  proxy = await startNginx([a.base, b.base].map((base) => new URL(base).host));
  const db = await getDb();
  postingIds = (await db.select({ id: postings.id }).from(postings).where(eq(postings.status, "published")).orderBy(postings.id).limit(4)).map((p) => p.id);
  [org] = (await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.status, "normal")).limit(1)) as [typeof org];
}, 90_000);

afterAll(async () => {
  await proxy?.stop();
  a?.stop();
  b?.stop();
});

const cacheStatus = (response: Response) => response.headers.get("x-cache-status");
const waiting = (page: string) => Number(/目前有 (\d+) 条质询正在等待答复/.exec(page)?.[1] ?? 0);

test("the proxy keeps a reading page for every reader, one copy per encoding, and passes the app's validators on", async () => {
  const path = `/orgs?q=${encodeURIComponent(org.name.slice(0, 3))}`;
  const first = await fetch(`${proxy.base}${path}`, { headers: { "Accept-Encoding": "identity" } });
  const page = await first.text();
  expect(first.status).toBe(200);
  expect(page).toContain(org.name);
  expect(first.headers.get("cache-control")).toBe(`public, max-age=0, s-maxage=${sharedMaxAge}, stale-while-revalidate=${sharedMaxAge}`);
  expect(first.headers.get("etag")).toMatch(/^W\//);
  const second = await fetch(`${proxy.base}${path}`, { headers: { "Accept-Encoding": "identity" } });
  expect(cacheStatus(second)).toBe("HIT");
  expect(await second.text()).toBe(page);
  // A reader who takes gzip gets the app's compressed copy (kept apart), and any unrelated parameter order shares it.
  const zipped = await until("a gzip copy kept by the proxy", async () => {
    const response = await fetch(`${proxy.base}${path}`, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(await response.text()).toBe(page);
    return cacheStatus(response) === "HIT" ? response : undefined;
  });
  expect(zipped.status).toBe(200);
  // The browser's own copy: the proxy answers its If-None-Match itself.
  const revisit = await fetch(`${proxy.base}${path}`, { headers: { "Accept-Encoding": "identity", "If-None-Match": first.headers.get("etag")! } });
  expect(revisit.status).toBe(304);
});

test("a question asked through the proxy shows on the proxy's page within the shared max-age the app states", async () => {
  const path = `/postings/${postingIds[0]}`;
  const before = await until("the page kept by the proxy", async () => {
    const response = await fetch(`${proxy.base}${path}`);
    const page = await response.text();
    return cacheStatus(response) === "HIT" ? page : undefined;
  });
  const asked = await askQuestion(proxy.base, path);
  expect(asked.status).toBe(200);
  const askedAt = Date.now();
  await until(
    "the new question on the proxy's page",
    async () => (waiting(await (await fetch(`${proxy.base}${path}`)).text()) === waiting(before) + 1 ? true : undefined),
    30_000,
  );
  // Seen within the stated age (the copy was at most that old when the question came), with room for a
  // slow machine's refresh; never later than the copy's age plus its stale-while-revalidate window.
  expect(Date.now() - askedAt).toBeLessThan(2 * sharedMaxAge * 1000 + 5000);
});

test("an expired copy is checked with If-None-Match and refreshed by the app's 304", async () => {
  const path = `/postings/${postingIds[1]}`;
  const kept = await until("the page kept by the proxy", async () => {
    const response = await fetch(`${proxy.base}${path}`);
    const page = await response.text();
    return cacheStatus(response) === "HIT" ? page : undefined;
  });
  // Past both the age and the stale window: the next request waits for the app's answer.
  await new Promise((resolve) => setTimeout(resolve, (2 * sharedMaxAge + 1) * 1000));
  const checked = await fetch(`${proxy.base}${path}`);
  expect(cacheStatus(checked)).toBe("REVALIDATED");
  expect(await checked.text()).toBe(kept);
});

test("a signed-in reader's page is neither served from the cache nor kept in it", async () => {
  const cookie = await signInCookie(proxy.base, "officer");
  const path = `/postings/${postingIds[2]}`;
  // The anonymous copy is kept first, so that serving it to the officer would show.
  await until("the page kept by the proxy", async () => (cacheStatus(await fetch(`${proxy.base}${path}`)) === "HIT" ? true : undefined));
  for (let i = 0; i < 2; i++) {
    const officer = await fetch(`${proxy.base}${path}`, { headers: { Cookie: `theme=plain; ${cookie}` } });
    expect(cacheStatus(officer)).toBe("BYPASS");
    expect(officer.headers.get("cache-control")).toBe("private, no-store");
    const page = await officer.text();
    expect(page).toContain("<script");
    expect(page).toContain("退出");
  }
  const anonymous = await fetch(`${proxy.base}${path}`);
  expect(cacheStatus(anonymous)).toBe("HIT");
  const page = await anonymous.text();
  expect(page).not.toContain("<script");
  expect(page).not.toContain("退出");
});

test("with one instance stopped, the other answers every request through the proxy", async () => {
  a.stop();
  const path = `/postings/${postingIds[3]}`;
  for (let i = 0; i < 6; i++) {
    // Pages the proxy does not keep (a React page) reach an instance each time.
    const response = await fetch(`${proxy.base}/orgs/${org.id}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(org.name);
  }
  const asked = await askQuestion(proxy.base, path, "这笔支出什么时候结清？");
  expect(asked.status).toBe(200);
  const healthy = await fetch(`${proxy.base}/healthz`);
  expect(healthy.status).toBe(200);
});
