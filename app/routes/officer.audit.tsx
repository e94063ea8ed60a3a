import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { listAudit } from "../domain/audit/queries.server";
import { actionLabel, actionLabels, entityLabels } from "../domain/audit/rules";
import { pageNumber } from "../domain/shared/paging";
import { formatDateTime, parseDateFilter, startOfShanghaiDay } from "../domain/shared/time";
import { FormError } from "../ui/form";
import { PageHeader, Pagination } from "../ui/layout";
import { DataTable, type Column } from "../ui/data-table";
import { choicesOf, FilterForm, SelectFilter, TextFilter } from "../ui/filter-form";

export const meta: MetaFunction = () => [{ title: "审计日志 - 登记管理" }];

const pageSize = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "audit:read");
  const params = new URL(request.url).searchParams;
  const text = (name: string) => (params.get(name) ?? "").trim().slice(0, 60) || undefined;
  const fromFilter = parseDateFilter(params.get("from"), "起始日期");
  const toFilter = parseDateFilter(params.get("to"), "截止日期");
  if (!fromFilter.ok || !toFilter.ok) {
    const problems = [fromFilter, toFilter].flatMap((f) => (f.ok ? [] : [f.problem]));
    return data({ rows: [], total: 0, page: 1, problems }, { status: 400 });
  }
  const from = fromFilter.date;
  const to = toFilter.date;
  const page = pageNumber(params);
  const result = await listAudit(actor, {
    action: text("action"),
    actor: text("actor"),
    entityType: text("entityType"),
    entityId: text("entityId"),
    from: from ? startOfShanghaiDay(from) : undefined,
    // "to" is inclusive: everything before the next day begins.
    to: to ? new Date(startOfShanghaiDay(to).getTime() + 86_400_000) : undefined,
    page,
    pageSize,
  });
  return { ...result, page, problems: [] as string[] };
}

type AuditRow = Awaited<ReturnType<typeof listAudit>>["rows"][number];

const columns: Array<Column<AuditRow>> = [
  { label: "时间", className: "whitespace-nowrap", cell: (row) => formatDateTime(row.at) },
  { label: "操作人", cell: (row) => row.actorUsername ?? "匿名" },
  { label: "操作", cell: (row) => actionLabel(row.action) },
  {
    label: "对象",
    className: "font-mono text-xs",
    cell: (row) => (row.entityType ? `${entityLabels[row.entityType] ?? row.entityType} ${row.entityId ?? ""}` : "—"),
  },
  { label: "原因 / 说明", cell: (row) => row.reason ?? "" },
  { label: "IP", className: "font-mono text-xs", cell: (row) => row.ip ?? "" },
  {
    label: "变更",
    cell: (row) =>
      row.before || row.after ? (
        <details>
          <summary className="cursor-pointer text-blue-700">查看</summary>
          <ChangeTable before={row.before} after={row.after} />
        </details>
      ) : null,
  },
];

export default function AuditPage() {
  const { rows, total, page, problems } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title="审计日志" description="所有数据变更、登录、失败登录和被拒绝的请求，按时间倒序。日志只能追加，不能修改或删除。" />
      <FilterForm label="筛选审计日志">
        <SelectFilter label="操作类型" name="action" options={choicesOf(actionLabels)} defaultValue={params.get("action") ?? ""} />
        <TextFilter label="操作人或 IP" name="actor" defaultValue={params.get("actor") ?? ""} />
        <TextFilter label="对象类型" name="entityType" defaultValue={params.get("entityType") ?? ""} placeholder="如 user" />
        <TextFilter label="对象编号" name="entityId" defaultValue={params.get("entityId") ?? ""} />
        <TextFilter label="起始日期" name="from" type="date" defaultValue={params.get("from") ?? ""} />
        <TextFilter label="截止日期" name="to" type="date" defaultValue={params.get("to") ?? ""} />
      </FilterForm>
      <FormError errors={problems}>请改正日期后重新筛选；日期留空表示不限。</FormError>
      <DataTable caption="审计日志" columns={columns} rows={rows} rowKey={(row) => row.id} rowClassName={() => "align-top"} empty="没有符合条件的记录。" />
      <Pagination page={page} pageSize={pageSize} total={total} search={params} />
    </>
  );
}

/** The fields that differ between before and after. */
function ChangeTable({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  return (
    <table className="mt-1 text-xs">
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th className="pr-2 text-left font-mono font-normal text-slate-500">{k}</th>
            <td className="pr-2 text-red-700 line-through">{b[k] == null ? "" : String(JSON.stringify(b[k]))}</td>
            <td className="text-green-800">{a[k] == null ? "" : String(JSON.stringify(a[k]))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
