/**
 * The city's places: 泉州市 as the register's root, its streets (街道, with
 * communities) and towns (镇, with villages and a few communities at the town
 * seat), each with its 12-digit statistical code (county, street or town
 * 001–099 / 100–199, community 001–199, village 200–999). The province has
 * 福建省 as its root and its streets and towns shared out among the nine
 * prefecture-level cities (泉州市's first, with its real names; the others'
 * generated), each city's spread over its counties, so no county runs out of
 * codes; its communities and villages are named from a larger pool.
 */
import { copyRows } from "./copy";
import {
  city,
  demoCommunityNames,
  demoVillageNames,
  placeNamePool,
  prefectures,
  province,
  provincePlaceNamePool,
  streetNames,
  townNames,
  townshipNamePool,
  type County,
} from "./names";
import { spread, type Rng } from "./random";
import type { CityContext, CityScale } from "./context";

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
  /** The register's root: 泉州市, or 福建省 for the province. */
  root: { code: string; name: string };
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

interface Head {
  name: string;
  county: County;
  level: "street" | "town";
}

/** The city's streets and towns: 泉州市's real ones, streets first. */
function cityHeads(counts: ReturnType<typeof placeCounts>): Head[] {
  if (counts.streets > streetNames.length || counts.towns > townNames.length) throw new Error("规模系数过大：街道、镇的名称不够用");
  return [...streetNames.slice(0, counts.streets).map((s) => ({ ...s, level: "street" as const })), ...townNames.slice(0, counts.towns).map((s) => ({ ...s, level: "town" as const }))];
}

/**
 * The province's streets and towns, streets first, each level city by city:
 * each prefecture-level city takes an equal share (泉州市 the larger ones),
 * 泉州市 its real names first, and the others' are generated names dealt out
 * over their counties in turn (streets to the 区 and county-level 市 first,
 * towns to the 县 first).
 */
function provinceHeads(counts: ReturnType<typeof placeCounts>, rng: Rng): Head[] {
  const pool = townshipNamePool(rng);
  const heads: Head[] = [];
  const rank = (level: Head["level"], c: County) => {
    const kind = c.name.endsWith("区") ? 0 : c.name.endsWith("市") ? 1 : 2;
    return level === "street" ? kind : 2 - kind;
  };
  for (const level of ["street", "town"] as const) {
    const shares = spread(level === "street" ? counts.streets : counts.towns, prefectures.length);
    prefectures.forEach(({ prefecture, counties }, pi) => {
      const real = prefecture === city ? (level === "street" ? streetNames : townNames) : [];
      const order = counties.map((c, i) => [c, i] as const).sort((a, b) => rank(level, a[0]) - rank(level, b[0]) || a[1] - b[1]).map(([c]) => c);
      for (let i = 0; i < shares[pi]!; i++) {
        const known = real[i];
        if (known) {
          heads.push({ ...known, level });
          continue;
        }
        const name = pool.pop();
        if (!name) throw new Error("规模系数过大：街道、镇的名称不够用");
        heads.push({ name: `${name}${level === "street" ? "街道" : "镇"}`, county: order[(i - real.length) % order.length]!, level });
      }
    });
  }
  return heads;
}

export function generatePlaces(ctx: Pick<CityContext, "options" | "rng">): CityPlaces {
  const rng = ctx.rng("places");
  const scale: CityScale = ctx.options.scale;
  const counts = placeCounts(ctx.options.size);
  const heads = scale === "province" ? provinceHeads(counts, ctx.rng("province-streets")) : cityHeads(counts);
  if (new Set(heads.map((h) => h.name)).size < heads.length) throw new Error("街道、镇的名称重复");
  const perStreet = spread(counts.locals, counts.streets + counts.towns);
  if (Math.max(...perStreet) > 199) throw new Error("规模系数过大：每个街道（镇）的社区、村超过统计编码的容量");
  const pool = scale === "province" ? provincePlaceNamePool(rng) : placeNamePool(rng);
  const nextName = () => {
    const name = pool.pop();
    if (!name) throw new Error("规模系数过大：社区、村的名称不够用");
    return name;
  };

  let nextId = 1;
  const districtId = nextId++;
  const streets: CityStreet[] = [];
  const serials = new Map<string, number>();
  for (const head of heads) {
    const key = `${head.county.code}/${head.level}`;
    const serial = (serials.get(key) ?? (head.level === "street" ? 0 : 99)) + 1;
    if (serial > (head.level === "street" ? 99 : 199)) throw new Error(`规模系数过大：${head.county.name}的街道（镇）超过统计编码的容量`);
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
  const root = scale === "province" ? province : city;
  return { root: { code: root.code, name: root.name }, districtId, streets, locals };
}

export async function seedPlaces(ctx: CityContext): Promise<CityPlaces> {
  const generated = generatePlaces(ctx);
  const { root, districtId, streets, locals } = generated;
  const sum = (list: CityPlace[], key: "households" | "population") => list.reduce((a, p) => a + p[key], 0);
  const rows = [
    [districtId, root.code, root.name, "district", null, sum(locals, "households"), sum(locals, "population"), 0],
    ...streets.map((s, i) => [s.id, s.code, s.name, s.level, districtId, sum(s.places, "households"), sum(s.places, "population"), s.level === "street" ? i + 1 : 100 + i]),
    ...streets.flatMap((s) => s.places.map((p, i) => [p.id, p.code, p.name, p.level, s.id, p.households, p.population, i + 1])),
  ];
  ctx.progress.start("行政区划", rows.length);
  await copyRows(ctx.sql, "places", ["id", "code", "name", "level", "parent_id", "households", "population", "sort_order"], rows, (n) => ctx.progress.add(n));
  ctx.progress.finish();
  return generated;
}
