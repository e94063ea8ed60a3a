/**
 * A PostgreSQL primary and a real streaming replica of it, made with the
 * server's own binaries in a temporary folder (initdb with replication
 * allowed, pg_basebackup -R, two postmasters on free loopback ports), for the
 * replica test. The shared server on 5432 is left alone. Every statement each
 * server runs is logged to its own file (log_statement = all), so a test can
 * count which server answered what. As root, the binaries run as the postgres
 * user (initdb refuses root).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./app-server";

function binDir(): string {
  const fromConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const installed = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`) : [];
  const candidates = [fromConfig.status === 0 ? fromConfig.stdout.trim() : "", ...installed];
  const found = candidates.find((dir) => dir && fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_basebackup")));
  if (!found) throw new Error("PostgreSQL's server binaries (initdb, pg_basebackup) are not installed: apt-get install postgresql");
  return found;
}

export interface PostgresServer {
  port: number;
  url: (database?: string) => string;
  dataDir: string;
  logFile: string;
  /** The log written since `from` (a length of the log as returned by logLength). */
  logSince: (from: number) => string;
  logLength: () => number;
  stop: () => void;
  start: () => void;
}

export interface PrimaryAndReplica {
  primary: PostgresServer;
  replica: PostgresServer;
  /** Makes the replica from the primary as it is now (pg_basebackup -R) and starts it. */
  startReplica: () => Promise<void>;
  stopAll: () => void;
}

export async function startPrimary(): Promise<PrimaryAndReplica> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cr-replica-"));
  if (asRoot) execFileSync("chown", ["postgres:postgres", root]);
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, command), ...args]] : [path.join(bin, command), args];
    const result = spawnSync(file, argv as string[], { encoding: "utf8", cwd: root });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };

  const server = (name: string, port: number): PostgresServer => {
    const dataDir = path.join(root, name);
    const logFile = path.join(root, `${name}.log`);
    const logLength = () => (fs.existsSync(logFile) ? fs.statSync(logFile).size : 0);
    return {
      port,
      dataDir,
      logFile,
      url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
      logLength,
      logSince: (from) => {
        const fd = fs.openSync(logFile, "r");
        try {
          const size = fs.fstatSync(fd).size;
          const buffer = Buffer.alloc(Math.max(0, size - from));
          fs.readSync(fd, buffer, 0, buffer.length, from);
          return buffer.toString("utf8");
        } finally {
          fs.closeSync(fd);
        }
      },
      start: () => void run("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"]),
      stop: () => {
        if (fs.existsSync(path.join(dataDir, "postmaster.pid"))) run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      },
    };
  };

  const primary = server("primary", await freePort());
  const replica = server("replica", await freePort());
  // Each server listens on loopback only, on its own socket folder; every statement goes to its log.
  const settings = (port: number) =>
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${root}'`,
      "wal_level = replica",
      "max_wal_senders = 4",
      "hot_standby = on",
      "fsync = off",
      "synchronous_commit = off",
      "full_page_writes = off",
      "shared_buffers = 32MB",
      "max_connections = 60",
      "log_statement = 'all'",
      "log_line_prefix = '%m [%p] %a '",
      "",
    ].join("\n");
  run("initdb", ["-D", primary.dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  fs.appendFileSync(path.join(primary.dataDir, "postgresql.conf"), settings(primary.port));
  primary.start();

  return {
    primary,
    replica,
    startReplica: async () => {
      run("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", replica.dataDir, "-R", "-X", "stream", "-c", "fast"]);
      // The copy carries the primary's settings; the last line wins.
      fs.appendFileSync(path.join(replica.dataDir, "postgresql.conf"), `port = ${replica.port}\n`);
      replica.start();
    },
    stopAll: () => {
      for (const s of [replica, primary]) {
        try {
          s.stop();
        } catch {
          /* already stopped */
        }
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
