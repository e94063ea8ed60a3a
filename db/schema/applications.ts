import { bytea } from "./types";
import { bigserial, date, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./organizations";
import { places } from "./places";
import { applicationKinds, applicationStates, unitDecisions } from "../../vocabulary";

/**
 * An application to the registry (成立, 变更, 注销) or a community filing (备案).
 * `proposed` holds what the applicant asks for: the new record, the changed
 * fields, or the cancellation; decisions write it into the register.
 */
export const applications = pgTable(
  "applications",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: applicationKinds }).notNull(),
    state: text("state", { enum: applicationStates }).notNull().default("draft"),
    /** The organization concerned; for an establishment or filing, the one the approval created. */
    organizationId: integer("organization_id").references(() => organizations.id),
    /** Street or town that handles it (filings) or where the organization sits. */
    streetId: integer("street_id").references(() => places.id),
    placeId: integer("place_id").references(() => places.id),
    applicantUserId: integer("applicant_user_id").references(() => users.id),
    /** The name shown in queues: the proposed or current name. */
    title: text("title").notNull(),
    proposed: jsonb("proposed").$type<Record<string, unknown>>().notNull(),
    /** For a change: the register's values when the application started; only what differs from them is applied. */
    baseline: jsonb("baseline").$type<Record<string, unknown>>(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    /** The statutory deadline: 60 days after acceptance (Asia/Shanghai calendar days). */
    dueOn: date("due_on", { mode: "string" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /**
     * The 业务主管单位's review of an establishment (社会团体登记管理条例 art. 9): which
     * unit, what it decided, when and why. The registry accepts only with the
     * consent of the unit the application names now.
     */
    unitName: text("unit_name"),
    unitDecision: text("unit_decision", { enum: unitDecisions }),
    unitDecidedAt: timestamp("unit_decided_at", { withTimezone: true }),
    unitOpinion: text("unit_opinion"),
    /** A decided change: the register's changeable fields just before the decision, for 原登记 once the register holds the new values. */
    registerAtDecision: jsonb("register_at_decision").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("applications_state_idx").on(t.state, t.dueOn),
    index("applications_street_idx").on(t.streetId),
    index("applications_org_idx").on(t.organizationId),
    index("applications_applicant_idx").on(t.applicantUserId),
  ],
);

/** Every step of an application: who, when, from which state to which, and why. */
export const applicationSteps = pgTable(
  "application_steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
    action: text("action").notNull(),
    fromState: text("from_state", { enum: applicationStates }),
    toState: text("to_state", { enum: applicationStates }).notNull(),
    actorUserId: integer("actor_user_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role"),
    reason: text("reason"),
  },
  (t) => [index("application_steps_app_idx").on(t.applicationId, t.at)],
);

/** Documents attached to an application (PDF, JPEG, PNG; checked by content), kept in the database. */
export const applicationFiles = pgTable(
  "application_files",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: integer("uploaded_by"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
    /** Which material of the application's list it is (materials.ts MaterialKey, or "other"); null for files from before the list. */
    material: text("material"),
  },
  (t) => [index("application_files_app_idx").on(t.applicationId)],
);
