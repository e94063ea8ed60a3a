/**
 * The registry's calendar, carried out: on the first request of each day (and
 * from `npm run calendar`, for a scheduler) it opens the campaign on last year
 * on its day, with the default deadlines, and once a campaign's registry
 * deadline has passed it puts the non-filers to the registry for the
 * abnormal-activity list, where an officer reviews and confirms the batch;
 * and it removes the listings whose six months have run (信用信息管理办法 art. 13).
 * Several app instances may run it at once: one transaction at a time, under
 * an advisory lock, and each write only where it has not been made.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { inspectionYears } from "../../../db/schema";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";
import { formatMonthDay, calendarActorName, campaignToOpen, nonFilersDue } from "./calendar";
import { unlistedNonFilerCount } from "./queries.server";
import { defaultDeadlines } from "./rules";
import { getSetting } from "../settings/queries.server";
import { makeReminders } from "../reminders/commands.server";
import { removeExpiredListings } from "../credit/listings.server";
import { shanghaiDate } from "../shared/time";

export interface CalendarOutcome {
  /** The campaign opened today, if any. */
  opened: number | null;
  /** Campaigns whose non-filers were put to the registry today, with how many. */
  proposed: Array<{ year: number; nonFilers: number }>;
  /** Abnormal listings whose six months ran out with nothing to correct. */
  expiredListings: number;
}

/** Does today's work of the calendar; doing it twice on a day does nothing the second time. */
export async function runCalendar(now: Date): Promise<CalendarOutcome> {
  const today = shanghaiDate(now);
  const ctx: ActionContext = { actor: null, ip: null, now };
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inspection-calendar'))`);
    const opensOn = await getSetting("campaignOpensOn", tx);
    const campaigns = await tx
      .select({ year: inspectionYears.year, registryDeadline: inspectionYears.registryDeadline, nonFilersProposedAt: inspectionYears.nonFilersProposedAt })
      .from(inspectionYears);
    const outcome: CalendarOutcome = { opened: null, proposed: [], expiredListings: 0 };

    const year = campaignToOpen(today, opensOn, campaigns.map((c) => c.year));
    if (year !== null) {
      const values = { year, ...defaultDeadlines(year), openedAt: now, openedBy: null };
      const [inserted] = await tx.insert(inspectionYears).values(values).onConflictDoNothing().returning({ year: inspectionYears.year });
      if (inserted) {
        outcome.opened = year;
        await recordAudit(tx, ctx, {
          action: "inspection.open_year",
          entityType: "inspection_year",
          entityId: year,
          after: values,
          username: calendarActorName,
          reason: `按年检日历于每年${formatMonthDay(opensOn)}开启上一年度的年检`,
        });
      }
    }

    for (const campaign of campaigns.filter((c) => nonFilersDue(c, today))) {
      const nonFilers = await unlistedNonFilerCount(tx, campaign.year);
      const [marked] = await tx
        .update(inspectionYears)
        .set({ nonFilersProposedAt: now, nonFilersProposed: nonFilers })
        .where(and(eq(inspectionYears.year, campaign.year), isNull(inspectionYears.nonFilersProposedAt)))
        .returning({ year: inspectionYears.year });
      if (!marked) continue;
      outcome.proposed.push({ year: campaign.year, nonFilers });
      await recordAudit(tx, ctx, {
        action: "inspection.propose_non_filers",
        entityType: "inspection_year",
        entityId: campaign.year,
        after: { nonFilersProposed: nonFilers },
        username: calendarActorName,
        reason: `${campaign.year} 年度年检登记管理机关截止日期已过，${nonFilers} 个组织未报送年度工作报告，提请登记管理机关审核是否列入活动异常名录`,
      });
    }
    outcome.expiredListings = await removeExpiredListings(tx, now);
    return outcome;
  });
}

/** The day's work: the calendar first (a campaign it opens is reminded of), then everybody's reminders. */
export async function runDay(now: Date): Promise<CalendarOutcome & { reminders: number }> {
  const outcome = await runCalendar(now);
  return { ...outcome, reminders: await makeReminders(now) };
}

let keptOn: string | null = null;
let running: Promise<unknown> | null = null;

/**
 * The day's work for the first request of each Shanghai day in this process;
 * later requests that day pass straight through. A failed run (the database
 * away) is tried again by the next request.
 */
export async function keepCalendar(now: Date): Promise<void> {
  const today = shanghaiDate(now);
  if (keptOn === today) return;
  running ??= runDay(now)
    .then(() => {
      keptOn = today;
    })
    .finally(() => {
      running = null;
    });
  await running;
}
