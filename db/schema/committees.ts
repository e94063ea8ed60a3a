import { boolean, date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { places } from "./places";
import { committeeBodies, memberPosts } from "../../vocabulary";

/** One term (届) of one body, with the election that started it. The current term is the latest begun. */
export const committeeTerms = pgTable(
  "committee_terms",
  {
    id: serial("id").primaryKey(),
    placeId: integer("place_id")
      .notNull()
      .references(() => places.id),
    body: text("body", { enum: committeeBodies }).notNull(),
    /** 第 N 届 */
    termNumber: integer("term_number").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    /** The election (换届选举) that began the term. */
    electedOn: date("elected_on", { mode: "string" }),
    eligibleVoters: integer("eligible_voters"),
    votesCast: integer("votes_cast"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
    /**
     * A later term of the same body is recorded (later start, or the same start and a higher
     * number): this one is history and no election is due for it. Kept by the database
     * (trigger committee_terms_succession, migration 0038), never written by the app.
     */
    succeeded: boolean("succeeded").notNull().default(false),
  },
  (t) => [
    uniqueIndex("committee_terms_number_idx").on(t.placeId, t.body, t.termNumber),
    index("committee_terms_ends_idx").on(t.endsOn),
    // The elections due: the latest terms by end date, without reading the history.
    index("committee_terms_due_idx").on(t.endsOn).where(sql`not ${t.succeeded}`),
  ],
);

export const committeeMembers = pgTable(
  "committee_members",
  {
    id: serial("id").primaryKey(),
    termId: integer("term_id")
      .notNull()
      .references(() => committeeTerms.id),
    name: text("name").notNull(),
    post: text("post", { enum: memberPosts }).notNull(),
    /** Also secretary of the place's party organization (书记); the supervision committee's chair may not be. */
    partySecretary: boolean("party_secretary").notNull().default(false),
    sortOrder: smallint("sort_order").notNull().default(0),
  },
  (t) => [index("committee_members_term_idx").on(t.termId)],
);

/** The community's or village's service centre (党群服务中心). */
export const serviceCentres = pgTable("service_centres", {
  placeId: integer("place_id")
    .primaryKey()
    .references(() => places.id),
  /** Square metres. */
  floorArea: integer("floor_area"),
  facilities: jsonb("facilities").$type<string[]>().notNull().default([]),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  version: integer("version").notNull().default(1),
});

/** "五位一体" joint meetings of a community: the five parties, what was discussed and decided. */
export const jointMeetings = pgTable(
  "joint_meetings",
  {
    id: serial("id").primaryKey(),
    placeId: integer("place_id")
      .notNull()
      .references(() => places.id),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    parties: jsonb("parties").$type<string[]>().notNull(),
    topics: text("topics").notNull(),
    decisions: text("decisions").notNull(),
    createdBy: integer("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("joint_meetings_place_idx").on(t.placeId, t.heldOn)],
);
