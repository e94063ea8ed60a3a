import { Link, useSearchParams } from "@remix-run/react";
import { listingStateLabels, listingStates, type ListingQuery } from "../domain/credit/lists";
import { abnormalTriggerLabels, seriousTriggerLabels } from "../domain/credit/listings";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { formatDate } from "../domain/shared/time";
import type { OrganizationType } from "../../vocabulary";
import { type Column, DataTable } from "./data-table";
import { FilterForm, SelectFilter, TextFilter } from "./filter-form";
import { PageHeader, Pagination, Panel } from "./layout";

interface Row {
  id: number;
  organizationId: number;
  name: string;
  uscc: string | null;
  type: OrganizationType;
  listedOn: string;
  trigger: string;
  article: string;
  reason: string;
  evidence: string | null;
  removedOn: string | null;
  removalReason: string | null;
}

const pages = {
  abnormal: {
    title: "活动异常名录",
    description: "登记管理机关依照《社会组织信用信息管理办法》第十条列入活动异常名录的社会组织：列入事由、依据和日期，以及移出的日期和原因。",
    labels: abnormalTriggerLabels as Record<string, string>,
    other: { to: "/credit/serious", label: "严重违法失信名单" },
  },
  serious: {
    title: "严重违法失信名单",
    description: "登记管理机关依照《社会组织信用信息管理办法》第十七条列入严重违法失信名单的社会组织：列入事由、依据和日期，以及移出的日期和原因。",
    labels: seriousTriggerLabels as Record<string, string>,
    other: { to: "/credit/abnormal", label: "活动异常名录" },
  },
} as const;

/** A public credit list, searchable and paged, with its open data: the same page for both lists. */
export function CreditListPage({ list, query, items, total, page, pageSize }: { list: "abnormal" | "serious"; query: ListingQuery; items: Row[]; total: number; page: number; pageSize: number }) {
  const [params] = useSearchParams();
  const { title, description, labels, other } = pages[list];
  const csv = new URLSearchParams({ state: query.state, ...(query.q ? { q: query.q } : {}), format: "csv" });
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
    {
      label: "列入事由和依据",
      cell: (r) => (
        <>
          {labels[r.trigger] ?? r.reason}
          {labels[r.trigger] && r.reason !== labels[r.trigger] ? <span className="block text-sm">{r.reason}</span> : null}
          <span className="block text-xs text-slate-600">{r.article}</span>
          {r.evidence ? <span className="block text-xs text-slate-600">{r.evidence}</span> : null}
        </>
      ),
    },
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
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/">首页</Link> / <Link to="/orgs">社会组织登记信息查询</Link>
      </nav>
      <PageHeader title={title} description={description} actions={<Link to={other.to}>{other.label}</Link>} />
      <Panel>
        <FilterForm label={`查询${title}`} submitLabel="查询">
          <TextFilter label="组织名称或统一社会信用代码" name="q" defaultValue={query.q ?? ""} maxLength={50} />
          <SelectFilter label="状态" name="state" options={listingStates.map((s) => ({ value: s, label: listingStateLabels[s] }))} defaultValue={query.state} all={null} />
        </FilterForm>
        <DataTable caption={title} columns={columns} rows={items} rowKey={(r) => r.id} empty="没有符合条件的记录。" framed={false} />
        <Pagination page={page} pageSize={pageSize} total={total} search={params} />
        <p className="mt-2 text-sm">
          <a href={`/api/v1/credit/${list}?${csv}`}>下载 CSV</a>（开放数据接口：<code>/api/v1/credit/{list}</code>）
        </p>
      </Panel>
    </main>
  );
}
