/**
 * `npm run plans:check`: the query-plan rule of tests/integration/postgres-only/query-plans.test.ts
 * run by hand on the database DATABASE_URL names (a province seeded with
 * `npm run db:seed -- --scale province`, which CI does not build). Starts the
 * built app on it with the page cache off, makes the measured requests twice
 * and lists every statement that reads a table of over 10,000 rows from end
 * to end, costliest first. Exits 1 when there is one. Run `npm run build` first.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { createSession, deleteSession } from "../app/auth/session.server";
import { closeDb, getDb } from "../db/client.server";
import { users } from "../db/schema";
import { checkQueryPlans } from "../bench/query-plans";
import { measuredRequests, pickTargets } from "../bench/targets";
import { startAppServer } from "../tests/setup/app-server";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("请设置 DATABASE_URL（已导入数据的 PostgreSQL 数据库，如省级规模的演示库）。");
  process.exit(2);
}
const captureFile = path.join(os.tmpdir(), `registry-plans-${process.pid}.ndjson`);
const client = postgres(url, { max: 1, onnotice: () => {}, prepare: false });
const picked = await pickTargets((text) => client.unsafe(text) as never);
if ("missing" in picked) {
  console.error(picked.missing);
  process.exit(2);
}
const db = await getDb();
const [officer] = await db.select().from(users).where(eq(users.username, "officer"));
if (!officer) throw new Error("no demo officer (username officer) in this database");
const session = await createSession(db, officer, { now: new Date(), ip: "127.0.0.1", userAgent: "plans:check" });
const server = await startAppServer({ DATABASE_URL: url, SQL_CAPTURE_FILE: captureFile, PUBLIC_PAGE_CACHE: "0", WEB_CONCURRENCY: "1" }, 120_000);
try {
  const requests = measuredRequests(picked);
  const started = Date.now();
  const check = await checkQueryPlans({ base: server.base, captureFile, client, sessionToken: session.token, requests });
  console.log(`${requests.length} requests twice in ${((Date.now() - started) / 1000).toFixed(1)} s; tables over 10,000 rows: ${check.large.join(", ")}`);
  for (const [label, part] of [["first round (kept figures computed)", check.firstRound], ["between changes", check.steady]] as const) {
    console.log(`\n${label}: ${part.statements} distinct statements, ${part.offenders.length} read a large table end to end`);
    for (const o of part.offenders) console.log(`- cost ${Math.round(o.cost)} · ${o.tables.join(", ")} · ${o.query.replace(/\s+/g, " ").slice(0, 200)}`);
  }
  process.exitCode = check.firstRound.offenders.length + check.steady.offenders.length ? 1 : 0;
} finally {
  server.stop();
  await deleteSession(db, session.sessionId);
  await client.end();
  await closeDb();
  fs.rmSync(captureFile, { force: true });
}
