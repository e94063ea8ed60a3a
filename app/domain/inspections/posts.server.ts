/**
 * What the association's annual-report page posts — save a draft, submit,
 * resubmit after a return, upload or remove a file — turned into domain calls.
 * Whatever is refused comes back with what was typed, so nothing is lost.
 */
import { readForm, readUploads } from "../../auth/require.server";
import type { ActionContext } from "../shared/context";
import { maxAttachmentBytes } from "../shared/file-types";
import { parseRowId } from "../shared/ids";
import { reportSchema, type Report } from "./rules";
import { attachReportFiles, inspectionStep, removeReportFile, saveReport } from "./inspections.server";
import { echoedValues, parseSubmission } from "../shared/form-submission";

export interface ReportPostResult {
  notice?: string;
  fieldErrors?: Record<string, string[]>;
  formError?: string;
  /** What was typed, so a refused form shows it again. */
  values?: Record<string, string>;
  status: number;
}

/** The report as posted: every field checked by `reportSchema` (a draft may leave any empty). */
export function parseReport(form: FormData): { ok: true; report: Report } | { ok: false; fieldErrors: Record<string, string[]> } {
  const parsed = parseSubmission(form, { schema: reportSchema });
  if (parsed.status === "success") return { ok: true, report: parsed.value };
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(parsed.reply().error ?? {})) if (messages?.length) fieldErrors[key] = messages;
  return { ok: false, fieldErrors };
}

/** The hidden version: empty before the report exists (null), otherwise a row version; undefined when tampered with. */
function postedVersion(form: FormData): number | null | undefined {
  const raw = form.get("version");
  if (raw === null || raw === "") return null;
  return parseRowId(typeof raw === "string" ? raw : null) ?? undefined;
}

export async function handleReportPost(ctx: ActionContext, year: number, request: Request): Promise<ReportPostResult> {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (multipart) {
    const upload = await readUploads(request, maxAttachmentBytes);
    if (upload.refusal) return { fieldErrors: { files: [upload.refusal] }, status: 400 };
    const result = await attachReportFiles(ctx, year, upload.files);
    return result.ok
      ? { notice: `已上传 ${result.value} 个文件。`, status: 200 }
      : { fieldErrors: result.fieldErrors, formError: result.formError, status: result.formError ? 409 : 400 };
  }
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "save");
  if (intent === "remove-file") {
    const result = await removeReportFile(ctx, year, Number(form.get("fileId")));
    return result.ok ? { notice: "文件已删除。", status: 200 } : { formError: result.formError, status: 409 };
  }
  const values = echoedValues(form, reportSchema);
  const parsed = parseReport(form);
  if (!parsed.ok) {
    return { fieldErrors: parsed.fieldErrors, formError: "有填写不正确的内容，草稿未保存，请按提示修改。", values, status: 400 };
  }
  const version = postedVersion(form);
  if (version === undefined) return { formError: "页面已过期，请刷新后重试。", values, status: 400 };
  const saved = await saveReport(ctx, year, { version, report: parsed.report });
  if (!saved.ok) return { fieldErrors: saved.fieldErrors, formError: saved.formError, values, status: 409 };
  if (intent === "submit" || intent === "resubmit") {
    const stepped = await inspectionStep(ctx, { year }, { action: intent, version: saved.value.version });
    if (!stepped.ok) {
      return {
        fieldErrors: stepped.fieldErrors,
        formError: `草稿已保存，但未能报送：${stepped.formError ?? ""}`,
        values,
        status: 400,
      };
    }
    return { notice: intent === "resubmit" ? "年度报告已重新报送，请等待登记管理机关审查。" : "年度报告已报送，请等待登记管理机关审查。", status: 200 };
  }
  return { notice: "草稿已保存。", status: 200 };
}
