import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { checkFindings, rectificationVerdicts, type OrganizationType } from "../../vocabulary";
import { inspectionReports } from "./inspections";
import { organizations } from "./organizations";

/**
 * A spot-check plan (双随机一公开): its scope, how many it draws, the inspectors'
 * pool, and once drawn the seed and the organizations that could be drawn, so
 * that anyone can replay the draw (app/domain/spot-checks/draw.ts).
 */
export const checkPlans = pgTable("check_plans", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  /** What is checked (抽查事项), e.g. 年度报告真实性、财务管理、活动开展. */
  matters: text("matters").notNull(),
  scope: jsonb("scope").$type<{ types: OrganizationType[]; streetIds: number[] }>().notNull(),
  sampleKind: text("sample_kind", { enum: ["share", "count"] }).notNull(),
  /** A percent for a share, a number for a count. */
  sampleValue: integer("sample_value").notNull(),
  inspectors: jsonb("inspectors").$type<string[]>().notNull(),
  perCheck: integer("per_check").notNull(),
  createdBy: integer("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  seed: text("seed"),
  population: jsonb("population").$type<number[]>(),
  drawnAt: timestamp("drawn_at", { withTimezone: true }),
  drawnBy: integer("drawn_by"),
  /** The results made public (结果公开), with the registry's summary. */
  publishedAt: timestamp("published_at", { withTimezone: true }),
  summary: text("summary"),
  version: integer("version").notNull().default(1),
});

/** One organization drawn by a plan, its inspectors, and what they found. */
export const checkItems = pgTable(
  "check_items",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => checkPlans.id),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    /** Its place in the draw, from 1. */
    position: integer("position").notNull(),
    inspectors: jsonb("inspectors").$type<string[]>().notNull(),
    finding: text("finding", { enum: checkFindings }),
    findings: text("findings"),
    checkedOn: date("checked_on", { mode: "string" }),
    recordedBy: integer("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("check_items_plan_idx").on(t.planId, t.position), index("check_items_org_idx").on(t.organizationId)],
);

/**
 * 限期整改: a problem to be corrected by a deadline, the organization's answer,
 * and the registry's verification. It arises from one of two things: a spot
 * check's finding, or an annual inspection concluded 基本合格 (its corrections,
 * ordered when the conclusion is published).
 */
export const rectifications = pgTable(
  "rectifications",
  {
    id: serial("id").primaryKey(),
    checkItemId: integer("check_item_id").references(() => checkItems.id),
    inspectionReportId: integer("inspection_report_id").references(() => inspectionReports.id),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    problem: text("problem").notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    orderedOn: date("ordered_on", { mode: "string" }).notNull(),
    orderedBy: integer("ordered_by"),
    answer: text("answer"),
    answeredOn: date("answered_on", { mode: "string" }),
    answeredBy: integer("answered_by"),
    verdict: text("verdict", { enum: rectificationVerdicts }),
    verifiedOn: date("verified_on", { mode: "string" }),
    verifiedBy: integer("verified_by"),
    verificationNote: text("verification_note"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("rectifications_org_idx").on(t.organizationId, t.deadline),
    index("rectifications_item_idx").on(t.checkItemId),
    uniqueIndex("rectifications_report_key").on(t.inspectionReportId),
    check("rectifications_one_source", sql`(${t.checkItemId} IS NULL) <> (${t.inspectionReportId} IS NULL)`),
  ],
);
