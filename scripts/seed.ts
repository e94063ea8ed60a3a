/**
 * npm run db:seed -- --demo                 loads the demo district into an empty database.
 * npm run db:seed -- --scale city           loads a city-sized register into an empty PostgreSQL
 *                   [--factor 0.01]         database for benchmarks (DATABASE_URL must be set);
 *                   [--as-of 2026-11-01]    --factor scales every count, --as-of fixes the day the
 *                   [--seed 350500]         data is dated back from (default: the 1st of this month).
 */
import { closeDb, databaseKind, getDb, migrateDatabase } from "../db/client.server";
import { seedDemoIfEmpty } from "../app/setup/demo";
import { CitySeedRefused, resolveCityOptions, seedCity, type CityOptions } from "../app/setup/city";

const args = process.argv.slice(2);
const usage = [
  "用法：npm run db:seed -- --demo                 （向空数据库载入演示数据）",
  "      npm run db:seed -- --scale city [--factor 0.01] [--as-of 2026-11-01] [--seed 350500]",
  "                                                （向空的 PostgreSQL 数据库载入城市规模数据，供性能测试）",
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

async function city(): Promise<number> {
  if (databaseKind() !== "postgres") {
    console.error("城市规模数据只能载入 PostgreSQL 数据库：请设置 DATABASE_URL，例如 DATABASE_URL=postgres://postgres@127.0.0.1:5432/city。嵌入式 PGlite 不适合几十万行的数据。");
    return 2;
  }
  const factor = option("factor");
  const seed = option("seed");
  const options: CityOptions = { factor: factor === undefined ? undefined : Number(factor), asOf: option("as-of"), seed: seed === undefined ? undefined : Number(seed) };
  resolveCityOptions(options); // refuses bad options before touching the database
  await migrateDatabase();
  const summary = await seedCity(await getDb(), options);
  const { options: used, rows, elapsedMs } = summary;
  console.log(`城市规模数据已载入 PostgreSQL（规模系数 ${used.factor}，基准日期 ${used.asOf}，种子 ${used.seed}），用时 ${(elapsedMs / 1000).toFixed(1)} 秒：`);
  for (const [table, n] of Object.entries(rows)) console.log(`  ${table.padEnd(24)} ${n.toLocaleString("en-US").padStart(10)}`);
  return 0;
}

async function main(): Promise<number> {
  if (args.includes("--demo")) return demo();
  if (option("scale") === "city") return city();
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
