import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { ownInspectionYears } from "../domain/inspections/inspections.server";
import { formatDate, shanghaiDate } from "../domain/shared/time";
import { ConclusionBadge, InspectionStateBadge, notDueReason } from "../ui/inspection-view";
import { Badge, PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "年度检查 - 社会组织服务" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  const own = await ownInspectionYears(actor);
  if (!own) return { organizationName: null, years: [], today: shanghaiDate(new Date()) };
  return {
    organizationName: own.organization.name,
    today: shanghaiDate(new Date()),
    years: own.years.map(({ settings, due, report }) => ({
      year: settings.year,
      deadline: settings.registryDeadline,
      notDue: !report && !due ? notDueReason(own.organization, settings.year) : null,
      state: report?.state ?? null,
      submittedAt: report?.submittedAt ?? null,
      conclusion: report?.conclusion ?? null,
      publishedAt: report?.publishedAt ?? null,
    })),
  };
}

export default function OrgInspections() {
  const { organizationName, years, today } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="年度检查"
        description={
          organizationName
            ? `${organizationName}。每年 1 月起报告上一年度的财务、业务活动、人员和党建等情况，经业务主管单位初审后报送登记管理机关。`
            : "您的账号尚未关联已登记的社会组织，无需参加年度检查。"
        }
      />
      {organizationName ? (
        <Panel>
          {years.length ? (
            <table className="w-full text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  <th className="py-1 pr-3 font-medium">年度</th>
                  <th className="py-1 pr-3 font-medium">报送截止日期</th>
                  <th className="py-1 pr-3 font-medium">本组织状态</th>
                  <th className="py-1 pr-3 font-medium">年检结论</th>
                  <th className="py-1 font-medium">操作</th>
                </tr>
              </thead>
              <tbody>
                {years.map((y) => {
                  const late = !y.notDue && (!y.state || y.state === "draft") && today > y.deadline;
                  return (
                    <tr key={y.year} className="border-t border-slate-100 align-top">
                      <th scope="row" className="py-2 pr-3 font-medium">
                        {y.year} 年度
                        <span className="block text-xs font-normal text-slate-600">报告 {y.year - 1} 年度情况</span>
                      </th>
                      <td className="py-2 pr-3">{formatDate(y.deadline)}</td>
                      <td className="py-2 pr-3">
                        {y.notDue ? (
                          <span className="text-slate-700">不在本年度年检范围内：{y.notDue}</span>
                        ) : (
                          <>
                            <InspectionStateBadge state={y.state} />
                            {late ? (
                              <span className="ml-2">
                                <Badge tone="red">已过截止日期</Badge>
                              </span>
                            ) : null}
                            {y.submittedAt ? <span className="block text-xs text-slate-600">{formatDate(y.submittedAt)}报送</span> : null}
                          </>
                        )}
                      </td>
                      <td className="py-2 pr-3">
                        {y.conclusion ? (
                          <>
                            <ConclusionBadge conclusion={y.conclusion} />
                            <span className="block text-xs text-slate-600">{y.publishedAt ? `${formatDate(y.publishedAt)}公布` : "尚未公布"}</span>
                          </>
                        ) : (
                          <span className="text-slate-600">—</span>
                        )}
                      </td>
                      <td className="py-2">
                        {y.notDue ? (
                          <span className="text-slate-600">—</span>
                        ) : (
                          <Link to={`/org/inspections/${y.year}`}>
                            {!y.state ? "开始填报" : y.state === "draft" ? "继续填报" : y.state === "returned" ? "修改后重新报送" : "查看报告"}
                            <span className="sr-only">（{y.year} 年度）</span>
                          </Link>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-600">登记管理机关尚未开启年度检查。</p>
          )}
        </Panel>
      ) : null}
    </>
  );
}
