import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { publicPlan } from "../domain/spot-checks/queries.server";
import { checkFindingLabels } from "../domain/spot-checks/rules";
import { type Column, DataTable } from "../ui/data-table";
import { Badge, PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "抽查计划"} - 双随机抽查` }];

export async function loader({ params }: LoaderFunctionArgs) {
  return publicPlan(rowIdOrNotFound(params.id, "找不到该抽查计划。"));
}

type Item = Awaited<ReturnType<typeof publicPlan>>["items"][number];

export default function PublicCheckPlan() {
  const plan = useLoaderData<typeof loader>();
  const published = !!plan.publishedAt;
  const columns: Array<Column<Item>> = [
    { label: "序号", cell: (i) => i.position },
    {
      label: "检查对象",
      rowHeader: true,
      cell: (i) => (
        <>
          <Link to={`/orgs/${i.organizationId}`}>{i.name}</Link>
          <span className="block text-xs text-slate-600">
            {organizationTypeLabels[i.type]}
            {i.uscc ? ` · ${i.uscc}` : ""} · 组织编号 {i.organizationId}
          </span>
        </>
      ),
    },
    { label: "检查人员", cell: (i) => i.inspectors.join("、") },
    ...(published
      ? [
          {
            label: "检查结果",
            cell: (i: Item) => (
              <>
                {i.finding ? <Badge tone={i.finding === "no_problem" ? "green" : "amber"}>{checkFindingLabels[i.finding]}</Badge> : null}
                <span className="block text-sm">
                  {formatDate(i.checkedOn)} {i.findings}
                </span>
                {i.rectifications.map((r, n) => (
                  <span key={n} className="block text-xs text-slate-700">
                    整改：{r.problem}（期限 {formatDate(r.deadline)}
                    {r.verdict === "done" ? `，${formatDate(r.verifiedOn)} 核实已完成` : r.verdict === "not_done" ? `，${formatDate(r.verifiedOn)} 核实未完成` : ""}）
                  </span>
                ))}
              </>
            ),
          },
        ]
      : []),
  ];
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/">首页</Link> / <Link to="/credit/checks">双随机抽查</Link>
      </nav>
      <PageHeader title={plan.title} description={`抽查事项：${plan.matters}`} />
      <div className="space-y-6">
        {published ? (
          <Panel title="抽查结果公告">
            <p className="text-sm">
              {formatDateTime(plan.publishedAt)} 公布：{plan.summary}
            </p>
          </Panel>
        ) : (
          <p role="note" className="rounded border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900">
            检查正在进行，检查结果公布后在本页显示。
          </p>
        )}
        <Panel title="检查对象和检查人员">
          <DataTable caption="随机抽取的检查对象和检查人员" columns={columns} rows={plan.items} rowKey={(i) => i.position} empty="未抽取到组织。" framed={false} />
        </Panel>
        <Panel title="复核抽取结果">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-600">抽取时间</dt>
              <dd>{formatDateTime(plan.drawnAt)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">抽取范围</dt>
              <dd>
                {plan.types.map((t) => organizationTypeLabels[t]).join("、")}；{plan.streets.length ? plan.streets.join("、") : "全区"}；{plan.sample.kind === "share" ? `抽取 ${plan.sample.value}%（向上取整）` : `抽取 ${plan.sample.value} 个`}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">随机种子</dt>
              <dd className="font-mono break-all">{plan.seed}</dd>
            </div>
            <div>
              <dt className="text-slate-600">检查人员名录（每个对象 {plan.perCheck} 名）</dt>
              <dd>{plan.inspectors.join("、")}</dd>
            </div>
          </dl>
          <p className="mt-3 text-sm">抽取规则：{plan.rule}</p>
          <p className="mt-2 text-sm">
            {plan.replayed ? <Badge tone="green">本站按上述规则复核，结果与公布的一致</Badge> : <Badge tone="red">复核结果与公布的不一致</Badge>}
          </p>
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-blue-800">可抽取的组织编号（{plan.population.length} 个）</summary>
            <p className="mt-2 font-mono text-xs break-all">{plan.population.join(", ")}</p>
          </details>
        </Panel>
      </div>
    </main>
  );
}
