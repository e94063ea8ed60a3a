/**
 * The village workbench's forms as posted, read without the database so the
 * server and the browser agree and the parsing can be tested on its own. The
 * domain (postings.server.ts) still checks everything that matters.
 */
import { parseRowId } from "../shared/ids";
import {
  isPostingKind,
  monthPeriod,
  postingKinds,
  quarterPeriod,
  type PostingTableRows,
  type TableSpec,
} from "./rules";
import { textOf } from "../shared/form-submission";

export { textOf };

export interface DraftForm {
  title: string;
  body: string;
  /** Undefined when the form has no period field (a correction keeps the published period). */
  period: string | undefined;
  /** In the order of their row numbers, rows with nothing typed left out. */
  tableRows: PostingTableRows;
}

/** Everything a refused form had in it, so the page can show it again. */
export interface PostingFormValues {
  kind?: string;
  title?: string;
  body?: string;
  period?: string;
  tableRows?: PostingTableRows;
  acknowledgeSensitive?: boolean;
  opinion?: string;
  reason?: string;
  withdrawReason?: string;
  confirmDiscard?: boolean;
}


/** The name of a grid cell: `row.<index>.<columnKey>`. */
export function cellName(index: number, columnKey: string): string {
  return `row.${index}.${columnKey}`;
}

// Five digits is far beyond the largest table the domain accepts; a column key is a plain identifier.
const cellPattern = /^row\.(\d{1,5})\.([A-Za-z][A-Za-z0-9_]{0,39})$/;

/** The grid's rows, ordered by their number (not as text: row 10 comes after row 2); blank rows dropped. */
export function parseTableRows(form: FormData): PostingTableRows {
  const byIndex = new Map<number, Record<string, string>>();
  for (const [name, value] of form) {
    if (typeof value !== "string") continue;
    const match = cellPattern.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const row = byIndex.get(index) ?? {};
    row[match[2]!] = value;
    byIndex.set(index, row);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => Object.values(row).some((v) => v.trim() !== ""));
}

export function parseDraftForm(form: FormData): DraftForm {
  return {
    title: textOf(form, "title"),
    body: textOf(form, "body"),
    period: form.has("period") ? textOf(form, "period") : undefined,
    tableRows: parseTableRows(form),
  };
}

/** The hidden row version every state-changing form carries; null when missing or tampered with. */
export function parseVersion(form: FormData): number | null {
  return parseRowId(textOf(form, "version"));
}

/* ------------------------------------------------------------------ the grid */

export const defaultBlankRows = 5;
export const moreBlankRows = 10;
export const maxBlankRows = 200;

/** How many empty rows the grid shows below the filled ones, from the hidden field it posts. */
export function blankRowsOf(form: FormData): number {
  const raw = textOf(form, "blankRows");
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : defaultBlankRows;
  return Math.min(Math.max(n, defaultBlankRows), maxBlankRows);
}

/**
 * Which cells the domain's table messages ("第 3 行：请填写“姓名”",
 * "第 2 行：“金额（元）”应为……") are about, so each cell can be marked
 * invalid and described by its own messages. Keys are `<rowIndex>.<columnKey>`
 * with rows counted from 0; values are indices into `messages`.
 */
export function tableCellProblems(spec: TableSpec, messages: readonly string[]): Map<string, number[]> {
  const cells = new Map<string, number[]>();
  messages.forEach((message, i) => {
    const match = /^第 (\d+) 行：[^“]*“([^”]+)”/.exec(message);
    if (!match) return;
    const column = spec.columns.find((c) => c.label === match[2]);
    if (!column) return;
    const key = `${Number(match[1]) - 1}.${column.key}`;
    cells.set(key, [...(cells.get(key) ?? []), i]);
  });
  return cells;
}

/* ------------------------------------------------------------------ new postings */

/**
 * The period a new posting of this kind most likely covers: last month's
 * finances, the quarter last month fell in, last year, or today for a posting
 * of a single day. Only a suggestion; the clerk may write any other.
 */
export function suggestedPeriod(kind: string, today: string): string {
  if (!isPostingKind(kind)) return "";
  const [y, m] = today.split("-").map(Number) as [number, number];
  const lastMonth = m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
  const [ly, lm] = lastMonth.key.split("-").map(Number) as [number, number];
  switch (postingKinds[kind].periodKinds[0]) {
    case "month":
      return lastMonth.key;
    case "quarter":
      return quarterPeriod(ly, Math.ceil(lm / 3)).key;
    case "year":
      return String(y - 1);
    case "date":
      return today;
    default:
      return "";
  }
}

/* ------------------------------------------------------------------ review */

export const approvalOpinion = "经审核，同意公开。";

/** A return needs its own reason: the approval text left in the box says nothing to the clerk. */
export function returnOpinionProblem(opinion: string): string | null {
  const text = opinion.trim();
  if (!text) return null; // the domain asks for it
  if (text === approvalOpinion || text === approvalOpinion.replace(/。$/, "")) return "退回修改时，请写明需要修改的内容，不能使用“同意公开”的意见";
  return null;
}
