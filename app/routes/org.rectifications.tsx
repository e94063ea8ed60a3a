import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { answerRectification } from "../domain/spot-checks/commands.server";
import { rectificationAnswerSchema } from "../domain/spot-checks/forms";
import { ownRectifications } from "../domain/spot-checks/queries.server";
import { correctionMonths } from "../domain/inspections/rules";
import { Button, FormError, PostForm, TextAreaField } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { RectificationStateBadge } from "../ui/rectification";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "整改事项 - 本组织" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "rectification:answer");
  return { items: await ownRectifications(actor, new Date()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "rectification:answer");
  const submission = parseSubmission(await readForm(request), { schema: rectificationAnswerSchema });
  const id = Number(submission.payload.rectificationId) || null;
  if (submission.status !== "success") return data({ id, result: replyTo(submission), notice: null }, { status: 400 });
  const outcome = await answerRectification(actionContext(context, actor), submission.value);
  if (!outcome.ok) return data({ id, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { id, result: submission.reply(), notice: "整改情况已报送登记管理机关，核实前可以补充修改。" };
}

export default function OwnRectifications() {
  const { items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="整改事项" description={`登记管理机关在双随机抽查中发现问题、责令限期整改的事项，以及年检结论为基本合格、须按要求整改的事项（自结论公布之日起 ${correctionMonths} 个月内）。请在期限内完成整改并报告整改情况；逾期未完成整改的，依法列入活动异常名录（《社会组织信用信息管理办法》第十条第三项）。`} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {items.length ? (
        <div className="space-y-4">
          {items.map((r) => (
            <Panel key={r.id} title={r.plan}>
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <RectificationStateBadge state={r.state} />
                <span>整改期限：{formatDate(r.deadline)}</span>
              </p>
              <p className="mt-2 text-sm">
                {r.origin}
                {r.link ? (
                  <>
                    {" "}
                    <Link to={r.link}>查看年检报告</Link>
                  </>
                ) : null}
              </p>
              <p className="mt-1 text-sm font-medium">整改要求：{r.problem}</p>
              {r.verdict ? (
                <p className="mt-2 text-sm">
                  {formatDate(r.verifiedOn)} 登记管理机关核实：{r.verificationNote}
                </p>
              ) : (
                <AnswerForm id={r.id} version={r.version} answer={r.answer} lastResult={actionData?.id === r.id ? actionData.result : undefined} />
              )}
              {r.verdict && r.answer ? <p className="mt-1 text-sm text-slate-700">本组织报告（{formatDate(r.answeredOn)}）：{r.answer}</p> : null}
            </Panel>
          ))}
        </div>
      ) : (
        <Panel>
          <p className="text-sm text-slate-600">本组织没有需要整改的事项。</p>
        </Panel>
      )}
    </>
  );
}

function AnswerForm({ id, version, answer, lastResult }: { id: number; version: number; answer: string | null; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ answer: string }>({ id: `answer-${id}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="mt-3 max-w-2xl">
      <FormError errors={form.errors} />
      <input type="hidden" name="rectificationId" value={id} />
      <input type="hidden" name="version" value={version} />
      <TextAreaField label="整改情况" name={fields.answer.name} defaultValue={(fields.answer.initialValue as string | undefined) ?? answer ?? ""} errors={fields.answer.errors} rows={4} maxLength={2000} hint="写明采取的措施和完成情况" required />
      <Button type="submit">{answer ? "修改整改情况" : "报告整改情况"}</Button>
    </PostForm>
  );
}
