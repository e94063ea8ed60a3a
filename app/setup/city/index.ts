/**
 * The city-scale generator (`npm run db:seed -- --scale city`): a
 * prefecture-level city's register in an empty PostgreSQL database, for
 * benchmarks. At factor 1: 20 streets and towns, 1,500 communities and
 * villages, 30,000 organizations, five years of inspections and registration
 * work, 500,000 published posting versions chained per place, committees and
 * party records, and the demo's accounts. `--scale province` is ten times the
 * city (福建省: 200 streets and towns in its nine prefecture-level cities,
 * 15,000 communities and villages, 300,000 organizations, 5,000,000 posting
 * versions), its factor relative to the province. Everything is written in one
 * transaction (COPY for the bulk, rows made as they are sent where there are
 * many), so a failure leaves the database empty; the database's triggers stay
 * in force throughout. Deterministic: the same scale, seed, factor and as-of
 * date give the same rows (password hashes aside).
 */
import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import { hashPassword } from "../../auth/password.server";
import { parseIsoDate, shanghaiDate } from "../../domain/shared/time";
import type { Database } from "../../../db/client.server";
import * as schema from "../../../db/schema";
import { demoPassword, insertDemoAccounts } from "../demo";
import { seedOpenWork } from "../demo-postings";
import { applicationCounts, seedApplications, type CityAccounts } from "./applications";
import { planParty, seedCommitteesAndParty } from "./committees-party";
import type { CityContext, CityScale, ResolvedCityOptions } from "./context";
import { advanceSequences } from "./copy";
import { seedInspections } from "./inspections";
import { demoAssociation, organizationCounts, seedOrganizationHistory, seedOrganizations } from "./organizations";
import { placeCounts, seedPlaces } from "./places";
import { postingCounts, seedPostings } from "./postings";
import { Progress } from "./progress";
import { createRng, shanghaiAt } from "./random";

export type { CityScale } from "./context";

export interface CityOptions {
  /** "city" (default), or "province": ten times the city. */
  scale?: CityScale;
  /** 1 (default) is the full city (or province); 0.01 a hundredth of every count. At most 1.5. */
  factor?: number;
  /** The day the data is dated back from (YYYY-MM-DD); by default the first of the current month in Shanghai. */
  asOf?: string;
  seed?: number;
  /** Where the progress display goes (stderr by default); false for none. */
  progress?: NodeJS.WriteStream | false;
}

/** A refusal to explain to whoever ran the command, in Chinese. */
export class CitySeedRefused extends Error {}

/**
 * The largest factor of either scale. The city's real street and town names and its pool of
 * two-character community and village names (2,456) run out above it; the province's pools
 * (generated street and town names, three-character village names) hold a province of 1.5.
 */
export const maxFactor = 1.5;

/** Each scale's size in cities. */
export const scaleSizes: Record<CityScale, number> = { city: 1, province: 10 };
const scaleNames: Record<CityScale, string> = { city: "城市", province: "省级" };

/** Tables whose ids the generator gives itself; their sequences are moved past them. */
const idTables = [
  "places", "organizations", "organization_changes", "applications", "application_steps", "inspection_reports", "inspection_steps",
  "abnormal_listings", "postings", "posting_versions", "posting_steps", "party_branches", "party_admissions",
];

export function resolveCityOptions(options: CityOptions, today = new Date()): ResolvedCityOptions {
  const scale = options.scale ?? "city";
  if (!Object.hasOwn(scaleSizes, scale)) throw new CitySeedRefused(`规模应为 city（城市）或 province（省，城市的十倍），当前为“${scale}”。`);
  const factor = options.factor ?? 1;
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new CitySeedRefused(`随机种子应为整数（当前为 ${options.seed}）。`);
  if (!Number.isFinite(factor) || factor <= 0 || factor > maxFactor) throw new CitySeedRefused(`规模系数应大于 0、不超过 ${maxFactor}（当前为 ${options.factor}）。`);
  const asOf = options.asOf ?? `${shanghaiDate(today).slice(0, 8)}01`;
  if (!parseIsoDate(asOf) || asOf < "2015-01-01") throw new CitySeedRefused(`基准日期“${asOf}”无效，应为 2015-01-01 以后的日期，如 2026-11-01。`);
  return { scale, factor, size: factor * scaleSizes[scale], asOf, now: shanghaiAt(asOf, 8), seed: options.seed ?? 350_500 };
}

/** The main counts a scale and factor call for, worked out before anything is generated. */
export function cityPlan(options: Pick<ResolvedCityOptions, "size">) {
  const places = placeCounts(options.size);
  const organizations = organizationCounts(options.size);
  const postings = postingCounts(options.size);
  return {
    streets: places.streets,
    towns: places.towns,
    /** Communities and villages. */
    locals: places.locals,
    organizations: Object.values(organizations).reduce((a, b) => a + b, 0),
    organizationsByType: organizations,
    postingVersions: postings.versions,
    postingPlaces: postings.places,
    applications: applicationCounts(options.size),
  };
}

/** "城市" or "省级", for messages. */
export const scaleName = (scale: CityScale) => scaleNames[scale];

export interface CitySummary {
  options: ResolvedCityOptions;
  rows: Record<string, number>;
  elapsedMs: number;
}

/** Loads the city into `db`, which must be an empty PostgreSQL database (postgres.js) with the migrations applied. */
export async function seedCity(db: Database, options: CityOptions = {}): Promise<CitySummary> {
  const sql = (db as unknown as { $client?: Sql }).$client;
  if (!sql || typeof sql.begin !== "function") {
    throw new CitySeedRefused(`${scaleName(options.scale ?? "city")}规模数据只能载入 PostgreSQL 数据库：请用 DATABASE_URL 指定一个 PostgreSQL 数据库（嵌入式 PGlite 不适合几十万行的数据）。`);
  }
  const resolved = resolveCityOptions(options);
  const progress = new Progress(9, { stream: options.progress });

  await sql.begin(async (tx) => {
    // Two generators at once would both find the database empty: the second waits here, then finds places.
    await tx`lock table places in exclusive mode`;
    const [existing] = await tx<Array<{ n: number }>>`select count(*)::int as n from places`;
    if ((existing?.n ?? 0) > 0) {
      throw new CitySeedRefused(`数据库中已有行政区划数据，未载入${scaleName(resolved.scale)}规模数据（只载入空数据库）。请新建一个空数据库，例如：createdb ${resolved.scale}，再运行本命令。`);
    }
    // drizzle on the same transaction, for the demo's own code (accounts, committees, open postings).
    const txDb = drizzle({ client: Object.assign(tx, { options: sql.options }) as unknown as Sql, schema }) as unknown as Database;
    const ctx: CityContext = { sql: tx, db: txDb, options: resolved, progress, rng: (stream) => createRng(resolved.seed, stream) };

    const places = await seedPlaces(ctx);
    const orgs = await seedOrganizations(ctx, places);
    const clerkVillage = places.streets.find((s) => s.level === "town")!.places.find((p) => p.level === "village")!;
    const association = orgs.find((o) => o.name === demoAssociation.name)!;
    const made = await insertDemoAccounts(txDb, { streetId: places.streets[0]!.id, associationId: association.id, villageId: clerkVillage.id, supervisingUnit: orgs.find((o) => o.supervisingUnit)?.supervisingUnit ?? "" }, await hashPassword(demoPassword));
    const account = (username: string) => made.find((a) => a.username === username)!;
    const accounts: CityAccounts = { officer: account("officer"), street: account("street"), association: account("assoc"), clerk: account("clerk"), supervisor: account("supervisor") };

    const party = planParty(ctx, orgs);
    const decided = await seedApplications(ctx, places, orgs, accounts);
    await seedOrganizationHistory(ctx, orgs, decided, accounts.officer);
    await seedInspections(ctx, orgs, party, accounts);
    await seedPostings(ctx, places, accounts);
    await seedCommitteesAndParty(ctx, places, orgs, party, accounts);

    await advanceSequences(tx, idTables);
    // The demo village clerk's work in hand: a draft, a posting awaiting review, a returned one.
    await seedOpenWork(txDb, {
      villages: [{ id: clerkVillage.id, code: clerkVillage.code, name: clerkVillage.name }],
      townId: clerkVillage.street.id,
      clerk: accounts.clerk,
      supervisor: accounts.supervisor,
      now: resolved.now,
      rand: ctx.rng("open-work").next,
    });
    // The commit runs the deferred triggers queued for every row written: a minute for the province.
    progress.note("提交事务（执行各表的延迟触发器）");
  });

  // Statistics for the planner, and the visibility map and hint bits set now, so the benchmarks that
  // follow are not measuring autovacuum's first pass over the freshly loaded tables.
  progress.start("整理并更新统计信息（VACUUM ANALYZE）", 1, "次");
  await sql`vacuum (analyze)`;
  progress.add(1);
  progress.finish();

  const counts = await sql<Array<{ table: string; n: number }>>`
    select relname as table, (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I', relname), false, true, '')))[1]::text::int as n
    from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by n desc, relname`;
  return { options: resolved, rows: Object.fromEntries(counts.map((c) => [c.table, c.n])), elapsedMs: progress.elapsedMs() };
}
