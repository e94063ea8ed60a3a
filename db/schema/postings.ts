import { sql } from "drizzle-orm";
import { bigserial, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bytea } from "./types";
import { places } from "./places";
import { postingCategories, periodKinds, retentionClasses, postingStatuses, postingVersionStates, type PostingTableRows } from "../../vocabulary";

/**
 * One village-affairs posting (村务公开事项) of a village or community. What
 * the public sees of it (title, version, hash, dates) is kept here from its
 * current published version, so lists read one table.
 */
export const postings = pgTable(
  "postings",
  {
    id: serial("id").primaryKey(),
    placeId: integer("place_id")
      .notNull()
      .references(() => places.id),
    /** The street or town of the place, for filters and officers' scope. */
    streetId: integer("street_id")
      .notNull()
      .references(() => places.id),
    category: text("category", { enum: postingCategories }).notNull(),
    kind: text("kind").notNull(),
    retention: text("retention", { enum: retentionClasses }).notNull(),
    periodKind: text("period_kind", { enum: periodKinds }).notNull(),
    /** "2025-03", "2025-Q1", "2025" or "2025-03-14". */
    period: text("period").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    status: text("status", { enum: postingStatuses }).notNull().default("unpublished"),
    /** The latest version's title (the current published one's once published). */
    title: text("title").notNull(),
    currentVersionId: integer("current_version_id"),
    currentVersion: integer("current_version"),
    currentHash: text("current_hash"),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: integer("withdrawn_by"),
    withdrawnReason: text("withdrawn_reason"),
    createdBy: integer("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("postings_place_period_idx").on(t.placeId, t.periodStart),
    index("postings_public_idx").on(t.status, t.publishedAt),
    // The public lists, newest first: read in index order, not sorted from every posting.
    index("postings_public_order_idx")
      .on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} in ('published', 'withdrawn')`),
    // Compliance reads the periods published since a day, for every village at once; migration 0036 adds
    // INCLUDE (place_id, category, period_kind, period_end, first_published_at), which drizzle cannot declare, so
    // the read is index-only.
    index("postings_published_period_idx").on(t.periodStart).where(sql`${t.status} = 'published'`),
    index("postings_street_idx").on(t.streetId, t.status, t.publishedAt),
  ],
);

/**
 * The versions of a posting. Version 1 is the first publication; each
 * correction is a new version reviewed again. Published versions form a
 * hash chain per place: `contentHash` covers the canonical content and
 * `previousHash`, the hash of the place's previous published version.
 */
export const postingVersions = pgTable(
  "posting_versions",
  {
    id: serial("id").primaryKey(),
    postingId: integer("posting_id")
      .notNull()
      .references(() => postings.id),
    placeId: integer("place_id")
      .notNull()
      .references(() => places.id),
    number: integer("number").notNull(),
    state: text("state", { enum: postingVersionStates }).notNull().default("draft"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    tableRows: jsonb("table_rows").$type<PostingTableRows>(),
    /** Why this version corrects the previous one (versions after the first). */
    correctionReason: text("correction_reason"),
    createdBy: integer("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: integer("reviewed_by"),
    reviewerName: text("reviewer_name"),
    reviewOpinion: text("review_opinion"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** Position in the place's chain of published versions, from 1. */
    chainSeq: integer("chain_seq"),
    /** Random, never shown: keeps the public hash from revealing masked numbers (see posting-chain.ts). */
    salt: text("salt"),
    contentHash: text("content_hash"),
    previousHash: text("previous_hash"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("posting_versions_number_idx").on(t.postingId, t.number),
    uniqueIndex("posting_versions_chain_idx").on(t.placeId, t.chainSeq),
    /** At most one version in preparation per posting. */
    uniqueIndex("posting_versions_open_idx")
      .on(t.postingId)
      .where(sql`${t.state} in ('draft', 'submitted', 'returned')`),
  ],
);

/** Photos of the notice board, PDFs: attached to one version; a correction starts with copies. */
export const postingFiles = pgTable(
  "posting_files",
  {
    id: serial("id").primaryKey(),
    versionId: integer("version_id")
      .notNull()
      .references(() => postingVersions.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: integer("uploaded_by"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("posting_files_version_idx").on(t.versionId)],
);

/** Every step: drafted, submitted, returned, approved and published, corrected, withdrawn; who, when, the opinion. */
export const postingSteps = pgTable(
  "posting_steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    postingId: integer("posting_id")
      .notNull()
      .references(() => postings.id),
    versionNumber: integer("version_number").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    action: text("action").notNull(),
    actorUserId: integer("actor_user_id"),
    actorName: text("actor_name"),
    opinion: text("opinion"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("posting_steps_posting_idx").on(t.postingId, t.at)],
);

/**
 * A number the village shows on purpose (a hotline, the supervision committee's
 * phone): marked by its clerk, it is left unmasked on that village's public
 * pages. ID-card numbers can never be marked.
 */
export const publicContactNumbers = pgTable(
  "public_contact_numbers",
  {
    id: serial("id").primaryKey(),
    placeId: integer("place_id")
      .notNull()
      .references(() => places.id),
    kind: text("kind", { enum: ["mobile", "bank_card"] }).notNull(),
    /** The digits only, as the finder reads them. */
    digits: text("digits").notNull(),
    label: text("label").notNull(),
    markedBy: integer("marked_by").notNull(),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("public_contact_numbers_place_digits_idx").on(t.placeId, t.digits)],
);
