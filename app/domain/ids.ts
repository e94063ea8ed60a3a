/** A value that can name a row: a positive integer within PostgreSQL's integer range. */
export function isRowId(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0 && value <= 2_147_483_647;
}
