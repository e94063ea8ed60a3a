import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readUploads, requirePermission } from "../auth/require.server";
import { missingDocument, recordPenalty } from "../domain/credit/commands.server";
import { penaltySchema } from "../domain/credit/forms";
import { creditConsequenceLabels, penaltyArticle, penaltyKindLabels } from "../domain/credit/penalties";
import { officerRecord, organizationAccess } from "../domain/organizations/queries.server";
import { maxAttachmentBytes } from "../domain/shared/file-types";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { shanghaiDate } from "../domain/shared/time";
import { Button, ErrorSummary, Field, FileField, PostForm, SelectField, TextAreaField } from "../ui/form";
import { fieldId } from "../ui/form-id";
import { PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `记录行政处罚：${data?.name ?? ""} - 社会组织登记簿` }];

function idOf(param: string | undefined): number {
  return rowIdOrNotFound(param, "登记簿中没有该社会组织。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "penalty:decide");
  const { organization } = await officerRecord(actor, idOf(params.id));
  return { id: organization.id, name: organization.name, type: organization.type, status: organization.status, article: penaltyArticle(organization.type), today: shanghaiDate(new Date()) };
}

/** The decision with its document: the record's page on success, otherwise why not, beside the field at fault. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "penalty:decide");
  const id = idOf(params.id);
  // As the page: a record outside the officer's scope is a 404 whatever was posted.
  await organizationAccess(actor, id);
  const upload = await readUploads(request, maxAttachmentBytes, 1);
  const submission = parseSubmission(upload.form, { schema: penaltySchema });
  if (upload.refusal) return data({ result: replyTo(submission, { fieldErrors: { document: [upload.refusal] } }) }, { status: 400 });
  if (submission.status !== "success") {
    // The missing document is said with the form's other errors, not after they are mended.
    const fieldErrors = Object.fromEntries(Object.entries(submission.error ?? {}).filter((e): e is [string, string[]] => !!e[1]?.length));
    if (!upload.files.length) fieldErrors.document = [missingDocument];
    return data({ result: replyTo(submission, { fieldErrors }) }, { status: 400 });
  }
  const outcome = await recordPenalty(actionContext(context, actor), id, submission.value, upload.files[0] ?? null);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome) }, { status: 400 });
  return redirectWithNotice(request, `/officer/orgs/${id}`, "行政处罚决定已录入并公示，已记入审计日志。", 303);
}

/** The form's labels, beside the fields and in the error summary; `document` is the file's errors. */
const labels = {
  kind: "处罚种类",
  amount: "金额（元）",
  suspendedFrom: "停止活动起始日期",
  suspendedUntil: "停止活动截止日期",
  facts: "违法事实",
  legalBasis: "处罚依据",
  decisionNumber: "决定书文号",
  decidedOn: "决定日期",
  authority: "作出决定的机关",
  document: "行政处罚决定书",
} as const;

export default function NewPenalty() {
  const { id, name, article, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<Record<string, string>>({ id: "penalty", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const typed = (name: string) => fields[name]?.initialValue as string | undefined;
  const documentErrors = (actionData?.result.error as Record<string, string[]> | undefined)?.document;
  return (
    <>
      <PageHeader
        title={`记录行政处罚：${name}`}
        description={
          <>
            <Link to={`/officer/orgs/${id}`}>返回登记信息</Link> · 处罚种类见{article}。录入后在该组织的公开信息中公示（决定书不公开）；撤销登记、吊销登记证书同时把登记状态改为“已撤销”。
          </>
        }
      />
      <Panel>
        <PostForm {...getFormProps(form)} noValidate encType="multipart/form-data" className="grid max-w-3xl gap-x-6 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <ErrorSummary result={actionData?.result} labels={labels} />
          </div>
          <SelectField label={labels.kind} name="kind" defaultValue={typed("kind") ?? ""} errors={fields.kind?.errors} required>
            <option value="" disabled>
              请选择
            </option>
            {Object.entries(penaltyKindLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <Field label={labels.amount} name="amount" inputMode="decimal" defaultValue={typed("amount")} errors={fields.amount?.errors} hint="罚款必填；没收违法所得可填" />
          <Field label={labels.suspendedFrom} name="suspendedFrom" type="date" defaultValue={typed("suspendedFrom")} errors={fields.suspendedFrom?.errors} hint="限期停止活动必填" />
          <Field label={labels.suspendedUntil} name="suspendedUntil" type="date" defaultValue={typed("suspendedUntil")} errors={fields.suspendedUntil?.errors} />
          <div className="sm:col-span-2">
            <TextAreaField label={labels.facts} name="facts" defaultValue={typed("facts")} errors={fields.facts?.errors} maxLength={2000} rows={4} required />
            <Field label={labels.legalBasis} name="legalBasis" defaultValue={typed("legalBasis")} errors={fields.legalBasis?.errors} maxLength={500} hint={`如：${article}第一款第（六）项`} required />
          </div>
          <Field label={labels.decisionNumber} name="decisionNumber" defaultValue={typed("decisionNumber")} errors={fields.decisionNumber?.errors} maxLength={60} hint="如：鲤民罚决字〔2026〕3号" required />
          <Field label={labels.decidedOn} name="decidedOn" type="date" max={today} defaultValue={typed("decidedOn")} errors={fields.decidedOn?.errors} required />
          <Field label={labels.authority} name="authority" defaultValue={typed("authority") ?? "鲤城区民政局"} errors={fields.authority?.errors} maxLength={60} required />
          <FileField
            id={fieldId(form.id, "document")}
            label={labels.document}
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            hint="PDF、JPEG 或 PNG，不超过 10 MB；出错后请重新选择文件。"
            errors={documentErrors}
          />
          <div className="sm:col-span-2">
            <p className="mb-3 text-xs text-slate-600">
              信用后果：警告或不满 5 万元的罚款，{creditConsequenceLabels.abnormal}；限期停止活动、5 万元以上罚款、撤销登记或吊销登记证书，{creditConsequenceLabels.serious}。
            </p>
            <Button type="submit">录入处罚决定</Button>
          </div>
        </PostForm>
      </Panel>
    </>
  );
}
