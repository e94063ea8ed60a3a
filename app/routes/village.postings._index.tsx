import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { hasPermission } from "../auth/permissions";
import { requirePermission } from "../auth/require.server";
import { pageNumber } from "../domain/shared/paging";
import { kindOf, periodLabel } from "../domain/postings/rules";
import { villageWorkbench } from "../domain/postings/queries.server";
import { formatDateTime } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { PageHeader, Pagination } from "../ui/layout";
import { CategoryBadge, PostingStatusBadge, VersionStateBadge } from "../ui/posting-view";

export const meta: MetaFunction = () => [{ title: "公开事项 - 村务公开工作台" }];

const pageSize = 20;

const stateFilters = [
  { state: "draft", label: "草稿", draftingOnly: true },
  { state: "submitted", label: "待审核" },
  { state: "returned", label: "已退回", draftingOnly: true },
  { state: "published", label: "已公开" },
  { state: "withdrawn", label: "已撤回" },
] as const;
type StateFilter = (typeof stateFilters)[number]["state"];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  const params = new URL(request.url).searchParams;
  const page = pageNumber(params);
  const drafting = hasPermission(actor, "posting:draft");
  // An unreadable or unavailable filter is left out rather than refused.
  const wanted = stateFilters.find((f) => f.state === params.get("state") && (drafting || !("draftingOnly" in f)));
  const state: StateFilter | undefined = wanted?.state;
  const { items, total } = await villageWorkbench(actor, new Date(), { page, pageSize, state });
  return {
    items,
    total,
    page,
    state: state ?? null,
    drafting,
  };
}

type Item = Awaited<ReturnType<typeof villageWorkbench>>["items"][number];

const columns: Array<Column<Omit<Item, "updatedAt"> & { updatedAt: Date | string }>> = [
  {
    label: "状态",
    cell: (item) => (
      <>
        <span className="flex flex-wrap items-center gap-1">
          {item.openState ? <VersionStateBadge state={item.openState} /> : <PostingStatusBadge status={item.status} />}
          {item.openState && item.status !== "unpublished" ? <PostingStatusBadge status={item.status} /> : null}
        </span>
        {item.openState && item.openNumber && item.openNumber > 1 ? <span className="mt-0.5 block text-xs text-slate-600">更正第 {item.openNumber} 版</span> : null}
      </>
    ),
  },
  { label: "类别", cell: (item) => <CategoryBadge category={item.category} />, className: "whitespace-nowrap" },
  { label: "事项", cell: (item) => kindOf(item.kind).label },
  { label: "公开期间", cell: (item) => periodLabel(item.period), className: "whitespace-nowrap" },
  { label: "标题", cell: (item) => <Link to={`/village/postings/${item.id}`}>{item.title}</Link> },
  { label: "更新时间", cell: (item) => formatDateTime(item.updatedAt), className: "whitespace-nowrap text-slate-600" },
];

export default function VillagePostings() {
  const { items, total, page, state, drafting } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <PageHeader
        title="公开事项"
        description="本村的党务、村务、财务公开事项。正在办理的排在前面，其后为已公开和已撤回的事项。"
        actions={
          drafting ? (
            <Link
              to="/village/postings/new"
              className="inline-flex items-center rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white no-underline shadow-sm hover:bg-brand-700 hover:no-underline"
            >
              新建公开事项
            </Link>
          ) : undefined
        }
      />
      <nav aria-label="按状态筛选" className="mb-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {[{ state: null, label: "全部" }, ...stateFilters.filter((f) => drafting || !("draftingOnly" in f))].map((f) => (
            <li key={f.label}>
              <Link
                to={f.state ? `/village/postings?state=${f.state}` : "/village/postings"}
                aria-current={state === f.state ? "page" : undefined}
                className={`inline-block rounded border px-3 py-1 no-underline ${state === f.state ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700"}`}
              >
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <DataTable
        caption={`本村公开事项，共 ${total} 项`}
        columns={columns}
        rows={items}
        rowKey={(item) => item.id}
        rowClassName={(item) => (item.openState === "returned" ? "bg-amber-50" : "")}
        empty={page > 1 ? "这一页没有内容。" : drafting ? "本村还没有公开事项。请点击“新建公开事项”开始起草。" : "本村还没有提交审核或已公开的事项。"}
      />
      <Pagination page={page} pageSize={pageSize} total={total} search={searchParams} />
    </>
  );
}
