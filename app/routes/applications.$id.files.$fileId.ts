import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "../auth/require.server";
import { fileForActor } from "../domain/applications.server";

/** An application's attachment, for those who may see the application; anyone else gets 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const file = await fileForActor(actor, Number(params.id), Number(params.fileId));
  return new Response(Buffer.from(file.content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
