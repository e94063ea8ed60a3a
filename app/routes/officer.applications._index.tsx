import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
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
import { applicationQueue } from "../domain/applications/queries.server";
import { pageNumber } from "../domain/shared/paging";
import { registerStreets } from "../domain/organizations/public.server";
import { formatDate } from "../domain/shared/time";
import { DaysLeft, StateBadge } from "../ui/application-view";
import { PageHeader, Pagination } from "../ui/layout";
import { PostForm } from "../ui/form";
import { type Column, DataTable } from "../ui/data-table";
import { CheckFilter, choicesOf, FilterForm, SelectFilter } from "../ui/filter-form";

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

type QueueRow = Awaited<ReturnType<typeof applicationQueue>>["rows"][number];

const stateChoices = [
  { value: "open", label: "办理中（已提交、已受理、退回补正）" },
  ...choicesOf(stateLabels).filter((c) => c.value !== "draft"),
];

const columns: Array<Column<QueueRow>> = [
  { label: "编号", cell: (r) => <Link to={`/officer/applications/${r.id}`}>第 {r.id} 号</Link> },
  { label: "类型", cell: (r) => kindLabels[r.kind] },
  { label: "名称", cell: (r) => r.title },
  { label: "街道（镇）", cell: (r) => r.street ?? "—" },
  { label: "状态", cell: (r) => <StateBadge state={r.state} /> },
  { label: "提交日期", cell: (r) => formatDate(r.submittedAt) },
  { label: "受理日期", cell: (r) => formatDate(r.acceptedAt) || "—" },
  { label: "决定期限", cell: (r) => <DaysLeft daysLeft={r.daysLeft} /> },
];

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
      <FilterForm label="筛选申请">
        <SelectFilter label="类型" name="kind" options={choicesOf(kindLabels)} defaultValue={params.get("kind") ?? ""} />
        <SelectFilter label="状态" name="state" options={stateChoices} defaultValue={params.get("state") ?? "open"} all={null} />
        {streets.length ? (
          <SelectFilter label="街道（镇）" name="street" options={streets.map((s) => ({ value: s.code, label: s.name }))} defaultValue={params.get("street") ?? ""} />
        ) : null}
        <CheckFilter label="只看已超期" name="overdue" checked={params.get("overdue") === "1"} />
      </FilterForm>
      <DataTable
        caption="申请列表"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        rowClassName={(r) => (r.overdue ? "bg-red-50" : "")}
        empty="没有符合条件的申请。"
      />
      <Pagination page={page} pageSize={pageSize} total={total} search={params} />
    </>
  );
}
