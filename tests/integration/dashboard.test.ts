/**
 * The officer's first page counts the communities and villages and the organizations within the
 * officer's reach: the district's by level alone, a street officer's by their street.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { places } from "../../db/schema";
import { officerDashboard } from "../../app/domain/statistics/dashboard.server";
import { demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

/** Communities and villages whose street or town is one of `units` (ids), counted by their parent. */
async function childrenOf(units: number[]) {
  const db = await getDb();
  const child = alias(places, "child");
  const rows = await db.select({ level: child.level, n: count() }).from(child).where(inArray(child.parentId, units)).groupBy(child.level);
  return { communities: rows.find((r) => r.level === "community")?.n ?? 0, villages: rows.find((r) => r.level === "village")?.n ?? 0 };
}

test("the district officer's count is every street's and town's children; the street officer's their street's", async () => {
  const db = await getDb();
  const units = await db.select({ id: places.id }).from(places).where(inArray(places.level, ["street", "town"]));
  const district = await officerDashboard(await demoActor("officer"));
  expect(district.places.units).toHaveLength(units.length);
  expect({ communities: district.places.communities, villages: district.places.villages }).toEqual(await childrenOf(units.map((u) => u.id)));
  expect(district.places.communities + district.places.villages).toBeGreaterThan(0);

  const street = await demoActor("street");
  const own = await officerDashboard(street);
  expect(own.places.units.map((u) => u.id)).toEqual([street.placeId]);
  const [ownUnit] = await db.select({ id: places.id }).from(places).where(and(eq(places.id, street.placeId!), inArray(places.level, ["street", "town"])));
  expect({ communities: own.places.communities, villages: own.places.villages }).toEqual(await childrenOf([ownUnit!.id]));
  expect(own.places.communities).toBeLessThan(district.places.communities);
});
