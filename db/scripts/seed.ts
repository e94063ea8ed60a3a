/**
 * npm run db:seed -- --demo   loads the demo district into an empty database.
 * (--scale city, the city-sized generator, arrives with issue 7.)
 */
import { closeDb, databaseKind, getDb, migrateDatabase } from "../client.server";
import { seedDemoIfEmpty } from "../seed/demo";

process.env.EMBEDDED_AUTO_PREPARE = "0";
const args = process.argv.slice(2);

async function main(): Promise<number> {
  if (!args.includes("--demo")) {
    console.error("用法：npm run db:seed -- --demo   （向空数据库载入演示数据）");
    return 2;
  }
  await migrateDatabase();
  const loaded = await seedDemoIfEmpty(await getDb());
  if (!loaded) {
    console.error("数据库中已有行政区划数据，未载入演示数据（演示数据只载入空数据库）。");
    return 1;
  }
  console.log(`演示数据已载入（${databaseKind() === "postgres" ? "PostgreSQL" : "嵌入式 PGlite"}）。`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error("载入失败：", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
