import { count, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb, queryRows } from "../../db/client.server";
import { organizations, places, users } from "../../db/schema";
import { seedDemoIfEmpty } from "../../app/setup/demo";
import { districtOverview, placeByCode, searchPlaces } from "../../app/domain/places/queries.server";
import { organizationCounts } from "../../app/domain/organizations/public.server";
import { usccProblems } from "../../app/domain/organizations/uscc";
import { demoActor, loadDemoDistrict } from "../setup/demo";
import { demoLatestCampaign, demoRegistrations } from "../../app/setup/demo";
import { shanghaiDate } from "../../app/domain/shared/time";
import { inspectionYears } from "../../db/schema";
import { ownInspectionYears, yearOverview } from "../../app/domain/inspections/queries.server";
import { sql } from "drizzle-orm";

beforeAll(loadDemoDistrict);

test("the demo district has 6 streets with 77 communities and a town with 20 villages", async () => {
  const overview = await districtOverview();
  expect(overview?.district.name).toBe("鲤城区");
  expect(overview?.totals).toEqual({ streets: 6, towns: 1, communities: 77, villages: 20 });
  const db = await getDb();
  const codes = await db.select({ code: places.code }).from(places);
  for (const { code } of codes) expect(code).toMatch(/^350502\d{6}$/);
});

test("the register holds seed 002's 431 at the end of the half-year before the day it loads; the cancelled, revoked and newer are extra", async () => {
  const today = shanghaiDate(new Date());
  const plan = demoRegistrations(today);
  const rows = await queryRows<{ type: string; n: number }>(
    await getDb(),
    sql`select type, count(*)::int as n from organizations where status in ('normal', 'abnormal') and registered_on <= ${plan.previous.to} group by type`,
  );
  expect(Object.fromEntries(rows.map((r) => [r.type, r.n]))).toEqual({ social_group: 58, private_non_enterprise: 335, community: 38 });
  // The home page's figure is the register now: those and this half-year's new ones; the cancelled and revoked apart.
  const counts = await organizationCounts();
  expect(counts.byType).toEqual({
    social_group: 58 + plan.currentHalf.social_group,
    private_non_enterprise: 335 + plan.currentHalf.private_non_enterprise,
    foundation: 0,
    community: 38 + plan.currentHalf.community,
  });
  expect(counts.ended).toBeGreaterThan(0);
});

test("the latest campaign is the one filed this year, in progress until its deadline and closed after it, with nothing dated after today", async () => {
  const now = new Date();
  const today = shanghaiDate(now);
  const latest = demoLatestCampaign(now);
  expect(latest).toBe(Number(today.slice(0, 4)) - 1);
  const db = await getDb();
  const campaigns = await db.select().from(inspectionYears).orderBy(inspectionYears.year);
  expect(campaigns.map((c) => c.year)).toEqual([latest - 2, latest - 1, latest]);
  const current = campaigns.at(-1)!;
  expect(current.registryDeadline).toBe(`${latest + 1}-05-31`);
  // Put to the registry by the calendar once closed: the earlier ones already, the latest not yet.
  expect(campaigns.map((c) => c.nonFilersProposedAt !== null)).toEqual([true, true, false]);
  // Nothing the demo dates lies after the moment it loaded.
  const [latestDates] = await queryRows<{ submitted: string | null; concluded: string | null; registered: string; listed: string; changed: string | null }>(
    db,
    sql`select (select max(submitted_at)::text from inspection_reports) as submitted, (select max(concluded_at)::text from inspection_reports) as concluded,
        (select max(registered_on)::text from organizations) as registered, (select max(listed_on)::text from abnormal_listings) as listed,
        (select max(status_since)::text from organizations) as changed`,
  );
  expect(new Date(latestDates!.submitted!).getTime()).toBeLessThanOrEqual(now.getTime());
  expect(new Date(latestDates!.concluded!).getTime()).toBeLessThanOrEqual(now.getTime());
  for (const day of [latestDates!.registered, latestDates!.listed, latestDates!.changed!]) expect(day <= today).toBe(true);
  // Every listing for not filing comes after the deadline of the campaign it names.
  const early = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from abnormal_listings l join inspection_years y on y.year = l.inspection_year where l.listed_on <= y.registry_deadline`,
  );
  expect(early).toEqual([{ n: 0 }]);
});

test("no demo organization is overdue before its deadline: until 31 May the latest campaign's non-filers still have days left with the registry", async () => {
  const now = new Date();
  const latest = demoLatestCampaign(now);
  const officer = await demoActor("officer");
  const overview = await yearOverview(officer, latest, now);
  const open = shanghaiDate(now) <= `${latest + 1}-05-31`;
  expect(overview.pastDeadline).toBe(!open);
  expect(overview.byKind.find((k) => k.type === "social_group")).toMatchObject({ due: 51, filed: 20 });
  expect(overview.byKind.find((k) => k.type === "private_non_enterprise")).toMatchObject({ due: 292, filed: 123 });
  // The association's own page: its latest report not yet filed, late only once its deadline has passed, which,
  // as it has a 业务主管单位, is the unit's of 31 March (社会团体登记管理条例 art. 28).
  const assoc = await demoActor("assoc");
  const own = await ownInspectionYears(assoc, now);
  const mine = own.years.find((y) => y.year === latest);
  expect(own.unitName).toBe("鲤城区文化体育和旅游局");
  expect(mine?.deadline).toBe(`${latest + 1}-03-31`);
  expect(mine?.state ?? null).toBeNull();
  expect(mine?.late).toBe(shanghaiDate(now) > `${latest + 1}-03-31`);
  expect(own.years.filter((y) => y.year < latest).every((y) => y.state === "concluded" && !y.late)).toBe(true);
});

test("every registered organization has a valid USCC of its kind; filed ones have none", async () => {
  const db = await getDb();
  const rows = await db.select().from(organizations);
  for (const org of rows) {
    if (org.type === "community") {
      expect(org.uscc).toBeNull();
      expect(org.filingNumber).toBeTruthy();
    } else {
      const kind = org.type === "social_group" ? "1" : org.type === "private_non_enterprise" ? "2" : "3";
      expect(usccProblems(org.uscc ?? "", kind)).toEqual([]);
    }
  }
});

test("the six demo accounts carry the scopes docs/api.md and docs/glossary.md describe", async () => {
  const db = await getDb();
  const rows = await db
    .select({ username: users.username, role: users.role, level: places.level, orgType: organizations.type })
    .from(users)
    .leftJoin(places, eq(places.id, users.placeId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId));
  const byName = Object.fromEntries(rows.map((r) => [r.username, r]));
  expect(byName.admin).toMatchObject({ role: "admin", level: null });
  expect(byName.officer).toMatchObject({ role: "district_officer", level: null });
  expect(byName.street).toMatchObject({ role: "street_officer", level: "street" });
  expect(byName.assoc).toMatchObject({ role: "association", orgType: "social_group" });
  expect(byName.clerk).toMatchObject({ role: "village_clerk", level: "village" });
  expect(byName.supervisor).toMatchObject({ role: "village_supervisor", level: "village" });
  const [clerk, supervisor] = await Promise.all(
    ["clerk", "supervisor"].map((u) => db.select().from(users).where(eq(users.username, u)).then((r) => r[0])),
  );
  expect(clerk?.placeId).toBe(supervisor?.placeId);
});

test("seeding again leaves an existing database alone", async () => {
  const db = await getDb();
  expect(await seedDemoIfEmpty(db)).toBe(false);
  const [row] = await db.select({ n: count() }).from(places);
  expect(row?.n).toBe(1 + 7 + 77 + 20);
});

test("a place opens by its division code with parent and children; an unknown code is a 404", async () => {
  const street = await placeByCode("350502001000");
  expect(street.place.name).toBe("开元街道");
  expect(street.parent?.name).toBe("鲤城区");
  expect(street.children).toHaveLength(14);
  await expect(placeByCode("350502999999")).rejects.toMatchObject({ status: 404 });
  await expect(placeByCode("abc")).rejects.toMatchObject({ status: 404 });
});

test("places are found by a fragment of their name", async () => {
  const found = await searchPlaces("水门");
  expect(found.map((p) => p.name)).toContain("水门社区");
  expect(await searchPlaces("100%")).toEqual([]);
});

test("raw queries return rows the same way on either database", async () => {
  const db = await getDb();
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from places`);
  expect(rows).toEqual([{ n: 105 }]);
});
