/**
 * Every date the bureau reads is a date in Asia/Shanghai, whatever time zone
 * the server runs in. China keeps no daylight saving, so the offset is fixed.
 */
export const timeZone = "Asia/Shanghai";
const offsetMs = 8 * 60 * 60 * 1000;

function shanghaiParts(instant: Date) {
  const shifted = new Date(instant.getTime() + offsetMs);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/** "2026年5月31日" */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return "";
  // A calendar date ("2026-05-31") reads as UTC midnight, which is the same day in Shanghai.
  const p = shanghaiParts(instant);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** "2026年5月31日 14:05" */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return "";
  const p = shanghaiParts(instant);
  const hh = String(p.hour).padStart(2, "0");
  const mm = String(p.minute).padStart(2, "0");
  return `${p.year}年${p.month}月${p.day}日 ${hh}:${mm}`;
}

/** The calendar date in Shanghai as YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  const p = shanghaiParts(instant);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The instant a Shanghai calendar day (YYYY-MM-DD) begins. */
export function startOfShanghaiDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - offsetMs);
}

/** Whole days from `from` to `to`, counted on Shanghai calendar dates. */
export function daysBetween(from: Date, to: Date): number {
  const a = startOfShanghaiDay(shanghaiDate(from)).getTime();
  const b = startOfShanghaiDay(shanghaiDate(to)).getTime();
  return Math.round((b - a) / 86_400_000);
}

/**
 * The years any date field or filter accepts. Wider than any record needs (a
 * field narrows it with its own rule, e.g. recordDateProblem from 1949-10-01),
 * narrow enough that no date typed into a form can fall outside what
 * PostgreSQL's date and timestamp columns hold ("0000-01-01" cannot).
 */
export const dateYears = { first: 1900, last: 2100 } as const;

/** Whether a year (of a date, a period or a filter) is within dateYears. */
export function isAcceptedYear(year: number): boolean {
  return Number.isInteger(year) && year >= dateYears.first && year <= dateYears.last;
}

/**
 * The one reading of a date typed or posted as YYYY-MM-DD: a real calendar
 * date ("2025-13-45" and "2026-02-30" are not) within dateYears; null otherwise.
 */
export function parseIsoDate(text: string | null | undefined): string | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text) || !isAcceptedYear(Number(text.slice(0, 4)))) return null;
  const instant = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 10) === text ? text : null;
}

/**
 * A date filter from a query string: blank is no filter; anything else must be
 * a date parseIsoDate accepts, or the page says why (with a 400) rather than
 * quietly showing everything.
 */
export function parseDateFilter(
  text: string | null | undefined,
  label: string,
): { ok: true; date: string | null } | { ok: false; problem: string } {
  const raw = (text ?? "").trim();
  if (!raw) return { ok: true, date: null };
  const date = parseIsoDate(raw);
  if (date) return { ok: true, date };
  return {
    ok: false,
    problem: `无法按${label}“${raw.slice(0, 20)}”筛选：日期应按 2026-01-01 的格式填写，是日历上实有的日期，年份在 ${dateYears.first} 年至 ${dateYears.last} 年之间。`,
  };
}

/** No record the registry keeps (a branch, a meeting, an admission, a registration) is older than the People's Republic. */
export const earliestRecordDate = "1949-10-01";

/**
 * A record's date typed by a person: a real day between 1949-10-01 and
 * `latest`. A well-formed date before 1949 gets the 1949 message rather than
 * "not a date", which is what the person needs to read.
 */
export function readRecordDate(text: string, latest: string, label: string): { date: string } | { problem: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && text < earliestRecordDate) return { problem: `${label}不能早于 1949 年 10 月 1 日，请检查年份` };
  const date = parseIsoDate(text);
  if (!date) return { problem: `请填写${label}，如 2026-05-20` };
  const problem = recordDateProblem(date, latest, label);
  return problem ? { problem } : { date };
}

/** Why `date` (a real ISO date) is implausible for a record dated up to `latest`, or null. */
export function recordDateProblem(date: string, latest: string, label: string): string | null {
  if (date < earliestRecordDate) return `${label}不能早于 1949 年 10 月 1 日，请检查年份`;
  if (date > latest) return `${label}不能晚于${formatDate(latest)}`;
  return null;
}

/** The calendar day `n` days after (or before, for negative `n`) an ISO date. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The same day `n` months later, or the month's last day where it has no such day (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
