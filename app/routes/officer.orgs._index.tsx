import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { districtWide as seesDistrict } from "../auth/scope.server";
import { requirePermission } from "../auth/require.server";
import { parseRegisterQuery } from "../domain/organizations/forms";
import { registerStreets } from "../domain/organizations/public.server";
import { searchOfficerRegister } from "../domain/organizations/queries.server";
import { PageHeader, Pagination } from "../ui/layout";
import { RegisterSearchForm, RegisterTable } from "../ui/register-search";

export const meta: MetaFunction = () => [{ title: "社会组织登记簿 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "organization:read_internal");
  const { query } = parseRegisterQuery(new URL(request.url).searchParams);
  const districtWide = seesDistrict(actor);
  const [result, streets] = await Promise.all([
    searchOfficerRegister(actor, query),
    districtWide ? registerStreets() : Promise.resolve([]),
  ]);
  return { ...result, query, streets, districtWide };
}

export default function OfficerRegister() {
  const { items, page, pageSize, total, query, streets, districtWide } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader
        title="社会组织登记簿"
        description={
          districtWide
            ? "全区登记和备案的社会组织，含已注销、已撤销的。打开一条记录可查看内部信息、变更记录，并更正登记信息。"
            : "本街道（镇）的社会组织，含已注销、已撤销的。打开一条记录可查看内部信息和变更记录。"
        }
      />
      <RegisterSearchForm query={query} streets={streets} />
      <RegisterTable items={items} hrefOf={(id) => `/officer/orgs/${id}`} caption="登记簿查询结果" />
      <Pagination page={page} pageSize={pageSize} total={total} search={params} />
    </>
  );
}
