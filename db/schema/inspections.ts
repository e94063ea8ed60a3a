import { bytea } from "./types";
import { bigserial, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { inspectionStates, inspectionConclusions, preliminaryDecisions } from "../../vocabulary";

/** The inspection on year Y (Y年度年检), in which organizations report on Y during Y+1. */
export const inspectionYears = pgTable("inspection_years", {
  year: integer("year").primaryKey(),
  /** The supervising unit's preliminary review, by default 31 March of Y+1. */
  supervisingDeadline: date("supervising_deadline", { mode: "string" }).notNull(),
  /** The registry's deadline, by default 31 May of Y+1: after it, non-filers are flagged. */
  registryDeadline: date("registry_deadline", { mode: "string" }).notNull(),
  openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
  /** Null when the registry's calendar opened it on its day. */
  openedBy: integer("opened_by"),
  /**
   * When the calendar, the registry's deadline past, proposed the year's
   * non-filers for the abnormal-activity list, and how many there were then;
   * an officer reviews and confirms the batch (nothing is listed by itself).
   */
  nonFilersProposedAt: timestamp("non_filers_proposed_at", { withTimezone: true }),
  nonFilersProposed: integer("non_filers_proposed"),
  version: integer("version").notNull().default(1),
});

/** One organization's annual report for one inspection year, and the registry's conclusion on it. */
export const inspectionReports = pgTable(
  "inspection_reports",
  {
    id: serial("id").primaryKey(),
    year: integer("year")
      .notNull()
      .references(() => inspectionYears.year),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    state: text("state", { enum: inspectionStates }).notNull().default("draft"),
    /** The report's sections, as the organization filled them in. */
    report: jsonb("report").$type<Record<string, unknown>>().notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    conclusion: text("conclusion", { enum: inspectionConclusions }),
    /** The corrections required (基本合格) or the reasons (不合格). */
    conclusionNote: text("conclusion_note"),
    concludedAt: timestamp("concluded_at", { withTimezone: true }),
    concludedBy: integer("concluded_by"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /**
     * The 业务主管单位 that reviews this filing first (初审), as the register named it when
     * the report was submitted; null for an organization registered directly, without one.
     */
    unitName: text("unit_name"),
    /** Its 初审 of this submission: agreed, or returned for changes; null while it waits. */
    unitDecision: text("unit_decision", { enum: preliminaryDecisions }),
    unitDecidedAt: timestamp("unit_decided_at", { withTimezone: true }),
    unitOpinion: text("unit_opinion"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // Migration 0037 adds INCLUDE (state, conclusion, published_at), which drizzle cannot declare: a year's
    // tally joins the due organizations to this index alone.
    uniqueIndex("inspection_reports_year_org_idx").on(t.year, t.organizationId),
    index("inspection_reports_org_idx").on(t.organizationId),
    index("inspection_reports_state_idx").on(t.year, t.state),
    index("inspection_reports_unit_idx").on(t.unitName, t.year),
  ],
);

/** Every step of a report: who, when, from which state to which, and why. */
export const inspectionSteps = pgTable(
  "inspection_steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => inspectionReports.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
    action: text("action").notNull(),
    fromState: text("from_state", { enum: inspectionStates }),
    toState: text("to_state", { enum: inspectionStates }).notNull(),
    actorUserId: integer("actor_user_id"),
    actorName: text("actor_name"),
    reason: text("reason"),
  },
  (t) => [index("inspection_steps_report_idx").on(t.reportId, t.at)],
);

/** Documents attached to an annual report (audited financial statements and the like). */
export const inspectionFiles = pgTable(
  "inspection_files",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => inspectionReports.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: integer("uploaded_by"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("inspection_files_report_idx").on(t.reportId)],
);
