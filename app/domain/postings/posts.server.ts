/**
 * What the village workbench posts — create, save, submit, upload or remove a
 * file, discard, approve, return, correct, withdraw — turned into domain calls.
 * Whatever is refused comes back with what was typed, so nothing is lost.
 */
import { randomUUID } from "node:crypto";
import { readForm, readUploads } from "../../auth/require.server";
import type { ActionContext } from "../shared/context";
import { maxAttachmentBytes } from "../shared/file-types";
import { parseRowId } from "../shared/ids";
import {
  blankRowsOf,
  moreBlankRows,
  maxBlankRows,
  parseDraftForm,
  parseVersion,
  textOf,
  type PostingFormValues,
} from "./forms";
import {
  addPostingFiles,
  createPosting,
  requireDraftingAccess,
  discardVersion,
  removePostingFile,
  reviewPosting,
  saveDraft,
  startCorrection,
  submitPosting,
  withdrawPosting,
} from "./postings.server";

export const postingIntents = [
  "save",
  "add-rows",
  "submit",
  "upload",
  "remove-file",
  "discard",
  "approve",
  "return",
  "correct",
  "withdraw",
] as const;
export type PostingIntent = (typeof postingIntents)[number];

export interface PostingPostResult {
  /** Which form was posted, so the page shows the errors beside that form's fields. */
  intent: PostingIntent | "unknown";
  notice?: string;
  fieldErrors?: Record<string, string[]>;
  formError?: string;
  /** What was typed, so a refused form shows it again. */
  values?: PostingFormValues;
  /** Empty rows for the table grid to show below the filled ones. */
  blankRows?: number;
  /** A first version given up leaves no posting to show. */
  redirectTo?: string;
  /**
   * New with every refusal that returns `values`: the page re-creates the form
   * from them, so its rows are numbered as the messages number them (blank
   * rows dropped) instead of keeping the rows as they were on screen.
   */
  formKey?: string;
  /** The version a refused-as-stale save was typed against. */
  postedVersion?: number;
  status: number;
}

const staleForm = "页面已过期，请刷新后重试。";
const maxFilesPerUpload = 10;

function isIntent(value: string): value is PostingIntent {
  return (postingIntents as readonly string[]).includes(value);
}

function statusOf(result: { fieldErrors?: Record<string, string[]>; formError?: string }): number {
  return result.formError && !result.fieldErrors ? 409 : 400;
}

/** The posting page's form posts. */
export async function handlePostingPost(ctx: ActionContext, postingId: number, request: Request): Promise<PostingPostResult> {
  const result = await dispatch(ctx, postingId, request);
  return result.values ? { ...result, formKey: randomUUID() } : result;
}

async function dispatch(ctx: ActionContext, postingId: number, request: Request): Promise<PostingPostResult> {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (multipart) {
    // Who may upload to this posting is settled before its body is read into memory.
    await requireDraftingAccess(ctx.actor, postingId);
    const upload = await readUploads(request, maxAttachmentBytes, maxFilesPerUpload);
    if (upload.refusal) return { intent: "upload", fieldErrors: { files: [upload.refusal] }, status: 400 };
    const result = await addPostingFiles(ctx, postingId, upload.files);
    return result.ok
      ? { intent: "upload", notice: `已上传 ${result.value.added} 个文件。`, status: 200 }
      : { intent: "upload", fieldErrors: result.fieldErrors, formError: result.formError, status: statusOf(result) };
  }

  const form = await readForm(request);
  const intent = textOf(form, "intent") || "save";
  if (!isIntent(intent)) return { intent: "unknown", formError: "无法识别的操作，请刷新页面后重试。", status: 400 };

  switch (intent) {
    case "upload":
      return { intent, fieldErrors: { files: ["请选择要上传的文件"] }, status: 400 };
    case "remove-file": {
      const result = await removePostingFile(ctx, postingId, parseRowId(textOf(form, "fileId")) ?? 0);
      return result.ok ? { intent, notice: "附件已删除。", status: 200 } : { intent, formError: result.formError, status: 409 };
    }
    case "save":
    case "add-rows":
    case "submit":
      return saveAndMaybeSubmit(ctx, postingId, form, intent);
    case "discard":
      return discard(ctx, postingId, form);
    case "approve":
    case "return":
      return review(ctx, postingId, form, intent);
    case "correct":
    case "withdraw":
      return correctOrWithdraw(ctx, postingId, form, intent);
  }
}

async function saveAndMaybeSubmit(
  ctx: ActionContext,
  postingId: number,
  form: FormData,
  intent: "save" | "add-rows" | "submit",
): Promise<PostingPostResult> {
  const draft = parseDraftForm(form);
  const acknowledgeSensitive = textOf(form, "acknowledgeSensitive") === "on";
  const values: PostingFormValues = { ...draft, period: draft.period, acknowledgeSensitive };
  const blankRows = blankRowsOf(form);
  const version = parseVersion(form);
  if (version === null) return { intent, formError: staleForm, values, blankRows, status: 400 };

  const saved = await saveDraft(ctx, postingId, { ...draft, expectedVersion: version });
  if (!saved.ok) {
    return {
      intent,
      fieldErrors: saved.fieldErrors,
      formError: saved.fieldErrors ? "有填写不正确的内容，草稿未保存，请按提示修改。" : saved.formError,
      values,
      blankRows,
      // Refused as stale: the form keeps the version it was typed against, so saving again is refused again, not an overwrite.
      postedVersion: saved.fieldErrors ? undefined : version,
      status: statusOf(saved),
    };
  }
  if (intent === "add-rows") {
    return { intent, notice: `草稿已保存，已增加 ${moreBlankRows} 行空行。`, blankRows: Math.min(blankRows + moreBlankRows, maxBlankRows), status: 200 };
  }
  if (intent === "save") return { intent, notice: "草稿已保存。", status: 200 };

  const acknowledgedFindings = form.get("acknowledgedFindings");
  const submitted = await submitPosting(ctx, postingId, {
    expectedVersion: saved.value.version,
    acknowledgeSensitive,
    acknowledgedFindings: typeof acknowledgedFindings === "string" ? acknowledgedFindings : "",
  });
  if (!submitted.ok) {
    return {
      intent,
      fieldErrors: submitted.fieldErrors,
      formError: `草稿已保存，但未能提交审核：${submitted.formError ?? "请按提示处理后再提交。"}`,
      values,
      blankRows,
      status: statusOf(submitted),
    };
  }
  return { intent, notice: "已提交村务监督委员会审核。审核通过后即在公开页面发布。", status: 200 };
}

async function discard(ctx: ActionContext, postingId: number, form: FormData): Promise<PostingPostResult> {
  const version = parseVersion(form);
  if (version === null) return { intent: "discard", formError: staleForm, status: 400 };
  if (textOf(form, "confirmDiscard") !== "on") {
    return { intent: "discard", fieldErrors: { confirmDiscard: ["请勾选确认后再放弃，放弃后不能恢复"] }, status: 400 };
  }
  const result = await discardVersion(ctx, postingId, { expectedVersion: version });
  if (!result.ok) return { intent: "discard", fieldErrors: result.fieldErrors, formError: result.formError, status: statusOf(result) };
  // The first version given up ends the posting; a correction given up leaves the published version.
  return result.value.postingDiscarded
    ? { intent: "discard", redirectTo: "/village/postings?notice=discarded", status: 200 }
    : { intent: "discard", notice: "已放弃本次更正，公开页面仍显示原公开版本。", status: 200 };
}

async function review(ctx: ActionContext, postingId: number, form: FormData, intent: "approve" | "return"): Promise<PostingPostResult> {
  const opinion = textOf(form, "opinion");
  const values: PostingFormValues = { opinion };
  const version = parseVersion(form);
  if (version === null) return { intent, formError: staleForm, values, status: 400 };
  const result = await reviewPosting(ctx, postingId, { expectedVersion: version, decision: intent, opinion });
  if (!result.ok) return { intent, fieldErrors: result.fieldErrors, formError: result.formError, values, status: statusOf(result) };
  return {
    intent,
    notice: intent === "approve" ? "审核通过，已在公开页面发布。" : "已退回村务公开员修改，审核意见已告知。",
    status: 200,
  };
}

async function correctOrWithdraw(ctx: ActionContext, postingId: number, form: FormData, intent: "correct" | "withdraw"): Promise<PostingPostResult> {
  const field = intent === "correct" ? "reason" : "withdrawReason";
  const reason = textOf(form, field);
  const values: PostingFormValues = { [field]: reason };
  const version = parseVersion(form);
  if (version === null) return { intent, formError: staleForm, values, status: 400 };
  const result =
    intent === "correct"
      ? await startCorrection(ctx, postingId, { expectedVersion: version, reason })
      : await withdrawPosting(ctx, postingId, { expectedVersion: version, reason });
  if (!result.ok) return { intent, fieldErrors: result.fieldErrors, formError: result.formError, values, status: statusOf(result) };
  return {
    intent,
    notice:
      intent === "correct"
        ? "已按当前公开内容生成更正版本草稿。请修改后提交监督委员会审核；审核通过前，公开页面仍显示原版本。"
        : "已撤回。公开页面将显示“已撤回”及撤回原因，原内容仍可查阅。",
    status: 200,
  };
}


export type CreatePostResult = { ok: true; id: number } | ({ ok: false } & Omit<PostingPostResult, "intent">);

/** The new-posting form: kind, period, title and body; the table and files follow on the posting's page. */
export async function handleCreatePost(ctx: ActionContext, request: Request): Promise<CreatePostResult> {
  const form = await readForm(request);
  const draft = parseDraftForm(form);
  const kind = textOf(form, "kind");
  const period = draft.period ?? "";
  const values: PostingFormValues = { kind, title: draft.title, body: draft.body, period };
  const created = await createPosting(ctx, { kind, period, title: draft.title, body: draft.body });
  if (!created.ok) {
    // The domain stops at an unknown kind; say at once what else is missing.
    const fieldErrors = created.fieldErrors;
    return {
      ok: false,
      fieldErrors,
      formError: created.fieldErrors ? "有填写不正确的内容，请按提示修改。" : created.formError,
      values,
      status: statusOf(created),
    };
  }
  return { ok: true, id: created.value.id };
}
