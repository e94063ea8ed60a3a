import { notFound } from "./errors";

/** PostgreSQL's integer: the largest id a row can have, and the largest number an integer column holds. */
export const maxRowId = 2_147_483_647;

/** A value that can name a row: a positive integer within PostgreSQL's integer range. */
export function isRowId(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0 && value <= maxRowId;
}

/**
 * A row's id as a URL or a hidden field writes it: plain digits from 1 to
 * 2147483647, nothing else ("007", "1e3", "0x10", " 7" and "2147483648" are
 * not ids); null otherwise. Every route parameter that names a row reads it here.
 */
export function parseRowId(text: string | null | undefined): number | null {
  if (!text || !/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= maxRowId ? id : null;
}

/** The row a URL parameter names, or the 404 page: no other text can name a row. */
export function rowIdOrNotFound(param: string | undefined, message?: string): number {
  return parseRowId(param) ?? notFound(message);
}
