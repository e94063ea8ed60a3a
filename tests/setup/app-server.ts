/**
 * The production server (`node server.mjs` on build/) as a child process, for
 * the tests that need a real server in front of the database: an outage, or
 * several instances sharing one PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `fn` until it gives a value, or fails naming `what` (with `context()` for the server's output). */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000, context = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface AppServer {
  base: string;
  /** The supervisor (server.mjs's primary process). */
  process: ChildProcess;
  output: () => string;
  /** The worker processes serving now, as the supervisor reports them. */
  workerPids: () => number[];
  stop: () => void;
}

/** Workers the supervisor said it started and not (yet) that they exited. */
export function liveWorkers(output: string): number[] {
  const started = [...output.matchAll(/工作进程 (\d+) 启动中/g)].map((m) => Number(m[1]));
  const exited = new Set([...output.matchAll(/工作进程 (\d+) 已退出/g)].map((m) => Number(m[1])));
  return started.filter((pid) => !exited.has(pid));
}

/**
 * Starts the built app on a free port with `env` added, and waits until
 * /healthz answers 200. A first start on an empty data folder prepares the
 * whole demo district, which on a loaded machine takes far longer than a start
 * on a prepared database: such callers pass a longer `startupMs`.
 */
export async function startAppServer(env: Record<string, string>, startupMs = 20_000): Promise<AppServer> {
  if (!fs.existsSync(path.resolve("build/server/index.js"))) {
    throw new Error("No production build: run `npm run build` first (npm test does).");
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["server.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await until(
    "the server to answer",
    async () => ((await fetch(`${base}/healthz`)).status === 200 ? true : undefined),
    startupMs,
    () => output,
  );
  return {
    base,
    process: child,
    output: () => output,
    workerPids: () => liveWorkers(output),
    stop: () => {
      for (const pid of liveWorkers(output)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      child.kill("SIGKILL");
    },
  };
}
