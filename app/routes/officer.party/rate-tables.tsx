import { Link } from "@remix-run/react";
import { organizationTypeLabels } from "../../domain/organizations/rules";
import type { PartyPeriod } from "../../domain/party/forms";
import { percent, type RateFigure } from "../../domain/party/rules";
import { DataTable, type Column } from "../../ui/data-table";
import { Panel } from "../../ui/layout";
import { periodQuery } from "../../ui/period-filter";
import { shortfall } from "./headline";
import type { Overview } from "./route";

type Rates = { organizational: RateFigure; work: RateFigure };

function Rate({ figure, target }: { figure: RateFigure; target: number }) {
  if (!figure.total) return <>—</>;
  return (
    <>
      {percent(figure.rate)}
      {shortfall(figure, target) ? (
        <span className="ml-1 text-xs text-red-800">（低于目标）</span>
      ) : null}
    </>
  );
}

/** 应覆盖 and both coverages, counted and as rates; with the totals of `total` when given. */
function rateColumns<Row extends Rates>(target: number, total?: Rates): Array<Column<Row>> {
  return [
    {
      label: "应覆盖",
      numeric: true,
      cell: (r) => r.organizational.total,
      total: total?.organizational.total,
    },
    {
      label: "组织覆盖（个）",
      numeric: true,
      cell: (r) => r.organizational.covered,
      total: total?.organizational.covered,
    },
    {
      label: "组织覆盖率",
      numeric: true,
      cell: (r) => <Rate figure={r.organizational} target={target} />,
      total: total ? <Rate figure={total.organizational} target={target} /> : undefined,
    },
    {
      label: "工作覆盖（个）",
      numeric: true,
      cell: (r) => r.work.covered,
      total: total?.work.covered,
    },
    {
      label: "工作覆盖率",
      numeric: true,
      cell: (r) => <Rate figure={r.work} target={target} />,
      total: total ? <Rate figure={total.work} target={target} /> : undefined,
    },
  ];
}

type StreetRow = Overview["byStreet"][number];

/** Each street's or town's coverages; a district officer follows a street to its own figures. */
export function StreetsPanel({
  overview,
  period,
  canFilter,
}: {
  overview: Overview;
  period: PartyPeriod;
  canFilter: boolean;
}) {
  const { byStreet, total, target } = overview;
  if (!byStreet.length) return null;
  const several = byStreet.length > 1;
  const columns: Array<Column<StreetRow>> = [
    {
      label: "街道（镇）",
      cell: (s) =>
        canFilter && s.code && several ? (
          <Link to={`/officer/party${periodQuery(period, s.code)}`}>{s.key}</Link>
        ) : (
          s.key
        ),
    },
    ...rateColumns<StreetRow>(target, several ? total : undefined),
  ];
  return (
    <Panel title="各街道（镇）覆盖情况" className="mt-6">
      <DataTable
        caption={`各街道（镇）社会组织的组织覆盖和工作覆盖，目标 ${percent(target)}`}
        columns={columns}
        rows={byStreet}
        rowKey={(s) => s.key}
        empty="所选范围内没有应覆盖的社会组织。"
      />
    </Panel>
  );
}

type KindRow = Overview["byKind"][number];

/** Social groups, private non-enterprise units and foundations, each with its coverages. */
export function KindsPanel({ overview }: { overview: Overview }) {
  const { byKind, target } = overview;
  const columns: Array<Column<KindRow>> = [
    { label: "类型", cell: (k) => organizationTypeLabels[k.key] },
    ...rateColumns<KindRow>(target),
  ];
  return (
    <Panel title="各类型覆盖情况" className="mt-6">
      <DataTable
        caption={`社会团体、民办非企业单位和基金会的组织覆盖和工作覆盖，目标 ${percent(target)}`}
        columns={columns}
        rows={byKind}
        rowKey={(k) => k.key}
        empty="所选范围内没有应覆盖的社会组织。"
      />
    </Panel>
  );
}
