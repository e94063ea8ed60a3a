import { date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { places } from "./places";
import { branchKinds } from "../../vocabulary";

export const partyBranches = pgTable(
  "party_branches",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: branchKinds }).notNull(),
    foundedOn: date("founded_on", { mode: "string" }).notNull(),
    /** The street or town it belongs to; null for a district-wide trade branch. */
    streetId: integer("street_id").references(() => places.id),
    secretary: text("secretary"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("party_branches_founded_idx").on(t.foundedOn)],
);

/**
 * One registered organization's party members and how it is covered: in a
 * branch (its own or a joint one), or by an assigned party-building instructor.
 */
export const organizationParty = pgTable(
  "organization_party",
  {
    organizationId: integer("organization_id")
      .primaryKey()
      .references(() => organizations.id),
    formalMembers: integer("formal_members").notNull().default(0),
    probationaryMembers: integer("probationary_members").notNull().default(0),
    branchId: integer("branch_id").references(() => partyBranches.id),
    /** 党建指导员 assigned where no branch covers it (work coverage). */
    instructor: text("instructor"),
    /** Where the member counts last came from: an officer's entry or an accepted annual report. */
    source: text("source", { enum: ["officer", "inspection"] }).notNull().default("officer"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    updatedBy: integer("updated_by"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("organization_party_branch_idx").on(t.branchId)],
);

/** Probationary members (预备党员) admitted in an organization, for the period figures. */
export const partyAdmissions = pgTable(
  "party_admissions",
  {
    id: serial("id").primaryKey(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    admittedOn: date("admitted_on", { mode: "string" }).notNull(),
    count: integer("count").notNull(),
    createdBy: integer("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("party_admissions_on_idx").on(t.admittedOn)],
);
