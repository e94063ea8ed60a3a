import type { ReactNode } from "react";
import { formatShare } from "../domain/committees/coverage";
import { reportLabels, reportSections, type Report } from "../domain/inspections/rules";
import type { OrganizationType } from "../domain/organizations/rules";
import { ShareBar } from "./community-progress";
import { type Column, DataTable } from "./data-table";
import { formatReportValue } from "./inspection-view";
import { Badge } from "./layout";

export { ConclusionBadge, InspectionStateBadge } from "./inspection-view";
export { InspectionTimeline as InspectionSteps } from "./inspection-view";

/** How the seed documents name the kinds in their figures ("应参加 51 个社团"). */
export const shortKindLabels: Record<OrganizationType, string> = {
  social_group: "社团",
  private_non_enterprise: "民非",
  foundation: "基金会",
  community: "社区社会组织",
};

/** "filed/due (40%)" with a bar; the bar is decorative, the figure is written. */
export function Participation({ filed, due, rate }: { filed: number; due: number; rate: number }) {
  return (
    <div className="min-w-32">
      <span className="tabular-nums">
        {filed}/{due}（{formatShare(rate)}）
      </span>
      <ShareBar share={rate} className="mt-1" />
    </div>
  );
}

export interface Tally {
  due: number;
  filed: number;
  notFiled: number;
  returned: number;
  concluded: number;
  participationRate: number;
}

type TallyRow = { key: string; label: ReactNode } & Tally;

/** Due, filed, not filed, returned and concluded for each row (a kind or a street). */
export function TallyTable({ caption, heading, rows }: { caption: string; heading: string; rows: TallyRow[] }) {
  const columns: Array<Column<TallyRow>> = [
    { label: heading, rowHeader: true, cell: (row) => row.label },
    { label: "应参加", numeric: true, cell: (row) => row.due },
    { label: "未报送", numeric: true, cell: (row) => row.notFiled },
    { label: "退回修改", numeric: true, cell: (row) => row.returned },
    { label: "已作结论", numeric: true, cell: (row) => row.concluded },
    { label: "已报送（参检率）", cell: (row) => <Participation filed={row.filed} due={row.due} rate={row.participationRate} /> },
  ];
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(row) => row.key} empty="范围内没有应参加年检的组织。" framed={false} />;
}

/** A report value in a table cell: the shared wording, with line breaks kept. */
export function reportValue(field: keyof Report, value: unknown): ReactNode {
  const text = formatReportValue(field, value);
  return text === "未填写" ? <span className="text-slate-500">未填写</span> : <span className="whitespace-pre-wrap">{text}</span>;
}

/**
 * The report beside last year's, section by section: two columns per field,
 * the fields that changed marked (in words as well as colour), and what would
 * have stopped a submission beside its field.
 */
export function ReportComparison({
  year,
  report,
  lastYear,
  changed,
  problems,
}: {
  year: number;
  report: Report;
  lastYear: Report | null;
  changed: ReadonlyArray<keyof Report>;
  problems: Record<string, string[]>;
}) {
  const changedSet = new Set(changed);
  return (
    <div className="space-y-6">
      {lastYear ? (
        <p className="text-sm text-slate-600">
          与上年度报告（{year - 1} 年度年检）相比，共有 {changed.length} 项有变动，已标注“有变动”。
        </p>
      ) : (
        <p className="text-sm text-slate-600">该组织没有上年度报告可供比对。</p>
      )}
      {reportSections.map((section) => (
        <table key={section.title} className="w-full table-fixed text-left text-sm">
          <caption className="mb-1 text-left font-medium text-slate-900">{section.title}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="w-1/3 py-1 pr-3 font-medium">事项</th>
              {lastYear ? <th scope="col" className="py-1 pr-3 font-medium">上年度（{year - 1} 年度年检）</th> : null}
              <th scope="col" className="py-1 font-medium">本年度（{year} 年度年检）</th>
            </tr>
          </thead>
          <tbody>
            {section.fields.map((field) => {
              const isChanged = changedSet.has(field);
              return (
                <tr key={field} className={`border-t border-slate-100 align-top ${isChanged ? "bg-amber-50" : ""}`}>
                  <th scope="row" className="py-1.5 pr-3 font-normal text-slate-700">
                    {reportLabels[field]}
                  </th>
                  {lastYear ? <td className="break-words py-1.5 pr-3 text-slate-700">{reportValue(field, lastYear[field])}</td> : null}
                  <td className="break-words py-1.5">
                    <span className={isChanged ? "font-medium text-slate-900" : ""}>{reportValue(field, report[field])}</span>
                    {isChanged ? (
                      <span className="ml-2">
                        <Badge tone="amber">有变动</Badge>
                      </span>
                    ) : null}
                    {problems[field]?.map((p) => (
                      <span key={p} className="block text-xs text-amber-900">
                        ⚠ {p}
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}
