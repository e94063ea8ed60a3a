/**
 * The production server against a PostgreSQL server reached through a TCP
 * proxy that the test cuts and restores: pages answer a friendly 503 while the
 * database is away and recover by themselves; SIGTERM stops the server quickly.
 */
import type { ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, until as waitUntil, type AppServer } from "../../setup/app-server";
import { loadDemoDistrict } from "../../setup/demo";

let proxy: { close: () => Promise<void> } | undefined;
let proxyPort = 0;
let app: AppServer | undefined;
let server: ChildProcess | undefined;
let base = "";
const until = <T,>(what: string, fn: () => Promise<T | undefined>) => waitUntil(what, fn, 20_000, () => app?.output() ?? "");

function startProxy(port: number, target: { host: string; port: number }): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const listener = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => {
    listener.listen(port, "127.0.0.1", () => {
      resolve({
        port: (listener.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            listener.close(() => done());
          }),
      });
    });
  });
}

const statusOf = (url: string) => fetch(url, { redirect: "manual" }).then((r) => r.status);

beforeAll(async () => {
  await loadDemoDistrict();
  const dbUrl = new URL(process.env.DATABASE_URL!);
  const target = { host: dbUrl.hostname, port: Number(dbUrl.port || 5432) };
  proxy = await startProxy(0, target).then((p) => {
    proxyPort = p.port;
    return p;
  });
  const viaProxy = new URL(dbUrl);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxyPort);
  app = await startAppServer({ DATABASE_URL: viaProxy.toString() });
  base = app.base;
  server = app.process;
  // Keep the outage restorable on the same port.
  restore = () => startProxy(proxyPort, target);
});

let restore: () => Promise<{ close: () => Promise<void> }>;

afterAll(async () => {
  server?.kill("SIGKILL");
  await proxy?.close();
});

test("pages answer a friendly 503 while the database is away and recover by themselves", async () => {
  expect(await statusOf(`${base}/`)).toBe(200);
  await proxy!.close();
  // A reading page (app/reading) asked for at once, perhaps before the instance has noticed: its 503, never a 500.
  expect(await statusOf(`${base}/orgs?q=${encodeURIComponent("出口")}`)).toBe(503);

  const page = await until("a 503 page", async () => {
    const response = await fetch(`${base}/places/350502001000`, { headers: { Accept: "text/html" } });
    return response.status === 503 ? response.text() : undefined;
  });
  expect(page).toContain("服务暂时不可用");
  expect(page).not.toMatch(/ECONNREFUSED|at .*\.js|stack/i);
  expect(await statusOf(`${base}/healthz`)).toBe(503);
  expect(await statusOf(`${base}/`)).toBe(503);

  proxy = await restore();
  await until("recovery", async () => ((await statusOf(`${base}/`)) === 200 ? true : undefined));
  expect(await statusOf(`${base}/healthz`)).toBe(200);
});

test("SIGTERM stops the server within a few seconds even with the pool open", async () => {
  const exited = new Promise<number | null>((resolve) => server!.once("exit", (code) => resolve(code)));
  const started = Date.now();
  server!.kill("SIGTERM");
  const code = await exited;
  expect(code).toBe(0);
  expect(Date.now() - started).toBeLessThan(5000);
});
