/**
 * The reports page's figures as a download: CSV for any tool, XLSX for the
 * officers who paste them into the bureau's spreadsheets (with the ready
 * paragraph on a second sheet).
 */
import type { Actor } from "../../auth/permissions";
import { toCsv } from "../shared/open-data";
import { parsePartyPeriod } from "../party/forms";
import { reportRows } from "./export";
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
  const caption = [title, `统计期间：${formatDate(from)}至${formatDate(to)}`, `导出时间：${formatDateTime(now)}`];
  const body = await writeXlsx([
    {
      name: "统计表",
      caption,
      columns: [
        { header: "类别", width: 24 },
        { header: "项目", width: 28 },
        { header: "数值", width: 14 },
      ],
      rows: rows.map((r) => [r.section, r.item, r.value]),
    },
    {
      name: "文字稿",
      caption: [title, `统计期间：${formatDate(from)}至${formatDate(to)}`],
      columns: [{ header: "可直接粘贴到工作报告的文字", width: 120 }],
      rows: [[reportParagraph(figures)]],
    },
  ]);
  return { ok: true, filename, body };
}
