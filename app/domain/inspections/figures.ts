/**
 * The annual report's derived figures: the income and spending totals and the
 * closing net assets. One implementation for the browser (worked out as the
 * organization types), for the pre-filled report, and for the check that
 * stops a report whose figures do not agree. Pure: the browser imports it.
 */
import type { Report } from "./forms";

export const incomeItems = ["incomeDonations", "incomeGrants", "incomeServices", "incomeFees", "incomeOther"] as const satisfies ReadonlyArray<keyof Report>;
export const spendingItems = ["expenditurePrograms", "expenditureAdministration", "expenditureOther"] as const satisfies ReadonlyArray<keyof Report>;
/** The figures that follow from others and are worked out rather than typed. */
export const derivedFields = ["incomeTotal", "expenditureTotal", "netAssetsEnd"] as const satisfies ReadonlyArray<keyof Report>;
export type DerivedField = (typeof derivedFields)[number];

/** A report's amounts as stored (numbers, in yuan) or as typed (text). */
export type ReportAmounts = Partial<Record<keyof Report, unknown>>;

/** An amount in fen, exact: a number as stored or text as typed; null when blank or not a number. */
export function fenOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? Math.round(value * 100) : null;
  if (typeof value !== "string" || !value.trim()) return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

/** The sum of the items in fen, or null while none of them is filled in. */
export function sumOfItems(values: ReportAmounts, items: ReadonlyArray<keyof Report>): number | null {
  const filled = items.map((f) => fenOf(values[f])).filter((c): c is number => c !== null);
  return filled.length ? filled.reduce((a, b) => a + b, 0) : null;
}

/** 年末净资产 = 年初净资产 + 收入合计 − 费用合计, in fen; null while any of the three is missing. */
export function closingNetAssets(start: number | null, income: number | null, spending: number | null): number | null {
  return start === null || income === null || spending === null ? null : start + income - spending;
}

/** The derived figures in fen, worked out from the items and the opening net assets; null where they cannot be yet. */
export function reportFigures(values: ReportAmounts): Record<DerivedField, number | null> {
  const incomeTotal = sumOfItems(values, incomeItems);
  const expenditureTotal = sumOfItems(values, spendingItems);
  return { incomeTotal, expenditureTotal, netAssetsEnd: closingNetAssets(fenOf(values.netAssetsStart), incomeTotal, expenditureTotal) };
}

/** Fen as the amount a field holds: "65000", "1234.5". */
export function fenAsInput(fen: number | null): string {
  return fen === null ? "" : String(fen / 100);
}

/** The report with its derived figures worked out (those that can be), replacing what it held. */
export function withDerivedFigures(report: Report): Report {
  const figures = reportFigures(report);
  const next: Report = { ...report };
  for (const field of derivedFields) {
    const fen = figures[field];
    if (fen !== null) next[field] = fen / 100;
  }
  return next;
}
