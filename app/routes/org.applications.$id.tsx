import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, readUploads, requirePermission } from "../auth/require.server";
import { applicantSchema, uploadSchema } from "../domain/applications/forms";
import { kindLabels } from "../domain/applications/rules";
import { attachFiles, removeFile, saveApplication } from "../domain/applications/commands.server";
import { applicationAccess, applicationPage } from "../domain/applications/queries.server";
import { maxAttachmentBytes } from "../domain/shared/file-types";
import { pendingConfirmation, parseSubmission, replyTo } from "../domain/shared/form-submission";
import { applicationFacts, submitConfirmation } from "../domain/applications/confirmations";
import { pendingOf } from "../domain/shared/confirmation";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { ApplicantWorkspace, ApplicationSummary, StepTimeline } from "../ui/application-view";
import { ConfirmationPage } from "../ui/confirm";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.application.title ?? "申请"} - 社会组织服务` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  return applicationPage(actor, rowIdOrNotFound(params.id, "找不到该申请。"), new Date());
}

const draftNotSaved = "有填写不正确的内容，草稿未保存，请按提示修改。";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:apply");
  const id = rowIdOrNotFound(params.id, "找不到该申请。");
  // As the page: another applicant's application is a 404 whatever was posted.
  await applicationAccess(actor, id);
  const ctx = actionContext(context, actor);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUploads(request, maxAttachmentBytes);
    const submission = parseSubmission(upload.form, { schema: uploadSchema });
    if (upload.refusal) return data({ form: "files", result: replyTo(submission, { fieldErrors: { files: [upload.refusal] } }), notice: null }, { status: 400 });
    if (submission.status !== "success") return data({ form: "files", result: replyTo(submission, null), notice: null }, { status: 400 });
    const outcome = await attachFiles(ctx, id, upload.files, submission.value);
    if (!outcome.ok) return data({ form: "files", result: replyTo(submission, outcome), notice: null }, { status: 400 });
    return { form: "files", result: submission.reply(), notice: `已上传 ${outcome.value} 个文件。` };
  }
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: applicantSchema });
  if (submission.status !== "success") {
    const form = submission.payload.intent === "remove-file" ? "files" : "proposal";
    return data({ form, result: replyTo(submission, null, { formError: form === "proposal" ? draftNotSaved : undefined }), notice: null }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "remove-file") {
    const outcome = await removeFile(ctx, id, value);
    if (!outcome.ok) return data({ form: "files", result: replyTo(submission, outcome), notice: null }, { status: 409 });
    return { form: "files", result: submission.reply(), notice: "文件已删除。" };
  }
  // Submitting cannot be undone: nothing is saved until the summary was confirmed.
  const confirm = value.intent === "save" ? null : pendingConfirmation(form, applicantSchema);
  if (confirm) return { form: "proposal", result: submission.reply(), notice: null, confirm };
  const outcome = await saveApplication(ctx, id, value);
  if (!outcome.ok) return data({ form: "proposal", result: replyTo(submission, outcome), notice: null }, { status: outcome.draftSaved ? 400 : 409 });
  return { form: "proposal", result: submission.reply(), notice: outcome.value.submitted ? "申请已提交，请等待审查。" : "草稿已保存。" };
}

export default function OrgApplication() {
  const { detail, placeChoices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { application } = detail;
  const pending = pendingOf(actionData);
  return (
    <>
      <PageHeader
        title={`${kindLabels[application.kind]}：${application.title}`}
        description={<Link to="/org">返回本组织</Link>}
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {pending ? <ConfirmationPage pending={pending} summary={(values) => submitConfirmation(applicationFacts(detail), values)} back="#proposal" /> : null}
      <ApplicationSummary detail={detail} />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ApplicantWorkspace
            detail={detail}
            action={`/org/applications/${application.id}`}
            placeChoices={placeChoices}
            proposalResult={actionData?.form === "proposal" ? actionData.result : null}
            filesResult={actionData?.form === "files" ? actionData.result : null}
          />
        </div>
        <Panel title="办理过程">
          <StepTimeline kind={application.kind} steps={detail.steps} />
        </Panel>
      </div>
    </>
  );
}
