/**
 * The pieces every open-data endpoint shares (docs/api.md): the error answer,
 * the headers, and CSV that spreadsheets read correctly and safely.
 */

/** Open data may be read by any site's scripts; it carries nothing that depends on who asks. */
export const openDataHeaders = { "Access-Control-Allow-Origin": "*" };

/** The open-data API's error answer: `{ error: { code, message } }` with its status. */
export function openDataError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: openDataHeaders });
}

/** A cell as RFC 4180 wants it; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: unknown): string {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Every row under a header row of the column names, as UTF-8 with a byte-order mark so Excel reads the Chinese correctly. */
export function toCsv<K extends string>(columns: readonly K[], rows: ReadonlyArray<Record<K, unknown>>): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The headers of a CSV download named `filename`. */
export function csvHeaders(filename: string): HeadersInit {
  return {
    ...openDataHeaders,
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
  };
}
