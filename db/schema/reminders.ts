import { sql } from "drizzle-orm";
import { bigserial, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * A reminder shown to one user in the app: something due or waiting, with
 * where to do it. Its key names the event (a report due in 7 days, a return,
 * an application waiting), so the same reminder is made once however often
 * and by however many instances the rules run.
 */
export const reminders = pgTable(
  "reminders",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    key: text("key").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** The page where the work is done. */
    link: text("link").notNull(),
    /** The deadline the reminder is about, if any. */
    dueOn: date("due_on", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("reminders_user_key_idx").on(t.userId, t.key), index("reminders_user_unread_idx").on(t.userId, t.createdAt)],
);

/**
 * The e-mail copy of a reminder, written in the reminder's transaction and
 * sent afterwards: a mail server that is down loses nothing, the row waits
 * and is tried again with a growing delay.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reminderId: integer("reminder_id")
      .notNull()
      .unique()
      .references(() => reminders.id),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    lastError: text("last_error"),
  },
  (t) => [index("mail_outbox_waiting_idx").on(t.nextAttemptAt).where(sql`${t.sentAt} is null`)],
);
