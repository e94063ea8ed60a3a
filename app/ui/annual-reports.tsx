/**
 * 年度报告信息 on the public record: the filed totals over the years as a table
 * (the data) and a bar chart beside it (a picture of the same figures, hidden
 * from screen readers), and the officers the latest report lists.
 */
import { formatYuanFromFen } from "../domain/shared/money";
import { DataTable, type Column } from "./data-table";

export interface AnnualReportFigures {
  year: number;
  income: number | null;
  expenditure: number | null;
  netAssets: number | null;
  officers: string | null;
}

const yuan = (v: number | null) => (v === null ? "未填报" : formatYuanFromFen(Math.round(v * 100)));

const columns: Array<Column<AnnualReportFigures>> = [
  { label: "年度", cell: (r) => `${r.year} 年度`, rowHeader: true },
  { label: "收入合计", cell: (r) => yuan(r.income), numeric: true },
  { label: "支出合计", cell: (r) => yuan(r.expenditure), numeric: true },
  { label: "年末净资产", cell: (r) => yuan(r.netAssets), numeric: true },
];

const series = [
  { key: "income", label: "收入合计", className: "fill-brand-600" },
  { key: "expenditure", label: "支出合计", className: "fill-amber-500" },
  { key: "netAssets", label: "年末净资产", className: "fill-slate-500" },
] as const;

/** Grouped bars per year, scaled from the smallest (or 0) to the largest (or 0) figure: net assets may be negative. */
function FinanceChart({ reports }: { reports: AnnualReportFigures[] }) {
  const values = reports.flatMap((r) => series.map((s) => r[s.key])).filter((v): v is number => v !== null);
  const top = Math.max(0, ...values);
  const bottom = Math.min(0, ...values);
  if (top === bottom) return null;
  const width = 640;
  const height = 200;
  const margin = { top: 10, bottom: 24 };
  const plot = height - margin.top - margin.bottom;
  const y = (v: number) => margin.top + ((top - v) / (top - bottom)) * plot;
  const group = width / reports.length;
  const bar = Math.min(28, (group * 0.7) / series.length);
  return (
    <figure aria-hidden="true" className="mt-4">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-2xl" role="presentation">
        <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="stroke-slate-300" />
        {reports.map((r, i) => {
          const x0 = i * group + (group - bar * series.length) / 2;
          return (
            <g key={r.year}>
              {series.map((s, j) => {
                const v = r[s.key];
                if (v === null) return null;
                return <rect key={s.key} x={x0 + j * bar} y={Math.min(y(v), y(0))} width={bar - 2} height={Math.max(1, Math.abs(y(v) - y(0)))} className={s.className} />;
              })}
              <text x={i * group + group / 2} y={height - 6} textAnchor="middle" className="fill-slate-600 text-[16px]">
                {r.year}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-4 text-xs text-slate-600">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <svg viewBox="0 0 10 10" className="h-3 w-3">
              <rect width={10} height={10} className={s.className} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function AnnualReports({ reports }: { reports: AnnualReportFigures[] }) {
  if (!reports.length) return <p className="text-slate-600">暂无已公布的年度工作报告。</p>;
  const latestOfficers = [...reports].reverse().find((r) => r.officers);
  return (
    <>
      <DataTable caption="历年年度工作报告财务情况（元）" columns={columns} rows={reports} rowKey={(r) => r.year} empty="" framed={false} phone="scroll" />
      <FinanceChart reports={reports} />
      {latestOfficers ? (
        <p className="mt-4 text-sm">
          <span className="text-slate-600">负责人和理事（{latestOfficers.year} 年度报告）：</span>
          {latestOfficers.officers}
        </p>
      ) : null}
      <p className="mt-2 text-xs text-slate-500">数据为社会组织在年度工作报告中填报的数字，仅列出登记管理机关已公布年检结论的年度。</p>
    </>
  );
}
