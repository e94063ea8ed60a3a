import { bigint, date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { penaltyKinds } from "../../vocabulary";
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
