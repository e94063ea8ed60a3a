import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders, openDataError, openDataHeaders, toCsv } from "../domain/shared/open-data";
import { parsePostingQuery } from "../domain/postings/query";
import { publicPostings } from "../domain/postings/public.server";
import { shanghaiDate } from "../domain/shared/time";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

type PublicPostingRow = Awaited<ReturnType<typeof publicPostings>>["items"][number];

/** One posting in the open-data list (docs/api.md): exactly these fields. */
function openDataItem(row: PublicPostingRow) {
  const { id, village, villageCode, street, category, kind, title, period, status, publishedAt, version, hash } = row;
  return { id, village, villageCode, street, category, kind, title, period, status, publishedAt, version, hash };
}

const csvColumns = ["id", "village", "villageCode", "street", "category", "kind", "title", "period", "status", "publishedAt", "version", "hash"] as const;

/** GET /api/v1/postings (docs/api.md): one page as JSON, or with format=csv every matching row. */
export const loader = answeringInvalidData(async ({ request }: LoaderFunctionArgs) => {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") || "json";
  const { query, problems } = parsePostingQuery(params);
  const messages = problems.map((p) => p.message);
  if (format !== "json" && format !== "csv") messages.push("参数 format 应为 json 或 csv");
  if (messages.length) return openDataError(400, "invalid_parameter", messages.join("；"));

  if (format === "csv") {
    const { items } = await publicPostings({ ...query, page: 1, pageSize: null }, "none");
    const rows = items.map((row) => ({ ...openDataItem(row), publishedAt: row.publishedAt?.toISOString() ?? null }));
    return new Response(toCsv(csvColumns, rows), { headers: csvHeaders(`postings-${shanghaiDate(new Date())}.csv`) });
  }
  // Open data promises an exact total; the pages count up to a cap.
  const { items, total } = await publicPostings(query, "exact");
  return Response.json(
    { items: items.map(openDataItem), page: query.page, pageSize: query.pageSize, total },
    { headers: openDataHeaders },
  );
});
