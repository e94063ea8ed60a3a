import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth/require.server";
import { importTemplate } from "../domain/imports/queries.server";
import { xlsxHeaders } from "../domain/shared/spreadsheet.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

export const loader = answeringInvalidData(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requirePermission(request, "area:officer");
  // An unknown kind is a 400, a kind the officer may not import a 403 (the domain decides).
  const { fileName, content } = await importTemplate(actor, new URL(request.url).searchParams.get("kind"), "xlsx");
  // exceljs writes into a plain ArrayBuffer; the DOM types want to be told.
  return new Response(content as Uint8Array<ArrayBuffer>, { headers: xlsxHeaders(fileName) });
});
