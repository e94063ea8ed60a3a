import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseListingQuery } from "../domain/credit/lists";
import { publicCreditList } from "../domain/credit/public.server";
import { CreditListPage } from "../ui/credit-list-page";

export const meta: MetaFunction = () => [{ title: "严重违法失信名单 - 社会组织信用信息公示" }];

/** The public 严重违法失信名单: a parameter the page cannot read is left out, as on the register's search. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query } = parseListingQuery(new URL(request.url).searchParams);
  return { query, ...(await publicCreditList("serious", query)) };
}

export default function PublicSeriousList() {
  return <CreditListPage list="serious" {...useLoaderData<typeof loader>()} />;
}
