import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "../auth/require.server";
import { downloadHeaders } from "../domain/shared/attachments.server";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { reportFileForActor } from "../domain/inspections/queries.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

/** An annual report's attachment, for its organization and the officers whose scope covers it; 404 otherwise. */
export const loader = answeringInvalidData(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request);
  const file = await reportFileForActor(actor, rowIdOrNotFound(params.fileId, "找不到该文件。"));
  return new Response(Buffer.from(file.content), { headers: downloadHeaders(file) });
});
