/**
 * npm run db:seed -- --demo                 loads the demo district into an empty database.
 * npm run db:seed -- --scale city           loads a city-sized register into an empty PostgreSQL
 *                   [--factor 0.01]         database for benchmarks (DATABASE_URL must be set);
 *                   [--as-of 2026-11-01]    --factor scales every count, --as-of fixes the day the
 *                   [--seed 350500]         data is dated back from (default: the 1st of this month).
 * npm run db:seed -- --scale province       the same for a province ten times the city (福建省: 200
 *                   [--factor 0.01] …       streets and towns, 15,000 communities and villages,
 *                                           300,000 organizations, 5,000,000 posting versions;
 *                                           about 50 minutes on two cores); --factor is relative to
 *                                           the province: --scale province --factor 0.01 is a tenth
 *                                           of the city.
 */
import { closeDb, databaseKind, getDb, migrateDatabase } from "../db/client.server";
import { seedDemoIfEmpty } from "../app/setup/demo";
import { CitySeedRefused, cityPlan, resolveCityOptions, scaleName, scaleSizes, seedCity, type CityOptions, type CityScale } from "../app/setup/city";

const args = process.argv.slice(2);
const usage = [
  "用法：npm run db:seed -- --demo                 （向空数据库载入演示数据）",
  "      npm run db:seed -- --scale city [--factor 0.01] [--as-of 2026-11-01] [--seed 350500]",
  "                                                （向空的 PostgreSQL 数据库载入城市规模数据，供性能测试）",
  "      npm run db:seed -- --scale province [--factor 0.01] [--as-of 2026-11-01] [--seed 350500]",
  "                                                （载入省级规模数据：城市的十倍，约 30 万个社会组织、",
  "                                                 1.5 万个村（社区）、500 万个村务公开版本，双核机器上约需 50 分钟；",
  "                                                 规模系数相对于省，--factor 0.01 即城市的十分之一）",
].join("\n");

/** The value after `--name`, or after `--name=`. */
function option(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function demo(): Promise<number> {
  await migrateDatabase();
  const loaded = await seedDemoIfEmpty(await getDb());
  if (!loaded) {
    console.error("数据库中已有行政区划数据，未载入演示数据（演示数据只载入空数据库）。");
    return 1;
  }
  console.log(`演示数据已载入（${databaseKind() === "postgres" ? "PostgreSQL" : "嵌入式 PGlite"}）。`);
  return 0;
}

async function city(scale: CityScale): Promise<number> {
  const name = scaleName(scale);
  if (databaseKind() !== "postgres") {
    console.error(`${name}规模数据只能载入 PostgreSQL 数据库：请设置 DATABASE_URL，例如 DATABASE_URL=postgres://postgres@127.0.0.1:5432/${scale}。嵌入式 PGlite 不适合几十万行的数据。`);
    return 2;
  }
  const factor = option("factor");
  const seed = option("seed");
  const options: CityOptions = { scale, factor: factor === undefined ? undefined : Number(factor), asOf: option("as-of"), seed: seed === undefined ? undefined : Number(seed) };
  const resolved = resolveCityOptions(options); // refuses bad options before touching the database
  if (scale !== "city") {
    const plan = cityPlan(resolved);
    const n = (x: number) => x.toLocaleString("en-US");
    console.error(
      `载入${name}规模数据（规模系数 ${resolved.factor}，相当于 ${Number(resolved.size.toFixed(6))} 个城市）：${n(plan.streets + plan.towns)} 个街道（镇）、${n(plan.locals)} 个村（社区）、` +
        `${n(plan.organizations)} 个社会组织、${n(plan.postingVersions)} 个村务公开版本，全部在一个事务中写入，完成前数据库中看不到这些数据。`,
    );
  }
  await migrateDatabase();
  const summary = await seedCity(await getDb(), options);
  const { options: used, rows, elapsedMs } = summary;
  console.log(`${name}规模数据已载入 PostgreSQL（规模系数 ${used.factor}，基准日期 ${used.asOf}，种子 ${used.seed}），用时 ${(elapsedMs / 1000).toFixed(1)} 秒：`);
  for (const [table, n] of Object.entries(rows)) console.log(`  ${table.padEnd(24)} ${n.toLocaleString("en-US").padStart(10)}`);
  return 0;
}

async function main(): Promise<number> {
  if (args.includes("--demo")) return demo();
  const scale = option("scale");
  if (scale !== undefined && Object.hasOwn(scaleSizes, scale)) return city(scale as CityScale);
  console.error(usage);
  return 2;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof CitySeedRefused) console.error(error.message);
  else console.error("载入失败：", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
