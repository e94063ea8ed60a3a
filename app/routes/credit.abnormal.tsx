import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseListingQuery } from "../domain/credit/lists";
import { publicCreditList } from "../domain/credit/public.server";
import { CreditListPage } from "../ui/credit-list-page";

export const meta: MetaFunction = () => [{ title: "活动异常名录 - 社会组织信用信息公示" }];

/** The public 活动异常名录: a parameter the page cannot read is left out, as on the register's search. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query } = parseListingQuery(new URL(request.url).searchParams);
  return { query, ...(await publicCreditList("abnormal", query)) };
}

export default function PublicAbnormalList() {
  return <CreditListPage list="abnormal" {...useLoaderData<typeof loader>()} />;
}
