import { Link } from "@remix-run/react";
import { reportFilters } from "../../domain/inspections/rules";
import { organizationTypeLabels } from "../../domain/organizations/rules";
import { formatDate, formatDateTime } from "../../domain/shared/time";
import { type Column, DataTable } from "../../ui/data-table";
import { FilterForm, SelectFilter } from "../../ui/filter-form";
import type { Confirmation, PostedValues } from "../../domain/shared/confirmation";
import { ConfirmSubmit } from "../../ui/confirm";
import { PostForm } from "../../ui/form";
import { Badge, Panel } from "../../ui/layout";
import { ConclusionBadge, InspectionStateBadge } from "../../ui/officer-inspection";
import type { YearPage } from "./route";

type ReportRow = YearPage["reports"][number];

/** The year's filed reports as the filter asks; a concluded one is published from its row. */
export function ReportsPanel({
  year,
  reports,
  filter,
  canReview,
  summary,
}: {
  year: number;
  reports: ReportRow[];
  filter: string;
  canReview: boolean;
  /** What publishing a row's conclusion will do, asked before it is sent. */
  summary: (values: PostedValues) => Confirmation;
}) {
  const columns: Array<Column<ReportRow>> = [
    { label: "组织名称", rowHeader: true, cell: (r) => <Link to={`/officer/inspections/${year}/reports/${r.id}`}>{r.name}</Link> },
    { label: "类型", cell: (r) => organizationTypeLabels[r.type] },
    { label: "街道（镇）", cell: (r) => r.street ?? "—" },
    { label: "状态", cell: (r) => <InspectionStateBadge state={r.state} /> },
    { label: "报送时间", cell: (r) => formatDateTime(r.submittedAt) || "—" },
    { label: "初审", cell: (r) => <Preliminary row={r} /> },
    { label: "年检结论", cell: (r) => (r.conclusion ? <ConclusionBadge conclusion={r.conclusion} /> : "—") },
    { label: "公布", cell: (r) => <Publication row={r} canReview={canReview} summary={summary} /> },
  ];
  return (
    <Panel id="reports" title="年度报告" className="mt-6">
      <p className="mb-2 text-sm text-slate-700">共 {reports.length} 份</p>
      <FilterForm label="筛选年度报告">
        <SelectFilter label="状态" name="state" options={reportFilters} defaultValue={filter} all={null} />
      </FilterForm>
      <div className="max-h-[32rem] overflow-auto">
        <DataTable caption={`${year} 年度已报送的年度报告`} columns={columns} rows={reports} rowKey={(r) => r.id} empty="没有符合条件的年度报告。" framed={false} />
      </div>
    </Panel>
  );
}

function Preliminary({ row }: { row: ReportRow }) {
  if (!row.unitName) return <span className="text-slate-500">无需初审</span>;
  if (row.unitDecision === "agreed") return <Badge tone="green">同意</Badge>;
  if (row.unitDecision === "returned") return <Badge tone="amber">退回修改</Badge>;
  return <Badge tone="blue">待初审</Badge>;
}

function Publication({ row, canReview, summary }: { row: ReportRow; canReview: boolean; summary: (values: PostedValues) => Confirmation }) {
  if (row.publishedAt) return <>{formatDate(row.publishedAt)}已公布</>;
  if (row.state !== "concluded") return <>—</>;
  if (!canReview) return <>未公布</>;
  return (
    <PostForm>
      <input type="hidden" name="intent" value="publish" />
      <input type="hidden" name="reportId" value={row.id} />
      <ConfirmSubmit variant="secondary" className="px-3 py-1" label={`公布${row.name}的年检结论`} summary={summary}>
        公布
      </ConfirmSubmit>
    </PostForm>
  );
}
