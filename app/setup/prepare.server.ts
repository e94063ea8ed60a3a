import { databaseKind, getDb, migrateDatabase } from "../../db/client.server";
import { seedDemoIfEmpty } from "./demo";

/**
 * The embedded database prepares itself when the server starts, so a newcomer
 * runs `npm start` and nothing else: migrations, then the demo district if the
 * data folder is empty. A PostgreSQL server is migrated and loaded by the
 * operator (README); EMBEDDED_AUTO_PREPARE=0 leaves the embedded one as it is.
 */
export async function prepareEmbeddedDatabase(): Promise<void> {
  if (databaseKind() !== "pglite" || process.env.EMBEDDED_AUTO_PREPARE === "0") return;
  await migrateDatabase();
  await seedDemoIfEmpty(await getDb());
}
