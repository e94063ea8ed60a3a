/**
 * The city's places: 泉州市 as the register's root, its streets (街道, with
 * communities) and towns (镇, with villages and a few communities at the town
 * seat), each with its 12-digit statistical code (county, street or town
 * 001–099 / 100–, community 001–199, village 200–).
 */
import { copyRows } from "./copy";
import { city, demoCommunityNames, demoVillageNames, placeNamePool, streetNames, townNames, type County } from "./names";
import { spread } from "./random";
import type { CityContext } from "./context";

export interface CityStreet {
  id: number;
  code: string;
  name: string;
  level: "street" | "town";
  county: County;
  places: CityPlace[];
}

export interface CityPlace {
  id: number;
  code: string;
  /** "象峰社区", "大良村" */
  name: string;
  /** "象峰", "大良" */
  short: string;
  level: "community" | "village";
  street: CityStreet;
  households: number;
  population: number;
}

export interface CityPlaces {
  districtId: number;
  streets: CityStreet[];
  /** Every community and village, street by street. */
  locals: CityPlace[];
}

export function placeCounts(factor: number) {
  const streets = Math.max(2, Math.round(20 * factor));
  const towns = Math.max(1, Math.round((streets * 11) / 20));
  const locals = Math.max(streets * 3, Math.round(1500 * factor));
  return { streets: streets - towns, towns, locals };
}

export function generatePlaces(ctx: Pick<CityContext, "options" | "rng">): CityPlaces {
  const rng = ctx.rng("places");
  const counts = placeCounts(ctx.options.factor);
  if (counts.streets > streetNames.length || counts.towns > townNames.length) throw new Error("规模系数过大：街道、镇的名称不够用");
  const perStreet = spread(counts.locals, counts.streets + counts.towns);
  if (Math.max(...perStreet) > 199) throw new Error("规模系数过大：每个街道（镇）的社区、村超过统计编码的容量");
  const pool = placeNamePool(rng);
  const nextName = () => {
    const name = pool.pop();
    if (!name) throw new Error("规模系数过大：社区、村的名称不够用");
    return name;
  };

  let nextId = 1;
  const districtId = nextId++;
  const streets: CityStreet[] = [];
  const serials = new Map<string, number>();
  const heads = [...streetNames.slice(0, counts.streets).map((s) => ({ ...s, level: "street" as const })), ...townNames.slice(0, counts.towns).map((s) => ({ ...s, level: "town" as const }))];
  for (const head of heads) {
    const key = `${head.county.code}/${head.level}`;
    const serial = (serials.get(key) ?? (head.level === "street" ? 0 : 99)) + 1;
    serials.set(key, serial);
    streets.push({ id: nextId++, code: `${head.county.code}${String(serial).padStart(3, "0")}000`, name: head.name, level: head.level, county: head.county, places: [] });
  }

  const locals: CityPlace[] = [];
  streets.forEach((street, si) => {
    const size = perStreet[si]!;
    // A town has a few communities at its seat; a street has communities only.
    const communities = street.level === "street" ? size : Math.min(size - 1, Math.max(1, Math.round(size * 0.07)));
    for (let i = 0; i < size; i++) {
      const community = i < communities;
      const demoNames = si === 0 ? demoCommunityNames : street === streets[counts.streets] ? demoVillageNames : [];
      const ordinal = community ? i : i - communities;
      const short = (street.level === "street" || !community ? demoNames[ordinal] : undefined) ?? nextName();
      const serial = community ? 1 + i : 200 + ordinal;
      const place: CityPlace = {
        id: 0,
        code: `${street.code.slice(0, 9)}${String(serial).padStart(3, "0")}`,
        name: `${short}${community ? "社区" : "村"}`,
        short,
        level: community ? "community" : "village",
        street,
        households: community ? rng.int(1200, 3800) : rng.int(300, 1200),
        population: community ? rng.int(3500, 10500) : rng.int(1100, 4100),
      };
      street.places.push(place);
      locals.push(place);
    }
  });
  for (const place of locals) place.id = nextId++;
  return { districtId, streets, locals };
}

export async function seedPlaces(ctx: CityContext): Promise<CityPlaces> {
  const { districtId, streets, locals } = generatePlaces(ctx);
  const sum = (list: CityPlace[], key: "households" | "population") => list.reduce((a, p) => a + p[key], 0);
  const rows = [
    [districtId, city.code, city.name, "district", null, sum(locals, "households"), sum(locals, "population"), 0],
    ...streets.map((s, i) => [s.id, s.code, s.name, s.level, districtId, sum(s.places, "households"), sum(s.places, "population"), s.level === "street" ? i + 1 : 100 + i]),
    ...streets.flatMap((s) => s.places.map((p, i) => [p.id, p.code, p.name, p.level, s.id, p.households, p.population, i + 1])),
  ];
  ctx.progress.start("行政区划", rows.length);
  await copyRows(ctx.sql, "places", ["id", "code", "name", "level", "parent_id", "households", "population", "sort_order"], rows, (n) => ctx.progress.add(n));
  ctx.progress.finish();
  return { districtId, streets, locals };
}
