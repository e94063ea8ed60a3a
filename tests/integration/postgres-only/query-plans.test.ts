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
import { checkQueryPlans } from "../../../bench/query-plans";
import { measuredRequests, pickTargets, type Targets } from "../../../bench/targets";
import { startAppServer, type AppServer } from "../../setup/app-server";

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

test("no measured request's statements scan a table of over 10,000 rows sequentially", async () => {
  const db = await getDb();
  const [officer] = await db.select().from(users).where(eq(users.username, "officer"));
  const session = await createSession(db, officer!, { now: new Date(), ip: "127.0.0.1", userAgent: "plans" });
  const requests = measuredRequests(targets);
  const check = await checkQueryPlans({ base: server!.base, captureFile, client, sessionToken: session.token, requests });
  // The city's big tables are big: the check means something.
  for (const table of ["organizations", "organization_party", "postings", "posting_versions", "inspection_reports", "applications"]) {
    expect(check.large).toContain(table);
  }
  // First round: the figures kept until the public data changes are computed too.
  expect(check.firstRound.offenders).toEqual([]);
  // Every request as served between changes: no sequential scan of a large table at all.
  expect(check.steady.statements).toBeGreaterThan(requests.length);
  expect(check.steady.offenders).toEqual([]);
}, 300_000);
