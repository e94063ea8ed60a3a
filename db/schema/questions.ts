import { index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { places } from "./places";
import { postings } from "./postings";

/**
 * A villager's question on a published posting (村民质询). Asked without an
 * account; personal numbers are masked before the row is written, and the
 * address is kept only as a keyed hash for the rate limit. The clerk answers,
 * the supervision committee may add its own answer; answers are final once
 * given (what the public has read is not silently changed). Abuse is hidden
 * with a reason, never deleted.
 */
export const postingQuestions = pgTable(
  "posting_questions",
  {
    id: serial("id").primaryKey(),
    postingId: integer("posting_id")
      .notNull()
      .references(() => postings.id),
    /** The posting's village, so a village's questions and counts read one index. */
    placeId: integer("place_id")
      .notNull()
      .references(() => places.id),
    askerName: text("asker_name").notNull(),
    askerVillage: text("asker_village").notNull(),
    question: text("question").notNull(),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull(),
    /** HMAC of the asking address: enough to count a sender's questions, not to find the sender. */
    addressKey: text("address_key").notNull(),
    answer: text("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredBy: integer("answered_by"),
    answererName: text("answerer_name"),
    committeeAnswer: text("committee_answer"),
    committeeAnsweredAt: timestamp("committee_answered_at", { withTimezone: true }),
    committeeAnsweredBy: integer("committee_answered_by"),
    committeeAnswererName: text("committee_answerer_name"),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: integer("hidden_by"),
    hiddenReason: text("hidden_reason"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("posting_questions_posting_idx").on(t.postingId, t.askedAt),
    index("posting_questions_place_idx").on(t.placeId, t.askedAt),
    index("posting_questions_address_idx").on(t.addressKey, t.askedAt),
  ],
);
