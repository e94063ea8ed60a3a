import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth/require.server";
import { importTemplate } from "../domain/imports/queries.server";
import { csvHeaders } from "../domain/shared/open-data";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

export const loader = answeringInvalidData(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requirePermission(request, "area:officer");
  // An unknown kind is a 400, a kind the officer may not import a 403 (the domain decides).
  const { fileName, content } = await importTemplate(actor, new URL(request.url).searchParams.get("kind"), "csv");
  const headers = new Headers(csvHeaders(fileName));
  headers.delete("Access-Control-Allow-Origin");
  headers.set("Cache-Control", "private, no-store");
  return new Response(content, { headers });
});
