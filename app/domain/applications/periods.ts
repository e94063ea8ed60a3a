/**
 * How long the registry has to decide an accepted application, by kind, as the
 * regulations set it, and the working-day calendar the periods in working days
 * are counted on. Pure: the holiday table comes in as an argument (the setting
 * `publicHolidays`, which officers extend each year when the State Council
 * publishes the next year's arrangement).
 */
import { z } from "zod";
import type { OrganizationType } from "../../../vocabulary";
import { addDays, parseIsoDate } from "../shared/time";
import type { ApplicationKind } from "./rules";

export interface DecisionPeriod {
  days: number;
  unit: "calendar" | "working";
  /** The article the period follows, as the page cites it. */
  basis: string;
}

/**
 * Establishment: 60 days from receiving all valid documents (社会团体登记管理条例
 * art. 12; 民办非企业单位登记管理暂行条例 art. 11; 基金会管理条例 art. 11). The
 * regulations set no period for changes and cancellations, so the 行政许可法's
 * default applies: 20 working days (art. 42). A community organization's filing
 * is not a licence; the district keeps it to the same 20 working days.
 */
export function decisionPeriod(kind: ApplicationKind, type: OrganizationType | null | undefined): DecisionPeriod {
  if (kind === "establishment") {
    const basis =
      type === "private_non_enterprise"
        ? "《民办非企业单位登记管理暂行条例》第十一条"
        : type === "foundation"
          ? "《基金会管理条例》第十一条"
          : "《社会团体登记管理条例》第十二条";
    return { days: 60, unit: "calendar", basis };
  }
  if (kind === "filing") return { days: 20, unit: "working", basis: "参照《中华人民共和国行政许可法》第四十二条" };
  return { days: 20, unit: "working", basis: "《中华人民共和国行政许可法》第四十二条" };
}

/** "受理之日起 60 日内（《社会团体登记管理条例》第十二条）" */
export function periodText(p: DecisionPeriod): string {
  return `受理之日起 ${p.days} ${p.unit === "working" ? "个工作日" : "日"}内（${p.basis}）`;
}

/** Public holidays (休) and the weekend days worked instead (班), as the State Council arranges them each year. */
export interface HolidayTable {
  off: string[];
  on: string[];
}

const isoDay = z.string().refine((v) => parseIsoDate(v) !== null, "日期应为 2026-10-01 的格式");

export const holidayTableSchema = z
  .object({ off: z.array(isoDay).max(400), on: z.array(isoDay).max(200) })
  .refine((t) => !t.off.some((d) => t.on.includes(d)), "同一天不能既是放假日又是调休上班日");

/**
 * 国务院办公厅关于2026年部分节假日安排的通知: 元旦 1–3 Jan (4 Jan worked), 春节
 * 15–23 Feb (14 and 28 Feb worked), 清明 4–6 Apr, 劳动节 1–5 May (9 May worked),
 * 端午 19–21 Jun, 中秋 25–27 Sep, 国庆 1–7 Oct (20 Sep and 10 Oct worked).
 * The next year's is added by an officer once published.
 */
export const holidays2026: HolidayTable = {
  off: [
    "2026-01-01", "2026-01-02", "2026-01-03",
    "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
    "2026-04-04", "2026-04-05", "2026-04-06",
    "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
    "2026-06-19", "2026-06-20", "2026-06-21",
    "2026-09-25", "2026-09-26", "2026-09-27",
    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
  ],
  on: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
};

/**
 * 2027 as far as the law fixes it: the statutory holidays themselves under the
 * 全国年节及纪念日放假办法 (2024 revision, art. 2): 元旦 1 Jan; 春节 除夕 to 初三,
 * 5–8 Feb; 清明 5 Apr; 劳动节 1–2 May; 端午 9 Jun; 中秋 15 Sep; 国庆 1–3 Oct.
 * The State Council's arrangement of bridging days and weekends worked was not
 * at hand when this was written; until an officer enters it, deadlines are
 * counted with these days only, which can only make them earlier, never later
 * than the true ones.
 */
export const holidays2027Statutory: HolidayTable = {
  off: [
    "2027-01-01",
    "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08",
    "2027-04-05",
    "2027-05-01", "2027-05-02",
    "2027-06-09",
    "2027-09-15",
    "2027-10-01", "2027-10-02", "2027-10-03",
  ],
  on: [],
};

/** The table a new installation starts with: the current and the next year. */
export const shippedHolidays: HolidayTable = {
  off: [...holidays2026.off, ...holidays2027Statutory.off],
  on: [...holidays2026.on, ...holidays2027Statutory.on],
};

/**
 * 行政许可法 art. 32(4): incomplete or irregular materials are to be notified
 * to the applicant once, with everything to be supplied, on the spot or within
 * five days (counted in working days, art. 82) of receiving them; past that
 * day without a notice, the application counts as accepted from its receipt.
 */
export const materialsNoticeDays = 5;
export const materialsNoticeBasis = "《中华人民共和国行政许可法》第三十二条第一款第四项";

/** The last day to notify missing materials of an application submitted on `submittedOn`. */
export function materialsNoticeDueOn(submittedOn: string, table: HolidayTable): string {
  return addWorkingDays(submittedOn, materialsNoticeDays, table);
}

/** Monday to Friday unless a holiday; a weekend day worked instead of one counts. */
export function isWorkingDay(date: string, table: HolidayTable): boolean {
  if (table.on.includes(date)) return true;
  if (table.off.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`th working day after `from`: the day itself not counted (民法典 art. 201), public holidays not counted (行政许可法 art. 82). */
export function addWorkingDays(from: string, n: number, table: HolidayTable): string {
  let day = from;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, table)) counted++;
  }
  return day;
}

/** The years the table says something about: a deadline in any other year is counted on weekdays alone. */
export function yearsCovered(table: HolidayTable): number[] {
  return [...new Set([...table.off, ...table.on].map((d) => Number(d.slice(0, 4))))].sort();
}

/** The last day to decide an application accepted on `acceptedOn` (a Shanghai calendar date). */
export function decisionDueOn(period: DecisionPeriod, acceptedOn: string, table: HolidayTable): string {
  if (period.unit === "working") return addWorkingDays(acceptedOn, period.days, table);
  return new Date(Date.parse(`${acceptedOn}T00:00:00Z`) + period.days * 86_400_000).toISOString().slice(0, 10);
}

/** Dates typed one per line (or separated by spaces or commas), as the holiday form takes them. */
export function datesOf(text: string): string[] {
  return [...new Set(text.split(/[\s,，、]+/).map((d) => d.trim()).filter(Boolean))].sort();
}

const dateList = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .transform(datesOf)
    .superRefine((dates, ctx) => {
      const wrong = dates.filter((d) => parseIsoDate(d) === null);
      if (wrong.length) ctx.addIssue({ code: "custom", message: `${label}中“${wrong.slice(0, 3).join("”“")}”不是有效日期，请按 2027-01-01 的格式每行填写一个` });
    });

/** The officer's form: the whole table as it should stand, with the reason for the change. */
export const holidayFormSchema = z
  .object({
    off: dateList("放假日期"),
    on: dateList("调休上班日期").optional().default([]),
    reason: z.string({ error: "请填写调整原因" }).trim().min(2, "请填写调整原因（至少 2 个字）").max(500, "调整原因不超过 500 个字"),
    /** The table the officer saw, as JSON: someone else's change in between refuses the write. */
    expected: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    const both = v.off.filter((d) => (v.on ?? []).includes(d));
    if (both.length) ctx.addIssue({ code: "custom", path: ["on"], message: `${both.slice(0, 3).join("、")}不能既是放假日又是调休上班日` });
  });

/**
 * Years the table has holidays for but no weekend worked: in practice the
 * statutory days alone (as shipped for 2027), the State Council's arrangement
 * not yet entered.
 */
export function yearsWithoutArrangement(table: HolidayTable): number[] {
  const worked = new Set(table.on.map((d) => Number(d.slice(0, 4))));
  return yearsCovered(table).filter((y) => !worked.has(y));
}

/** Years for which deadlines are counted on weekdays alone because the table says nothing: this year and the next, where missing. */
export function yearsMissing(table: HolidayTable, today: string): number[] {
  const covered = new Set(yearsCovered(table));
  const year = Number(today.slice(0, 4));
  return [year, year + 1].filter((y) => !covered.has(y));
}
