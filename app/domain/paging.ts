/** Page numbers from a query string: anything that is not a sensible page number is page 1. */
export function pageNumber(params: URLSearchParams, maxPage = 100_000): number {
  const page = Number(params.get("page"));
  return Number.isSafeInteger(page) && page >= 1 ? Math.min(page, maxPage) : 1;
}
