/** The import pages' forms: an upload to check, and a batch to confirm or to discard. */
import { z } from "zod";
import { maxRowId, parseRowId } from "../shared/ids";
import { importKinds } from "./columns";

/** The upload: what the file holds (its one file is read by `readUploads`). */
export const importUploadSchema = z.object({ kind: z.enum(importKinds, { error: "请选择要导入的内容" }) });

// Only a tampered or truncated page sends anything else.
const stale = "页面已过期，请刷新后重试";
const version = z.coerce.number({ error: stale }).int(stale).positive(stale).max(maxRowId, stale);

/** The batch's page: confirm the import or discard the batch, at the version it was shown. */
export const batchSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("confirm"), version }), z.object({ intent: z.literal("discard"), version })],
  { error: "未知的操作" },
);

/** The streamed confirmation: it only confirms. */
export const confirmSchema = z.object({ intent: z.literal("confirm", { error: "这里只能确认导入。" }), version });

/**
 * The batch a URL names; NaN for text that names none (app/domain/shared/ids.ts), which
 * the domain answers after its permission check: 403 for whoever may not import, 404 otherwise.
 */
export function batchIdOf(param: string | undefined): number {
  return parseRowId(param) ?? Number.NaN;
}
