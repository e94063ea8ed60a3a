import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { places } from "./places";
import { organizationTypes, organizationStatuses, communityCategories, organizationChangeKinds } from "../../vocabulary";

/**
 * The register of social organizations: registered kinds (with a USCC) and
 * filed community organizations (with a filing number and a category).
 */
export const organizations = pgTable(
  "organizations",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    type: text("type", { enum: organizationTypes }).notNull(),
    /** Unified social credit code; null for filed community organizations. */
    uscc: varchar("uscc", { length: 18 }).unique(),
    /** Filing number of a filed community organization. */
    filingNumber: text("filing_number").unique(),
    status: text("status", { enum: organizationStatuses }).notNull().default("normal"),
    registeredOn: date("registered_on", { mode: "string" }).notNull(),
    /** The community or village the organization belongs to (for filed ones: where it is filed). */
    placeId: integer("place_id").references(() => places.id),
    /** The street or town, kept beside placeId so street-scoped queries need no join. */
    streetId: integer("street_id").references(() => places.id),
    legalRepresentative: text("legal_representative"),
    address: text("address"),
    /** Filed community organizations only. */
    category: text("category", { enum: communityCategories }),
    certificateNumber: text("certificate_number"),
    registeringAuthority: text("registering_authority"),
    supervisingUnit: text("supervising_unit"),
    /** Whole yuan. */
    registeredFunds: bigint("registered_funds", { mode: "number" }),
    businessScope: text("business_scope"),
    /** The day the current status began, and why (cancellation, revocation, listing). */
    statusSince: date("status_since", { mode: "string" }),
    statusReason: text("status_reason"),
    /** Set when an officer accepted a legacy USCC that fails the check: the recorded reason. */
    usccAcceptedReason: text("uscc_accepted_reason"),
    /** Not public: for the registry's contact with the organization. */
    contactPhone: varchar("contact_phone", { length: 20 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    // name_grams text[]: generated from the name by migration 0013 and GIN-indexed, for searching by
    // one- and two-character fragments (app/domain/shared/name-grams.ts). Kept out of this table definition
    // on purpose, so that no select of whole rows (audit entries, API records) carries it.
  },
  (t) => [
    index("organizations_type_status_idx").on(t.type, t.status),
    // The register lists by name: the first page of any listing is read in this order.
    index("organizations_name_id_idx").on(t.name, t.id),
    index("organizations_street_idx").on(t.streetId),
    // Counts by kind and status for the district or some streets, read from the index alone.
    index("organizations_street_kind_status_idx").on(t.streetId, t.type, t.status),
    // Who a year's inspection covers (kind, status, registered before 1 July): the tally reads the index alone.
    index("organizations_due_idx").on(t.type, t.status, t.registeredOn, t.id, t.streetId),
    index("organizations_place_idx").on(t.placeId),
    index("organizations_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("organizations_registered_on_idx").on(t.registeredOn),
    // A registered name is unique among organizations that still exist; cancelled ones free it.
    uniqueIndex("organizations_live_name_idx").on(t.name).where(sql`status in ('normal', 'abnormal')`),
    // 一居多会: the organizations that may count at a community or village (filed ones, registered ones with a category).
    // Migration 0040 adds INCLUDE (type, category), which drizzle cannot declare: the district's counts by place
    // then read this index alone (at province scale the planner otherwise read all 300,000 organizations).
    index("organizations_community_count_idx").on(t.placeId, t.status).where(sql`type = 'community' or category is not null`),
  ],
);

/**
 * Each organization's name once per piece of it (its single characters and two-character pieces, as
 * name_grams computes them), in name order: a search for a one- or two-character fragment reads the
 * fragment's entries in name order and stops after a page, however the matching names fall in the
 * register's order. Kept by a trigger on organizations (migration 0035); never written by the app.
 */
export const organizationNameGrams = pgTable(
  "organization_name_grams",
  {
    gram: text("gram").notNull(),
    name: text("name").notNull(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.gram, t.name, t.organizationId] }), index("organization_name_grams_organization_idx").on(t.organizationId)],
);

export const organizationChanges = pgTable(
  "organization_changes",
  {
    id: serial("id").primaryKey(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
    kind: text("kind", { enum: organizationChangeKinds }).notNull(),
    /** [{ field, before, after }] */
    changes: jsonb("changes").$type<Array<{ field: string; before: unknown; after: unknown }>>().notNull(),
    /** The decided application, when a decision made the change. */
    applicationId: integer("application_id"),
    reason: text("reason"),
    actorUserId: integer("actor_user_id"),
    actorName: text("actor_name"),
  },
  (t) => [index("organization_changes_org_idx").on(t.organizationId, t.at)],
);
