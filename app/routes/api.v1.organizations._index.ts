import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseRegisterQuery } from "../domain/organizations/forms";
import {
  allPublicRegisterRows,
  openDataError,
  openDataHeaders,
  openDataItem,
  registerCsv,
  searchPublicRegister,
} from "../domain/organizations/public.server";
import { shanghaiDate } from "../domain/shared/time";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

/** GET /api/v1/organizations (docs/api.md): one page as JSON, or with format=csv every matching row. */
export const loader = answeringInvalidData(async ({ request }: LoaderFunctionArgs) => {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") || "json";
  const { query, problems } = parseRegisterQuery(params);
  if (format !== "json" && format !== "csv") problems.push("参数 format 应为 json 或 csv");
  if (problems.length) return openDataError(400, "invalid_parameter", problems.join("；"));

  if (format === "csv") {
    const csv = registerCsv(await allPublicRegisterRows(query));
    const filename = `organizations-${shanghaiDate(new Date())}.csv`;
    return new Response(csv, {
      headers: {
        ...openDataHeaders,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
      },
    });
  }
  // Open data promises an exact total; the pages count up to a cap.
  const result = await searchPublicRegister(query, { countCap: null });
  return Response.json({ ...result, items: result.items.map(openDataItem) }, { headers: openDataHeaders });
});
