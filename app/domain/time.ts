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

/** A real calendar date as YYYY-MM-DD, or null ("2025-13-45" and "2026-02-30" are not dates). */
export function parseIsoDate(text: string | null | undefined): string | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const instant = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 10) === text ? text : null;
}

/** No record the registry keeps (a branch, a meeting, an admission, a registration) is older than the People's Republic. */
export const earliestRecordDate = "1949-10-01";

/** Why `date` (a real ISO date) is implausible for a record dated up to `latest`, or null. */
export function recordDateProblem(date: string, latest: string, label: string): string | null {
  if (date < earliestRecordDate) return `${label}不能早于 1949 年 10 月 1 日，请检查年份`;
  if (date > latest) return `${label}不能晚于${formatDate(latest)}`;
  return null;
}
