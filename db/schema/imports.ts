import { index, integer, jsonb, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { importKinds, importStatuses, type ImportProblem } from "../../vocabulary";

/**
 * An uploaded file, checked and kept until its officer confirms or discards it.
 * The parsed rows live here rather than in the process, so the confirmation may
 * reach any app instance; a version lets only one confirmation import.
 */
export const importBatches = pgTable(
  "import_batches",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: importKinds }).notNull(),
    fileName: text("file_name").notNull(),
    fileSha256: varchar("file_sha256", { length: 64 }).notNull(),
    /** Data rows in the file, blank rows not counted. */
    rowCount: integer("row_count").notNull(),
    /** The rows as they will be recorded (only rows whose every cell could be read). */
    rows: jsonb("rows").$type<Array<Record<string, unknown>>>().notNull(),
    problems: jsonb("problems").$type<ImportProblem[]>().notNull(),
    /** Rows with at least one problem. */
    problemRowCount: integer("problem_row_count").notNull(),
    /** Headers the file has that the import does not read. */
    ignoredColumns: jsonb("ignored_columns").$type<string[]>().notNull(),
    status: text("status", { enum: importStatuses }).notNull().default("previewed"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("import_batches_created_by_idx").on(t.createdBy, t.createdAt)],
);
