import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseListingQuery } from "../domain/credit/lists";
import { abnormalListCsv, publicAbnormalList } from "../domain/credit/public.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";
import { csvHeaders, openDataError, openDataHeaders } from "../domain/shared/open-data";
import { shanghaiDate } from "../domain/shared/time";

/** GET /api/v1/credit/abnormal (docs/api.md): the 活动异常名录, one page as JSON, or with format=csv every matching listing. */
export const loader = answeringInvalidData(async ({ request }: LoaderFunctionArgs) => {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") || "json";
  const { query, problems } = parseListingQuery(params);
  if (format !== "json" && format !== "csv") problems.push("参数 format 应为 json 或 csv");
  if (problems.length) return openDataError(400, "invalid_parameter", problems.join("；"));
  if (format === "csv") return new Response(await abnormalListCsv(query), { headers: csvHeaders(`abnormal-${shanghaiDate(new Date())}.csv`) });
  return Response.json(await publicAbnormalList(query), { headers: openDataHeaders });
});
