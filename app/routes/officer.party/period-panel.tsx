import type { PartyPeriod } from "../../domain/party/forms";
import { periodLabel } from "../../domain/party/forms";
import { branchKindLabels } from "../../domain/party/rules";
import { formatDate } from "../../domain/shared/time";
import { DataTable, type Column } from "../../ui/data-table";
import { Panel, Stat } from "../../ui/layout";
import { organizationLink } from "./lists";
import type { Overview } from "./route";

type Founded = Overview["branchesFounded"][number];
type Admission = Overview["admissions"]["items"][number];

const foundedColumns: Array<Column<Founded>> = [
  { label: "名称", cell: (b) => b.name },
  { label: "组建方式", cell: (b) => branchKindLabels[b.kind], className: "whitespace-nowrap" },
  { label: "成立日期", cell: (b) => formatDate(b.foundedOn), className: "whitespace-nowrap" },
  { label: "书记", cell: (b) => b.secretary ?? "—", className: "whitespace-nowrap" },
];

/** The period's work: party organizations founded and probationary members admitted, beside the members there are now. */
export function PeriodPanel({ overview, period }: { overview: Overview; period: PartyPeriod }) {
  const { branchesFounded, admissions } = overview;
  const label = periodLabel(period);
  const range = `${formatDate(period.from)}至${formatDate(period.to)}`;
  const admissionColumns: Array<Column<Admission>> = [
    { label: "组织", cell: (a) => organizationLink({ id: a.organizationId, name: a.name }) },
    { label: "接收日期", cell: (a) => formatDate(a.admittedOn), className: "whitespace-nowrap" },
    { label: "人数", numeric: true, cell: (a) => `${a.count} 名`, total: `${admissions.total} 名` },
  ];
  return (
    <section aria-labelledby="period-heading" className="mt-6">
      <h2 id="period-heading" className="mb-3 text-lg font-semibold text-slate-900">
        {label}
        {label === range ? (
          ""
        ) : (
          <span className="ml-2 text-sm font-normal text-slate-600">（{range}）</span>
        )}
      </h2>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="本期新建党组织" value={`${branchesFounded.length} 个`} />
        <Stat
          label="本期发展预备党员"
          value={`${admissions.total} 名`}
          hint={`涉及 ${new Set(admissions.items.map((a) => a.organizationId)).size} 个组织`}
        />
        <Stat
          label="正式党员（现有）"
          value={`${overview.formalMembers} 名`}
          hint="应覆盖组织中的合计"
        />
        <Stat
          label="预备党员（现有）"
          value={`${overview.probationaryMembers} 名`}
          hint="应覆盖组织中的合计"
        />
      </dl>
      <Panel title="新建党组织" className="mt-4">
        <DataTable
          caption={`${label}新建的党组织`}
          columns={foundedColumns}
          rows={branchesFounded}
          rowKey={(b) => b.id}
          empty="本期没有新建党组织。"
        />
      </Panel>
      <Panel title="发展预备党员" className="mt-4">
        <DataTable
          caption={`${label}各组织发展的预备党员，合计 ${admissions.total} 名`}
          columns={admissionColumns}
          rows={admissions.items}
          rowKey={(a, i) => `${a.organizationId}-${a.admittedOn}-${i}`}
          empty="本期没有发展预备党员的记录。"
        />
      </Panel>
    </section>
  );
}
