import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { fileObjection } from "../domain/objections/commands.server";
import { objectionSchema } from "../domain/objections/forms";
import { ownObjections } from "../domain/objections/queries.server";
import { answerDays, correctionWorkingDays, creditPartLabels, creditParts } from "../domain/objections/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { Button, ErrorSummary, Field, PostForm, SelectField, TextAreaField, typedText } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";
import { ObjectionCourse } from "../ui/objections";

export const meta: MetaFunction = () => [{ title: "信用信息异议 - 本组织" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "credit:object");
  return ownObjections(actor, new Date());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "credit:object");
  const submission = parseSubmission(await readForm(request), { schema: objectionSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission), notice: null }, { status: 400 });
  const outcome = await fileObjection(actionContext(context, actor), submission.value);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { result: submission.reply({ resetForm: true }), notice: `异议已提交。登记管理机关将在 ${answerDays} 日内核实并答复。` };
}

export default function OwnObjections() {
  const { objections, organizationId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="信用信息异议"
        description={`认为本组织公开的信用信息有误的，可以在此提出异议，写明具体条目和理由。登记管理机关自收到异议之日起 ${answerDays} 日内核实并答复；经核实确有错误的，自查实之日起 ${correctionWorkingDays} 个工作日内更正（《社会组织信用信息管理办法》）。`}
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <div className="space-y-6">
        {organizationId ? (
          <p className="text-sm">
            <Link to={`/orgs/${organizationId}`}>查看本组织公开的信用信息</Link>
          </p>
        ) : null}
        <Panel title="提出异议">
          {organizationId ? <ObjectionForm lastResult={actionData?.result} /> : <p className="text-sm text-slate-600">您的账号尚未关联社会组织，不能提出异议。</p>}
        </Panel>
        <Panel title="已提出的异议">
          {objections.length ? (
            <ol className="space-y-4">
              {objections.map((o) => (
                <li key={o.id} className="rounded border border-slate-200 p-4">
                  <ObjectionCourse objection={o} />
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-600">尚未提出异议。</p>
          )}
        </Panel>
      </div>
    </>
  );
}

const objectionLabels = { part: "异议涉及的信用信息", subject: "具体条目", statement: "异议内容和理由", requested: "请求更正的内容" } as const;

function ObjectionForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ part: string; subject: string; statement: string; requested: string }>({ id: "objection", lastResult, shouldValidate: "onSubmit" });
  const initial = (name: keyof typeof fields) => typedText(fields[name]);
  return (
    <PostForm {...getFormProps(form)} className="max-w-2xl">
      <ErrorSummary result={lastResult} labels={objectionLabels} />
      <SelectField label={objectionLabels.part} name={fields.part.name} defaultValue={initial("part")} errors={fields.part.errors} required>
        <option value="" disabled>
          请选择
        </option>
        {creditParts.map((part) => (
          <option key={part} value={part}>
            {creditPartLabels[part]}
          </option>
        ))}
      </SelectField>
      <Field label={objectionLabels.subject} name={fields.subject.name} defaultValue={initial("subject")} errors={fields.subject.errors} maxLength={200} hint="如：处罚决定书文号、年度、列入日期" required />
      <TextAreaField label={objectionLabels.statement} name={fields.statement.name} defaultValue={initial("statement")} errors={fields.statement.errors} rows={4} maxLength={2000} hint="写明哪一项信息有误、为什么，以及可以证明的材料" required />
      <TextAreaField label={objectionLabels.requested} name={fields.requested.name} defaultValue={initial("requested")} errors={fields.requested.errors} rows={2} maxLength={1000} required />
      <Button type="submit">提交异议</Button>
    </PostForm>
  );
}
