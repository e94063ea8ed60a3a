import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { unitInspectionPage } from "../domain/inspections/queries.server";
import { parseInspectionYear, preliminaryDecisionLabels } from "../domain/inspections/rules";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { notFound } from "../domain/shared/errors";
import { formatDate } from "../domain/shared/time";
import { Button } from "../ui/form";
import { ConclusionBadge, InspectionStateBadge } from "../ui/inspection-view";
import { Badge, PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "年检初审 - 业务主管单位" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:unit");
  const asked = new URL(request.url).searchParams.get("year");
  const year = asked ? parseInspectionYear(asked) : null;
  if (asked && !year) notFound("找不到该年度年检。");
  return unitInspectionPage(actor, year, new Date());
}

export default function UnitInspections() {
  const { unit, years, settings, rows, tally } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={settings ? `${unit}：${settings.year} 年度年检初审` : `${unit}：年检初审`}
        description="本单位主管的社会团体、民办非企业单位应于每年 3 月 31 日前向本单位报送上一年度的工作报告，经本单位初审同意后，于 5 月 31 日前报送登记管理机关接受年度检查（《社会团体登记管理条例》第二十八条，《民办非企业单位登记管理暂行条例》第二十三条）。"
        actions={
          years.length > 1 ? (
            <Form method="get" className="flex items-end gap-2">
              <label className="text-sm">
                <span className="mb-1 block text-slate-600">年检年度</span>
                <select name="year" defaultValue={settings?.year} className="rounded border border-slate-300 px-2 py-1">
                  {years.map((y) => (
                    <option key={y} value={y}>
                      {y} 年度
                    </option>
                  ))}
                </select>
              </label>
              <Button type="submit" variant="secondary">
                查看
              </Button>
            </Form>
          ) : null
        }
      />
      {!settings ? (
        <Panel>
          <p className="text-sm text-slate-600">登记管理机关尚未开启年度检查。</p>
        </Panel>
      ) : (
        <Panel
          title={
            tally.waiting
              ? `待本单位初审 ${tally.waiting} 份${tally.late ? `，其中 ${tally.late} 份已过初审截止日期` : ""}`
              : "没有待初审的年度报告"
          }
        >
          <p className="mb-3 text-sm text-slate-700">
            本单位主管、参加 {settings.year} 年度年检的组织 {tally.due} 个，已报送 {tally.filed} 个，本单位已初审同意 {tally.agreed} 个。初审截止日期{" "}
            {formatDate(settings.supervisingDeadline)}，登记管理机关截止日期 {formatDate(settings.registryDeadline)}。
          </p>
          {rows.length ? (
            <div className="overflow-x-auto">
              <table className="w-full min-w-[40rem] text-left text-sm">
                <thead className="text-slate-600">
                  <tr>
                    <th className="py-1 pr-3 font-medium">组织名称</th>
                    <th className="py-1 pr-3 font-medium">类型</th>
                    <th className="py-1 pr-3 font-medium">报告状态</th>
                    <th className="py-1 pr-3 font-medium">报送日期</th>
                    <th className="py-1 pr-3 font-medium">本单位初审</th>
                    <th className="py-1 font-medium">年检结论</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.organizationId} className="border-t border-slate-100">
                      <td className="py-1.5 pr-3">
                        {r.reportId ? (
                          <Link to={`/unit/inspections/${settings.year}/reports/${r.reportId}`} className="text-blue-800 underline">
                            {r.name}
                          </Link>
                        ) : (
                          r.name
                        )}
                      </td>
                      <td className="py-1.5 pr-3">{organizationTypeLabels[r.type]}</td>
                      <td className="py-1.5 pr-3">{r.filed ? <InspectionStateBadge state={r.state} /> : <Badge tone="slate">未报送</Badge>}</td>
                      <td className="py-1.5 pr-3">{r.filed ? formatDate(r.submittedAt) : "—"}</td>
                      <td className="py-1.5 pr-3">
                        {r.waiting ? (
                          <Badge tone={r.late ? "red" : "amber"}>{r.late ? "逾期未初审" : "待初审"}</Badge>
                        ) : r.reportId && r.unitDecision ? (
                          <Badge tone={r.unitDecision === "agreed" ? "green" : "amber"}>
                            {preliminaryDecisionLabels[r.unitDecision]} {formatDate(r.unitDecidedAt)}
                          </Badge>
                        ) : (
                          <span className="text-slate-500">—</span>
                        )}
                      </td>
                      <td className="py-1.5">{r.conclusion ? <ConclusionBadge conclusion={r.conclusion} /> : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-sm text-slate-600">本年度没有由本单位主管、需要参加年检的组织。</p>
          )}
        </Panel>
      )}
    </>
  );
}
