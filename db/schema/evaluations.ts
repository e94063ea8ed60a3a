import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

/**
 * 社会组织评估 (民政部《社会组织评估管理办法》): a round the registry runs, open for
 * applications until a day, and the grades it awards.
 */
export const evaluationRounds = pgTable("evaluation_rounds", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  /** Organizations apply until this day (inclusive). */
  applyUntil: date("apply_until", { mode: "string" }).notNull(),
  createdBy: integer("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** An organization's part in a round: its application, and the grade awarded with its validity. */
export const evaluations = pgTable(
  "evaluations",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => evaluationRounds.id),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    appliedOn: date("applied_on", { mode: "string" }).notNull(),
    appliedBy: integer("applied_by"),
    /** 1 to 5 (1A to 5A); null until the round's committee decides, 0 for 不予评定等级. */
    grade: integer("grade"),
    awardedOn: date("awarded_on", { mode: "string" }),
    validUntil: date("valid_until", { mode: "string" }),
    decidedBy: integer("decided_by"),
    note: text("note"),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("evaluations_round_org_idx").on(t.roundId, t.organizationId), index("evaluations_org_idx").on(t.organizationId, t.validUntil)],
);
