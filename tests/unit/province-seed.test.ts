/**
 * The province scale of the city generator (`npm run db:seed -- --scale
 * province`): ten times the city, its factor relative to the province; places
 * with unique 12-digit codes and names in all nine prefecture-level cities of
 * 福建省 up to the largest factor; organizations with unique names, valid
 * USCCs of their registering authority's division and unique filing numbers.
 * Generated in memory only (the database run is in
 * tests/integration/postgres-only/city-seed.test.ts).
 */
import { describe, expect, test } from "vitest";
import { CitySeedRefused, cityPlan, maxFactor, resolveCityOptions, type CityOptions } from "../../app/setup/city";
import { prefectures } from "../../app/setup/city/names";
import { generateOrganizations } from "../../app/setup/city/organizations";
import { generatePlaces } from "../../app/setup/city/places";
import { createRng } from "../../app/setup/city/random";
import { usccKindOf } from "../../app/domain/organizations/rules";
import { usccProblems } from "../../app/domain/organizations/uscc";

const asOf = "2026-11-01";
const contextOf = (options: CityOptions) => {
  const resolved = resolveCityOptions({ asOf, ...options });
  return { options: resolved, rng: (stream: string) => createRng(resolved.seed, stream) };
};

describe("what the scale asks for", () => {
  test("the province at factor 1 is ten cities: 200 streets and towns, 15,000 communities and villages, 300,000 organizations, 5,000,000 posting versions", () => {
    const province = resolveCityOptions({ scale: "province", asOf });
    expect([province.scale, province.factor, province.size]).toEqual(["province", 1, 10]);
    const plan = cityPlan(province);
    expect(plan.streets + plan.towns).toBe(200);
    expect(plan.locals).toBe(15_000);
    expect(plan.organizations).toBe(300_000);
    expect(plan.postingVersions).toBe(5_000_000);
    expect(plan.postingPlaces).toBe(10_000);
    const city = cityPlan(resolveCityOptions({ asOf }));
    expect([city.streets + city.towns, city.locals, city.organizations, city.postingVersions]).toEqual([20, 1_500, 30_000, 500_000]);
    for (const [key, n] of Object.entries(plan.organizationsByType)) expect(n).toBe(10 * city.organizationsByType[key as keyof typeof city.organizationsByType]);
  });

  test("the factor is relative to the scale: a hundredth of the province is a tenth of the city", () => {
    const small = resolveCityOptions({ scale: "province", factor: 0.01, asOf });
    expect(small.size).toBeCloseTo(0.1, 12);
    expect(cityPlan(small)).toEqual(cityPlan(resolveCityOptions({ scale: "city", factor: 0.1, asOf })));
    // The city stays as it was: scale city by default, factor as given.
    expect(resolveCityOptions({ factor: 0.5, asOf })).toMatchObject({ scale: "city", factor: 0.5, size: 0.5 });
  });

  test("a factor above the largest, or a scale it does not know, is refused in Chinese", () => {
    expect(() => resolveCityOptions({ scale: "province", factor: maxFactor + 0.1, asOf })).toThrow(CitySeedRefused);
    expect(() => resolveCityOptions({ scale: "country" as never, asOf })).toThrow("规模应为 city");
  });
});

describe("the province's places", () => {
  test.each([1, maxFactor])("at factor %s: codes and names unique and well-formed, streets and towns in all nine cities", (factor) => {
    const ctx = contextOf({ scale: "province", factor });
    const plan = cityPlan(ctx.options);
    const { root, streets, locals } = generatePlaces(ctx);
    expect(root).toEqual({ code: "350000000000", name: "福建省" });
    expect([streets.length, locals.length]).toEqual([plan.streets + plan.towns, plan.locals]);
    const codes = [root.code, ...streets.map((s) => s.code), ...locals.map((p) => p.code)];
    expect(new Set(codes).size).toBe(codes.length);
    const counties = new Map(prefectures.flatMap((p) => p.counties.map((c) => [c.code, c] as const)));
    for (const street of streets) {
      expect(street.code).toMatch(street.level === "street" ? /^35\d{4}0\d\d000$/ : /^35\d{4}1\d\d000$/);
      expect(counties.get(street.code.slice(0, 6))).toBe(street.county);
      expect(street.name).toMatch(street.level === "street" ? /^[\u4e00-\u9fff]{2,3}街道$/ : /^[\u4e00-\u9fff]{2,3}镇$/);
      for (const place of street.places) expect(place.code.slice(0, 9)).toBe(street.code.slice(0, 9));
    }
    // Street and town names are unique: filing numbers (unique in the database) begin with them.
    expect(new Set(streets.map((s) => s.name)).size).toBe(streets.length);
    expect(new Set(locals.map((p) => p.name)).size).toBe(locals.length);
    for (const place of locals) expect(place.name).toMatch(place.level === "village" ? /^[\u4e00-\u9fff]{2,3}村$/ : /^[\u4e00-\u9fff]{2,3}社区$/);
    expect(new Set(streets.map((s) => s.county.prefecture.name))).toEqual(new Set(prefectures.map((p) => p.prefecture.name)));
    // The demo's accounts find their street and village first, as in the city.
    expect(streets[0]!.name).toBe("开元街道");
    const firstTown = streets.find((s) => s.level === "town")!;
    expect([firstTown.name, firstTown.places.find((p) => p.level === "village")!.name]).toEqual(["汝湖镇", "大良村"]);
    // About half the communities and villages are villages.
    const villages = locals.filter((p) => p.level === "village").length;
    expect(villages / locals.length).toBeGreaterThan(0.4);
    expect(villages / locals.length).toBeLessThan(0.6);
  });

  test("the same seed gives the same places; the city's are 泉州市's as before", () => {
    const once = generatePlaces(contextOf({ scale: "province", factor: 0.2 }));
    const twice = generatePlaces(contextOf({ scale: "province", factor: 0.2 }));
    const flat = (p: typeof once) => p.locals.map((l) => `${l.code} ${l.name} ${l.households} ${l.population}`);
    expect(flat(twice)).toEqual(flat(once));
    const city = generatePlaces(contextOf({ scale: "city" }));
    expect(city.root).toEqual({ code: "350500000000", name: "泉州市" });
    expect(new Set(city.streets.map((s) => s.county.prefecture.name))).toEqual(new Set(["泉州市"]));
  });
});

describe("the province's organizations", () => {
  test("names, USCCs and filing numbers are unique; USCCs pass the check and carry their registering authority's division", () => {
    const ctx = contextOf({ scale: "province", factor: 0.25 });
    const places = generatePlaces(ctx);
    const orgs = generateOrganizations(ctx, places);
    expect(orgs.length).toBe(cityPlan(ctx.options).organizations);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
    const registered = orgs.filter((o) => o.type !== "community");
    expect(new Set(registered.map((o) => o.uscc)).size).toBe(registered.length);
    const filed = orgs.filter((o) => o.type === "community");
    expect(new Set(filed.map((o) => o.filingNumber)).size).toBe(filed.length);
    const divisions = new Map<string, string>(prefectures.flatMap((p) => [[`${p.prefecture.name}民政局`, p.prefecture.county] as const, ...p.counties.map((c) => [`${c.name}民政局`, c.code] as const)]));
    const authorities = new Set<string>();
    for (const org of registered) {
      expect(usccProblems(org.uscc!, usccKindOf[org.type as keyof typeof usccKindOf])).toEqual([]);
      expect(org.uscc!.slice(2, 8)).toBe(divisions.get(org.registeringAuthority));
      // Registered by the place's own county, or its own city.
      const { county } = org.place.street;
      expect([`${county.name}民政局`, `${county.prefecture.name}民政局`]).toContain(org.registeringAuthority);
      authorities.add(org.registeringAuthority);
    }
    for (const org of filed) expect(org.filingNumber).toMatch(new RegExp(`^${org.place.street.name}社备〔\\d{4}〕\\d{3}号$`));
    // Registered in every one of the nine cities, at city and county level.
    for (const { prefecture } of prefectures) expect(authorities).toContain(`${prefecture.name}民政局`);
  });
});
