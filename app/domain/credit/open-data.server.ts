/** GET /api/v1/credit/{abnormal,serious} (docs/api.md): a list, one page as JSON, or with format=csv every matching listing. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { answeringInvalidData } from "../shared/invalid-data.server";
import { csvHeaders, openDataError, openDataHeaders } from "../shared/open-data";
import { shanghaiDate } from "../shared/time";
import { parseListingQuery } from "./lists";
import { creditListCsv, publicCreditList, type CreditList } from "./public.server";

export function creditListLoader(list: CreditList) {
  return answeringInvalidData(async ({ request }: LoaderFunctionArgs) => {
    const params = new URL(request.url).searchParams;
    const format = params.get("format") || "json";
    const { query, problems } = parseListingQuery(params);
    if (format !== "json" && format !== "csv") problems.push("参数 format 应为 json 或 csv");
    if (problems.length) return openDataError(400, "invalid_parameter", problems.join("；"));
    if (format === "csv") return new Response(await creditListCsv(list, query), { headers: csvHeaders(`${list}-${shanghaiDate(new Date())}.csv`) });
    return Response.json(await publicCreditList(list, query), { headers: openDataHeaders });
  });
}
