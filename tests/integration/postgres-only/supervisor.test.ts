/**
 * The production server keeps itself alive: server.mjs supervises worker
 * processes and starts a new one whenever one dies. Killed outright (SIGKILL,
 * as an out-of-memory kill would), a worker is replaced and the next request is
 * served — by the other worker at once on PostgreSQL, and by the replacement on
 * the embedded database, which one process owns.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, expect, test } from "vitest";
import { startAppServer, until, type AppServer } from "../../setup/app-server";
import { loadDemoDistrict } from "../../setup/demo";

const servers: AppServer[] = [];
afterAll(() => servers.forEach((s) => s.stop()));

const status = (url: string) => fetch(url, { redirect: "manual" }).then((r) => r.status, () => 0);
async function stats(server: AppServer) {
  const response = await fetch(`${server.base}/api/v1/stats`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`stats answered ${response.status}: ${text}\n${server.output()}`);
  return JSON.parse(text) as unknown;
}
const listening = (server: AppServer) => [...server.output().matchAll(/已启动：.*工作进程 (\d+)/g)].map((m) => Number(m[1]));

test("on PostgreSQL: a worker killed outright is replaced, and the other serves the very next request", async () => {
  await loadDemoDistrict();
  const server = await startAppServer({ DATABASE_URL: process.env.DATABASE_URL!, WEB_CONCURRENCY: "2" });
  servers.push(server);
  await until("both workers to listen", async () => (listening(server).length >= 2 ? true : undefined));
  const [victim, survivor] = server.workerPids();
  process.kill(victim!, "SIGKILL");
  await until("the supervisor to notice", async () => (server.output().includes(`工作进程 ${victim} 已退出`) ? true : undefined));
  // The next requests are served without waiting for the replacement.
  for (let i = 0; i < 5; i++) expect(await status(`${server.base}/orgs`)).toBe(200);
  const replacement = await until("a replacement worker", async () => server.workerPids().find((pid) => pid !== survivor && pid !== victim));
  await until("the replacement to listen", async () => (listening(server).includes(replacement) ? true : undefined));
  expect(server.workerPids().sort()).toEqual([survivor!, replacement].sort());
  expect(await status(`${server.base}/healthz`)).toBe(200);
}, 60_000);

test("on the embedded database: the one worker is replaced and serves again, with the data kept", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-supervisor-"));
  const server = await startAppServer({ DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_AUTO_PREPARE: "1" }, 90_000);
  servers.push(server);
  try {
    const [victim] = server.workerPids();
    expect(server.workerPids()).toHaveLength(1);
    const before = await stats(server);
    process.kill(victim!, "SIGKILL");
    await until("the supervisor to notice", async () => (server.output().includes(`工作进程 ${victim} 已退出`) ? true : undefined));
    const served = await until("the next request to be served", async () => ((await status(`${server.base}/orgs`)) === 200 ? true : undefined), 60_000);
    expect(served).toBe(true);
    expect(server.workerPids()).toHaveLength(1);
    expect(server.workerPids()[0]).not.toBe(victim);
    expect(await stats(server)).toEqual(before);
  } finally {
    server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);

test("an instance's workers share its DATABASE_POOL_SIZE: under load the instance holds no more connections than that", async () => {
  await loadDemoDistrict();
  const database = decodeURIComponent(new URL(process.env.DATABASE_URL!).pathname.slice(1));
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  // Only this server's connections on this file's database: the earlier tests' servers go first.
  servers.splice(0).forEach((s) => s.stop());
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  const server = await startAppServer({ DATABASE_URL: process.env.DATABASE_URL!, WEB_CONCURRENCY: "2", DATABASE_POOL_SIZE: "4", PUBLIC_PAGE_CACHE: "0" });
  servers.push(server);
  try {
    await until("both workers to listen", async () => (listening(server).length >= 2 ? true : undefined));
    expect([...server.output().matchAll(/工作进程 \d+，数据库连接至多 (\d+) 个/g)].map((m) => m[1])).toEqual(["2", "2"]);
    let most = 0;
    let loading = true;
    const watching = (async () => {
      while (loading) {
        const [row] = await admin<Array<{ n: number }>>`select count(*)::int as n from pg_stat_activity where datname = ${database} and application_name = 'community-registry'`;
        most = Math.max(most, row!.n);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    // Sixty readers at once, each a different search, for a few rounds: every worker's pool is wanted in full.
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => status(`${server.base}/orgs?q=${encodeURIComponent(["社", "会", "协", "中心"][i % 4]!)}&page=${round * 60 + i + 1}`)));
      expect(answers.every((s) => s === 200)).toBe(true);
    }
    loading = false;
    await watching;
    expect(most).toBeGreaterThanOrEqual(2);
    expect(most).toBeLessThanOrEqual(4);
  } finally {
    await admin.end();
  }
}, 120_000);

test("no more workers start than there are connections to share", async () => {
  const server = await startAppServer({ DATABASE_URL: process.env.DATABASE_URL!, WEB_CONCURRENCY: "3", DATABASE_POOL_SIZE: "2" });
  servers.push(server);
  await until("two workers to listen", async () => (listening(server).length >= 2 ? true : undefined));
  expect(server.output()).toContain("不足以分给 3 个工作进程：只启动 2 个");
  expect([...server.output().matchAll(/工作进程 \d+，数据库连接至多 (\d+) 个/g)].map((m) => m[1])).toEqual(["1", "1"]);
  expect(server.workerPids()).toHaveLength(2);
  expect(await status(`${server.base}/orgs`)).toBe(200);
}, 60_000);

test("SIGTERM to the supervisor stops its workers and then itself", async () => {
  const server = await startAppServer({ DATABASE_URL: process.env.DATABASE_URL!, WEB_CONCURRENCY: "2" });
  servers.push(server);
  await until("both workers to listen", async () => (listening(server).length >= 2 ? true : undefined));
  const workers = server.workerPids();
  const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
  server.process.kill("SIGTERM");
  expect(await exited).toBe(0);
  for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
}, 60_000);
