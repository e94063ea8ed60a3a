import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { ownInspectionYears } from "../domain/inspections/queries.server";
import { formatDate } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { ConclusionBadge, InspectionStateBadge } from "../ui/inspection-view";
import { Badge, PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "年度检查 - 社会组织服务" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  return ownInspectionYears(actor, new Date());
}

type YearRow = ReturnType<typeof useLoaderData<typeof loader>>["years"][number];

const columns: Array<Column<YearRow>> = [
  {
    label: "年度",
    rowHeader: true,
    cell: (y) => (
      <span className="font-medium">
        {y.year} 年度
        <span className="block text-xs font-normal text-slate-600">报告 {y.year} 年度情况</span>
      </span>
    ),
  },
  { label: "报送截止日期", cell: (y) => formatDate(y.deadline) },
  {
    label: "本组织状态",
    cell: (y) =>
      y.notDue ? (
        <span className="text-slate-700">不在本年度年检范围内：{y.notDue}</span>
      ) : (
        <>
          <InspectionStateBadge state={y.state} />
          {y.late ? (
            <span className="ml-2">
              <Badge tone="red">已过截止日期</Badge>
            </span>
          ) : null}
          {y.submittedAt ? <span className="block text-xs text-slate-600">{formatDate(y.submittedAt)}报送</span> : null}
        </>
      ),
  },
  {
    label: "年检结论",
    cell: (y) =>
      y.conclusion ? (
        <>
          <ConclusionBadge conclusion={y.conclusion} />
          <span className="block text-xs text-slate-600">{y.publishedAt ? `${formatDate(y.publishedAt)}公布` : "尚未公布"}</span>
        </>
      ) : (
        <span className="text-slate-600">—</span>
      ),
  },
  {
    label: "操作",
    cell: (y) =>
      y.notDue ? (
        <span className="text-slate-600">—</span>
      ) : (
        <Link to={`/org/inspections/${y.year}`}>
          {!y.state ? "开始填报" : y.state === "draft" ? "继续填报" : y.state === "returned" ? "修改后重新报送" : "查看报告"}
          <span className="sr-only">（{y.year} 年度）</span>
        </Link>
      ),
  },
];

export default function OrgInspections() {
  const { organizationName, unitName, years } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="年度检查"
        description={
          organizationName
            ? `${organizationName}。每年 1 月起报告上一年度的财务、业务活动、人员和党建等情况，${
                unitName ? `在报送截止日期前报送业务主管单位（${unitName}）初审，初审同意后转登记管理机关审查` : "直接报送登记管理机关（本组织为直接登记，无需业务主管单位初审）"
              }。`
            : "您的账号尚未关联已登记的社会组织，无需参加年度检查。"
        }
      />
      {organizationName ? (
        <Panel>
          <DataTable
            caption="本组织各年度的年检"
            columns={columns}
            rows={years}
            rowKey={(y) => y.year}
            empty="登记管理机关尚未开启年度检查。"
            framed={false}
          />
        </Panel>
      ) : null}
    </>
  );
}
