import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listingStateLabels, listingStates, parseListingQuery } from "../domain/credit/lists";
import { publicAbnormalList } from "../domain/credit/public.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { formatDate } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { FilterForm, SelectFilter, TextFilter } from "../ui/filter-form";
import { PageHeader, Pagination, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "活动异常名录 - 社会组织信用信息公示" }];

/** The public 活动异常名录: a parameter the page cannot read is left out, as on the register's search. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query } = parseListingQuery(new URL(request.url).searchParams);
  return { query, ...(await publicAbnormalList(query)) };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

const columns: Array<Column<Row>> = [
  {
    label: "组织名称",
    rowHeader: true,
    cell: (r) => (
      <>
        <Link to={`/orgs/${r.organizationId}`}>{r.name}</Link>
        <span className="block text-xs text-slate-600">
          {organizationTypeLabels[r.type]}
          {r.uscc ? ` · ${r.uscc}` : ""}
        </span>
      </>
    ),
  },
  { label: "列入日期", className: "whitespace-nowrap", cell: (r) => formatDate(r.listedOn) },
  { label: "列入原因", cell: (r) => r.reason },
  {
    label: "移出",
    cell: (r) =>
      r.removedOn ? (
        <>
          {formatDate(r.removedOn)}
          <span className="block text-xs text-slate-600">{r.removalReason}</span>
        </>
      ) : (
        <span className="text-slate-600">在列</span>
      ),
  },
];

export default function PublicAbnormalList() {
  const { query, items, total, page, pageSize } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const csv = new URLSearchParams({ state: query.state, ...(query.q ? { q: query.q } : {}), format: "csv" });
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/">首页</Link> / <Link to="/orgs">社会组织登记信息查询</Link>
      </nav>
      <PageHeader
        title="活动异常名录"
        description="登记管理机关依照《社会组织信用信息管理办法》列入活动异常名录的社会组织，以及列入和移出的日期和原因。"
      />
      <Panel>
        <FilterForm label="查询活动异常名录" submitLabel="查询">
          <TextFilter label="组织名称或统一社会信用代码" name="q" defaultValue={query.q ?? ""} maxLength={50} />
          <SelectFilter label="状态" name="state" options={listingStates.map((s) => ({ value: s, label: listingStateLabels[s] }))} defaultValue={query.state} all={null} />
        </FilterForm>
        <DataTable caption="活动异常名录" columns={columns} rows={items} rowKey={(r) => r.id} empty="没有符合条件的记录。" framed={false} />
        <Pagination page={page} pageSize={pageSize} total={total} search={params} />
        <p className="mt-2 text-sm">
          <a href={`/api/v1/credit/abnormal?${csv}`}>下载 CSV</a>（开放数据接口：<code>/api/v1/credit/abnormal</code>）
        </p>
      </Panel>
    </main>
  );
}
