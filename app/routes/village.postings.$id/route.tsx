import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useRef } from "react";
import { redirectWithNotice } from "../../auth/flash.server";
import { actionContext, readForm, readUploads, requireGrant, requirePermission } from "../../auth/require.server";
import type { ActionContext } from "../../domain/shared/context";
import type { WriteResult } from "../../domain/shared/errors";
import { maxAttachmentBytes } from "../../domain/shared/file-types";
import { pendingConfirmation, parseSubmission, replyTo } from "../../domain/shared/form-submission";
import { publishConfirmation } from "../../domain/postings/confirmations";
import type { PostedValues } from "../../domain/shared/confirmation";
import { rowIdOrNotFound } from "../../domain/shared/ids";
import {
  addPostingFiles,
  discardVersion,
  removePostingFile,
  reviewPosting,
  saveDraft,
  startCorrection,
  submitDraft,
  withdrawPosting,
} from "../../domain/postings/commands.server";
import {
  blankRowsOf,
  maxBlankRows,
  moreBlankRows,
  postingIntentOf,
  postingIntentPermission,
  postingPageSchema,
  postingUploadSchema,
} from "../../domain/postings/forms";
import { postingAccess, postingWorkspace } from "../../domain/postings/queries.server";
import { tableSpecOf } from "../../domain/postings/rules";
import { formatDateTime, shanghaiDate } from "../../domain/shared/time";
import { PostedAttachments } from "../../ui/attachments";
import { ConfirmationPage } from "../../ui/confirm";
import { FormError } from "../../ui/form";
import { PageHeader, Panel } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { CategoryBadge, PostingFacts, PostingStatusBadge, VersionStateBadge } from "../../ui/posting-view";
import { answerFor, fileHref, useLastResult, usePageAnswer, type Answer } from "./answers";
import { EditForm } from "./edit-form";
import { CorrectionPanel, FindingsPanel, PublicInfoPanel, ReturnedNotice, UnsavedValues, VersionContent, VersionsPanel } from "./reading";
import { CorrectForm, DiscardForm, ReviewForm, WithdrawForm } from "./step-forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "公开事项"} - 村务公开工作台` }];

function postingIdOf(param: string | undefined): number {
  return rowIdOrNotFound(param, "找不到该公开事项。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  const { open, current, ...workspace } = await postingWorkspace(actor, postingIdOf(params.id));
  return {
    ...workspace,
    openNumber: open?.number ?? null,
    currentNumber: current?.number ?? null,
    // For the period picker's years.
    today: shanghaiDate(new Date()),
  };
}

const draftNotSaved = "有填写不正确的内容，草稿未保存，请按提示修改。";

/** A refusal the user can fix is a 400; one that only says the posting moved on is a 409. */
function statusOf(refusal: { fieldErrors?: Record<string, string[]>; formError?: string }): number {
  return refusal.formError && !refusal.fieldErrors ? 409 : 400;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  const postingId = postingIdOf(params.id);
  // As the page: another village's posting, or a draft the committee is not shown, is a 404 whatever was posted;
  // then the step's permission (posting:draft or posting:review), which each write checks again.
  await postingAccess(actor, postingId);
  const ctx = actionContext(context, actor);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    requireGrant(actor, "posting:draft");
    return upload(ctx, postingId, request);
  }

  const form = await readForm(request);
  const intent = postingIntentOf(form.get("intent") ?? undefined);
  const permission = postingIntentPermission(intent);
  if (permission) requireGrant(actor, permission);
  const submission = parseSubmission(form, { schema: postingPageSchema });
  const drafting = intent === "save" || intent === "add-rows" || intent === "submit";
  if (submission.status !== "success") {
    const fieldProblems = Object.keys(submission.error ?? {}).some((key) => key !== "version");
    const result = replyTo(submission, null, { formError: drafting && fieldProblems ? draftNotSaved : undefined });
    const draft = drafting ? { formKey: crypto.randomUUID(), blankRows: blankRowsOf(submission.payload.blankRows) } : {};
    return data<Answer>({ intent, result, ...draft }, { status: 400 });
  }

  const value = submission.value;
  const refused = (outcome: WriteResult<unknown> & { ok: false }, extra: Partial<Answer> = {}) =>
    data<Answer>({ intent: value.intent, result: replyTo(submission, outcome), ...extra }, { status: statusOf(outcome) });
  const done = (notice: string, extra: Partial<Answer> = {}): Answer => ({ intent: value.intent, notice, ...extra });

  switch (value.intent) {
    case "save":
    case "add-rows":
    case "submit": {
      const outcome = value.intent === "submit" ? await submitDraft(ctx, postingId, value) : { ...(await saveDraft(ctx, postingId, value)), saved: false };
      if (!outcome.ok) {
        const result = replyTo(submission, outcome, { formError: outcome.fieldErrors ? draftNotSaved : undefined });
        const postedVersion = outcome.saved ? undefined : value.expectedVersion;
        return data<Answer>({ intent: value.intent, result, formKey: crypto.randomUUID(), blankRows: value.blankRows, postedVersion }, { status: statusOf(outcome) });
      }
      if (value.intent === "add-rows") {
        return done(`草稿已保存，已增加 ${moreBlankRows} 行空行。`, { blankRows: Math.min(value.blankRows + moreBlankRows, maxBlankRows) });
      }
      return done(value.intent === "save" ? "草稿已保存。" : "已提交村务监督委员会审核。审核通过后即在公开页面发布。");
    }
    case "remove-file": {
      const outcome = await removePostingFile(ctx, postingId, value.fileId);
      return outcome.ok ? done("附件已删除。") : refused(outcome);
    }
    case "discard": {
      const outcome = await discardVersion(ctx, postingId, value);
      if (!outcome.ok) return refused(outcome);
      // The first version given up ends the posting; a correction given up leaves the published version.
      if (outcome.value.postingDiscarded) throw redirectWithNotice(request, "/village/postings", "已放弃草稿，该事项不再保留。");
      return done("已放弃本次更正，公开页面仍显示原公开版本。");
    }
    case "approve":
    case "return": {
      // Publishing cannot be undone: nothing is written until the summary was confirmed.
      const confirm = value.intent === "approve" ? pendingConfirmation(form, postingPageSchema) : null;
      if (confirm) return { intent: value.intent, result: submission.reply(), confirm } satisfies Answer;
      const outcome = await reviewPosting(ctx, postingId, value);
      if (!outcome.ok) return refused(outcome);
      // A returned version is the clerk's again, and a posting never published leaves the committee's sight: back to its list.
      if (value.intent === "return") throw redirectWithNotice(request, "/village/postings", "已退回村务公开员修改，审核意见已告知。");
      return done("审核通过，已在公开页面发布。");
    }
    case "correct": {
      const outcome = await startCorrection(ctx, postingId, value);
      if (!outcome.ok) return refused(outcome);
      return done("已按当前公开内容生成更正版本草稿。请修改后提交监督委员会审核；审核通过前，公开页面仍显示原版本。");
    }
    case "withdraw": {
      const outcome = await withdrawPosting(ctx, postingId, value);
      if (!outcome.ok) return refused(outcome);
      return done("已撤回。公开页面将显示“已撤回”及撤回原因，原内容仍可查阅。");
    }
    case "upload":
      // Files come as multipart; the schema refuses an upload form without them.
      return data<Answer>({ intent: "upload", result: replyTo(submission) }, { status: 400 });
  }
}

/** An upload: who may upload to this posting is settled (in the action) before its body is read into memory. */
async function upload(ctx: ActionContext, postingId: number, request: Request) {
  const upload = await readUploads(request, maxAttachmentBytes);
  const submission = parseSubmission(upload.form, { schema: postingUploadSchema });
  const outcome: WriteResult<{ added: number }> = upload.refusal
    ? { ok: false, fieldErrors: { files: [upload.refusal] } }
    : await addPostingFiles(ctx, postingId, upload.files);
  if (!outcome.ok) return data<Answer>({ intent: "upload", result: replyTo(submission, outcome) }, { status: statusOf(outcome) });
  return data<Answer>({ intent: "upload", notice: `已上传 ${outcome.value.added} 个文件。` });
}

/** A refused submission still saved the draft, so the page reloads its data after every post, refused or not. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" || defaultShouldRevalidate;

const editIntents = ["save", "add-rows", "submit"] as const;
const reviewIntents = ["approve", "return"] as const;
const attachmentIntents = ["upload", "remove-file"] as const;

export default function PostingWorkspace() {
  const workspace = useLoaderData<typeof loader>();
  const { title, drafting, posting, versions, openNumber, currentNumber, findings, can } = workspace;
  const answer = usePageAnswer();
  const open = versions.find((v) => v.number === openNumber) ?? null;
  const current = versions.find((v) => v.number === currentNumber) ?? null;
  const path = `/village/postings/${posting.id}`;

  // Which forms are on the page; an answer to a form no longer shown (the posting moved on) goes to the top.
  const shownIntents = new Set<string>([
    ...(can.edit ? [...editIntents, ...attachmentIntents] : []),
    ...(can.discard ? ["discard"] : []),
    ...(can.review ? reviewIntents : []),
    ...(can.correct ? ["correct"] : []),
    ...(can.withdraw ? ["withdraw"] : []),
  ]);
  const editAnswer = answerFor(answer, editIntents);
  // The draft form is re-created only from its own refused posts; an upload or another form's post keeps what is typed in it.
  const editKey = useRef<string | null>(null);
  if (editAnswer?.formKey) editKey.current = editAnswer.formKey;
  // A table being edited needs the page's full width; the side panels then follow below.
  const wide = can.edit && tableSpecOf(posting.kind) !== null;
  const orphan = answer && !shownIntents.has(answer.intent) ? answer.result : undefined;
  const attachmentsResult = useLastResult(attachmentIntents);
  const orphanErrors = Object.values(orphan?.error ?? {}).flatMap((messages) => messages ?? []);
  const reviewSummary = (values: PostedValues) => publishConfirmation({ ...posting, ...open!, period: posting.period }, values);

  return (
    <>
      <PageHeader
        title={title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CategoryBadge category={posting.category} />
            <PostingFacts kind={posting.kind} period={posting.period} retention={posting.retention} />
            <Link to="/village/postings">返回公开事项</Link>
          </span>
        }
        actions={
          <span className="flex flex-wrap gap-1">
            {open ? <VersionStateBadge state={open.state} /> : null}
            {!open || posting.status !== "unpublished" ? <PostingStatusBadge status={posting.status} /> : null}
          </span>
        }
      />
      {answer?.notice ? <Notice>{answer.notice}</Notice> : null}
      {answer?.confirm && open && can.review ? <ConfirmationPage pending={answer.confirm} summary={reviewSummary} back="#review" action={path} /> : null}
      <FormError errors={orphanErrors} />
      {orphanErrors.length && orphan?.initialValue ? <UnsavedValues values={orphan.initialValue} /> : null}

      {open?.state === "returned" ? <ReturnedNotice version={open} drafting={drafting} /> : null}
      {posting.status === "withdrawn" ? (
        <div className="mb-6 rounded border border-red-200 bg-red-50 p-4 text-red-900">
          <p className="text-lg font-semibold">该公开事项已撤回</p>
          <p className="mt-1">撤回原因：{posting.withdrawnReason}</p>
          <p className="mt-1 text-sm">{formatDateTime(posting.withdrawnAt)} 撤回。公开页面显示“已撤回”及撤回原因，原内容仍可查阅。</p>
        </div>
      ) : null}

      <div className={wide ? "grid gap-6" : "grid gap-6 lg:grid-cols-3"}>
        <div className={wide ? "min-w-0 space-y-6" : "min-w-0 space-y-6 lg:col-span-2"}>
          {open && open.number > 1 ? <CorrectionPanel kind={posting.kind} open={open} current={current} /> : null}

          {open && can.edit ? (
            <>
              <EditForm key={editKey.current ?? `version-${open.number}`} action={path} workspace={workspace} open={open} answer={editAnswer} />
              <Panel title="附件">
                <p className="mb-3 text-sm text-slate-600">
                  公示栏照片、会议记录、票据等（PDF、JPEG 或 PNG）。附件随公开事项一并公开，文件名中的号码会被遮蔽。
                  <strong className="font-medium text-slate-800">上传或删除附件前，请先保存上面的修改。</strong>
                </p>
                <PostedAttachments files={open.files} hrefFor={fileHref} action={path} editable lastResult={attachmentsResult} />
              </Panel>
              {can.discard ? <DiscardForm action={path} open={open} /> : null}
            </>
          ) : open ? (
            <>
              <Panel title={`第 ${open.number} 版内容`}>
                {open.state === "submitted" && drafting ? (
                  <p className="mb-4 rounded bg-blue-50 px-3 py-2 text-sm text-blue-900">
                    已于 {formatDateTime(open.submittedAt)} 提交村务监督委员会审核，审核前不能修改。
                  </p>
                ) : null}
                {open.state === "returned" && !drafting ? (
                  <p className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">已退回村务公开员修改，修改后会重新提交审核。</p>
                ) : null}
                <VersionContent kind={posting.kind} version={open} />
              </Panel>
              {findings.length ? <FindingsPanel findings={findings} /> : null}
              {can.review ? <ReviewForm action={path} open={open} summary={reviewSummary} /> : null}
            </>
          ) : null}

          {!open && current ? (
            <Panel title={`当前公开内容（第 ${current.number} 版）`}>
              <VersionContent kind={posting.kind} version={current} />
            </Panel>
          ) : null}

          {can.correct ? <CorrectForm action={path} postingVersion={posting.version} currentNumber={current?.number ?? 1} /> : null}
          {can.withdraw ? <WithdrawForm action={path} postingVersion={posting.version} /> : null}

          <VersionsPanel kind={posting.kind} versions={versions} openNumber={openNumber} currentNumber={currentNumber} />
        </div>

        <PublicInfoPanel workspace={workspace} wide={wide} />
      </div>
    </>
  );
}
