import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** District settings (targets and figures from the seed documents that officers may change). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer("updated_by"),
});
