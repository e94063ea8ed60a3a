/**
 * What the import pages post — a file to preview, a batch to confirm or to
 * discard — read from the request and turned into domain calls.
 */
import { z } from "zod";
import { readForm, readUploads } from "../../auth/require.server";
import type { ActionContext } from "../shared/context";
import { parseRowId } from "../shared/ids";
import { importKinds, maxImportBytes, type ImportKind } from "./columns";
import { confirmImport, discardImport, previewImport } from "./imports.server";
import type { WriteResult } from "../shared/errors";

export interface ImportPostResult {
  fieldErrors?: Record<string, string[]>;
  formError?: string;
  /** The kind chosen, so a refused upload keeps it. */
  kind?: ImportKind;
  redirectTo?: string;
  status: number;
}

const uploadSchema = z.object({ kind: z.enum(importKinds, { error: "请选择要导入的内容" }) });

/** An upload to check: the batch's page on success, otherwise why not, beside the field at fault. */
export async function handleImportUpload(ctx: ActionContext, request: Request): Promise<ImportPostResult> {
  const upload = await readUploads(request, maxImportBytes, 1);
  if (upload.refusal) return { fieldErrors: { file: [upload.refusal] }, status: 400 };
  const parsed = uploadSchema.safeParse({ kind: upload.form.get("kind") ?? undefined });
  const kind = parsed.success ? parsed.data.kind : undefined;
  const file = upload.files[0];
  if (!parsed.success || !file) {
    return {
      fieldErrors: {
        ...(parsed.success ? {} : { kind: [parsed.error.issues[0]!.message] }),
        ...(file ? {} : { file: ["请选择要导入的 CSV 或 XLSX 文件"] }),
      },
      kind,
      status: 400,
    };
  }
  const result = await previewImport(ctx, { kind: parsed.data.kind, fileName: file.name, content: file.content });
  if (!result.ok) return { fieldErrors: result.fieldErrors, formError: result.formError, kind, status: 400 };
  return { redirectTo: `/officer/import/${result.value.id}`, status: 303 };
}

const batchFormSchema = z.object({
  intent: z.enum(["confirm", "discard"], { error: "未知的操作" }),
  // Only a tampered or truncated page sends anything else.
  version: z.coerce.number({ error: "页面已过期，请刷新后重试" }).int("页面已过期，请刷新后重试").positive("页面已过期，请刷新后重试").max(2_147_483_647, "页面已过期，请刷新后重试"),
});

/**
 * The batch a URL names; NaN for text that names none (app/domain/shared/ids.ts), which
 * the domain answers after its permission check: 403 for whoever may not import, 404 otherwise.
 */
export function batchIdOf(param: string | undefined): number {
  return parseRowId(param) ?? Number.NaN;
}

/** The batch form's intent and the version it was shown at, or why it cannot be read. */
export async function readBatchForm(
  request: Request,
): Promise<{ ok: true; intent: "confirm" | "discard"; version: number } | { ok: false; formError: string }> {
  const parsed = batchFormSchema.safeParse(Object.fromEntries(await readForm(request)));
  return parsed.success ? { ok: true, ...parsed.data } : { ok: false, formError: parsed.error.issues[0]!.message };
}

/** A confirmation or a discard posted by the batch's page. */
export async function handleBatchPost(ctx: ActionContext, id: number, request: Request): Promise<WriteResult<unknown>> {
  const form = await readBatchForm(request);
  if (!form.ok) return form;
  return form.intent === "confirm" ? confirmImport(ctx, id, { version: form.version }) : discardImport(ctx, id, { version: form.version });
}
