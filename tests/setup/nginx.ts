/**
 * Debian's nginx running the repository's deploy/nginx.conf in front of app
 * instances, in a folder of its own: the file is used as written, with only its
 * listen address, its upstream servers and its cache folder replaced. For the
 * proxy test and for `npm run bench -- --through-nginx`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, until } from "./app-server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const nginxConfigFile = path.join(root, "deploy/nginx.conf");

export function nginxBinary(): string {
  const found = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
  if (!found) throw new Error("nginx is not installed: apt-get install nginx (.ci/run installs it when missing)");
  return found;
}

/** deploy/nginx.conf with its listen address, upstream servers and cache folder replaced. */
export function siteConfig(listen: string, upstreams: string[], cacheDir: string): string {
  const site = fs.readFileSync(nginxConfigFile, "utf8");
  const servers = /^([ \t]*)server 127\.0\.0\.1:\d+ ([^;\n]*);\n/gm;
  const first = servers.exec(site);
  if (!first) throw new Error(`${nginxConfigFile}: no "server 127.0.0.1:<port> …;" line in its upstream block`);
  const lines = upstreams.map((u) => `${first[1]}server ${u} ${first[2]};\n`).join("");
  let replaced = false;
  const rewritten = site
    .replace(servers, () => (replaced ? "" : ((replaced = true), lines)))
    .replace(/^(\s*)listen 80;/m, `$1listen ${listen};`)
    .replace("/var/cache/nginx/community-registry", cacheDir);
  for (const must of [`listen ${listen};`, cacheDir]) if (!rewritten.includes(must)) throw new Error(`${nginxConfigFile}: could not set ${must}`);
  return rewritten;
}

export interface Nginx {
  base: string;
  port: number;
  process: ChildProcess;
  /** The error log so far. */
  errors: () => string;
  stop: () => Promise<void>;
}

/** Starts nginx on a free loopback port in front of `upstreams` (host:port each) and waits until it answers. */
export async function startNginx(upstreams: string[]): Promise<Nginx> {
  const binary = nginxBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cr-nginx-"));
  // The workers run as nobody: they write the cache and the temporary bodies.
  fs.chmodSync(dir, 0o755);
  for (const sub of ["cache", "temp"]) fs.mkdirSync(path.join(dir, sub), { mode: 0o777 });
  for (const sub of ["cache", "temp"]) fs.chmodSync(path.join(dir, sub), 0o777);
  const port = await freePort();
  fs.writeFileSync(path.join(dir, "site.conf"), siteConfig(`127.0.0.1:${port}`, upstreams, path.join(dir, "cache")));
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, "temp", name)};`;
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      "worker_processes 1;",
      `pid ${path.join(dir, "nginx.pid")};`,
      `error_log ${path.join(dir, "error.log")} warn;`,
      "events { worker_connections 1024; }",
      "http {",
      "  access_log off;",
      `  ${temp("client_body")} ${temp("proxy")} ${temp("fastcgi")} ${temp("uwsgi")} ${temp("scgi")}`,
      `  include ${path.join(dir, "site.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  let output = "";
  const child = spawn(binary, ["-p", dir, "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const errors = () => output + (fs.existsSync(path.join(dir, "error.log")) ? fs.readFileSync(path.join(dir, "error.log"), "utf8") : "");
  const base = `http://127.0.0.1:${port}`;
  await until(
    "nginx to answer",
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${errors()}`);
      return (await fetch(`${base}/healthz`)).status === 200 ? true : undefined;
    },
    20_000,
    errors,
  );
  return {
    base,
    port,
    process: child,
    errors,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
