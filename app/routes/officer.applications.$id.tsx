import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, readUploads, requireGrant, requirePermission } from "../auth/require.server";
import { officerApplicationIntentOf, officerApplicationPermission, officerApplicationSchema, uploadSchema } from "../domain/applications/forms";
import { decisionLabel, kindLabels, refusalBasis, transitionFor, type ApplicationAction } from "../domain/applications/rules";
import { itemsToReturn, handoverBasis, returnedItemLabels } from "../domain/applications/materials";
import { attachFiles, decideApplication, removeFile, saveApplication } from "../domain/applications/commands.server";
import { applicationAccess, applicationPage } from "../domain/applications/queries.server";
import { maxAttachmentBytes } from "../domain/shared/file-types";
import { pendingConfirmation, parseSubmission, replyTo } from "../domain/shared/form-submission";
import { applicationFacts, decisionConfirmation, submitConfirmation } from "../domain/applications/confirmations";
import { pendingOf, type Confirmation, type PostedValues } from "../domain/shared/confirmation";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { ApplicantWorkspace, ApplicationSummary, StepTimeline } from "../ui/application-view";
import { Button, ErrorList, Field, FormError, PostForm, TextAreaField } from "../ui/form";
import { ConfirmationPage, ConfirmSubmit } from "../ui/confirm";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.application.title ?? "申请"} - 申请审批` }];

const decisions: readonly ApplicationAction[] = ["accept", "return", "approve", "reject"];
const draftNotSaved = "有填写不正确的内容，草稿未保存，请按提示修改。";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  return applicationPage(actor, rowIdOrNotFound(params.id, "找不到该申请。"), new Date());
}

/** A decision posts `decision`; a street officer's own filing posts the applicant's forms (and uploads). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const id = rowIdOrNotFound(params.id, "找不到该申请。");
  // As the page: another street's application, or someone else's draft, is a 404 whatever was posted.
  await applicationAccess(actor, id);
  const ctx = actionContext(context, actor);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    requireGrant(actor, officerApplicationPermission("upload"));
    const upload = await readUploads(request, maxAttachmentBytes);
    const submission = parseSubmission(upload.form, { schema: uploadSchema });
    if (upload.refusal) return data({ form: "files", result: replyTo(submission, { fieldErrors: { files: [upload.refusal] } }), notice: null }, { status: 400 });
    if (submission.status !== "success") return data({ form: "files", result: replyTo(submission, null), notice: null }, { status: 400 });
    const outcome = await attachFiles(ctx, id, upload.files, submission.value);
    if (!outcome.ok) return data({ form: "files", result: replyTo(submission, outcome), notice: null }, { status: 400 });
    return { form: "files", result: submission.reply(), notice: `已上传 ${outcome.value} 个文件。` };
  }
  const form = await readForm(request);
  const intent = officerApplicationIntentOf({ intent: form.get("intent") ?? undefined, decision: form.get("decision") ?? undefined });
  if (intent) requireGrant(actor, officerApplicationPermission(intent));
  const submission = parseSubmission(form, { schema: officerApplicationSchema });
  if (submission.status !== "success") {
    const { decision, intent } = submission.payload;
    const form = typeof decision === "string" && decision ? decision : intent === "remove-file" ? "files" : "proposal";
    return data({ form, result: replyTo(submission, null, { formError: form === "proposal" ? draftNotSaved : undefined }), notice: null }, { status: 400 });
  }
  const value = submission.value;
  // 准予, 不予登记 and submitting cannot be undone: nothing is written until the summary was confirmed.
  const irreversible = value.intent === "decide" ? value.decision === "approve" || value.decision === "reject" : value.intent === "submit" || value.intent === "resubmit";
  const confirm = irreversible ? pendingConfirmation(form, officerApplicationSchema) : null;
  if (confirm) return { form: value.intent === "decide" ? value.decision : "proposal", result: submission.reply(), notice: null, confirm };
  switch (value.intent) {
    case "decide": {
      const outcome = await decideApplication(ctx, id, value);
      if (!outcome.ok) return data({ form: value.decision, result: replyTo(submission, outcome), notice: null }, { status: 409 });
      return { form: value.decision, result: submission.reply({ resetForm: true }), notice: outcome.value.notice };
    }
    case "remove-file": {
      const outcome = await removeFile(ctx, id, value);
      if (!outcome.ok) return data({ form: "files", result: replyTo(submission, outcome), notice: null }, { status: 409 });
      return { form: "files", result: submission.reply(), notice: "文件已删除。" };
    }
    default: {
      const outcome = await saveApplication(ctx, id, value);
      if (!outcome.ok) return data({ form: "proposal", result: replyTo(submission, outcome), notice: null }, { status: outcome.draftSaved ? 400 : 409 });
      return { form: "proposal", result: submission.reply(), notice: outcome.value.submitted ? "申请已提交，请等待审查。" : "草稿已保存。" };
    }
  }
}

export default function OfficerApplication() {
  const { detail, placeChoices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { application } = detail;
  const decisionActions = detail.actions.filter((a) => decisions.includes(a));
  const decided = actionData && actionData.form !== "proposal" && actionData.form !== "files" ? actionData : null;
  // A refusal of the whole decision (a stale page, a step no longer allowed) shows above the forms, which may be gone.
  const refusal = decided && !decided.notice ? [...(decided.result.error?.[""] ?? []), ...(decided.result.error?.version ?? []), ...(decided.result.error?.decision ?? [])] : null;
  const pending = pendingOf(actionData);
  const decisionSummary = (values: PostedValues) => decisionConfirmation(applicationFacts(detail), values);
  return (
    <>
      <PageHeader
        title={`${kindLabels[application.kind]}：${application.title}`}
        description={<Link to="/officer/applications">返回申请列表</Link>}
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {pending && actionData?.form === "proposal" ? <ConfirmationPage pending={pending} summary={(values) => submitConfirmation(applicationFacts(detail), values)} back="#proposal" /> : null}
      {pending && actionData?.form !== "proposal" ? <ConfirmationPage pending={pending} summary={decisionSummary} back={`#decision-${actionData?.form}`} /> : null}
      <ApplicationSummary detail={detail} />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ApplicantWorkspace
            detail={detail}
            action={`/officer/applications/${application.id}`}
            placeChoices={placeChoices}
            proposalResult={actionData?.form === "proposal" ? actionData.result : null}
            filesResult={actionData?.form === "files" ? actionData.result : null}
            problems={detail.problems}
          />
          {decisionActions.length || refusal?.length ? (
            <Panel title="审查决定">
              <FormError errors={refusal} />
              <div className="space-y-5">
                {decisionActions.map((decision) => (
                  <DecisionForm
                    key={decision}
                    decision={decision}
                    label={decisionLabel(application.kind, decision, application.state)}
                    version={application.version}
                    suggestion={decision === "approve" ? detail.approvalSuggestion : null}
                    materials={decision === "return" ? detail.materials.map((m) => m.name) : []}
                    handover={
                      decision === "approve" && application.kind === "cancellation"
                        ? { items: itemsToReturn(detail.organization?.type), basis: handoverBasis(detail.organization?.type) }
                        : null
                    }
                    basis={decision === "reject" ? refusalBasis(application.kind, detail.proposal.type ?? detail.organization?.type, application.state) : null}
                    lastResult={decided?.form === decision ? decided.result : null}
                    summary={decisionSummary}
                  />
                ))}
              </div>
            </Panel>
          ) : null}
        </div>
        <Panel title="办理过程">
          <StepTimeline kind={application.kind} steps={detail.steps} />
        </Panel>
      </div>
    </>
  );
}

type DecisionFields = {
  decision: string;
  version: string;
  reason: string;
  missing: string[];
  returned: string[];
  uscc: string;
  certificateNumber: string;
  usccAcceptedReason: string;
};

function DecisionForm({
  decision,
  label,
  version,
  suggestion,
  materials,
  handover,
  basis,
  lastResult,
  summary,
}: {
  decision: ApplicationAction;
  /** What this decision is called here: a refusal before 受理 is 不予受理, after it 不予登记. */
  label: string;
  version: number;
  suggestion: { uscc: string; certificateNumber: string } | null;
  /** A return: the kind's materials, to tick those missing. */
  materials: string[];
  /** A cancellation's approval: what must be handed back first. */
  handover: { items: Array<keyof typeof returnedItemLabels>; basis: string } | null;
  /** A refusal: the article it rests on. */
  basis: string | null;
  lastResult: SubmissionResult<string[]> | null;
  /** What 准予 or 不予登记 will do, asked before it is sent. */
  summary: (values: PostedValues) => Confirmation;
}) {
  const [form, fields] = useForm<DecisionFields>({
    id: `decision-${decision}`,
    lastResult,
    defaultValue: suggestion ?? undefined,
    shouldValidate: "onSubmit",
  });
  const initial = (value: unknown) => (typeof value === "string" ? value : undefined);
  const needsReason = transitionFor(decision).reasonRequired;
  return (
    <PostForm {...getFormProps(form)} className="border-b border-slate-100 pb-5 last:border-0">
      <input type="hidden" name={fields.decision.name} value={decision} />
      <input type="hidden" name={fields.version.name} value={version} />
      {suggestion ? (
        <>
          <Field
            label="统一社会信用代码"
            name={fields.uscc.name}
            defaultValue={initial(fields.uscc.initialValue)}
            errors={fields.uscc.errors}
            hint="已按本区民政登记代码段生成，可改为实际赋予的代码；系统会校验代码。"
            required
          />
          <Field label="登记证书编号" name={fields.certificateNumber.name} defaultValue={initial(fields.certificateNumber.initialValue)} errors={fields.certificateNumber.errors} required />
          <Field
            label="接受校验不通过的早期代码的理由（仅在必要时填写）"
            name={fields.usccAcceptedReason.name}
            defaultValue={initial(fields.usccAcceptedReason.initialValue)}
            errors={fields.usccAcceptedReason.errors}
          />
        </>
      ) : null}
      {materials.length ? (
        <fieldset className="mb-3">
          <legend className="text-sm font-medium text-slate-700">需补正的材料（一次性告知，全部列出）</legend>
          <div className="mt-1 space-y-1 text-sm">
            {materials.map((m) => (
              <label key={m} className="flex items-start gap-2">
                <input type="checkbox" name={fields.missing.name} value={m} className="mt-1" />
                {m}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {handover ? (
        <fieldset className="mb-3">
          <legend className="text-sm font-medium text-slate-700">收缴（{handover.basis}）</legend>
          <div className="mt-1 space-y-1 text-sm">
            {handover.items.map((item) => (
              <label key={item} className="flex items-start gap-2">
                <input type="checkbox" name={fields.returned.name} value={item} className="mt-1" aria-describedby={fields.returned.errors?.length ? `${form.id}-returned-error` : undefined} />
                已收缴{returnedItemLabels[item]}
              </label>
            ))}
          </div>
          <ErrorList id={`${form.id}-returned-error`} errors={fields.returned.errors} />
        </fieldset>
      ) : null}
      {needsReason ? (
        <TextAreaField
          label={decision === "return" ? "其他需补正的事项" : `${label}的理由`}
          name={fields.reason.name}
          defaultValue={initial(fields.reason.initialValue)}
          errors={fields.reason.errors}
          hint={basis ?? (decision === "return" ? "勾选的材料和此处写明的事项将在一份通知中告知申请人" : undefined)}
          required={decision !== "return"}
        />
      ) : null}
      {decision === "approve" || decision === "reject" ? (
        <ConfirmSubmit variant={decision === "reject" ? "danger" : "primary"} summary={summary}>
          {label}
        </ConfirmSubmit>
      ) : (
        <Button type="submit" variant={decision === "return" ? "secondary" : "primary"}>
          {label}
        </Button>
      )}
    </PostForm>
  );
}
