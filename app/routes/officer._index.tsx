import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { roleLabels } from "../auth/roles";
import { applicationQueue } from "../domain/applications/queries.server";
import { officerDashboard } from "../domain/statistics/dashboard.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { placePath } from "../domain/places/rules";
import { formatDateTime } from "../domain/shared/time";
import { officerTodoList } from "../domain/todo/queries.server";
import { TodoPanel } from "../ui/todo-panel";
import { PageHeader, Panel, Stat } from "../ui/layout";
import { actionLabel } from "../domain/audit/rules";

export const meta: MetaFunction = () => [{ title: "工作台 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const now = new Date();
  const [dashboard, overdue, todos] = await Promise.all([
    officerDashboard(actor),
    applicationQueue(actor, { state: "open", overdue: true, page: 1, pageSize: 1 }, now),
    officerTodoList(actor, now),
  ]);
  return { role: actor.role, displayName: actor.displayName, ...dashboard, overdueApplications: overdue.total, todos };
}

export default function OfficerDashboard() {
  const { role, displayName, scopeName, places, organizations, recentAudit, overdueApplications, todos } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="工作台" description={`${displayName} · ${roleLabels[role]} · 管辖范围：${scopeName}`} />
      {overdueApplications ? (
        <p role="alert" className="mb-4 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          有 {overdueApplications} 件已受理的申请超过法定办理期限仍未作出决定。
          <Link to="/officer/applications?overdue=1" className="ml-2">立即处理</Link>
        </p>
      ) : null}
      <TodoPanel items={todos} className="mb-6" />
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="社区" value={places.communities} />
        <Stat label="村" value={places.villages} />
        <Stat label="社会组织（含各状态）" value={organizations.total} />
        <Stat label="其中正常" value={organizations.normal} />
      </dl>
      <Panel title="社会组织按类型" className="mt-6">
        <ul className="grid gap-2 sm:grid-cols-2">
          {Object.entries(organizationTypeLabels).map(([type, label]) => (
            <li key={type} className="flex justify-between border-b border-slate-100 py-1">
              <span>{label}</span>
              <span className="font-medium">{organizations.byType[type] ?? 0} 个</span>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="所辖街道（镇）" className="mt-6">
        <ul className="flex flex-wrap gap-3">
          {places.units.map((u) => (
            <li key={u.code}>
              <Link to={placePath(u)}>{u.name}</Link>
            </li>
          ))}
        </ul>
      </Panel>
      {recentAudit ? (
        <Panel title="最近操作" className="mt-6">
          <ul className="divide-y divide-slate-100 text-sm">
            {recentAudit.map((entry) => (
              <li key={entry.id} className="flex flex-wrap gap-x-4 py-1.5">
                <span className="text-slate-500">{formatDateTime(entry.at)}</span>
                {/* Who, as colleagues know them: the account's name, its login only where the account is gone. */}
                <span>{entry.actorName ?? entry.actorUsername ?? "未登录的访问者"}</span>
                <span className="text-slate-700">{actionLabel(entry.action)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm">
            <Link to="/officer/audit">查看全部审计日志</Link>
          </p>
        </Panel>
      ) : null}
    </>
  );
}
