import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countedOrganizationsText, targetsText } from "../domain/committees/coverage";
import { conclusionLabels } from "../domain/inspections/rules";
import { organizationStatusLabels, organizationTypeLabels } from "../domain/organizations/rules";
import { percent } from "../domain/party/rules";
import { publicStats } from "../domain/statistics/public.server";
import { PageHeader, Panel, Stat } from "../ui/layout";
import { DataTable, type Column } from "../ui/data-table";

export const meta: MetaFunction = () => [{ title: "统计数据 - 社区治理与社会组织登记平台" }];

export async function loader() {
  return publicStats(new Date());
}

type InspectionYear = Awaited<ReturnType<typeof publicStats>>["inspections"][number];

const inspectionColumns: Array<Column<InspectionYear>> = [
  { label: "年度", rowHeader: true, className: "font-medium", cell: (y) => `${y.year} 年度` },
  { label: "应参检", numeric: true, cell: (y) => y.due },
  { label: "已报送", numeric: true, cell: (y) => y.filed },
  { label: "参检率", numeric: true, cell: (y) => percent(y.participationRate) },
  ...(["pass", "basic_pass", "fail"] as const).map((c) => ({ label: conclusionLabels[c], numeric: true, cell: (y: InspectionYear) => y.conclusions[c] })),
];

export default function PublicStats() {
  const { organizations, inspections, party, communities, postings } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <PageHeader
        title="统计数据"
        description={
          <>
            全区社会组织登记、年度检查、党组织覆盖、“一居多会”和村务公开的公开统计。同样的数据可从{" "}
            <Link to="/api/v1/stats">/api/v1/stats</Link> 以 JSON 格式获取。
          </>
        }
      />
      <Panel title="社会组织">
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-5">
          <Stat label="合计（含各种状态）" value={organizations.total} />
          {Object.entries(organizations.byType).map(([type, n]) => (
            <Stat key={type} label={organizationTypeLabels[type as keyof typeof organizationTypeLabels]} value={n} />
          ))}
        </dl>
        <p className="mt-3 text-sm text-slate-600">
          按状态：
          {Object.entries(organizations.byStatus)
            .map(([status, n]) => `${organizationStatusLabels[status as keyof typeof organizationStatusLabels]} ${n} 个`)
            .join("，")}
          。
        </p>
      </Panel>
      <Panel title="年度检查" className="mt-6">
        <DataTable
          caption="各年度年检参检与结论（结论以已公布的为准）"
          framed={false}
          phone="scroll"
          columns={inspectionColumns}
          rows={inspections}
          rowKey={(y) => y.year}
          empty="尚未开展年度检查。"
        />
      </Panel>
      <div className="mt-6 grid gap-6 md:grid-cols-3">
        <Panel title="党组织覆盖">
          <dl className="space-y-3">
            <Stat
              label={`组织覆盖率（${party.organizationalCoverage.covered} / ${party.organizationalCoverage.total} 个）`}
              value={percent(party.organizationalCoverage.rate)}
            />
            <Stat label={`工作覆盖率（${party.workCoverage.covered} / ${party.workCoverage.total} 个）`} value={percent(party.workCoverage.rate)} />
          </dl>
          <p className="mt-2 text-sm text-slate-600">目标 {percent(party.target)}；分母为正常和活动异常的已登记社会组织。</p>
        </Panel>
        <Panel title="一居多会">
          <dl>
            <Stat label={`达到目标（${targetsText({ community: communities.target, village: communities.villageTarget })}）的社区（村）`} value={`${communities.meetingTarget} / ${communities.total}`} />
          </dl>
          <p className="mt-2 text-sm text-slate-600">计入{countedOrganizationsText[communities.counting]}。</p>
        </Panel>
        <Panel title="村务公开">
          <dl>
            <Stat label="按期公开的村" value={`${postings.upToDate} / ${postings.villages}`} />
          </dl>
          <p className="mt-2 text-sm text-slate-600">近 12 个月财务按月、近 4 个季度村务按季公开。</p>
        </Panel>
      </div>
    </main>
  );
}
