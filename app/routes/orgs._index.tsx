import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicRegisterPage } from "../domain/organizations/public.server";
import { PageHeader, Pagination } from "../ui/layout";
import { RegisterSearchForm, RegisterTable } from "../ui/register-search";

export const meta: MetaFunction = () => [{ title: "社会组织登记信息查询 - 社区治理与社会组织登记平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return publicRegisterPage(new URL(request.url).searchParams);
}

export default function PublicRegister() {
  const { items, page, pageSize, total, totalIsCapped, query, streets, search, csvHref } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <PageHeader
        title="社会组织登记信息查询"
        description="依法登记的社会团体、民办非企业单位、基金会和在街道（镇）备案的社区社会组织。已注销或被撤销登记的组织仍可查询。"
        actions={
          <span className="flex gap-4">
            <Link to="/credit/abnormal">活动异常名录</Link>
            <Link to="/credit/serious">严重违法失信名单</Link>
            <Link to="/credit/checks">双随机抽查</Link>
          </span>
        }
      />
      <RegisterSearchForm query={query} streets={streets} />
      <RegisterTable items={items} hrefOf={(id) => `/orgs/${id}`} caption="社会组织查询结果" />
      <Pagination page={page} pageSize={pageSize} total={total} capped={totalIsCapped} search={new URLSearchParams(search)} />
      <p className="mt-6 text-sm text-slate-600">
        开放数据：<a href={csvHref}>下载本次查询的全部结果（CSV）</a>，或通过{" "}
        <code className="rounded bg-slate-100 px-1">/api/v1/organizations</code> 接口以 JSON 格式获取。
      </p>
    </main>
  );
}
