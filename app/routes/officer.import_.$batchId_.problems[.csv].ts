import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth/require.server";
import { batchIdOf } from "../domain/imports/forms";
import { importProblemsCsv } from "../domain/imports/queries.server";
import { csvHeaders } from "../domain/shared/open-data";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

export const loader = answeringInvalidData(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requirePermission(request, "area:officer");
  const { fileName, csv } = await importProblemsCsv(actor, batchIdOf(params.batchId));
  const headers = new Headers(csvHeaders(fileName));
  // An officer's own working list: not open data.
  headers.delete("Access-Control-Allow-Origin");
  headers.set("Cache-Control", "private, no-store");
  return new Response(csv, { headers });
});
