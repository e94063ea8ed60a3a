import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "../auth/require.server";
import { penaltyDocumentFor } from "../domain/credit/queries.server";
import { downloadHeaders } from "../domain/shared/attachments.server";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

/** A penalty's decision document, for the officers whose scope covers its organization; 404 otherwise. */
export const loader = answeringInvalidData(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request);
  const file = await penaltyDocumentFor(actor, rowIdOrNotFound(params.id, "找不到该文件。"));
  return new Response(Buffer.from(file.content), { headers: downloadHeaders(file) });
});
