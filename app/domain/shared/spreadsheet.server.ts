/**
 * Spreadsheets in and out: officers' CSV or XLSX files read into rows of text,
 * and report tables written as XLSX. Reading knows what officers' files really
 * look like: CSV saved by Excel on a Chinese Windows is GB18030, not UTF-8;
 * XLSX cells hold numbers, dates, rich text and formula results.
 */
import ExcelJS from "exceljs";

export type SpreadsheetFormat = "csv" | "xlsx";

export type SpreadsheetRead =
  | { ok: true; format: SpreadsheetFormat; rows: string[][] }
  | { ok: false; problem: string };

const zipSignature = [0x50, 0x4b, 0x03, 0x04];

/** What the bytes are, by their content rather than the file's name. */
export function spreadsheetFormatOf(bytes: Uint8Array): SpreadsheetFormat | "xls" | null {
  if (zipSignature.every((b, i) => bytes[i] === b)) return "xlsx";
  // The old binary Excel format (OLE compound file).
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "xls";
  // Text: no NUL bytes in the first few kilobytes.
  const head = bytes.subarray(0, 4096);
  return head.includes(0) ? null : "csv";
}

/** UTF-8 (with or without a byte-order mark) when it decodes cleanly, otherwise GB18030. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF ends a record. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") endField();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endRow();
      i += 1;
    } else if (ch === "\n" || ch === "\r") endRow();
    else field += ch;
    i += 1;
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A cell's value as the text an officer sees in it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) {
    // XLSX dates carry no zone: exceljs reads them as UTC midnight of the shown day.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === "number") {
    // Long codes typed as numbers lose nothing below 2^53; never show them in exponent form.
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === "string" || typeof value === "boolean") return String(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result == null || typeof result === "object" ? cellText(result as ExcelJS.CellValue) : String(result);
  }
  if ("hyperlink" in value) return String((value as { text?: unknown }).text ?? "");
  if ("error" in value) return "";
  return "";
}

/** The first worksheet's rows as text, trailing empty cells dropped. */
async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/** Rows of trimmed text from a CSV or XLSX file, or why it cannot be read. */
export async function readSpreadsheet(bytes: Uint8Array): Promise<SpreadsheetRead> {
  const format = spreadsheetFormatOf(bytes);
  if (format === "xls") {
    return { ok: false, problem: "这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。" };
  }
  if (format === null) return { ok: false, problem: "文件不是 CSV 或 XLSX 表格，请检查文件。" };
  let rows: string[][];
  try {
    rows = format === "xlsx" ? await readXlsx(bytes) : parseCsv(decodeText(bytes).replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, problem: "无法读取该 XLSX 文件，文件可能已损坏，请在 Excel 或 WPS 中重新保存后再导入。" };
  }
  return { ok: true, format, rows: rows.map((cells) => cells.map((cell) => cell.trim())) };
}

export interface SheetColumn {
  header: string;
  /** In characters; by default as wide as the column's header and cells. */
  width?: number;
  /** Excel's number format for the column's cells, such as "0.0%" for a fraction shown as a percentage. */
  numFmt?: string;
}

/** How wide a value shows, in Excel's character widths: a Chinese character takes two. */
function displayWidth(value: string | number | null): number {
  if (value == null) return 0;
  const text = typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 3 }) : value;
  let width = 0;
  for (const ch of text) width += /[\u1100-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

export interface Sheet {
  name: string;
  /** Lines above the header row (a title, the period). */
  caption?: string[];
  columns: SheetColumn[];
  rows: Array<Array<string | number | null>>;
}

/** An XLSX workbook: one worksheet per sheet, header row bold and frozen, numbers kept as numbers, columns as wide as their content. */
export async function writeXlsx(sheets: Sheet[], creator = "社区治理与社会组织登记平台"): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    for (const line of sheet.caption ?? []) ws.addRow([line]);
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: header.number }];
    sheet.columns.forEach((c, i) => {
      const fit = Math.max(displayWidth(c.header), ...sheet.rows.map((row) => displayWidth(row[i] ?? null))) + 2;
      ws.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(8, fit));
    });
    // Cells are written as values, never formulas: a text starting with "=" stays text.
    for (const values of sheet.rows) {
      const row = ws.addRow(values.map((v) => (v == null ? null : v)));
      sheet.columns.forEach((c, i) => {
        if (c.numFmt) row.getCell(i + 1).numFmt = c.numFmt;
      });
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export function xlsxHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "private, no-store",
  };
}
