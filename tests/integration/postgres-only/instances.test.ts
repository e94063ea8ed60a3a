/**
 * Two app instances on one PostgreSQL, as behind a load balancer: nothing a
 * user relies on lives in one process. A session made on one instance works
 * on the other; the sign-in throttles (per account and per address) count attempts
 * made on both; two officers deciding the same application on different
 * instances cannot both win.
 */
import { confirmedField, confirmedValue } from "../../../app/domain/shared/confirmation";
import http from "node:http";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../../db/client.server";
import { applications, applicationSteps, organizations, postings, users } from "../../../db/schema";
import { demoPassword } from "../../../app/setup/demo";
import { hashPassword } from "../../../app/auth/password.server";
import { composeUscc } from "../../../app/domain/organizations/uscc";
import { startAppServer, until, type AppServer } from "../../setup/app-server";
import { loadDemoDistrict } from "../../setup/demo";

let a: AppServer;
let b: AppServer;

beforeAll(async () => {
  await loadDemoDistrict();
  // Both trust the (loopback) load balancer's X-Forwarded-For, as the README's setup does. One worker
  // each: kept pages are each process's own, and the tests ask whether an instance kept a page (with two,
  // a new connection may reach the other worker, which has not; it failed so once on a loaded machine).
  const env = { DATABASE_URL: process.env.DATABASE_URL!, TRUST_PROXY: "loopback", WEB_CONCURRENCY: "1" };
  [a, b] = await Promise.all([startAppServer(env), startAppServer(env)]);
}, 60_000);

afterAll(() => {
  a?.stop();
  b?.stop();
});

/** POST /login on `server` from client address `ip`; the status and the session cookie, if any. */
async function signIn(server: AppServer, username: string, password: string, ip: string) {
  const response = await fetch(`${server.base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": ip },
    body: new URLSearchParams({ username, password }),
  });
  const cookie = /cr_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0] ?? null;
  return { status: response.status, cookie, headers: response.headers, body: response.status === 302 ? "" : await response.text() };
}

function get(server: AppServer, path: string, cookie: string) {
  return fetch(`${server.base}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
}

test("the instances are two processes on one database", () => {
  expect(a.base).not.toBe(b.base);
  expect(a.process.pid).not.toBe(b.process.pid);
});

test("a session made on one instance works on the other, and signing out on one ends it on both", async () => {
  const signedIn = await signIn(a, "officer", demoPassword, "198.51.100.1");
  expect(signedIn.status).toBe(302);
  const cookie = signedIn.cookie!;
  expect((await get(b, "/officer", cookie)).status).toBe(200);
  expect(await (await get(b, "/officer", cookie)).text()).toContain("工作台");

  const out = await fetch(`${b.base}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: b.base } });
  expect(out.status).toBe(302);
  const after = await get(a, "/officer", cookie);
  expect(after.status).toBe(302);
  expect(after.headers.get("location")).toMatch(/^\/login/);
});

test("failures spread over both instances slow the account down on both, and a stranger's never lock it", async () => {
  const ip = "198.51.100.2";
  for (const [i, server] of [a, b, a].entries()) {
    expect((await signIn(server, "supervisor", `wrong-${i}`, ip)).status).toBe(401);
  }
  // Three failures counted across both instances: the next attempt waits, whichever instance it reaches.
  for (const server of [a, b]) {
    const attempt = await signIn(server, "supervisor", demoPassword, "198.51.100.12");
    expect(attempt.status).toBe(429);
    expect(Number(attempt.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(attempt.headers.get("retry-after"))).toBeLessThanOrEqual(5);
    expect(attempt.body).toContain("尝试过于频繁");
    expect(attempt.cookie).toBeNull();
  }
  // A delayed real account and a delayed unknown name answer alike: status, headers and page.
  for (const [i, server] of [a, b, a].entries()) {
    await signIn(server, "clerk", `wrong-${i}`, ip);
    await signIn(server, "no-such-clerk", `wrong-${i}`, ip);
  }
  const [real, unknown] = [await signIn(b, "clerk", demoPassword, "198.51.100.13"), await signIn(b, "no-such-clerk", demoPassword, "198.51.100.13")];
  const comparable = (answer: typeof real, username: string) => ({
    status: answer.status,
    headers: [...answer.headers.entries()].filter(([name]) => !["date", "content-security-policy", "content-length"].includes(name)),
    // The page differs only in its CSP nonce and the name typed back into the field.
    body: answer.body.replace(/nonce(=|-)"?[\w+/=-]+/g, "nonce").replaceAll(username, "NAME"),
  });
  expect(real.status).toBe(429);
  expect(real.headers.get("retry-after")).toMatch(/^[1-5]$/);
  expect(comparable(unknown, "no-such-clerk")).toEqual(comparable(real, "clerk"));
  // No lock: once the few seconds are over, the right password works.
  const db = await getDb();
  await until("the account's wait to pass", async () => ((await signIn(b, "supervisor", demoPassword, "198.51.100.12")).status === 302 ? true : undefined), 10_000);
  const [supervisor] = await db.select().from(users).where(eq(users.username, "supervisor"));
  expect(supervisor!.lockedUntil).toBeNull();
});

test("one address gets twenty failures across both instances, not twenty on each", async () => {
  const ip = "198.51.100.3";
  for (let i = 0; i < 20; i++) {
    const server = i % 2 ? b : a;
    expect((await signIn(server, `nobody-${i}`, "x", ip)).status).toBe(401);
  }
  const refused = await signIn(a, "nobody-else", "x", ip);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
  expect((await signIn(b, "officer", demoPassword, ip)).status).toBe(429);
  // Another address is not held back by this one.
  expect((await signIn(b, "officer", demoPassword, "198.51.100.4")).status).toBe(302);
});

describe("two officers deciding one application on different instances", () => {
  test("exactly one decision wins; the other is refused and writes nothing", async () => {
    const db = await getDb();
    // 鲤城区青少年科技教育协会: an establishment accepted and waiting for a decision (app/setup/demo.ts).
    const [application] = await db
      .select()
      .from(applications)
      .where(and(eq(applications.title, "鲤城区青少年科技教育协会"), eq(applications.state, "accepted")));
    expect(application).toBeDefined();
    // A second district officer, so that two people decide.
    await db.insert(users).values({
      username: "officer2",
      displayName: "李登记（区民政局）",
      role: "district_officer",
      passwordHash: await hashPassword(demoPassword),
    });
    const first = (await signIn(a, "officer", demoPassword, "198.51.100.5")).cookie!;
    const second = (await signIn(b, "officer2", demoPassword, "198.51.100.6")).cookie!;
    expect(first && second).toBeTruthy();

    const decide = (server: AppServer, cookie: string, fields: Record<string, string>) =>
      fetch(`${server.base}/officer/applications/${application!.id}`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: cookie, Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
        // Both confirmed, as the dialog sends them: 准予 and 不予登记 cannot be undone.
        body: new URLSearchParams({ version: String(application!.version), [confirmedField]: confirmedValue, ...fields }),
      });
    const uscc = composeUscc("1", "350502", "MJ888888");
    const results = await Promise.all([
      decide(a, first, { decision: "approve", uscc, certificateNumber: "闽鲤社证字第8888号" }),
      decide(b, second, { decision: "reject", reason: "业务主管单位撤回同意意见" }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(await loser.text()).toContain("已被其他人处理");

    const [after] = await db.select().from(applications).where(eq(applications.id, application!.id));
    expect(after!.version).toBe(application!.version + 1);
    const steps = await db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, application!.id));
    expect(steps.filter((s) => s.action === "approve" || s.action === "reject")).toHaveLength(1);
    // Approval would have registered the organization; a rejection must not have.
    const registered = await db.select().from(organizations).where(eq(organizations.uscc, uscc));
    expect(registered).toHaveLength(after!.state === "approved" ? 1 : 0);
  });
});

describe("public pages kept per instance", () => {
  test("a kept page is served until the public data changes, whichever instance or process changed it", async () => {
    const db = await getDb();
    const [org] = await db.select().from(organizations).where(eq(organizations.status, "normal")).limit(1);
    const path = `/orgs/${org!.id}`;
    const read = async (server: AppServer, at = path) => {
      const response = await fetch(`${server.base}${at}`);
      const body = await response.text();
      const csp = response.headers.get("content-security-policy") ?? "";
      return { cache: response.headers.get("x-page-cache"), body, nonce: /nonce-([^']+)/.exec(csp)?.[1] ?? "" };
    };
    const first = await read(a);
    const second = await read(a);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    // A kept page that runs scripts (React's, not a reading page) gives every response its own nonce, in the header and in the page alike.
    const scripted = [await read(a, "/stats"), await read(a, "/stats")];
    expect(scripted.map((r) => r.cache)).toEqual(["miss", "hit"]);
    expect(scripted[1]!.nonce).not.toBe(scripted[0]!.nonce);
    expect(scripted[1]!.body).toContain(`nonce="${scripted[1]!.nonce}"`);
    expect(scripted[1]!.body).not.toContain(scripted[0]!.nonce);

    // A change committed anywhere (here: straight to the database) moves the version; both instances render again.
    await db.update(organizations).set({ address: "泉州市鲤城区缓存测试路 9 号" }).where(eq(organizations.id, org!.id));
    const afterA = await read(a);
    const afterB = await read(b);
    expect(afterA.cache).toBe("miss");
    expect(afterA.body).toContain("缓存测试路 9 号");
    expect(afterB.body).toContain("缓存测试路 9 号");
    expect((await read(a)).cache).toBe("hit");
  });

  test("a page kept under a forged Host header is never served to a reader of the real host", async () => {
    const db = await getDb();
    const [posting] = await db.select({ id: postings.id }).from(postings).where(eq(postings.status, "published")).limit(1);
    const path = `/postings/${posting!.id}/print`;
    const port = new URL(a.base).port;
    // The print view writes its own address for the notice board.
    const forged = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path, headers: { Host: "evil.example" } }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve(body));
        })
        .on("error", reject);
    });
    expect(forged).toContain("evil.example/postings/");
    const real = await (await fetch(`${a.base}${path}`)).text();
    expect(real).not.toContain("evil.example");
    expect(real).toContain(`127.0.0.1:${port}/postings/${posting!.id}`);
  });

  test("a signed-in reader is never served a kept page", async () => {
    const cookie = (await signIn(a, "officer", demoPassword, "198.51.100.8")).cookie!;
    const response = await fetch(`${a.base}/orgs`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-page-cache")).toBeNull();
    expect(await response.text()).toContain("陈登记");
  });
});
