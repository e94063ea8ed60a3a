/**
 * A place's postings arranged for its public page: by year, then by the month,
 * quarter or whole year they report on, newest first.
 */
import { monthPeriod, parsePeriod } from "./rules";

export interface PeriodGroup<T> {
  key: string;
  /** "3月", "第一季度" or "全年". */
  label: string;
  items: T[];
}

export interface YearGroup<T> {
  year: number;
  groups: PeriodGroup<T>[];
}

interface Slot {
  key: string;
  label: string;
  year: number;
  /** The last day the slot covers: later slots come first. */
  end: string;
  /** Within the same last day: the whole year, then the quarter, then the month. */
  rank: number;
}

function slotOf(period: string, periodStart: string): Slot {
  const parsed = parsePeriod(period);
  const year = Number((parsed?.start ?? periodStart).slice(0, 4));
  if (parsed?.kind === "year") return { key: `${year}`, label: "全年", year, end: parsed.end, rank: 0 };
  if (parsed?.kind === "quarter") {
    const quarter = Number(parsed.key.slice(-1));
    return { key: parsed.key, label: `第${"一二三四"[quarter - 1]}季度`, year, end: parsed.end, rank: 1 };
  }
  // Months and single days sit under their month.
  const month = monthPeriod(year, Number((parsed?.start ?? periodStart).slice(5, 7)));
  return { key: month.key, label: `${Number(month.key.slice(5, 7))}月`, year, end: month.end, rank: 2 };
}

export function groupByPeriod<T extends { period: string; periodStart: string }>(items: T[]): YearGroup<T>[] {
  const slots = new Map<string, Slot & { items: T[] }>();
  for (const item of items) {
    const slot = slotOf(item.period, item.periodStart);
    const existing = slots.get(slot.key);
    if (existing) existing.items.push(item);
    else slots.set(slot.key, { ...slot, items: [item] });
  }
  const ordered = [...slots.values()].sort((a, b) => (a.end === b.end ? a.rank - b.rank : a.end < b.end ? 1 : -1));
  const years: YearGroup<T>[] = [];
  for (const slot of ordered) {
    let year = years.find((y) => y.year === slot.year);
    if (!year) {
      year = { year: slot.year, groups: [] };
      years.push(year);
    }
    year.groups.push({ key: slot.key, label: slot.label, items: slot.items });
  }
  return years.sort((a, b) => b.year - a.year);
}
