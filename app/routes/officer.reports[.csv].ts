import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireReportReader } from "../auth/require.server";
import { csvHeaders } from "../domain/shared/open-data";
import { reportDownload } from "../domain/statistics/export.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

export const loader = answeringInvalidData(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireReportReader(request);
  const download = await reportDownload(actor, new URL(request.url).searchParams, "csv", new Date());
  if (!download.ok) {
    return new Response(download.problem, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const headers = new Headers(csvHeaders(download.filename));
  // Figures for officers only: not open data, so no cross-origin reading and no shared caching.
  headers.delete("Access-Control-Allow-Origin");
  headers.set("Cache-Control", "private, no-store");
  return new Response(download.body, { headers });
});
