import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { unitQueue } from "../domain/applications/queries.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { formatDate } from "../domain/shared/time";
import { unitTodoList } from "../domain/todo/queries.server";
import { TodoPanel } from "../ui/todo-panel";
import { StateBadge } from "../ui/application-view";
import { Badge, PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "成立登记审查 - 业务主管单位" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:unit");
  const [rows, todos] = await Promise.all([unitQueue(actor), unitTodoList(actor, new Date())]);
  return { unit: actor.supervisingUnit ?? "", rows, todos };
}

export default function UnitHome() {
  const { unit, rows, todos } = useLoaderData<typeof loader>();
  const waiting = rows.filter((r) => r.waiting).length;
  return (
    <>
      <PageHeader
        title={`${unit}：成立登记审查`}
        description="申请成立社会团体、民办非企业单位，应当经业务主管单位审查同意，登记管理机关方可受理（《社会团体登记管理条例》第九条，《民办非企业单位登记管理暂行条例》第三条、第九条）。直接登记的行业协会商会类、科技类、公益慈善类、城乡社区服务类不在此列。"
      />
      <TodoPanel items={todos} className="mb-6" />
      <Panel id="applications" title={waiting ? `待本单位审查 ${waiting} 件` : "没有待审查的申请"}>
        {rows.length ? (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  <th className="py-1 pr-3 font-medium">拟成立组织</th>
                  <th className="py-1 pr-3 font-medium">类型</th>
                  <th className="py-1 pr-3 font-medium">提交日期</th>
                  <th className="py-1 pr-3 font-medium">申请状态</th>
                  <th className="py-1 font-medium">本单位审查</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="py-1.5 pr-3">
                      <Link to={`/unit/applications/${r.id}`} className="text-blue-800 underline">
                        {r.title}
                      </Link>
                    </td>
                    <td className="py-1.5 pr-3">{r.type ? organizationTypeLabels[r.type as keyof typeof organizationTypeLabels] : "—"}</td>
                    <td className="py-1.5 pr-3">{formatDate(r.submittedAt) || "—"}</td>
                    <td className="py-1.5 pr-3">
                      <StateBadge state={r.state} />
                    </td>
                    <td className="py-1.5">
                      {r.waiting ? (
                        <Badge tone="amber">待审查</Badge>
                      ) : r.decidedHere === "consented" ? (
                        <Badge tone="green">同意 {formatDate(r.unitDecidedAt)}</Badge>
                      ) : r.decidedHere === "withheld" ? (
                        <Badge tone="red">不同意 {formatDate(r.unitDecidedAt)}</Badge>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-600">目前没有写明本单位为业务主管单位的成立登记申请。</p>
        )}
      </Panel>
    </>
  );
}
