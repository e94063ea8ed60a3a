/**
 * The city-scale generator (`npm run db:seed -- --scale city`) at a fiftieth of
 * the city: the counts it promises, valid and unique USCCs, posting chains that
 * the integrity check accepts, names with the common fragments the search
 * benchmarks rely on, standing that agrees with the inspections and listings,
 * a refusal on a database that already has places, and the same rows twice.
 * And a small province (`--scale province`, two of its cities) in a database
 * of its own: its counts, unique place codes and names, organizations' names,
 * USCCs and filing numbers.
 */
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { beforeAll, expect, test } from "vitest";
import { getDb, migrationsFolder, queryRows, type Database } from "../../../db/client.server";
import * as schema from "../../../db/schema";
import { demoAccounts } from "../../../app/setup/demo";
import { cityPlan, resolveCityOptions, seedCity, type CitySummary } from "../../../app/setup/city";
import { applicationCounts } from "../../../app/setup/city/applications";
import { organizationCounts } from "../../../app/setup/city/organizations";
import { placeCounts } from "../../../app/setup/city/places";
import { postingCounts } from "../../../app/setup/city/postings";
import { usccKindOf } from "../../../app/domain/organizations/rules";
import { verifyPostingChains } from "../../../app/domain/postings/chain-check.server";
import { usccProblems } from "../../../app/domain/organizations/uscc";

const factor = 0.02;
const asOf = "2026-11-01";
let summary: CitySummary;

beforeAll(async () => {
  summary = await seedCity(await getDb(), { factor, asOf, progress: false });
}, 120_000);

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(await getDb(), query);
}

test("every table holds what the scale asks for", async () => {
  const p = placeCounts(factor);
  const o = organizationCounts(factor);
  const q = applicationCounts(factor);
  expect(summary.rows.places).toBe(1 + p.streets + p.towns + p.locals);
  const levels = await rows<{ level: string; n: number }>(sql`select level, count(*)::int as n from places group by level`);
  const level = (name: string) => levels.find((l) => l.level === name)?.n ?? 0;
  expect([level("district"), level("street"), level("town"), level("community") + level("village")]).toEqual([1, p.streets, p.towns, p.locals]);
  // About half the communities and villages are villages.
  expect(level("village") / p.locals).toBeGreaterThan(0.4);
  expect(level("village") / p.locals).toBeLessThan(0.6);

  const byType = await rows<{ type: string; n: number }>(sql`select type, count(*)::int as n from organizations group by type`);
  expect(Object.fromEntries(byType.map((t) => [t.type, t.n]))).toEqual(o);
  const byStatus = await rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from organizations group by status`);
  const status = Object.fromEntries(byStatus.map((s) => [s.status, s.n]));
  expect(status.normal! / summary.rows.organizations!).toBeGreaterThan(0.8);
  for (const s of ["abnormal", "cancelled", "revoked"]) expect(status[s]).toBeGreaterThan(0);

  const [published] = await rows<{ n: number; places: number }>(sql`select count(*)::int as n, count(distinct place_id)::int as places from posting_versions where chain_seq is not null`);
  expect(published).toEqual({ n: postingCounts(factor).versions, places: postingCounts(factor).places });

  const queue = await rows<{ state: string; n: number }>(sql`select state, count(*)::int as n from applications where state in ('submitted', 'accepted', 'returned', 'draft') group by state`);
  expect(Object.fromEntries(queue.map((s) => [s.state, s.n]))).toEqual({ submitted: q.submitted, accepted: q.accepted, returned: q.returned, draft: q.draft });
  const [decided] = await rows<{ approved: number; rejected: number; overdue: number }>(sql`
    select count(*) filter (where state = 'approved')::int as approved, count(*) filter (where state = 'rejected')::int as rejected,
           count(*) filter (where state = 'accepted' and due_on < ${asOf})::int as overdue from applications`);
  expect(decided!.rejected).toBe(q.rejected);
  expect(decided!.overdue).toBe(q.overdue);
  expect(decided!.approved).toBeGreaterThan(summary.rows.organizations! / 10);

  const years = await rows<{ year: number; reports: number }>(sql`select y.year, count(r.id)::int as reports from inspection_years y left join inspection_reports r on r.year = y.year group by y.year order by y.year`);
  // Five campaigns, named after the year reported on: the latest, on 2025, is filed in 2026.
  expect(years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
  for (const y of years) expect(y.reports).toBeGreaterThan(0);

  // Committees for every community (residents) and village (villagers, supervision, finance group): this term and the last.
  const [terms] = await rows<{ n: number }>(sql`select count(*)::int as n from committee_terms`);
  expect(terms!.n).toBe(2 * level("community") + 6 * level("village"));
  const [withoutMembers] = await rows<{ n: number }>(sql`select count(*)::int as n from committee_terms t where not exists (select 1 from committee_members m where m.term_id = t.id)`);
  expect(withoutMembers!.n).toBe(0);

  const users = await rows<{ username: string; role: string; place: string | null; org: string | null }>(sql`
    select u.username, u.role, p.name as place, o.name as org from users u
    left join places p on p.id = u.place_id left join organizations o on o.id = u.organization_id order by u.id`);
  expect(users.map((u) => [u.username, u.role])).toEqual(demoAccounts.map((a) => [a.username, a.role]));
  expect(Object.fromEntries(users.map((u) => [u.username, u.place ?? u.org]))).toMatchObject({ street: "开元街道", assoc: "鲤城区老年人体育协会", clerk: "大良村", supervisor: "大良村" });
});

test("every USCC passes the check for its organization's kind and none repeats; filed ones have a filing number and a category", async () => {
  const orgs = await rows<{ type: keyof typeof usccKindOf | "community"; uscc: string | null; filing_number: string | null; category: string | null; place_level: string }>(sql`
    select o.type, o.uscc, o.filing_number, o.category, p.level as place_level from organizations o join places p on p.id = o.place_id`);
  const registered = orgs.filter((o) => o.type !== "community");
  for (const org of registered) expect([org.uscc, usccProblems(org.uscc ?? "", usccKindOf[org.type])]).toEqual([org.uscc, []]);
  expect(new Set(registered.map((o) => o.uscc)).size).toBe(registered.length);
  const filed = orgs.filter((o) => o.type === "community");
  for (const org of filed) {
    expect(org.uscc).toBeNull();
    expect(org.filing_number).toMatch(/^.+(街道|镇)社备〔\d{4}〕\d{3}号$/);
    expect(["life_service", "charity", "culture_sports", "mediation"]).toContain(org.category);
    expect(["community", "village"]).toContain(org.place_level);
  }
});

test("the posting chains verify with the check npm run postings:verify runs", async () => {
  const report = await verifyPostingChains();
  expect(report.problems).toEqual([]);
  expect(report.versions).toBe(postingCounts(factor).versions);
  const [corrected] = await rows<{ n: number }>(sql`select count(*)::int as n from posting_versions where state = 'superseded'`);
  expect(corrected!.n).toBeGreaterThan(0);
});

test("names share the common fragments searches look for, while rare ones stay rare", async () => {
  const total = summary.rows.organizations!;
  // 1,000 to 3,000 of the city's 30,000 names: a share of about 3% to 10%, a little wider for a small sample.
  for (const fragment of ["社区", "文化", "协会", "服务"]) {
    const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from organizations where name like ${`%${fragment}%`}`);
    expect(row!.n / total, fragment).toBeGreaterThan(0.025);
    expect(row!.n / total, fragment).toBeLessThan(0.12);
  }
  const [rare] = await rows<{ n: number }>(sql`select count(*)::int as n from organizations where name ~ '蔡襄研究|俞大猷研|古船研究|遗址保护|承天寺文'`);
  expect(rare!.n / total).toBeLessThan(0.005);
  const [duplicates] = await rows<{ n: number }>(sql`select count(*)::int as n from (select name from organizations group by name having count(*) > 1) d`);
  expect(duplicates!.n).toBe(0);
});

test("each name's pieces are listed for short-fragment searches, as the trigger keeps them, and the trigger is on again", async () => {
  // Written in one pass after the rows (the trigger was off for the COPY): exactly the pieces of every name, nothing else.
  const [pieces] = await rows<{ expected: number; listed: number; missing: number }>(sql`
    select (select count(*)::int from organizations o, unnest(o.name_grams)) as expected,
           (select count(*)::int from organization_name_grams) as listed,
           (select count(*)::int from organizations o, unnest(o.name_grams) g
              where not exists (select 1 from organization_name_grams n where n.gram = g and n.name = o.name and n.organization_id = o.id)) as missing`);
  expect(pieces!.expected).toBeGreaterThan(summary.rows.organizations!);
  expect(pieces).toEqual({ expected: pieces!.expected, listed: pieces!.expected, missing: 0 });
  // The key, the foreign key and the trigger are as migration 0035 left them.
  const constraints = await rows<{ definition: string }>(
    sql`select pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = 'organization_name_grams'::regclass order by conname`,
  );
  expect(constraints.map((c) => c.definition)).toEqual(["PRIMARY KEY (gram, name, organization_id)", "FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE"]);
  const indexes = await rows<{ name: string }>(sql`select indexname as name from pg_indexes where tablename = 'organization_name_grams' order by 1`);
  expect(indexes.map((i) => i.name)).toEqual(["organization_name_grams_gram_name_organization_id_pk", "organization_name_grams_organization_idx"]);
  const [trigger] = await rows<{ enabled: string }>(sql`select tgenabled as enabled from pg_trigger where tgname = 'organizations_name_grams_sync'`);
  expect(trigger!.enabled).toBe("O");
});

test("standing agrees with the inspections: the abnormal are listed for the year they did not file, and party branches have their members", async () => {
  const abnormal = await rows<{ id: number; listed: number; filed: number }>(sql`
    select o.id,
      (select count(*)::int from abnormal_listings l where l.organization_id = o.id and l.removed_on is null) as listed,
      (select count(*)::int from inspection_reports r join abnormal_listings l on l.organization_id = o.id and l.removed_on is null and r.year = l.inspection_year where r.organization_id = o.id) as filed
    from organizations o where o.status = 'abnormal'`);
  expect(abnormal.length).toBeGreaterThan(0);
  for (const org of abnormal) expect(org).toEqual({ id: org.id, listed: 1, filed: 0 });
  const [strays] = await rows<{ n: number }>(sql`select count(*)::int as n from abnormal_listings l join organizations o on o.id = l.organization_id where l.removed_on is null and o.status <> 'abnormal'`);
  expect(strays!.n).toBe(0);
  const [thinBranches] = await rows<{ n: number }>(sql`
    select count(*)::int as n from organization_party op join party_branches b on b.id = op.branch_id where b.kind = 'single' and op.formal_members < 3`);
  expect(thinBranches!.n).toBe(0);
  const [uncounted] = await rows<{ n: number }>(sql`
    select count(*)::int as n from organization_party op join organizations o on o.id = op.organization_id where o.type = 'community'`);
  expect(uncounted!.n).toBe(0);
});

test("a database that already holds places is refused, and left as it was", async () => {
  await expect(seedCity(await getDb(), { factor, asOf, progress: false })).rejects.toThrow("已有行政区划数据");
  const [places] = await rows<{ n: number }>(sql`select count(*)::int as n from places`);
  expect(places!.n).toBe(summary.rows.places);
});

/** Runs `work` on a new, migrated, empty database on the test server, dropped afterwards. */
async function inOtherDatabase(work: (other: Database) => Promise<void>): Promise<void> {
  const server = process.env.TEST_DATABASE_URL!;
  const name = `cr_city_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 2, onnotice: () => {} });
  try {
    const other = drizzle(client, { schema }) as unknown as Database;
    await migrate(other as never, { migrationsFolder: migrationsFolder() });
    await work(other);
  } finally {
    await client.end();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

test("a second run into another empty database gives the same rows", async () => {
  await inOtherDatabase(async (other) => {
    await seedCity(other, { factor, asOf, progress: false });
    const fingerprint = async (db: Database) =>
      queryRows<Record<string, string>>(db, sql`select
        (select md5(string_agg(concat_ws('|', id, name, type, uscc, filing_number, status, registered_on, place_id, legal_representative, address), ',' order by id)) from organizations) as organizations,
        (select md5(string_agg(concat_ws('|', id, posting_id, place_id, chain_seq, content_hash), ',' order by id)) from posting_versions where chain_seq is not null) as versions,
        (select md5(string_agg(concat_ws('|', id, year, organization_id, state, report::text, conclusion), ',' order by id)) from inspection_reports) as inspections,
        (select md5(string_agg(concat_ws('|', id, kind, state, title, proposed::text, submitted_at, decided_at), ',' order by id)) from applications) as applications,
        (select md5(string_agg(concat_ws('|', t.place_id, t.body, t.term_number, t.starts_on, m.name, m.post), ',' order by t.place_id, t.body, t.term_number, m.sort_order)) from committee_terms t join committee_members m on m.term_id = t.id) as committees,
        (select md5(string_agg(concat_ws('|', organization_id, formal_members, branch_id, instructor), ',' order by organization_id)) from organization_party) as party`);
    expect(await fingerprint(other)).toEqual(await fingerprint(await getDb()));
  });
}, 120_000);

test("a small province loads: two of its cities, place codes and names unique, organizations' names, USCCs and filing numbers too", async () => {
  // A hundred-and-fiftieth of the province (0.15 of the city): three streets and towns, in 泉州市 and 福州市.
  const options = { scale: "province" as const, factor: 0.015, asOf, progress: false as const };
  const plan = cityPlan(resolveCityOptions(options));
  await inOtherDatabase(async (other) => {
    const province = await seedCity(other, options);
    const rowsOf = <T,>(query: ReturnType<typeof sql>) => queryRows<T>(other, query);
    expect(province.options).toMatchObject({ scale: "province", factor: 0.015 });
    expect(province.rows.organizations).toBe(plan.organizations);
    const levels = await rowsOf<{ level: string; n: number }>(sql`select level, count(*)::int as n from places group by level`);
    const level = (name: string) => levels.find((l) => l.level === name)?.n ?? 0;
    expect([level("district"), level("street"), level("town"), level("community") + level("village")]).toEqual([1, plan.streets, plan.towns, plan.locals]);
    const [root] = await rowsOf<{ code: string; name: string }>(sql`select code, name from places where level = 'district'`);
    expect(root).toEqual({ code: "350000000000", name: "福建省" });
    const [unique] = await rowsOf<Record<string, number>>(sql`select
      (select count(*)::int from (select code from places group by code having count(*) > 1) d) as codes,
      (select count(*)::int from (select name from places group by name having count(*) > 1) d) as names,
      (select count(*)::int from places p join places s on s.id = p.parent_id where s.level <> 'district' and left(p.code, 9) <> left(s.code, 9)) as strays,
      (select count(distinct left(code, 4))::int from places where level in ('street', 'town')) as cities,
      (select count(*)::int from (select name from organizations group by name having count(*) > 1) d) as org_names,
      (select count(*)::int from (select filing_number from organizations where filing_number is not null group by filing_number having count(*) > 1) d) as filings`);
    expect(unique).toEqual({ codes: 0, names: 0, strays: 0, cities: 2, org_names: 0, filings: 0 });
    const registered = await rowsOf<{ type: keyof typeof usccKindOf; uscc: string }>(sql`select type, uscc from organizations where type <> 'community'`);
    for (const org of registered) expect([org.uscc, usccProblems(org.uscc, usccKindOf[org.type])]).toEqual([org.uscc, []]);
    expect(new Set(registered.map((o) => o.uscc)).size).toBe(registered.length);
    const [published] = await rowsOf<{ n: number; places: number }>(sql`select count(*)::int as n, count(distinct place_id)::int as places from posting_versions where chain_seq is not null`);
    expect(published).toEqual({ n: plan.postingVersions, places: plan.postingPlaces });
    const [terms] = await rowsOf<{ n: number }>(sql`select count(*)::int as n from committee_terms`);
    expect(terms!.n).toBe(2 * level("community") + 6 * level("village"));
    const users = await rowsOf<{ username: string; place: string | null }>(sql`select u.username, p.name as place from users u left join places p on p.id = u.place_id`);
    expect(Object.fromEntries(users.map((u) => [u.username, u.place]))).toMatchObject({ street: "开元街道", clerk: "大良村" });
  });
}, 180_000);
