import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { parsePostingQuery, postingCategoryCodes, postingSearchParams, type PostingQueryField } from "../domain/postings/query";
import { categoryLabels, periodLabel } from "../domain/postings/rules";
import { publicPostings } from "../domain/postings/public.server";
import { placeChoices } from "../domain/places/queries.server";
import { formatDate, shanghaiDate } from "../domain/shared/time";
import { periodChoiceOf, periodYears } from "../domain/postings/forms";
import { type Column, DataTable } from "../ui/data-table";
import { OptionGroups } from "../ui/form";
import { PageHeader, Pagination } from "../ui/layout";
import { PeriodPartList, PeriodYearList } from "../ui/period-picker";
import { CategoryBadge, PostingStatusBadge } from "../ui/posting-view";

export const meta: MetaFunction = () => [{ title: "村务公开 - 社区治理与社会组织登记平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  // A filter the page cannot read is left out, and the form says why beside it.
  const { query, problems } = parsePostingQuery(params);
  const pageSize = 20;
  const [result, units] = await Promise.all([publicPostings({ ...query, pageSize }), placeChoices()]);
  const streets = units.map((u) => ({ code: u.code, name: u.name }));
  // The villages and communities of each street, as the list's groups.
  const villages = units
    .map((u) => ({
      label: u.name,
      options: u.children.filter((c) => c.level === "village" || c.level === "community").map((c) => ({ value: c.code, label: c.name })),
    }))
    .filter((g) => g.options.length);
  const csv = postingSearchParams(query);
  csv.set("format", "csv");
  return {
    items: result.items,
    total: result.total,
    totalIsCapped: result.totalIsCapped ?? false,
    page: query.page,
    pageSize,
    query,
    // The period as the form's two lists show it; one the page could not read shows as not picked, its problem beside.
    picked: periodChoiceOf(query.period ?? ""),
    years: periodYears(shanghaiDate(new Date()), query.period?.slice(0, 4)),
    problems,
    streets,
    villages,
    csvHref: `/api/v1/postings?${csv}`,
  };
}

const controlClass = "min-h-11 w-full rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600";
const fieldNames: Record<PostingQueryField, string> = {
  street: "街道（镇）",
  village: "社区（村）",
  category: "类别",
  period: "公开期间",
  q: "标题关键词",
  page: "页码",
  pageSize: "每页条数",
};

export default function PublicPostings() {
  const { items, total, totalIsCapped, page, pageSize, query, picked, years, problems, streets, villages, csvHref } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const problemOf = (field: PostingQueryField) => problems.find((p) => p.field === field)?.message;
  const filtered = Boolean(query.street || query.village || query.category || query.period || query.q);
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/">首页</Link> / 村务公开
      </nav>
      <PageHeader
        title="村务公开"
        description="各村（社区）经村务监督委员会审核后公开的党务、村务和财务事项。已公开的内容不会被悄悄修改：更正会形成新版本并保留历史，撤回的事项仍可查看并注明原因。"
      />

      <Form method="get" role="search" aria-label="筛选公开事项" className="mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm">
        <div className="grid grid-cols-2 gap-x-3 gap-y-3 lg:grid-cols-3 lg:gap-x-4">
          <Field label="标题关键词" htmlFor="posting-q" problem={problemOf("q")} className="col-span-2 lg:col-span-1">
            <input
              id="posting-q"
              name="q"
              type="search"
              defaultValue={query.q ?? ""}
              maxLength={60}
              placeholder="如“低保”“财务收支”"
              className={controlClass}
              {...invalid("posting-q", problemOf("q"))}
            />
          </Field>
          <Field label="街道（镇）" htmlFor="posting-street" problem={problemOf("street")}>
            <select id="posting-street" name="street" defaultValue={query.street ?? ""} className={controlClass} {...invalid("posting-street", problemOf("street"))}>
              <option value="">全部街道（镇）</option>
              {streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="社区（村）" htmlFor="posting-village" problem={problemOf("village")}>
            <select id="posting-village" name="village" defaultValue={query.village ?? ""} className={controlClass} {...invalid("posting-village", problemOf("village"))}>
              <option value="">全部社区（村）</option>
              <OptionGroups groups={villages} />
            </select>
          </Field>
          <Field label="类别" htmlFor="posting-category" problem={problemOf("category")}>
            <select id="posting-category" name="category" defaultValue={query.category ?? ""} className={controlClass} {...invalid("posting-category", problemOf("category"))}>
              <option value="">全部类别</option>
              {postingCategoryCodes.map((c) => (
                <option key={c} value={c}>
                  {categoryLabels[c]}
                </option>
              ))}
            </select>
          </Field>
          <fieldset className="col-span-2 flex min-w-0 flex-col gap-1 text-sm lg:col-span-1">
            <legend className="mb-1 font-medium text-slate-700">公开期间</legend>
            <div className="grid grid-cols-2 gap-2">
              <PeriodYearList
                id="posting-period-year"
                label="公开期间：年份"
                labelClassName="sr-only"
                className={controlClass}
                years={years}
                blank="全部年份"
                value={picked.year}
                aria={invalid("posting-period", problemOf("period"))}
              />
              <PeriodPartList
                id="posting-period-part"
                label="公开期间：季度或月份"
                labelClassName="sr-only"
                className={controlClass}
                kinds={["quarter", "month"]}
                first={{ value: "year", label: "全年" }}
                value={picked.part}
                aria={invalid("posting-period", problemOf("period"))}
              />
            </div>
            {problemOf("period") ? (
              <p id="posting-period-problem" className="text-sm text-red-700">
                {problemOf("period")}
              </p>
            ) : null}
          </fieldset>
        </div>
        <div className="mt-4 flex items-center gap-3">
          <button type="submit" className="min-h-11 rounded bg-brand-600 px-6 py-2 text-base text-white hover:bg-brand-700">
            查询
          </button>
          {filtered || problems.length ? (
            <Link to="/postings" className="inline-flex min-h-11 items-center px-2">
              清除条件
            </Link>
          ) : null}
        </div>
      </Form>

      {problems.length ? (
        <div className="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">以下条件无法识别，本次查询未按它们筛选：</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p) => (
              <li key={p.field}>
                {fieldNames[p.field]}：{p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <PostingResults items={items} />
      <Pagination page={page} pageSize={pageSize} total={total} capped={totalIsCapped} search={params} />
      <p className="mt-6 text-sm text-slate-600">
        开放数据：<a href={csvHref}>下载本次查询的全部结果（CSV）</a>，或通过{" "}
        <code className="rounded bg-slate-100 px-1">/api/v1/postings</code> 接口以 JSON 格式获取。
      </p>
    </main>
  );
}

function invalid(id: string, problem: string | undefined, hasHint = false) {
  const describedBy = [hasHint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(" ");
  return {
    ...(problem ? { "aria-invalid": true as const } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  };
}

function Field({
  label,
  htmlFor,
  hint,
  problem,
  className = "",
  children,
}: {
  label: string;
  htmlFor: string;
  hint?: string;
  problem?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 text-sm ${className}`}>
      <label htmlFor={htmlFor} className="font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${htmlFor}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p id={`${htmlFor}-problem`} className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

const resultColumns: Array<Column<Item>> = [
  { label: "标题", rowHeader: true, cell: (p) => <Link to={`/postings/${p.id}`}>{p.title}</Link> },
  {
    label: "社区（村）",
    cell: (p) => (
      <>
        {p.village}
        <span className="block text-xs text-slate-500">{p.street}</span>
      </>
    ),
  },
  { label: "类别", className: "whitespace-nowrap", cell: (p) => <CategoryBadge category={p.category} /> },
  { label: "公开期间", className: "whitespace-nowrap", cell: (p) => periodLabel(p.period) },
  {
    label: "状态",
    className: "whitespace-nowrap",
    cell: (p) => (
      <>
        <PostingStatusBadge status={p.status} />
        {p.version && p.version > 1 ? <span className="block text-xs text-slate-600">第 {p.version} 版</span> : null}
      </>
    ),
  },
  { label: "公开日期", className: "whitespace-nowrap", cell: (p) => formatDate(p.publishedAt) },
];

/** On a phone each posting is a card headed by its title (the shared table's phone layout). */
function PostingResults({ items }: { items: Item[] }) {
  return (
    <DataTable
      caption="村务公开事项查询结果"
      columns={resultColumns}
      rows={items}
      rowKey={(p) => p.id}
      rowClassName={() => "align-top"}
      empty="没有找到符合条件的公开事项。"
    />
  );
}
