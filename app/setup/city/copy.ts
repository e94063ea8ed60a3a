/**
 * Bulk loading through PostgreSQL's COPY (text format) on the generator's
 * transaction. Rows are encoded as they are pulled, so a table streams in
 * bounded memory while the server takes the previous chunk.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TransactionSql } from "postgres";

export type Cell = string | number | boolean | Date | null | undefined | Record<string, unknown> | unknown[];

const special = /[\\\n\r\t]/;
const specialAll = /[\\\n\r\t]/g;
const escapes: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function text(value: string): string {
  return special.test(value) ? value.replace(specialAll, (c) => escapes[c]!) : value;
}

/** One row in COPY's text format: tab-separated, \N for null, JSON for objects and arrays. */
export function copyLine(cells: readonly Cell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (i > 0) line += "\t";
    if (v === null || v === undefined) line += "\\N";
    else if (typeof v === "string") line += text(v);
    else if (typeof v === "number") line += String(v);
    else if (typeof v === "boolean") line += v ? "t" : "f";
    else if (v instanceof Date) line += v.toISOString();
    else line += text(JSON.stringify(v));
  }
  return `${line}\n`;
}

/**
 * COPY `rows` into `table`. `onRows` hears how many rows each chunk sent, for
 * the progress display. Returns the number of rows.
 */
export async function copyRows(
  sql: TransactionSql,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
  onRows?: (n: number) => void,
): Promise<number> {
  let count = 0;
  function* chunks() {
    let parts: string[] = [];
    let size = 0;
    for (const row of rows) {
      const line = copyLine(row);
      parts.push(line);
      size += line.length;
      if (size >= 1 << 20) {
        count += parts.length;
        onRows?.(parts.length);
        yield parts.join("");
        parts = [];
        size = 0;
      }
    }
    if (parts.length) {
      count += parts.length;
      onRows?.(parts.length);
      yield parts.join("");
    }
  }
  const target = await sql.unsafe(`copy ${table} (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(chunks(), { objectMode: false }), target);
  return count;
}

/** Moves each table's id sequence past the ids the generator gave explicitly. */
export async function advanceSequences(sql: TransactionSql, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql.unsafe(
      `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
    );
  }
}
