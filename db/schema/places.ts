import { sql } from "drizzle-orm";
import { index, integer, pgTable, serial, smallint, text, varchar, type AnyPgColumn } from "drizzle-orm/pg-core";
import { placeLevels } from "../../vocabulary";

export const places = pgTable(
  "places",
  {
    id: serial("id").primaryKey(),
    /** 12-digit statistical division code; the first 6 digits are the GB/T 2260 county code. */
    code: varchar("code", { length: 12 }).notNull().unique(),
    name: text("name").notNull(),
    level: text("level", { enum: placeLevels }).notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => places.id),
    /** Households and residents, as reported by the committee; shown on the place's page. */
    households: integer("households"),
    population: integer("population"),
    sortOrder: smallint("sort_order").notNull().default(0),
  },
  (t) => [
    index("places_parent_idx").on(t.parentId),
    index("places_level_idx").on(t.level),
    index("places_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);
