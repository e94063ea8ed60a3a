import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "../domain/shared/time";
import { publicPlans } from "../domain/spot-checks/queries.server";
import { type Column, DataTable } from "../ui/data-table";
import { Badge, PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "双随机抽查 - 社会组织信用信息公示" }];

export async function loader() {
  return { plans: await publicPlans() };
}

type Row = Awaited<ReturnType<typeof publicPlans>>[number];

const columns: Array<Column<Row>> = [
  { label: "抽查计划", rowHeader: true, cell: (p) => <Link to={`/credit/checks/${p.id}`}>{p.title}</Link> },
  { label: "抽查事项", cell: (p) => p.matters },
  { label: "抽取", className: "whitespace-nowrap", cell: (p) => `${formatDate(p.drawnAt)}，${p.population} 个中抽取 ${p.drawn} 个` },
  { label: "结果", cell: (p) => (p.publishedAt ? <Badge tone="green">{formatDate(p.publishedAt)} 公布</Badge> : <Badge>检查中</Badge>) },
];

export default function PublicCheckPlans() {
  const { plans } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/">首页</Link> / <Link to="/orgs">社会组织登记信息查询</Link>
      </nav>
      <PageHeader title="双随机抽查" description="登记管理机关随机抽取检查对象、随机选派检查人员，抽取依据和抽查结果向社会公开。每项计划公布随机种子和可抽取的组织，任何人都可以按公开的规则复核抽取结果。" />
      <Panel>
        <DataTable caption="已抽取的抽查计划" columns={columns} rows={plans} rowKey={(p) => p.id} empty="暂无抽查计划。" framed={false} />
      </Panel>
    </main>
  );
}
