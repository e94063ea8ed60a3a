import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { hasPermission } from "../auth/permissions";
import { requirePermission } from "../auth/require.server";
import {
  applicationKinds,
  applicationStates,
  kindLabels,
  stateLabels,
  type ApplicationKind,
  type ApplicationState,
} from "../domain/applications/rules";
import { applicationQueue } from "../domain/applications/applications.server";
import { pageNumber } from "../domain/shared/paging";
import { registerStreets } from "../domain/organizations/register.server";
import { formatDate } from "../domain/shared/time";
import { DaysLeft, StateBadge } from "../ui/application-view";
import { PageHeader, Pagination } from "../ui/layout";
import { PostForm } from "../ui/form";

export const meta: MetaFunction = () => [{ title: "申请审批 - 登记管理" }];

const pageSize = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind") ?? "";
  const state = params.get("state") ?? "open";
  const page = pageNumber(params);
  const [queue, units] = await Promise.all([
    applicationQueue(
      actor,
      {
        kind: (applicationKinds as readonly string[]).includes(kind) ? (kind as ApplicationKind) : undefined,
        state: (applicationStates as readonly string[]).includes(state) ? (state as ApplicationState) : "open",
        streetCode: /^\d{12}$/.test(params.get("street") ?? "") ? params.get("street")! : undefined,
        overdue: params.get("overdue") === "1",
        page,
        pageSize,
      },
      new Date(),
    ),
    registerStreets(),
  ]);
  return {
    ...queue,
    page,
    canFile: hasPermission(actor, "application:file_community"),
    streets: actor.role === "street_officer" ? [] : units,
  };
}

export default function ApplicationQueue() {
  const { rows, total, page, canFile, streets } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader
        title="申请审批"
        description="登记机关自受理之日起 60 日内作出决定。已超期的申请排在最前。"
        actions={
          canFile ? (
            <PostForm action="/officer/applications/new">
              <button type="submit" className="rounded bg-brand-600 px-4 py-2 text-sm text-white hover:bg-brand-700">
                录入社区社会组织备案
              </button>
            </PostForm>
          ) : null
        }
      />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          <span className="text-slate-600">类型</span>
          <select name="kind" defaultValue={params.get("kind") ?? ""} className="rounded border border-slate-300 px-2 py-1.5">
            <option value="">全部</option>
            {Object.entries(kindLabels).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">状态</span>
          <select name="state" defaultValue={params.get("state") ?? "open"} className="rounded border border-slate-300 px-2 py-1.5">
            <option value="open">办理中（已提交、已受理、退回补正）</option>
            {Object.entries(stateLabels)
              .filter(([v]) => v !== "draft")
              .map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
          </select>
        </label>
        {streets.length ? (
          <label className="flex flex-col">
            <span className="text-slate-600">街道（镇）</span>
            <select name="street" defaultValue={params.get("street") ?? ""} className="rounded border border-slate-300 px-2 py-1.5">
              <option value="">全部</option>
              {streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="flex items-center gap-2 pb-1.5">
          <input type="checkbox" name="overdue" value="1" defaultChecked={params.get("overdue") === "1"} />
          <span>只看已超期</span>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          筛选
        </button>
      </Form>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-3 py-2">编号</th>
              <th className="px-3 py-2">类型</th>
              <th className="px-3 py-2">名称</th>
              <th className="px-3 py-2">街道（镇）</th>
              <th className="px-3 py-2">状态</th>
              <th className="px-3 py-2">提交日期</th>
              <th className="px-3 py-2">受理日期</th>
              <th className="px-3 py-2">决定期限</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={`border-t border-slate-100 ${r.overdue ? "bg-red-50" : ""}`}>
                <td className="px-3 py-2">
                  <Link to={`/officer/applications/${r.id}`}>第 {r.id} 号</Link>
                </td>
                <td className="px-3 py-2">{kindLabels[r.kind]}</td>
                <td className="px-3 py-2">{r.title}</td>
                <td className="px-3 py-2">{r.street ?? "—"}</td>
                <td className="px-3 py-2">
                  <StateBadge state={r.state} />
                </td>
                <td className="px-3 py-2">{formatDate(r.submittedAt)}</td>
                <td className="px-3 py-2">{formatDate(r.acceptedAt) || "—"}</td>
                <td className="px-3 py-2">
                  <DaysLeft daysLeft={r.daysLeft} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length ? null : <p className="p-4 text-sm text-slate-600">没有符合条件的申请。</p>}
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} search={params} />
    </>
  );
}
