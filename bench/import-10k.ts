/**
 * How long an officer waits for a 10,000-row organizations file: generates an
 * XLSX (social groups and 民非 with valid USCCs in the district's streets, one
 * in ten a filed community organization whose filing number the import
 * assigns), then times the preview (reading and checking the file, keeping
 * the batch) and the confirmation (one transaction writing every row, its
 * history entry and the audit entry) through the domain functions the pages
 * call.
 *
 *   npx tsx bench/import-10k.ts
 *
 * Runs against the database named by DATABASE_URL (migrated, with a district
 * and a district officer's account, e.g. after `npm run db:seed -- --demo`;
 * the rows stay there), or else a fresh in-memory PGlite with the demo district.
 */
import { performance } from "node:perf_hooks";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { closeDb, databaseKind, getDb, migrateDatabase } from "../db/client.server";
import { places, users } from "../db/schema";
import { seedDemo } from "../app/setup/demo";
import { actorFromUser } from "../app/auth/session.server";
import { confirmImport, previewImport } from "../app/domain/imports/commands.server";
import { importBatchSummary } from "../app/domain/imports/queries.server";
import { writeXlsx } from "../app/domain/shared/spreadsheet.server";
import { shanghaiDate } from "../app/domain/shared/time";
import { composeUscc, usccAlphabet } from "../app/domain/organizations/uscc";

const rowCount = 10_000;

if (!process.env.DATABASE_URL) process.env.DATA_DIR = "memory://";

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

try {
  await migrateDatabase();
  const db = await getDb();
  if (databaseKind() === "pglite") {
    const started = performance.now();
    await seedDemo(db);
    console.log(`fresh PGlite with the demo district: ${seconds(started)} s`);
  }
  const [officer] = await db.select().from(users).where(eq(users.role, "district_officer")).orderBy(asc(users.id)).limit(1);
  if (!officer) throw new Error("no district officer's account in this database (npm run db:seed -- --demo loads the demo's)");
  const [district] = await db.select().from(places).where(eq(places.level, "district")).limit(1);
  const street = alias(places, "street");
  const locals = await db
    .select({ name: places.name, street: street.name })
    .from(places)
    .innerJoin(street, eq(street.id, places.parentId))
    .where(and(inArray(places.level, ["community", "village"])))
    .orderBy(asc(places.code));
  if (!district || !locals.length) throw new Error("the database has no district with communities");

  // Codes and names of this run only, so the bench can run again on the same database.
  const letters = usccAlphabet.slice(10);
  const run = Array.from({ length: 3 }, () => letters[Math.floor(Math.random() * letters.length)]).join("");
  const today = shanghaiDate(new Date());
  const header = ["名称", "类型", "统一社会信用代码", "登记日期", "所属街道", "所属社区（村）", "法定代表人", "注册资金（元）", "类别"];
  const rows = Array.from({ length: rowCount }, (_, i) => {
    const place = locals[i % locals.length]!;
    const name = `基准${run}${String(i).padStart(5, "0")}`;
    if (i % 10 === 9) return [`${name}志愿服务队`, "社区社会组织", "", today, place.street, place.name, "陈某", "", "公益慈善"];
    const kind = i % 2 ? "2" : "1";
    const uscc = composeUscc(kind, district.code.slice(0, 6), `${run}${String(i).padStart(5, "0")}`);
    return [`${name}${kind === "1" ? "协会" : "服务中心"}`, kind === "1" ? "社会团体" : "民办非企业单位", uscc, "2020/3/5", place.street, "", "陈某", "30000", ""];
  });
  let started = performance.now();
  const content = await writeXlsx([{ name: "名录", columns: header.map((h) => ({ header: h })), rows }]);
  console.log(`generated ${rowCount} rows as XLSX (${(content.length / 1024).toFixed(0)} KB): ${seconds(started)} s`);

  const actor = actorFromUser(officer, "bench");
  const ctx = () => ({ actor, ip: "127.0.0.1", now: new Date() });
  started = performance.now();
  const preview = await previewImport(ctx(), { kind: "organizations", fileName: "import-10k.xlsx", content });
  if (!preview.ok) throw new Error(`preview refused: ${JSON.stringify(preview)}`);
  const batch = await importBatchSummary(actor, preview.value.id);
  console.log(`preview (read, check, keep the batch): ${seconds(started)} s — ${batch.rowCount} rows, ${batch.problemCount} problems`);
  if (batch.problemCount) throw new Error("the generated file has problems; nothing to confirm");

  started = performance.now();
  let steps = 0;
  const confirmed = await confirmImport(ctx(), batch.id, { version: batch.version }, () => void steps++);
  if (!confirmed.ok) throw new Error(`confirmation refused: ${confirmed.formError}`);
  console.log(`confirm (one transaction, ${steps} progress steps): ${seconds(started)} s — ${confirmed.value.imported} organizations imported`);
  console.log(`database: ${databaseKind() === "postgres" ? "PostgreSQL (DATABASE_URL)" : "PGlite (in memory)"}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
