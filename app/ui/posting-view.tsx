/**
 * Pieces of a village-affairs posting shared by the public pages, the
 * village's workbench and the officers' views: the badges, the structured
 * table with its computed totals, the steps, the hash, the compliance marks.
 */
import type { ReactNode } from "react";
import {
  categoryLabels,
  complianceStatusLabels,
  formatCell,
  formatHundredths,
  kindOf,
  periodLabel,
  retentionLabels,
  tableSpecOf,
  tableTotals,
  type ComplianceCell,
  type ComplianceStatus,
  type PostingCategory,
  type PostingTableRows,
  type RetentionClass,
} from "../domain/postings/rules";
import { formatDateTime } from "../domain/shared/time";
import { type Column, DataTable } from "./data-table";
import { Badge, type BadgeTone } from "./layout";

export const categoryTone = (category: PostingCategory): BadgeTone => (category === "finance" ? "amber" : category === "party" ? "red" : "blue");

export function CategoryBadge({ category }: { category: PostingCategory }) {
  return <Badge tone={categoryTone(category)}>{categoryLabels[category]}</Badge>;
}

export const postingStatusLabels = { unpublished: "未公开", published: "已公开", withdrawn: "已撤回", discarded: "已放弃" } as const;
export type PostingStatus = keyof typeof postingStatusLabels;
export const postingStatusTone = (status: PostingStatus): BadgeTone => (status === "published" ? "green" : status === "withdrawn" ? "red" : "slate");

export function PostingStatusBadge({ status }: { status: PostingStatus }) {
  return <Badge tone={postingStatusTone(status)}>{postingStatusLabels[status]}</Badge>;
}

const versionStateLabels = {
  draft: "草稿",
  submitted: "待监督委员会审核",
  returned: "已退回修改",
  published: "已公开",
  superseded: "已被更正",
  discarded: "已放弃",
} as const;
export function VersionStateBadge({ state }: { state: keyof typeof versionStateLabels }) {
  const tone = state === "published" ? "green" : state === "returned" ? "amber" : state === "submitted" ? "blue" : "slate";
  return <Badge tone={tone}>{versionStateLabels[state]}</Badge>;
}

/** "财务 · 月度财务收支 · 2025年3月 · 保存 30年" */
export function PostingFacts({ kind, period, retention }: { kind: string; period: string; retention?: RetentionClass }) {
  return (
    <span className="text-sm text-slate-600">
      {kindOf(kind).label} · {periodLabel(period)}
      {retention ? ` · 档案保存期限 ${retentionLabels[retention]}` : ""}
    </span>
  );
}

/**
 * The kind's table with its totals (and a ledger's balance) computed from the rows. On a phone each
 * row is a card headed by its item or name, its amounts labelled 收入/支出, so no figure is off screen.
 */
export type PostingTableRow = { number: number; cells: PostingTableRows[number] };

/**
 * The kind's table as plain values: its columns (cells as text), numbered rows, and the totals (and a
 * ledger's balance) computed from the rows. PostingTable renders it; so does the reading page (app/reading).
 */
export function postingTableModel(kind: string, rows: PostingTableRows | null) {
  const spec = tableSpecOf(kind);
  if (!spec || !rows?.length) return null;
  const totals = tableTotals(spec, rows);
  const columns = [
    { label: "序号", phoneHidden: true, className: "text-slate-500", cell: (row: PostingTableRow): string | number => row.number },
    ...spec.columns.map((c, i) => ({
      label: c.label,
      rowHeader: i === 0,
      numeric: c.type === "amount" || c.type === "area" || c.type === "count",
      cell: (row: PostingTableRow): string | number => formatCell(c, row.cells[c.key] ?? ""),
      total:
        c.type === "count"
          ? totals.sums[c.key]
          : c.type === "amount" || c.type === "area"
            ? formatHundredths(totals.sums[c.key] ?? 0)
            : i === 0
              ? `共 ${totals.rows} 项`
              : undefined,
    })),
  ];
  const summaries = spec.balance && totals.balance !== null ? [{ label: spec.balance.label, value: formatHundredths(totals.balance) }] : [];
  return { caption: spec.label, columns, rows: rows.map((cells, i): PostingTableRow => ({ number: i + 1, cells })), summaries };
}

/**
 * The kind's table with its totals (and a ledger's balance) computed from the rows. On a phone each
 * row is a card headed by its item or name, its amounts labelled 收入/支出, so no figure is off screen.
 */
export function PostingTable({ kind, rows }: { kind: string; rows: PostingTableRows | null }) {
  const table = postingTableModel(kind, rows);
  if (!table) return null;
  const columns: Array<Column<PostingTableRow>> = table.columns;
  return <DataTable caption={table.caption} captionVisible framed={false} columns={columns} rows={table.rows} rowKey={(row) => row.number} empty="" summaries={table.summaries} />;
}

const stepLabels: Record<string, string> = {
  draft: "起草",
  submit: "提交审核",
  resubmit: "修改后重新提交",
  return: "退回修改",
  approve: "审核通过并公开",
  correct: "发起更正",
  discard: "放弃草稿",
  withdraw: "撤回",
};

export interface PostingStepRow {
  id: number;
  at: string | Date;
  action: string;
  versionNumber: number;
  actorName: string | null;
  opinion: string | null;
}

/** Every step: who, when, which version, and the opinion or reason. */
export function PostingTimeline({ steps }: { steps: PostingStepRow[] }) {
  if (!steps.length) return null;
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
      {steps.map((s) => (
        <li key={s.id}>
          <p>
            <span className="font-medium">{stepLabels[s.action] ?? s.action}</span>
            <span className="text-slate-500">（第 {s.versionNumber} 版）</span>
          </p>
          <p className="text-slate-600">
            {formatDateTime(s.at)} · {s.actorName ?? "系统"}
          </p>
          {s.opinion ? (
            <p className="mt-0.5 rounded bg-slate-50 px-2 py-1 text-slate-800">
              {s.action === "approve" || s.action === "return" ? "审核意见" : "原因"}：{s.opinion}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** A SHA-256 hash, broken so it wraps on a phone. */
export function Hash({ value, label }: { value: string; label?: ReactNode }) {
  return (
    <span className="block">
      {label ? <span className="text-slate-600">{label}</span> : null}
      <code className="block break-all font-mono text-xs text-slate-800">{value}</code>
    </span>
  );
}

const complianceTones: Record<ComplianceStatus, string> = {
  on_time: "bg-green-700 text-white",
  late: "bg-amber-400 text-slate-900",
  missing: "bg-red-600 text-white",
  pending: "bg-slate-200 text-slate-700",
  not_due: "border border-slate-300 bg-white text-slate-500",
};
const complianceMarks: Record<ComplianceStatus, string> = { on_time: "✓", late: "迟", missing: "缺", pending: "…", not_due: "" };

/** One month or quarter as a coloured cell with a mark, so colour is not the only cue. */
export function ComplianceCellMark({ cell }: { cell: ComplianceCell }) {
  const title = `${cell.period.label}：${complianceStatusLabels[cell.status]}${cell.publishedOn ? `（${cell.publishedOn} 公开）` : `（应于 ${cell.dueOn} 前公开）`}`;
  return (
    <span title={title} className={`relative inline-flex h-7 w-7 items-center justify-center rounded text-xs font-medium ${complianceTones[cell.status]}`}>
      {complianceMarks[cell.status]}
      <span className="sr-only">{title}</span>
    </span>
  );
}

export function ComplianceLegend() {
  const shown: ComplianceStatus[] = ["on_time", "late", "missing", "pending", "not_due"];
  return (
    <ul className="flex flex-wrap gap-3 text-xs text-slate-600">
      {shown.map((s) => (
        <li key={s} className="flex items-center gap-1">
          <span className={`inline-flex h-4 w-4 items-center justify-center rounded text-[10px] ${complianceTones[s]}`}>{complianceMarks[s]}</span>
          {complianceStatusLabels[s]}
        </li>
      ))}
    </ul>
  );
}

/** The public "up to date" mark, or the periods still missing. */
export function UpToDateMark({ summary }: { summary: { upToDate: boolean; missing: Array<{ label: string; dueOn: string }> } }) {
  if (summary.upToDate) {
    return (
      <p className="flex items-center gap-2 text-sm">
        <Badge tone="green">公开及时</Badge>
        <span className="text-slate-600">近 12 个月的财务收支和近 4 个季度的村务均已按期公开。</span>
      </p>
    );
  }
  return (
    <div className="text-sm">
      <p className="flex items-center gap-2">
        <Badge tone="red">未按期公开</Badge>
        <span className="text-slate-600">以下期间尚未公开：</span>
      </p>
      <ul className="mt-1 list-disc pl-6 text-slate-800">
        {summary.missing.map((m) => (
          <li key={m.label}>
            {m.label}（应于 {m.dueOn} 前公开）
          </li>
        ))}
      </ul>
    </div>
  );
}
