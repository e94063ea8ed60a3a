/** Page numbers from a query string: anything that is not a sensible page number is page 1. */
export function pageNumber(params: URLSearchParams, maxPage = 100_000): number {
  const page = Number(params.get("page"));
  return Number.isSafeInteger(page) && page >= 1 ? Math.min(page, maxPage) : 1;
}

/**
 * Public lists count their matches up to a cap: counting every match of a
 * common search costs more than finding its first page, and nobody pages
 * through more than a thousand rows; the page says "1000 条以上".
 */
export const publicCountCap = 1000;

/** A page's total as counted up to `cap` (`counted` may be cap + 1): capped totals say so. */
export function cappedTotal(counted: number, cap: number | undefined): { total: number; totalIsCapped?: true } {
  return cap !== undefined && counted > cap ? { total: cap, totalIsCapped: true } : { total: counted };
}
