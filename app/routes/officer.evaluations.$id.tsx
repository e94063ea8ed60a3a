import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { workOnRound } from "../domain/evaluations/commands.server";
import { roundWorkSchema } from "../domain/evaluations/forms";
import { roundPage } from "../domain/evaluations/queries.server";
import { gradeLabel } from "../domain/evaluations/rules";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { formatDate } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { Button, Field, FormError, PostForm, SelectField } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? "评估"} - 社会组织评估` }];

const idOf = (param: string | undefined) => rowIdOrNotFound(param, "找不到该轮评估。");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "evaluation:manage");
  return roundPage(actor, idOf(params.id), new Date());
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "evaluation:manage");
  const form = await readForm(request);
  const key = `${form.get("intent") ?? ""}-${form.get("evaluationId") ?? ""}`;
  const submission = parseSubmission(form, { schema: roundWorkSchema });
  if (submission.status !== "success") return data({ key, result: replyTo(submission), notice: null }, { status: 400 });
  const outcome = await workOnRound(actionContext(context, actor), idOf(params.id), submission.value);
  if (!outcome.ok) return data({ key, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { key, result: submission.reply({ resetForm: true }), notice: submission.value.intent === "grade" ? "已评定等级，有效期 5 年，已在公开登记信息中显示。" : "已登记该组织的评估申请。" };
}

type Applicant = ReturnType<typeof useLoaderData<typeof loader>>["applicants"][number];

export default function EvaluationRound() {
  const { round, applicants, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (key: string) => (actionData?.key === key ? actionData.result : undefined);
  const [form, fields] = useForm<{ code: string }>({ id: "apply-for", lastResult: resultFor("apply-for-"), shouldValidate: "onSubmit" });
  const columns: Array<Column<Applicant>> = [
    {
      label: "组织",
      rowHeader: true,
      cell: (a) => (
        <>
          <Link to={`/officer/orgs/${a.evaluation.organizationId}`}>{a.name}</Link>
          <span className="block text-xs text-slate-600">
            {organizationTypeLabels[a.type]} · {a.uscc}
          </span>
        </>
      ),
    },
    { label: "申请日期", className: "whitespace-nowrap", cell: (a) => formatDate(a.evaluation.appliedOn) },
    {
      label: "评估等级",
      cell: (a) =>
        a.evaluation.awardedOn ? (
          <>
            <Badge tone={a.evaluation.grade ? "green" : "slate"}>{gradeLabel(a.evaluation.grade ?? 0)}</Badge>
            <span className="block text-xs text-slate-600">
              {formatDate(a.evaluation.awardedOn)}评定{a.evaluation.validUntil ? `，有效期至 ${formatDate(a.evaluation.validUntil)}` : ""}
            </span>
          </>
        ) : (
          <GradeForm evaluationId={a.evaluation.id} version={a.evaluation.version} name={a.name} today={today} lastResult={resultFor(`grade-${a.evaluation.id}`)} />
        ),
    },
  ];
  return (
    <>
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/officer/evaluations">社会组织评估</Link>
      </nav>
      <PageHeader title={round.title} description={`申请截止：${formatDate(round.applyUntil)}`} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <Panel title={`申请参加评估的组织（${applicants.length} 个）`} className="mb-6">
        <DataTable caption="申请参加本轮评估的组织" columns={columns} rows={applicants} rowKey={(a) => a.evaluation.id} empty="还没有组织申请。" framed={false} />
      </Panel>
      <Panel title="代为登记申请">
        <PostForm {...getFormProps(form)} className="flex max-w-xl flex-wrap items-end gap-3">
          <FormError errors={form.errors} />
          <input type="hidden" name="intent" value="apply-for" />
          <Field label="统一社会信用代码" name={fields.code.name} errors={fields.code.errors} maxLength={18} hint="组织提交纸质申请书的，由登记管理机关代为登记" required />
          <Button type="submit" variant="secondary" className="mb-4">
            登记申请
          </Button>
        </PostForm>
      </Panel>
    </>
  );
}

function GradeForm({ evaluationId, version, name, today, lastResult }: { evaluationId: number; version: number; name: string; today: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ grade: string; awardedOn: string }>({ id: `grade-${evaluationId}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="grade" />
      <input type="hidden" name="evaluationId" value={evaluationId} />
      <input type="hidden" name="version" value={version} />
      <SelectField label="等级" name={fields.grade.name} errors={fields.grade.errors} defaultValue="">
        <option value="" disabled>
          请选择
        </option>
        {[5, 4, 3, 2, 1, 0].map((g) => (
          <option key={g} value={g}>
            {gradeLabel(g)}
          </option>
        ))}
      </SelectField>
      <Field label="评定日期" name={fields.awardedOn.name} type="date" max={today} defaultValue={today} errors={fields.awardedOn.errors} required />
      <Button type="submit" variant="secondary" className="mb-4" aria-label={`评定：${name}`}>
        评定
      </Button>
    </PostForm>
  );
}
