import { count, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb, queryRows } from "../../db/client.server";
import { organizations, places, users } from "../../db/schema";
import { seedDemoIfEmpty } from "../../app/setup/demo";
import { districtOverview, placeByCode, searchPlaces } from "../../app/domain/places/queries.server";
import { organizationCounts } from "../../app/domain/organizations/public.server";
import { usccProblems } from "../../app/domain/organizations/uscc";
import { loadDemoDistrict } from "../setup/demo";
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

test("the register holds the seed document's 431 organizations: 58 社团, 335 民非, 38 filed", async () => {
  const counts = await organizationCounts();
  expect(counts.total).toBe(431);
  expect(counts.byType).toEqual({ social_group: 58, private_non_enterprise: 335, foundation: 0, community: 38 });
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
