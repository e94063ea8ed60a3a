import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { places } from "./places";

/** API codes of the four kinds (CONTRACT.md). */
export const organizationTypes = [
  "social_group",
  "private_non_enterprise",
  "foundation",
  "community",
] as const;
export type OrganizationType = (typeof organizationTypes)[number];

export const organizationStatuses = ["normal", "abnormal", "revoked", "cancelled"] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];

/**
 * The register of social organizations. Issue 3 extends this table with the full
 * public record and its history; the foundation needs it because association
 * accounts are scoped to one organization.
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("organizations_type_status_idx").on(t.type, t.status),
    index("organizations_street_idx").on(t.streetId),
    index("organizations_place_idx").on(t.placeId),
    index("organizations_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);
