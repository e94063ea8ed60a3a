/**
 * A real read replica (DATABASE_REPLICA_URL): a primary and a streaming
 * replica of it made here with PostgreSQL's own binaries
 * (tests/setup/postgres-cluster.ts), the production server pointed at both.
 * Every statement each server runs is in its log, so the test counts who
 * answered what: anonymous public pages from the replica, signed-in pages and
 * writes from the primary; a writer sees their change at once while the public
 * sees it once the replica has replayed it (replay is paused to show it); with
 * the replica stopped the public pages are served from the primary (no 500),
 * and once it is back they return to it.
 */
import postgres from "postgres";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDb, getDb, migrateDatabase } from "../../../db/client.server";
import { organizations, places, postings } from "../../../db/schema";
import { seedDemo } from "../../../app/setup/demo";
import { startAppServer, until, type AppServer } from "../../setup/app-server";
import { startPrimary, type PrimaryAndReplica } from "../../setup/postgres-cluster";
import { askQuestion, signInCookie } from "../../setup/form-posts";

let cluster: PrimaryAndReplica;
let app: AppServer;
let replicaSql: postgres.Sql;
let primarySql: postgres.Sql;
const facts = { postings: [] as number[], orgs: [] as Array<{ id: number; name: string }>, village: "" };

beforeAll(async () => {
  cluster = await startPrimary();
  primarySql = postgres(cluster.primary.url(), { max: 1, onnotice: () => {} });
  await primarySql`create database registry`;
  await closeDb();
  process.env.DATABASE_URL = cluster.primary.url("registry");
  await migrateDatabase();
  const db = await getDb();
  await seedDemo(db);
  facts.postings = (await db.select({ id: postings.id }).from(postings).where(eq(postings.status, "published")).orderBy(postings.id).limit(12)).map((p) => p.id);
  facts.orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.status, "normal")).orderBy(organizations.id).limit(12);
  const [village] = await db.select({ code: places.code }).from(places).where(and(eq(places.level, "village"), isNotNull(places.code))).limit(1);
  facts.village = village!.code;
  await cluster.startReplica();
  replicaSql = postgres(cluster.replica.url("registry"), { max: 1, onnotice: () => {} });
  app = await startAppServer({
    DATABASE_URL: cluster.primary.url("registry"),
    DATABASE_REPLICA_URL: cluster.replica.url("registry"),
    WEB_CONCURRENCY: "1",
    // Long enough that a paused replay is waited for rather than left.
    DATABASE_REPLICA_MAX_LAG_MS: "60000",
  }, 60_000);
}, 180_000);

afterAll(async () => {
  app?.stop();
  await Promise.all([replicaSql?.end({ timeout: 1 }), primarySql?.end({ timeout: 1 })]);
  await closeDb();
  cluster?.stopAll();
});

/** Statements the app's pools sent to a server while `work` ran (from its log: log_statement = all, application name in each line). */
async function statementsDuring(work: () => Promise<void>) {
  const from = { primary: cluster.primary.logLength(), replica: cluster.replica.logLength() };
  await work();
  // A reader's statements: not the kept pages' own check of how far the replica has replayed, which a
  // write's announcement sets off in the background at any moment (it once fell inside the asker's read).
  const statements = (log: string, application: string) =>
    log
      .split("\n")
      .filter((line) => line.includes(` ${application} LOG:  `) && /LOG: {2}(statement|execute [^:]*):/.test(line) && !line.includes("pg_last_wal_replay_lsn()"));
  return {
    primary: statements(cluster.primary.logSince(from.primary), "community-registry"),
    replica: statements(cluster.replica.logSince(from.replica), "community-registry-replica"),
  };
}

const publicPages = (i: number) => [
  `/orgs?q=${encodeURIComponent(facts.orgs[i]!.name.slice(0, 4))}`,
  `/orgs/${facts.orgs[i]!.id}`,
  `/postings/${facts.postings[i]}`,
  `/villages/${facts.village}`,
  `/api/v1/organizations/${facts.orgs[i]!.id}`,
  `/api/v1/stats`,
];

async function read(path: string, cookie?: string) {
  const response = await fetch(`${app.base}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

const waiting = (page: string) => Number(/目前有 (\d+) 条质询正在等待答复/.exec(page)?.[1] ?? 0);

test("the replica is a streaming replica of the primary", async () => {
  const [standby] = await replicaSql<Array<{ recovering: boolean }>>`select pg_is_in_recovery() as recovering`;
  expect(standby!.recovering).toBe(true);
  const senders = await primarySql<Array<{ state: string }>>`select state from pg_stat_replication`;
  expect(senders.map((s) => s.state)).toEqual(["streaming"]);
});

test("an anonymous reader's public pages and the open-data API are read from the replica; a signed-in officer's from the primary", async () => {
  const anonymous = await statementsDuring(async () => {
    for (const path of publicPages(0)) {
      const page = await read(path);
      expect(page.status, path).toBe(200);
    }
  });
  expect(anonymous.replica.length).toBeGreaterThanOrEqual(6);
  expect(anonymous.replica.some((line) => line.includes('"posting_versions"'))).toBe(true);
  expect(anonymous.replica.some((line) => line.includes('"organizations"'))).toBe(true);
  // Nothing of those pages on the primary (its pool may run its own background work, never these reads).
  expect(anonymous.primary.filter((line) => /"posting_versions"|"organization_changes"|similarity|"registered_on"/.test(line))).toEqual([]);

  const cookie = await signInCookie(app.base, "officer");
  const officer = await statementsDuring(async () => {
    for (const path of [`/officer/orgs/${facts.orgs[1]!.id}`, `/postings/${facts.postings[1]}`, `/orgs?q=${encodeURIComponent(facts.orgs[1]!.name.slice(0, 4))}`]) {
      const page = await read(path, cookie);
      expect(page.status, path).toBe(200);
      expect(page.body).toContain("退出");
    }
  });
  expect(officer.replica).toEqual([]);
  expect(officer.primary.some((line) => line.includes('"organizations"'))).toBe(true);
  expect(officer.primary.some((line) => line.includes('"posting_versions"'))).toBe(true);
});

test("a question is seen by its asker at once, and by the public once the replica has replayed it", async () => {
  const path = `/postings/${facts.postings[2]}`;
  const before = waiting((await read(path)).body);
  // The public's copy is kept now; the replica stops replaying, as a lagging replica would.
  expect((await read(path)).headers.get("x-page-cache")).toBe("hit");
  await replicaSql`select pg_wal_replay_pause()`;
  try {
    const asked = await askQuestion(app.base, path);
    expect(asked.status).toBe(200);
    const wrote = /cr_wrote=[^;]+/.exec(asked.headers.get("set-cookie") ?? "")?.[0];
    expect(wrote).toBeDefined();
    expect(waiting(await asked.text())).toBe(before + 1);
    // The asker, reading again: from the primary, so their question is there.
    const own = await statementsDuring(async () => expect(waiting((await read(path, wrote)).body)).toBe(before + 1));
    expect(own.replica).toEqual([]);
    // The public reads the replica, which has not replayed the question yet: neither its pages nor
    // the kept copy move ahead of it.
    for (let i = 0; i < 3; i++) expect(waiting((await read(path)).body)).toBe(before);
    expect(waiting((await read(`/api/v1/postings/${facts.postings[2]}`)).body)).toBe(before);
  } finally {
    await replicaSql`select pg_wal_replay_resume()`;
  }
  await until("the question on the public page", async () => (waiting((await read(path)).body) === before + 1 ? true : undefined), 30_000);
});

test("with the replica stopped, public pages are served from the primary, and they return to the replica once it is back", async () => {
  cluster.replica.stop();
  await replicaSql.end({ timeout: 1 });
  const served = await statementsDuring(async () => {
    for (const path of publicPages(3)) {
      const page = await read(path);
      expect(page.status, path).toBe(200);
    }
  });
  expect(served.primary.some((line) => line.includes('"organizations"'))).toBe(true);
  for (const path of publicPages(4)) expect((await read(path)).status, path).toBe(200);
  expect(app.output()).toContain("只读副本（DATABASE_REPLICA_URL）不可用");

  cluster.replica.start();
  let i = 5;
  await until(
    "public reads on the replica again",
    async () => {
      const back = await statementsDuring(async () => {
        expect((await read(publicPages(i++ % 12)[0]!)).status).toBe(200);
      });
      return back.replica.length > 0 ? true : undefined;
    },
    30_000,
  );
});
