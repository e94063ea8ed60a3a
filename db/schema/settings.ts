import { bigint, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** District settings (targets and figures from the seed documents that officers may change). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer("updated_by"),
});

/**
 * One row: a counter that every committed change to what the public pages
 * show moves on (deferred triggers, migration 0017), so each app instance can
 * keep its computed public figures until the counter moves.
 */
export const publicDataVersion = pgTable("public_data_version", {
  id: integer("id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});
