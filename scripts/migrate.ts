/** npm run db:migrate — applies db/migrations to DATABASE_URL, or to the embedded database under DATA_DIR. */
import { closeDb, databaseKind, migrateDatabase } from "../db/client.server";

try {
  await migrateDatabase();
  console.log(`迁移完成（${databaseKind() === "postgres" ? "PostgreSQL" : "嵌入式 PGlite"}）。`);
} catch (error) {
  console.error("迁移失败：", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
