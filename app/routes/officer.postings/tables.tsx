import { Link } from "@remix-run/react";
import { type Column, DataTable } from "../../ui/data-table";
import { Panel } from "../../ui/layout";
import type { Overview, VillageRow } from "./route";

type StreetRow = Overview["streets"][number];

/** The page for a year and, optionally, one street or town. */
export function pageLink(year: number, street: string | null | undefined): string {
  const params = new URLSearchParams({ year: String(year) });
  if (street) params.set("street", street);
  return `/officer/postings?${params}`;
}

/** Per street or town: villages, those with nothing missing, and the months and quarters missing. */
export function StreetsPanel({ year, overview, canFilter }: { year: number; overview: Overview; canFilter: boolean }) {
  const { streets } = overview;
  const sum = (figure: (s: StreetRow) => number) => streets.reduce((n, s) => n + figure(s), 0);
  // A single street needs no total row.
  const total = (figure: (s: StreetRow) => number) => (streets.length > 1 ? sum(figure) : undefined);
  const columns: Array<Column<StreetRow>> = [
    { label: "街道（镇）", cell: (s) => (canFilter && streets.length > 1 ? <Link to={pageLink(year, s.code)}>{s.name}</Link> : s.name) },
    { label: "村", numeric: true, cell: (s) => s.villages, total: total((s) => s.villages) },
    { label: "无缺失的村", numeric: true, cell: (s) => s.upToDate, total: total((s) => s.upToDate) },
    { label: "有缺失的村", numeric: true, cell: (s) => s.villages - s.upToDate, total: total((s) => s.villages - s.upToDate) },
    { label: "缺失财务收支（村·月）", numeric: true, cell: (s) => s.missingMonths, total: total((s) => s.missingMonths) },
    { label: "缺失村务（村·季度）", numeric: true, cell: (s) => s.missingQuarters, total: total((s) => s.missingQuarters) },
  ];
  return (
    <Panel title="各街道（镇）情况" className="mt-6">
      <DataTable
        caption={`${year} 年各街道（镇）村务公开情况：已到期的期间中缺失的月份和季度`}
        columns={columns}
        rows={streets}
        rowKey={(s) => s.code}
        empty="所选范围内没有街道（镇）。"
      />
    </Panel>
  );
}

const recordsLink = (row: VillageRow) => (
  <Link to={`/postings?village=${row.village.code}`}>
    查看<span className="sr-only">{row.village.name}的</span>公开记录
  </Link>
);

const missingColumns: Array<Column<VillageRow>> = [
  { label: "村", cell: (row) => <Link to={`/villages/${row.village.code}`}>{row.village.name}</Link>, className: "whitespace-nowrap" },
  { label: "所属街道（镇）", cell: (row) => row.village.streetName, className: "whitespace-nowrap" },
  { label: "缺失数", numeric: true, cell: (row) => row.missing.length },
  { label: "缺失的期间", cell: (row) => row.missing.map((m) => m.label).join("、"), className: "sm:min-w-[16rem]" },
  { label: "公开记录", cell: recordsLink, className: "whitespace-nowrap" },
];

/** The villages with periods past their deadline and still unpublished, most missing first. */
export function MissingPanel({ year, behind }: { year: number; behind: VillageRow[] }) {
  return (
    <Panel title="缺失期间" className="mt-6">
      {behind.length ? (
        <>
          <p className="mb-3 text-sm text-slate-600">
            {year} 年已过公开期限仍未公开的期间，共 {behind.length} 个村；缺失多的排在前面。
          </p>
          <DataTable caption={`${year} 年有缺失期间的村及其缺失的期间`} columns={missingColumns} rows={behind} rowKey={(row) => row.village.code} empty="" />
        </>
      ) : (
        <p className="text-slate-700">所选范围内各村 {year} 年已到期的财务收支和村务均已公开。</p>
      )}
    </Panel>
  );
}
