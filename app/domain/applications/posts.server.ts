/**
 * What an applicant's page posts — save a draft, submit, upload or remove a
 * file — turned into domain calls. Shared by the association's page and the
 * street officer's filing page, so the two cannot drift apart.
 */
import { readForm, readUploads } from "../../auth/require.server";
import { proposalSchema, type Proposal } from "./forms";
import { attachFiles, removeFile, saveProposal, takeStep } from "./applications.server";
import type { ActionContext } from "../shared/context";
import { maxAttachmentBytes } from "../shared/file-types";
import { parseRowId } from "../shared/ids";
import { echoedValues, parseSubmission } from "../shared/form-submission";

export interface ApplicantPostResult {
  notice?: string;
  fieldErrors?: Record<string, string[]>;
  formError?: string;
  /** What was typed, so a refused form shows it again. */
  values?: Record<string, unknown>;
  status: number;
}

export async function handleApplicantPost(ctx: ActionContext, id: number, request: Request): Promise<ApplicantPostResult> {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (multipart) {
    const upload = await readUploads(request, maxAttachmentBytes);
    if (upload.refusal) return { fieldErrors: { files: [upload.refusal] }, status: 400 };
    const result = await attachFiles(ctx, id, upload.files);
    return result.ok
      ? { notice: `已上传 ${result.value} 个文件。`, status: 200 }
      : { fieldErrors: result.fieldErrors, formError: result.formError, status: 400 };
  }
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "save");
  if (intent === "remove-file") {
    const result = await removeFile(ctx, id, parseRowId(String(form.get("fileId"))) ?? 0);
    return result.ok ? { notice: "文件已删除。", status: 200 } : { formError: result.formError, status: 409 };
  }
  const values = echoedValues(form, proposalSchema);
  const parsed = parseSubmission(form, { schema: proposalSchema });
  if (parsed.status !== "success") {
    return { fieldErrors: flattenErrors(parsed.reply().error), formError: "有填写不正确的内容，草稿未保存，请按提示修改。", values, status: 400 };
  }
  const version = parseRowId(String(form.get("version")));
  if (version === null) return { formError: "页面已过期，请刷新后重试。", values, status: 400 };
  const saved = await saveProposal(ctx, id, { version, proposal: parsed.value as Proposal });
  if (!saved.ok) return { fieldErrors: saved.fieldErrors, formError: saved.formError, values, status: 409 };
  if (intent === "submit" || intent === "resubmit") {
    const stepped = await takeStep(ctx, id, { action: intent, version: saved.value.version });
    if (!stepped.ok) return { fieldErrors: stepped.fieldErrors, formError: `草稿已保存，但未能提交：${stepped.formError ?? ""}`, status: 400 };
    return { notice: "申请已提交，请等待审查。", status: 200 };
  }
  return { notice: "草稿已保存。", status: 200 };
}

function flattenErrors(error: Record<string, string[] | null> | null | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(error ?? {})) if (messages?.length) out[key] = messages;
  return out;
}
