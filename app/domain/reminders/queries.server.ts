/** A user's own reminders: nobody reads another's. */
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, getDbForKeyedReads } from "../../../db/client.server";
import { preparedFor } from "../shared/prepared.server";
import { reminders } from "../../../db/schema";
import type { Actor } from "../../auth/permissions";

/** The newest first, unread before read within a day's batch. */
export async function myReminders(actor: Actor, limit = 100) {
  const db = await getDb();
  return db
    .select({ id: reminders.id, title: reminders.title, body: reminders.body, link: reminders.link, dueOn: reminders.dueOn, createdAt: reminders.createdAt, readAt: reminders.readAt })
    .from(reminders)
    .where(eq(reminders.userId, actor.userId))
    .orderBy(desc(reminders.createdAt), desc(reminders.id))
    .limit(limit);
}

/** For the header's "提醒 (3)". */
export async function unreadReminderCount(actor: Actor): Promise<number> {
  const [row] = await unreadCount(await getDbForKeyedReads()).execute({ userId: actor.userId });
  return row?.n ?? 0;
}

/** Read on every signed-in page: prepared once. */
const unreadCount = preparedFor((db) =>
  db
    .select({ n: count() })
    .from(reminders)
    .where(and(eq(reminders.userId, sql.placeholder("userId")), isNull(reminders.readAt)))
    .prepare("unread_reminders"),
);
