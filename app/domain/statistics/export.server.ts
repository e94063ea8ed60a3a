/**
 * The reports page's figures as a download: CSV for any tool, XLSX for the
 * officers who paste them into the bureau's spreadsheets (a summary sheet, a
 * sheet per table, and the ready paragraph on the last sheet).
 */
import type { Actor } from "../../auth/permissions";
import { toCsv } from "../shared/open-data";
import { parsePartyPeriod } from "../party/forms";
import { reportFacts, reportRows, reportTables } from "./export";
import { reportFigures } from "./figures.server";
import { reportParagraph } from "./paragraph";
import { writeXlsx } from "../shared/spreadsheet.server";
import { formatDate, formatDateTime, shanghaiDate } from "../shared/time";

export type ReportDownload =
  | { ok: true; filename: string; body: string | Uint8Array<ArrayBuffer> }
  | { ok: false; problem: string };

/** The report for `from`–`to` and `street` (district officers; a street officer gets their own street) as `format`. */
export async function reportDownload(
  actor: Actor,
  params: URLSearchParams,
  format: "csv" | "xlsx",
  now: Date,
): Promise<ReportDownload> {
  const parsed = parsePartyPeriod(params.get("from"), params.get("to"), shanghaiDate(now));
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const { from, to } = parsed.period;
  // reportFigures checks the permissions and refuses a street outside the officer's area with a 404.
  const figures = await reportFigures(actor, { from, to, streetCode: params.get("street")?.trim() || null }, now);
  const rows = reportRows(figures, from, to);
  const filename = `report-${from}-${to}.${format}`;
  if (format === "csv") {
    const csvRows = rows.map((r) => ({ 类别: r.section, 项目: r.item, 数值: r.value }));
    return { ok: true, filename, body: toCsv(["类别", "项目", "数值"] as const, csvRows) };
  }
  const title = `${figures.scopeName}${figures.periodName}社会组织工作统计`;
  const during = `统计期间：${formatDate(from)}至${formatDate(to)}`;
  const body = await writeXlsx([
    {
      name: "概况",
      caption: [title, during, `导出时间：${formatDateTime(now)}`],
      columns: [{ header: "项目" }, { header: "内容" }],
      rows: reportFacts(figures, from, to),
    },
    ...reportTables(figures).map((table) => ({
      name: table.name,
      caption: [table.title, ...(table.asOf ? [`按现状统计，为截至 ${formatDate(table.asOf)} 的数字，不是统计期末的数字。`] : [])],
      columns: table.columns.map((c) => ({ header: c.header, ...(c.kind === "percent" ? { numFmt: "0.0%" } : c.kind === "count" ? { numFmt: "0" } : {}) })),
      rows: table.rows,
    })),
    {
      name: "文字稿",
      caption: [title, during],
      columns: [{ header: "可直接粘贴到工作报告的文字", width: 120 }],
      rows: [[reportParagraph(figures)]],
    },
  ]);
  return { ok: true, filename, body };
}
