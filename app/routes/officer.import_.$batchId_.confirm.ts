import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import type { UserMessage } from "../domain/shared/errors";
import { batchIdOf, confirmSchema } from "../domain/imports/forms";
import { confirmImport } from "../domain/imports/commands.server";
import { importBatchSummary } from "../domain/imports/queries.server";
import { parseSubmission } from "../domain/shared/form-submission";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

/** Only the page's script posts here; a visit goes to the batch's page (when it is the visitor's). */
export const loader = answeringInvalidData(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requirePermission(request, "area:officer");
  const batch = await importBatchSummary(actor, batchIdOf(params.batchId));
  return redirect(`/officer/import/${batch.id}`);
});

const encoder = new TextEncoder();

/**
 * The confirmation with its progress: one JSON line per step
 * ({ type: "progress", stage, done, total }), then { type: "done", imported }
 * or { type: "refused", message }. Like every POST it has passed the
 * cross-site check before Remix runs (server.mjs, guardRequest).
 */
export const action = answeringInvalidData(async ({ request, params, context }: ActionFunctionArgs) => {
  const actor = await requirePermission(request, "area:officer");
  const id = batchIdOf(params.batchId);
  // Someone else's batch, or a kind the officer may not import, is answered with its status before any streaming.
  await importBatchSummary(actor, id);
  const submission = parseSubmission(await readForm(request), { schema: confirmSchema });
  if (submission.status !== "success") {
    const message = Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? [])[0] ?? "页面已过期，请刷新后重试";
    return Response.json({ error: { code: "invalid_form", message } }, { status: 400 });
  }
  const ctx = actionContext(context, actor);
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: Record<string, unknown>) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          // The page has gone away; the import finishes all the same.
        }
      };
      try {
        const result = await confirmImport(ctx, id, submission.value, async (progress) => {
          send({ type: "progress", ...progress });
          // The embedded database answers without ever leaving the event loop: let the line go out now, not at the end.
          await new Promise((resolve) => setImmediate(resolve));
        });
        send(result.ok ? { type: "done", imported: result.value.imported } : { type: "refused", message: result.formError });
      } catch (error) {
        // A thrown Response is a refusal written for the user (domain/shared/errors.ts); anything else is never shown.
        const refusal = error instanceof Response ? ((await error.json().catch(() => null)) as UserMessage | null) : null;
        if (!(error instanceof Response)) console.error(error);
        send({ type: "refused", message: refusal?.userMessage ?? "导入时发生意外错误，没有导入任何数据。请稍后重试。" });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      // no-transform: the compression in front would otherwise hold the lines back until the end.
      "Cache-Control": "no-store, no-transform",
      // And nginx in front (deploy/nginx.conf) passes each line on as it comes.
      "X-Accel-Buffering": "no",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
