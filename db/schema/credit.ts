import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { abnormalRemovalKinds, abnormalTriggers, creditParts, objectionStates, otherCreditKinds, penaltyKinds, seriousTriggers } from "../../vocabulary";
import { organizations } from "./organizations";
import { bytea } from "./types";

/**
 * 行政处罚: a registry's penalty decision on an organization, with its decision
 * document (处罚决定书). Public on the organization's record from the day it is
 * entered (社会组织信用信息管理办法 art. 5: penalty information is credit information).
 */
export const penalties = pgTable(
  "penalties",
  {
    id: serial("id").primaryKey(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    kind: text("kind", { enum: penaltyKinds }).notNull(),
    /** 罚款 or 没收违法所得: in fen (分). */
    amountFen: bigint("amount_fen", { mode: "number" }),
    /** 限期停止活动: the period. */
    suspendedFrom: date("suspended_from", { mode: "string" }),
    suspendedUntil: date("suspended_until", { mode: "string" }),
    facts: text("facts").notNull(),
    legalBasis: text("legal_basis").notNull(),
    /** The decision's number, e.g. 鲤民罚决字〔2026〕3号: unique across the registry. */
    decisionNumber: text("decision_number").notNull().unique(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    authority: text("authority").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    recordedBy: integer("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("penalties_org_idx").on(t.organizationId, t.decidedOn)],
);

/**
 * 活动异常名录: one row per ground an organization was listed on, when and why, with
 * the evidence, and when, how and why it left. An organization may be listed on
 * several grounds at once; it is on the list while any of them is in force.
 */
export const abnormalListings = pgTable(
  "abnormal_listings",
  {
    id: serial("id").primaryKey(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    listedOn: date("listed_on", { mode: "string" }).notNull(),
    trigger: text("trigger", { enum: abnormalTriggers }).notNull(),
    reason: text("reason").notNull(),
    /** What the registry relied on: the letters' dates, the decision number, the missing report. */
    evidence: text("evidence"),
    /** The fact the listing answers (`annual_report:2025`, `penalty:12`, `letters:7`): listed on once. */
    sourceKey: text("source_key"),
    /** The inspection year whose non-filing led to the listing, if any. */
    inspectionYear: integer("inspection_year"),
    penaltyId: integer("penalty_id").references(() => penalties.id),
    listedBy: integer("listed_by"),
    removedOn: date("removed_on", { mode: "string" }),
    removalKind: text("removal_kind", { enum: abnormalRemovalKinds }),
    removalReason: text("removal_reason"),
    removedBy: integer("removed_by"),
  },
  (t) => [
    index("abnormal_listings_org_idx").on(t.organizationId, t.removedOn),
    index("abnormal_listings_listed_on_idx").on(t.listedOn),
    uniqueIndex("abnormal_listings_source_idx").on(t.organizationId, t.sourceKey),
    // The listings that lapse by themselves, still in force: the daily removal reads these (lapsingTrigger).
    index("abnormal_listings_lapsing_idx").on(t.organizationId).where(sql`removed_on is null and "trigger" = 'penalty'`),
  ],
);

/** 严重违法失信名单: who was listed, on which ground and evidence, and any removal. */
export const seriousListings = pgTable(
  "serious_listings",
  {
    id: serial("id").primaryKey(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    listedOn: date("listed_on", { mode: "string" }).notNull(),
    trigger: text("trigger", { enum: seriousTriggers }).notNull(),
    reason: text("reason").notNull(),
    evidence: text("evidence"),
    sourceKey: text("source_key"),
    penaltyId: integer("penalty_id").references(() => penalties.id),
    listedBy: integer("listed_by"),
    removedOn: date("removed_on", { mode: "string" }),
    removalReason: text("removal_reason"),
    removedBy: integer("removed_by"),
  },
  (t) => [
    index("serious_listings_org_idx").on(t.organizationId, t.removedOn),
    index("serious_listings_listed_on_idx").on(t.listedOn),
    uniqueIndex("serious_listings_source_idx").on(t.organizationId, t.sourceKey),
  ],
);

/**
 * The registered letters (挂号信) sent to an organization's registered address before
 * it is listed as unreachable (社会组织信用信息管理办法 art. 10(6)): when each was sent,
 * its tracking number, and the day it came back unsigned.
 */
export const contactLetters = pgTable(
  "contact_letters",
  {
    id: serial("id").primaryKey(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    address: text("address").notNull(),
    sentOn: date("sent_on", { mode: "string" }).notNull(),
    trackingNumber: text("tracking_number").notNull(),
    returnedOn: date("returned_on", { mode: "string" }),
    recordedBy: integer("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("contact_letters_org_idx").on(t.organizationId, t.sentOn)],
);

/** A proposal an officer decided not to act on, with the reason, so it is not proposed again. */
export const creditDismissals = pgTable(
  "credit_dismissals",
  {
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    sourceKey: text("source_key").notNull(),
    reason: text("reason").notNull(),
    dismissedBy: integer("dismissed_by"),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.sourceKey] })],
);


/**
 * 其他信用信息: awards (表彰奖励) and government service contracts (承接政府购买服务)
 * the registry records, public on the organization's record. An entry found wrong is
 * withdrawn with the reason, never deleted.
 */
export const otherCreditItems = pgTable(
  "other_credit_items",
  {
    id: serial("id").primaryKey(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    kind: text("kind", { enum: otherCreditKinds }).notNull(),
    /** The award's name, or the service project's. */
    title: text("title").notNull(),
    /** Who gave the award, or bought the service. */
    grantor: text("grantor").notNull(),
    /** The award's date, or the contract's. */
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    /** The award's document number, or the contract's. */
    documentNumber: text("document_number"),
    /** Contracts: the amount, in fen, and the end of the service period. */
    amountFen: bigint("amount_fen", { mode: "number" }),
    periodUntil: date("period_until", { mode: "string" }),
    recordedBy: integer("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: integer("withdrawn_by"),
    withdrawalReason: text("withdrawal_reason"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("other_credit_items_org_idx").on(t.organizationId, t.decidedOn)],
);

/**
 * 异议: an organization's objection to its credit information, the registry's
 * verification (upheld or not, with the reasons) and, when upheld, the correction
 * made. The due dates are fixed when the step before them is taken.
 */
export const creditObjections = pgTable(
  "credit_objections",
  {
    id: serial("id").primaryKey(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    part: text("part", { enum: creditParts }).notNull(),
    /** Which entry: a decision number, a year, a listing. */
    subject: text("subject").notNull(),
    /** What is wrong and why. */
    statement: text("statement").notNull(),
    /** What the organization asks it to say instead. */
    requested: text("requested").notNull(),
    filedOn: date("filed_on", { mode: "string" }).notNull(),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull(),
    filedBy: integer("filed_by"),
    answerDueOn: date("answer_due_on", { mode: "string" }).notNull(),
    state: text("state", { enum: objectionStates }).notNull().default("filed"),
    /** The verification's conclusion and reasons. */
    answer: text("answer"),
    answeredOn: date("answered_on", { mode: "string" }),
    answeredBy: integer("answered_by"),
    /** Upheld: by when the correction is due, and what was corrected. */
    correctionDueOn: date("correction_due_on", { mode: "string" }),
    correction: text("correction"),
    correctedOn: date("corrected_on", { mode: "string" }),
    correctedBy: integer("corrected_by"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("credit_objections_org_idx").on(t.organizationId, t.filedOn), index("credit_objections_state_idx").on(t.state, t.answerDueOn)],
);
