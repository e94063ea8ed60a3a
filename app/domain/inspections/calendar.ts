/**
 * The registry's year, as pure rules: the day the campaign on last year opens
 * by itself, and when a closed campaign's non-filers are put to an officer for
 * the abnormal-activity list. calendar.server.ts carries them out.
 */
import { z } from "zod";
import { campaignFiledIn } from "./rules";

/**
 * The calendar opens the campaign on the year before on this day (MM-DD) of
 * each year, unless the registry opened it sooner by hand. Between 1 January
 * (the reported year is over) and 31 March (the supervising units' default
 * deadline), so the opening never falls after a deadline it sets.
 */
export const campaignOpensOnRange = { first: "01-01", last: "03-31" } as const;

const opensOnMessage = "年检自动开启日期应为 1 月 1 日至 3 月 31 日之间的日期，如 01-01";

export const campaignOpensOnSchema = z
  .string({ error: opensOnMessage })
  .trim()
  .regex(/^\d{2}-\d{2}$/, opensOnMessage)
  .refine((v) => isMonthDay(v) && v >= campaignOpensOnRange.first && v <= campaignOpensOnRange.last, opensOnMessage);

/** A day that every year has (so not 29 February). */
function isMonthDay(value: string): boolean {
  const instant = new Date(`2025-${value}T00:00:00Z`);
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(5, 10) === value;
}

/** "1月1日" */
export function formatMonthDay(value: string): string {
  return `${Number(value.slice(0, 2))}月${Number(value.slice(3, 5))}日`;
}

/** The officer's form that changes the opening day; the field is named after the setting. */
export const campaignOpensOnFormSchema = z.object({
  campaignOpensOn: campaignOpensOnSchema,
  reason: z.string({ error: "请填写调整原因" }).trim().min(2, "请填写调整原因（至少 2 个字）").max(500, "调整原因不超过 500 个字"),
  expected: campaignOpensOnSchema.optional(),
});

/**
 * The campaign the calendar opens today, or null: the one filed during this
 * year (on last year), once its opening day has come, if nobody opened it yet.
 * A campaign is never opened for a year further back: a registry that skipped
 * one decided so.
 */
export function campaignToOpen(today: string, opensOn: string, opened: readonly number[]): number | null {
  if (today.slice(5) < opensOn) return null;
  const year = campaignFiledIn(Number(today.slice(0, 4)));
  return opened.includes(year) ? null : year;
}

/**
 * Whether a campaign's non-filers are due to be put to the registry: once,
 * the day after its registry deadline (社会团体登记管理条例 art. 28 and
 * 民办非企业单位登记管理暂行条例 art. 23: the annual report is due by the
 * registry's date; 社会组织信用信息管理办法 art. 10 lists an organization that
 * has not filed it on time in the abnormal-activity list, by the registry's decision).
 */
export function nonFilersDue(campaign: { registryDeadline: string; nonFilersProposedAt: Date | string | null }, today: string): boolean {
  return campaign.nonFilersProposedAt === null && today > campaign.registryDeadline;
}

/** The name the audit log gives the calendar's own writes. */
export const calendarActorName = "年检日历（系统）";
