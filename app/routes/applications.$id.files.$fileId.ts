import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "../auth/require.server";
import { fileForActor } from "../domain/applications/queries.server";
import { downloadHeaders } from "../domain/shared/attachments.server";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

/** An application's attachment, for those who may see the application; anyone else gets 404. */
export const loader = answeringInvalidData(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request);
  const file = await fileForActor(actor, rowIdOrNotFound(params.id, "找不到该文件。"), rowIdOrNotFound(params.fileId, "找不到该文件。"));
  return new Response(Buffer.from(file.content), { headers: downloadHeaders(file) });
});
