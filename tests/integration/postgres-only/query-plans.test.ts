/**
 * At city scale, no request the benchmark measures may read a large table
 * from end to end. The production server runs against a city-sized database
 * with every statement recorded (SQL_CAPTURE_FILE) and the page cache off;
 * each recorded statement is then EXPLAINed with its own parameters, and any
 * sequential scan of a table over 10,000 rows fails the test, named: both when
 * the kept public figures are computed (the first round) and between changes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createSession } from "../../../app/auth/session.server";
import { getDb } from "../../../db/client.server";
import { users } from "../../../db/schema";
import { seedCity } from "../../../app/setup/city";
import { measuredRequests, pickTargets, type Targets } from "../../../bench/targets";
import { startAppServer, type AppServer } from "../../setup/app-server";

const largeTable = 10_000;
const captureFile = path.join(os.tmpdir(), `registry-statements-${process.pid}.ndjson`);
let server: AppServer | undefined;
let client: postgres.Sql;
let targets: Targets;

beforeAll(async () => {
  const db = await getDb();
  await seedCity(db, { factor: 1, asOf: "2026-11-01", progress: false });
  client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {}, prepare: false });
  const picked = await pickTargets((text) => client.unsafe(text) as never);
  if ("missing" in picked) throw new Error(picked.missing);
  targets = picked;
  fs.rmSync(captureFile, { force: true });
  server = await startAppServer({ DATABASE_URL: process.env.DATABASE_URL!, SQL_CAPTURE_FILE: captureFile, PUBLIC_PAGE_CACHE: "0" });
}, 600_000);

afterAll(async () => {
  server?.stop();
  await client?.end();
  fs.rmSync(captureFile, { force: true });
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) found.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

/** The statements recorded from line `from` on, each once with its parameters. */
function recorded(from = 0): Array<{ query: string; parameters: unknown[] }> {
  const seen = new Set<string>();
  return fs
    .readFileSync(captureFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .slice(from)
    .map((line) => JSON.parse(line) as { query: string; parameters: unknown[] })
    .filter((s) => /^\s*(select|with|update|delete|insert)\b/i.test(s.query))
    .filter((s) => {
      const key = `${s.query}\u0000${JSON.stringify(s.parameters)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

async function sequentialScansOfLargeTables(statements: Array<{ query: string; parameters: unknown[] }>, large: Set<string>) {
  const offenders: Array<{ tables: string[]; query: string }> = [];
  for (const s of statements) {
    const [row] = await client.unsafe<Array<{ "QUERY PLAN": unknown }>>(`explain (format json) ${s.query}`, s.parameters as never[]);
    const plan = (row!["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0]!.Plan;
    const tables = seqScans(plan).filter((t) => large.has(t));
    if (tables.length) offenders.push({ tables, query: s.query.slice(0, 300) });
  }
  return offenders;
}

test("no measured request's statements scan a table of over 10,000 rows sequentially", async () => {
  const db = await getDb();
  const [officer] = await db.select().from(users).where(eq(users.username, "officer"));
  const session = await createSession(db, officer!, { now: new Date(), ip: "127.0.0.1", userAgent: "plans" });
  const requests = measuredRequests(targets);
  const round = async () => {
    for (const r of requests) {
      const response = await fetch(`${server!.base}${r.path}`, {
        redirect: "manual",
        headers: r.signedIn ? { Cookie: `cr_session=${session.token}` } : {},
      });
      expect(response.status, `${r.name} ${r.path}`).toBe(200);
      await response.text();
    }
  };
  const large = new Set(
    (await client.unsafe<Array<{ relname: string }>>(`select relname from pg_class where relkind = 'r' and reltuples > ${largeTable}`)).map((r) => r.relname),
  );
  // The city's big tables are big: the check below means something.
  for (const table of ["organizations", "organization_party", "postings", "posting_versions", "inspection_reports", "applications"]) {
    expect(large).toContain(table);
  }

  // First round: the figures kept until the public data changes are computed too.
  await round();
  const afterFirst = fs.readFileSync(captureFile, "utf8").split("\n").filter(Boolean).length;
  expect(await sequentialScansOfLargeTables(recorded(), large)).toEqual([]);

  // Every request as served between changes: no sequential scan of a large table at all.
  await round();
  const steady = recorded(afterFirst);
  expect(steady.length).toBeGreaterThan(requests.length);
  expect(await sequentialScansOfLargeTables(steady, large)).toEqual([]);
}, 300_000);
