/** One migration's statements as the migrator runs them (split at drizzle-kit's breakpoints), for tests that replay it over data. */
import fs from "node:fs";
import path from "node:path";
import { migrationsFolder } from "../../db/client.server";

export function migrationStatements(file: string): string[] {
  return fs
    .readFileSync(path.join(migrationsFolder(), file), "utf8")
    .split("--> statement-breakpoint")
    .map((statement) => statement.trim())
    .filter(Boolean);
}
