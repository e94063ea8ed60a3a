import type { LoaderFunctionArgs } from "@remix-run/node";
import { getActor } from "../auth/require.server";
import { downloadHeaders } from "../domain/shared/attachments.server";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { postingFile } from "../domain/postings/queries.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

/** A posting's attachment: anyone may fetch those of published versions; the village's own clerk and supervisor also the ones under review. */
export const loader = answeringInvalidData(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await getActor(request);
  const file = await postingFile(actor, rowIdOrNotFound(params.fileId, "找不到该文件。"));
  return new Response(Buffer.from(file.content), { headers: downloadHeaders(file) });
});
