/**
 * The one place that decides which database the app has: a PostgreSQL server
 * when DATABASE_URL is set, otherwise an embedded PGlite under DATA_DIR.
 * Everything else sees only `Database` (a drizzle PgDatabase) and `queryRows`.
 *
 * With DATABASE_REPLICA_URL (a streaming replica of that server) too, the
 * reads of a request the app runs `withPublicReads` (an anonymous reader's
 * GET of a public page) go to the replica while it answers and keeps up;
 * everything else (every write, every signed-in reader, the LISTEN) stays on
 * the primary.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = "pglite" | "postgres";

interface Connection {
  db: Database;
  /** A pool whose connections let PostgreSQL keep generic plans (getDbForKeyedReads); the embedded database has one handle. */
  keyed?: Database;
  kind: DatabaseKind;
  replica?: Replica;
  close: () => Promise<void>;
  ping: () => Promise<void>;
  watch: (channel: string, watcher: Watcher) => void;
}

/**
 * What a LISTEN on a channel reports: `listening` each time the listen is in place (at first and
 * after every reconnection: what was sent meanwhile is lost, so read afresh), `lost` when its
 * connection is gone (`closed`: for good, the database was closed; else it is listening again as
 * soon as it can), and each notification's payload.
 */
export interface Watcher {
  listening: () => void;
  lost: (closed: boolean) => void;
  notified: (payload: string) => void;
}

/** Called on every insert, update or delete this process sends (read-your-writes for what is kept in memory). */
const writeListeners: Array<() => void> = [];
export function onLocalWrite(listener: () => void): void {
  writeListeners.push(listener);
}
const writeStatement = /^\s*(insert|update|delete)\s/i;
/** drizzle's logger sees every statement it sends, in transactions too. */
const writeLogger = {
  logQuery(query: string) {
    if (writeListeners.length && writeStatement.test(query)) for (const listener of writeListeners) listener();
  },
};

let connecting: Promise<Connection> | undefined;

export function databaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

/**
 * The shared database handle; the first call connects (embedded: opens and locks the data folder).
 * In a public read (withPublicReads) it is the replica's, while the replica is in service.
 */
export async function getDb(): Promise<Database> {
  const conn = await connection();
  return replicaForThisRead(conn) ?? conn.db;
}

/** The replica's handle when this is a public read and the replica is in service; else null. */
function replicaForThisRead(conn: Connection): Database | null {
  return conn.replica && readScope.getStore()?.public && conn.replica.inService() ? conn.replica.db : null;
}

/**
 * getDb for prepared statements that read rows by key (`id = $1` and the like): on the primary, a
 * pool that lets PostgreSQL plan such a statement once per connection (plan_cache_mode auto). Every
 * other connection forces a plan per run, which the search's fragments need (sessionSettings); a
 * page read in one statement of many subqueries spent more on that planning than on its rows.
 */
export async function getDbForKeyedReads(): Promise<Database> {
  const conn = await connection();
  return replicaForThisRead(conn) ?? conn.keyed ?? conn.db;
}

/** The primary's handle whatever the request: for what must see the newest committed state. */
export async function getPrimaryDb(): Promise<Database> {
  return (await connection()).db;
}

const readScope = new AsyncLocalStorage<{ public: boolean }>();

/** Runs `work` (a request) with its reads on the replica, if there is one in service. */
export function withPublicReads<T>(work: () => T): T {
  return readScope.run({ public: true }, work);
}

/** Runs `work` with every read on the primary (a request run again after the replica failed it). */
export function withPrimaryReads<T>(work: () => T): T {
  return readScope.run({ public: false }, work);
}

export function replicaConfigured(): boolean {
  return Boolean(process.env.DATABASE_URL && process.env.DATABASE_REPLICA_URL);
}

/** How far the replica may fall behind a change before public reads leave it (DATABASE_REPLICA_MAX_LAG_MS, 10 s). */
export function replicaMaxLagMs(): number {
  return Math.max(100, Number(process.env.DATABASE_REPLICA_MAX_LAG_MS ?? 10_000) || 10_000);
}

/**
 * After a public read failed for want of a database: whether the replica is out of service now
 * (asked at once; one that does not answer is taken out, and public reads go to the primary until
 * it answers and has caught up again). True means the read may be run again on the primary.
 */
export async function checkReplica(): Promise<boolean> {
  const replica = (await connection()).replica;
  return Boolean(replica && readScope.getStore()?.public) && replica!.check();
}

/** Whether a database failure here may be the replica's alone (a public read with a replica configured). */
export function mayBeReplicaFailure(): boolean {
  return Boolean(opened?.replica && readScope.getStore()?.public);
}

/**
 * Waits until the replica has replayed everything the primary had committed when this was called
 * (a change just announced), for at most the replica's allowed lag; a replica that does not catch up
 * in that time is taken out of service until it has. Resolves at once without a replica.
 */
export async function replicaCaughtUp(): Promise<void> {
  const replica = (await connection()).replica;
  if (replica) await replica.catchUp();
}

/** The connection once open (for the synchronous questions). */
let opened: Connection | undefined;

function connection(): Promise<Connection> {
  connecting ??= connect().then(
    (conn) => (opened = conn),
    (error: unknown) => {
      connecting = undefined;
      throw error;
    },
  );
  return connecting;
}

async function connect(): Promise<Connection> {
  const url = process.env.DATABASE_URL;
  return url ? connectPostgres(url) : connectEmbedded();
}

/**
 * Settings of every connection (the benchmark's bare baseline uses them too).
 * postgres.js prepares every statement; after five runs PostgreSQL may switch a
 * statement to one generic plan, which suits no search fragment (a common "社区"
 * and a rare "俞大猷" want different plans). Planning each run with its actual
 * parameters costs far less than that.
 */
export const sessionSettings = { application_name: "community-registry", plan_cache_mode: "force_custom_plan" };

function captureStatement(file: string, query: string, parameters: unknown[]): void {
  fs.appendFileSync(file, `${JSON.stringify({ query, parameters })}\n`);
}

async function connectPostgres(url: string): Promise<Connection> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const capture = process.env.SQL_CAPTURE_FILE;
  const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const options = {
    // Diagnostics: every statement and its parameters, one JSON line each, for the query-plan check.
    ...(capture ? { debug: (_connection: number, query: string, parameters: unknown[]) => captureStatement(capture, query, parameters) } : {}),
    connect_timeout: 5,
    idle_timeout: 60,
    onnotice: () => {},
  };
  const client = postgres(url, { ...options, max: poolSize, connection: sessionSettings });
  const db = drizzle(client, { schema, logger: writeLogger }) as unknown as Database;
  const keyedClient = postgres(url, { ...options, max: Math.max(2, Math.ceil(poolSize / 2)), connection: { ...sessionSettings, plan_cache_mode: "auto" } });
  const keyed = drizzle(keyedClient, { schema, logger: writeLogger }) as unknown as Database;
  const listeners: Array<{ end: () => Promise<void> }> = [];
  const replicaUrl = process.env.DATABASE_REPLICA_URL;
  const replica = replicaUrl ? connectReplica(postgres, drizzle, replicaUrl, client) : undefined;
  return {
    db,
    keyed,
    kind: "postgres",
    replica,
    close: async () => {
      await Promise.all([client.end({ timeout: 3 }), keyedClient.end({ timeout: 3 }), ...listeners.map((l) => l.end()), replica?.close()]);
    },
    ping: async () => {
      await client`select 1`;
    },
    watch: (channel, watcher) => listeners.push(listenPostgres(postgres, url, channel, watcher)),
  };
}

interface Replica {
  db: Database;
  inService: () => boolean;
  check: () => Promise<boolean>;
  catchUp: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The replica's pool and whether it is in service. It is taken out when it stops answering or lags
 * further behind than DATABASE_REPLICA_MAX_LAG_MS (10 s) after a change, and put back once it
 * answers and has replayed what the primary had written (its WAL positions compared), checked at
 * most every two seconds while out.
 */
function connectReplica(
  postgres: typeof import("postgres"),
  drizzle: typeof import("drizzle-orm/postgres-js").drizzle,
  url: string,
  primary: import("postgres").Sql,
): Replica {
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connect_timeout: 2,
    idle_timeout: 60,
    onnotice: () => {},
    connection: { ...sessionSettings, application_name: "community-registry-replica" },
  });
  const db = drizzle(client, { schema, logger: writeLogger }) as unknown as Database;
  const maxLagMs = replicaMaxLagMs();
  let inService = true;
  let probing: Promise<void> | undefined;
  let lastProbe = 0;

  /** The replica has replayed all the primary had written when this was called (false if either does not answer). */
  const replayed = async (deadline: number): Promise<boolean> => {
    const [written] = await primary<Array<{ lsn: string }>>`select pg_current_wal_lsn()::text as lsn`;
    for (;;) {
      const [row] = await client<Array<{ done: boolean }>>`select coalesce(pg_last_wal_replay_lsn() >= ${written!.lsn}::pg_lsn, true) as done`;
      if (row!.done) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const takeOut = (why: string) => {
    if (inService) console.warn(`只读副本（DATABASE_REPLICA_URL）${why}，公开页面暂时改从主库读取。`);
    inService = false;
    lastProbe = Date.now();
  };
  /** While out of service: at most every two seconds, one probe whether it may come back. */
  const probe = () => {
    if (inService || probing || Date.now() - lastProbe < 2000) return;
    lastProbe = Date.now();
    probing = replayed(Date.now())
      .then((done) => {
        if (done) {
          inService = true;
          console.warn("只读副本已恢复并追上主库，公开页面重新从副本读取。");
        }
      })
      .catch(() => {})
      .finally(() => (probing = undefined));
  };
  return {
    db,
    inService: () => {
      probe();
      return inService;
    },
    check: async () => {
      if (!inService) return true;
      try {
        await Promise.race([client`select 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 1500).unref())]);
        return false;
      } catch {
        takeOut("不可用");
        return true;
      }
    },
    catchUp: async () => {
      if (!inService) return;
      try {
        if (!(await replayed(Date.now() + maxLagMs))) takeOut(`落后主库超过 ${maxLagMs / 1000} 秒`);
      } catch {
        takeOut("不可用");
      }
    },
    close: () => client.end({ timeout: 3 }),
  };
}

/**
 * A LISTEN on a connection of its own, kept up: when the connection closes it reports `lost` and
 * listens again, every two seconds until the server answers.
 */
function listenPostgres(postgres: typeof import("postgres"), url: string, channel: string, watcher: Watcher) {
  let ended = false;
  let retry: NodeJS.Timeout | undefined;
  // onnotify is the option postgres.js's own listen() uses; its types leave it out.
  const options = {
    max: 1,
    max_lifetime: null,
    connect_timeout: 5,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "community-registry-listener" },
    onnotify: (name: string, payload: string) => {
      if (name === channel) watcher.notified(payload);
    },
    onclose: () => {
      if (ended) return;
      watcher.lost(false);
      schedule(2000);
    },
  };
  const listener = postgres(url, options as Parameters<typeof postgres>[1]);
  const start = async () => {
    retry = undefined;
    try {
      await listener.unsafe(`listen "${channel.replace(/"/g, '""')}"`);
      if (!ended) watcher.listening();
    } catch {
      if (!ended) schedule(2000);
    }
  };
  const schedule = (ms: number) => {
    if (!retry && !ended) retry = setTimeout(() => void start(), ms).unref();
  };
  void start();
  return {
    end: async () => {
      ended = true;
      clearTimeout(retry);
      watcher.lost(true);
      await listener.end({ timeout: 1 });
    },
  };
}

export function dataDir(): string {
  return process.env.DATA_DIR ?? path.resolve(process.cwd(), "data");
}

async function connectEmbedded(): Promise<Connection> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = dataDir();
  const inMemory = dir.startsWith("memory://");
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = lockDataDir(dir);
  }
  // pg_trgm must be loaded on every open, not only when the migration creates it.
  const client = new PGlite(inMemory ? dir : path.join(dir, "pglite"), { extensions: { pg_trgm }, loadDataDir: embeddedTemplate(inMemory) });
  await client.waitReady;
  const db = drizzle(client, { schema, logger: writeLogger }) as unknown as Database;
  const watchers: Watcher[] = [];
  const opened: Connection = {
    db,
    kind: "pglite",
    close: async () => {
      for (const watcher of watchers) watcher.lost(true);
      await client.close();
      releaseLock();
    },
    ping: async () => {
      await client.query("select 1");
    },
    // One process, one connection: the listen never drops.
    watch: (channel, watcher) => {
      watchers.push(watcher);
      void client.listen(channel, watcher.notified).then(watcher.listening, () => watcher.lost(true));
    },
  };
  return opened;
}

/**
 * EMBEDDED_TEMPLATE=<file written by PGlite's dumpDataDir()> starts an in-memory
 * database from that copy instead of an empty one: the integration tests migrate
 * one template per run (tests/setup/integration-template.ts) rather than replay
 * every migration in each test file. A data folder on disk never loads it.
 */
function embeddedTemplate(inMemory: boolean): Blob | undefined {
  const file = process.env.EMBEDDED_TEMPLATE;
  return inMemory && file ? new Blob([fs.readFileSync(file)]) : undefined;
}

/**
 * PGlite takes no lock on its folder and two processes on one folder corrupt it,
 * so a pid file guards it; a lock left by a dead process is taken over.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockFile, "utf8"));
      if (holder && holder !== process.pid && processAlive(holder)) {
        throw new Error(
          `数据目录 ${dir} 正被进程 ${holder} 使用（嵌入式数据库同一时间只能由一个进程打开）。请先停止该进程，或用 DATA_DIR 指定另一个目录。`,
        );
      }
      fs.unlinkSync(lockFile);
    }
  }
  throw new Error(`无法锁定数据目录 ${dir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function migrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, "migrations"), // db/client.server.ts
    path.resolve(here, "../../db/migrations"), // build/server/index.js
    path.resolve(process.cwd(), "db/migrations"),
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "meta/_journal.json")));
  if (!found) throw new Error("找不到数据库迁移目录 db/migrations");
  return found;
}

/** Applies the one migrations folder to whichever database this is. */
export async function migrateDatabase(): Promise<void> {
  const conn = await connection();
  await applyMigrations(conn.db, conn.kind);
}

async function applyMigrations(db: Database, kind: DatabaseKind): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(db as never, config);
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, config);
  }
}

/** LISTENs on `channel` for as long as the database is open (see Watcher). */
export async function watchChannel(channel: string, watcher: Watcher): Promise<void> {
  (await connection()).watch(channel, watcher);
}

/** Rows of a raw query: postgres.js returns an array, PGlite an object with `rows`. */
export async function queryRows<T = Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Answers within `timeoutMs` whether the database takes queries. */
export async function pingDatabase(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const conn = await connection();
    await Promise.race([
      conn.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function closeDb(): Promise<void> {
  const current = connecting;
  connecting = undefined;
  opened = undefined;
  if (current) await (await current.catch(() => undefined))?.close();
}

const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
]);

/** True for errors that mean "the database is not there", as opposed to a bad query. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (unavailableCodes.has(code) || code.startsWith("08"))) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * True for a value the database refused (SQLSTATE class 22, data exception:
 * a number out of range, text that is not of the column's type, an impossible
 * date, a NUL byte in text, ...): the request was at fault, not the server.
 */
export function isInvalidDataError(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string" && /^22[0-9A-Z]{3}$/.test(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
