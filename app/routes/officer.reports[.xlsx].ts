import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireReportReader } from "../auth/require.server";
import { reportDownload } from "../domain/statistics/export.server";
import { xlsxHeaders } from "../domain/shared/spreadsheet.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

export const loader = answeringInvalidData(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireReportReader(request);
  const download = await reportDownload(actor, new URL(request.url).searchParams, "xlsx", new Date());
  if (!download.ok) {
    return new Response(download.problem, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(download.body, { headers: xlsxHeaders(download.filename) });
});
