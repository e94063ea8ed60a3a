/**
 * Writes while the database goes away. Clients create postings and readers
 * read while the connection to PostgreSQL is cut and restored (a TCP proxy
 * the test controls, so transactions die mid-flight and commits can land
 * without their answer). Every client retries each write that failed, once,
 * with the same submission key, as a user resubmitting the form would. Then:
 * writes acknowledged = rows stored, and no write is stored twice.
 */
import net from "node:net";
import { like, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDb } from "../../../db/client.server";
import { postings } from "../../../db/schema";
import { demoPassword } from "../../../app/setup/demo";
import { monthPeriod } from "../../../app/domain/postings/rules";
import { shanghaiDate } from "../../../app/domain/shared/time";
import { startAppServer, until, type AppServer } from "../../setup/app-server";
import { loadDemoDistrict } from "../../setup/demo";

interface Proxy {
  close: () => Promise<void>;
  /**
   * While set, a connection that sends COMMIT is cut on the app's side at
   * once, while the database still receives and runs the COMMIT: the write is
   * stored and its answer lost, which is what a retry must not duplicate.
   */
  loseCommitAnswers: boolean;
}

function startProxy(port: number, target: { host: string; port: number }): Promise<Proxy & { port: number }> {
  const sockets = new Set<net.Socket>();
  const commit = Buffer.from("commit");
  const proxy = { loseCommitAnswers: false } as Proxy & { port: number };
  const listener = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      if (proxy.loseCommitAnswers && chunk.toString("latin1").toLowerCase().includes(commit.toString())) {
        upstream.unpipe(client);
        client.destroy();
        setTimeout(() => upstream.end(), 300);
      }
    });
    upstream.pipe(client);
  });
  return new Promise((resolve) => {
    listener.listen(port, "127.0.0.1", () => {
      proxy.port = (listener.address() as net.AddressInfo).port;
      proxy.close = () =>
        new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          listener.close(() => done());
        });
      resolve(proxy);
    });
  });
}

let app: AppServer;
let proxy: Proxy & { port: number };
let target: { host: string; port: number };
let cookie = "";

beforeAll(async () => {
  await loadDemoDistrict();
  const dbUrl = new URL(process.env.DATABASE_URL!);
  target = { host: dbUrl.hostname, port: Number(dbUrl.port || 5432) };
  proxy = await startProxy(0, target);
  const viaProxy = new URL(dbUrl);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  app = await startAppServer({ DATABASE_URL: viaProxy.toString(), WEB_CONCURRENCY: "2" });
  const signedIn = await fetch(`${app.base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: "clerk", password: demoPassword }),
  });
  cookie = /cr_session=[^;]+/.exec(signedIn.headers.get("set-cookie") ?? "")?.[0] ?? "";
  expect(cookie).not.toBe("");
}, 60_000);

afterAll(async () => {
  app?.stop();
  await proxy?.close();
});

type Outcome = "acknowledged" | "unavailable" | "other";

/** One creation of a posting draft, as the browser posts the form: 302/303 is the acknowledgement. */
async function createDraft(title: string, key: string, period: string): Promise<{ outcome: Outcome; status: number }> {
  try {
    const response = await fetch(`${app.base}/village/postings/new?_submission=${key}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.base, Cookie: cookie, Accept: "text/html", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "finance_monthly", title, body: "故障演练：本月收支。", period }),
      signal: AbortSignal.timeout(20_000),
    });
    await response.arrayBuffer();
    if (response.status === 302 || response.status === 303) return { outcome: "acknowledged", status: response.status };
    return { outcome: response.status === 503 ? "unavailable" : "other", status: response.status };
  } catch {
    return { outcome: "unavailable", status: 0 };
  }
}

test("with the database cut under load and every failed write retried once: acknowledged = stored, no duplicates", async () => {
  const today = shanghaiDate(new Date());
  const [y, m] = today.split("-").map(Number) as [number, number];
  const period = monthPeriod(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1).key;
  const writes: Array<{ title: string; key: string; first: Outcome; firstStatus: number; retry?: Outcome; retryStatus?: number }> = [];
  let running = true;
  let readsDuringLoad = 0;

  const writer = async (client: number) => {
    for (let n = 0; running; n++) {
      const title = `故障演练-${client}-${n}`;
      const key = `outage${client}x${n}x${Math.random().toString(36).slice(2, 12)}`;
      const result = await createDraft(title, key, period);
      writes.push({ title, key, first: result.outcome, firstStatus: result.status });
      if (result.outcome === "unavailable") await new Promise((r) => setTimeout(r, 100));
    }
  };
  const reader = async () => {
    while (running) {
      await fetch(`${app.base}/orgs?q=协会`, { signal: AbortSignal.timeout(20_000) }).then((r) => r.arrayBuffer()).catch(() => undefined);
      readsDuringLoad++;
    }
  };
  const load = [...Array.from({ length: 12 }, (_, i) => writer(i)), reader(), reader(), reader()];

  // Three cuts, each while writes are in flight; the first API request after the first drop is a 503 like every page, not a 500.
  for (let cut = 0; cut < 3; cut++) {
    await new Promise((r) => setTimeout(r, 2500));
    await proxy.close();
    if (cut === 0) {
      const api = await until("an API answer while the database is away", async () => {
        const response = await fetch(`${app.base}/api/v1/organizations?q=协会`);
        return response.status === 200 ? undefined : response.status;
      });
      expect(api).toBe(503);
    }
    await new Promise((r) => setTimeout(r, 1500));
    proxy = await startProxy(proxy.port, target);
    await until("recovery", async () => ((await fetch(`${app.base}/healthz`)).status === 200 ? true : undefined));
  }
  // Then commits that land without their answer reaching the app.
  proxy.loseCommitAnswers = true;
  await new Promise((r) => setTimeout(r, 2000));
  proxy.loseCommitAnswers = false;
  await until("recovery", async () => ((await fetch(`${app.base}/healthz`)).status === 200 ? true : undefined));
  await new Promise((r) => setTimeout(r, 2500));
  running = false;
  await Promise.all(load);

  // Each failed write is sent again, once, with the same key, as a user resubmitting would.
  for (const w of writes.filter((w) => w.first !== "acknowledged")) {
    const again = await createDraft(w.title, w.key, period);
    w.retry = again.outcome;
    w.retryStatus = again.status;
  }

  const db = await getDb();
  const stored = await db
    .select({ title: postings.title, copies: sql<number>`count(*)::int` })
    .from(postings)
    .where(like(postings.title, "故障演练-%"))
    .groupBy(postings.title);
  const acknowledged = writes.filter((w) => w.first === "acknowledged" || w.retry === "acknowledged");
  const failedFirst = writes.filter((w) => w.first !== "acknowledged");
  const storedTitles = new Set(stored.map((s) => s.title));
  const figures = {
    writes: writes.length,
    acknowledgedFirstTime: writes.filter((w) => w.first === "acknowledged").length,
    failedFirstTime: failedFirst.length,
    firstStatuses: failedFirst.reduce<Record<string, number>>((m, w) => ({ ...m, [w.firstStatus]: (m[w.firstStatus] ?? 0) + 1 }), {}),
    // Committed, but the answer was lost with the connection: the retry finds the key taken and is answered 303.
    storedThoughAnswered503: failedFirst.filter((w) => w.retryStatus === 303).length,
    acknowledgedAfterRetry: acknowledged.length,
    retryStatuses: failedFirst.reduce<Record<string, number>>((m, w) => ({ ...m, [w.retryStatus ?? -1]: (m[w.retryStatus ?? -1] ?? 0) + 1 }), {}),
    stored: stored.length,
    duplicates: stored.filter((s) => s.copies > 1).length,
    readsDuringLoad,
  };
  console.log(JSON.stringify(figures));
  if (process.env.OUTAGE_DEBUG) console.log(app.output().slice(-4000));

  // No worker died of it (the driver's null-socket crash, scripts/patch-postgres-driver.mjs).
  // Said with what the dying worker printed last, so a failure names its cause.
  const output = app.output();
  const death = output.indexOf("已退出");
  expect(death === -1 ? null : output.slice(Math.max(0, death - 3000), death + 200)).toBeNull();
  expect(failedFirst.length).toBeGreaterThan(0);
  expect(figures.storedThoughAnswered503).toBeGreaterThan(0);
  expect(writes.filter((w) => w.first === "other")).toEqual([]);
  expect(figures.duplicates).toBe(0);
  expect(acknowledged.length).toBe(writes.length);
  expect(stored.length).toBe(acknowledged.length);
  expect(new Set(acknowledged.map((w) => w.title))).toEqual(storedTitles);
}, 120_000);
