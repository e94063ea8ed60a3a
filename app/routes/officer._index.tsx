import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasPermission } from "../auth/permissions";
import { requirePermission } from "../auth/require.server";
import { roleLabels } from "../auth/roles";
import { applicationQueue } from "../domain/applications/queries.server";
import { nonFilerProposals } from "../domain/inspections/queries.server";
import { openProposalCount } from "../domain/credit/queries.server";
import { overdueQuestionCount } from "../domain/questions/queries.server";
import { objectionWorkCount } from "../domain/objections/queries.server";
import { officerDashboard } from "../domain/statistics/dashboard.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { placePath } from "../domain/places/rules";
import { complianceOverview } from "../domain/postings/compliance.server";
import { formatDate, formatDateTime, shanghaiDate } from "../domain/shared/time";
import { PageHeader, Panel, Stat } from "../ui/layout";
import { actionLabel } from "../domain/audit/rules";

export const meta: MetaFunction = () => [{ title: "工作台 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const now = new Date();
  const year = Number(shanghaiDate(now).slice(0, 4));
  const [dashboard, open, overdue, postings, proposals, creditProposals, overdueQuestions, objections] = await Promise.all([
    officerDashboard(actor),
    applicationQueue(actor, { state: "open", page: 1, pageSize: 1 }, now),
    applicationQueue(actor, { state: "open", overdue: true, page: 1, pageSize: 1 }, now),
    hasPermission(actor, "posting:monitor")
      ? complianceOverview(actor, { year }, now).then((o) => ({ year, villages: o.rows.length, behind: o.rows.filter((r) => !r.upToDate).length }))
      : Promise.resolve(null),
    nonFilerProposals(actor),
    openProposalCount(actor, now),
    overdueQuestionCount(actor, now),
    objectionWorkCount(actor, now),
  ]);
  return {
    role: actor.role,
    displayName: actor.displayName,
    ...dashboard,
    openApplications: open.total,
    overdueApplications: overdue.total,
    postings,
    proposals,
    creditProposals,
    overdueQuestions,
    objections,
  };
}

export default function OfficerDashboard() {
  const { role, displayName, scopeName, places, organizations, recentAudit, openApplications, overdueApplications, postings, proposals, creditProposals, overdueQuestions, objections } =
    useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="工作台" description={`${displayName} · ${roleLabels[role]} · 管辖范围：${scopeName}`} />
      {overdueApplications ? (
        <p role="alert" className="mb-4 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          有 {overdueApplications} 件已受理的申请超过 60 日法定期限仍未作出决定。
          <Link to="/officer/applications?overdue=1" className="ml-2">立即处理</Link>
        </p>
      ) : null}
      <ul className="mb-4 space-y-1 text-sm">
        <li>
          <Link to="/officer/applications">办理中的申请 {openApplications} 件</Link>
        </li>
        {proposals.map((p) => (
          <li key={p.year}>
            <Link to={`/officer/inspections/${p.year}#not-filed`}>
              {p.year} 年度年检已截止：{p.unlisted} 个组织逾期未报送，年检日历于 {formatDate(p.proposedAt)} 提请审核列入活动异常名录
            </Link>
          </li>
        ))}
        {creditProposals ? (
          <li>
            <Link to="/officer/credit">信用监管：{creditProposals} 条列入建议待核对确认</Link>
          </li>
        ) : null}
        {objections.open ? (
          <li>
            <Link to={objections.overdue ? "/officer/objections?view=overdue" : "/officer/objections"}>
              信用信息异议：{objections.open} 件办理中{objections.overdue ? `，其中 ${objections.overdue} 件已超过答复或更正期限` : ""}
            </Link>
          </li>
        ) : null}
        {overdueQuestions ? (
          <li>
            <Link to="/officer/questions">村民质询：{overdueQuestions} 条超过 10 日未答复，请督促所在村答复</Link>
          </li>
        ) : null}
        {postings && postings.villages ? (
          <li>
            <Link to="/officer/postings">
              村务公开：{postings.year} 年{" "}
              {postings.behind ? `有 ${postings.behind} 个村未按期公开（共 ${postings.villages} 个村）` : `${postings.villages} 个村已到期的期间均已公开`}
            </Link>
          </li>
        ) : null}
      </ul>
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
