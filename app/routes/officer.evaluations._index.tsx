import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { createRound } from "../domain/evaluations/commands.server";
import { roundSchema } from "../domain/evaluations/forms";
import { roundsPage } from "../domain/evaluations/queries.server";
import { evaluationRegulation } from "../domain/evaluations/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "社会组织评估 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "evaluation:manage");
  return { rounds: await roundsPage(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "evaluation:manage");
  const submission = parseSubmission(await readForm(request), { schema: roundSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission) }, { status: 400 });
  const outcome = await createRound(actionContext(context, actor), submission.value);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome) }, { status: 400 });
  return redirectWithNotice(request, `/officer/evaluations/${outcome.value.id}`, "已开展新一轮评估，可登记组织的评估申请。", 303);
}

type Round = ReturnType<typeof useLoaderData<typeof loader>>["rounds"][number];

const columns: Array<Column<Round>> = [
  { label: "评估", rowHeader: true, cell: (r) => <Link to={`/officer/evaluations/${r.id}`}>{r.title}</Link> },
  { label: "申请截止", className: "whitespace-nowrap", cell: (r) => formatDate(r.applyUntil) },
  { label: "申请", numeric: true, cell: (r) => r.applied },
  { label: "已评定", numeric: true, cell: (r) => r.graded },
];

export default function EvaluationRounds() {
  const { rounds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ title: string; applyUntil: string }>({ id: "new-round", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  return (
    <>
      <PageHeader title="社会组织评估" description={`依照${evaluationRegulation}开展评估：组织自愿申请，评估等级由高到低为 5A 至 1A，有效期 5 年；有效的等级显示在公开登记信息中，可按等级查询。`} />
      <Panel title="评估" className="mb-6">
        <DataTable caption="社会组织评估，按开展时间倒序排列" columns={columns} rows={rounds} rowKey={(r) => r.id} empty="还没有开展评估。" framed={false} />
      </Panel>
      <Panel title="开展新一轮评估">
        <PostForm {...getFormProps(form)} className="max-w-xl">
          <FormError errors={form.errors} />
          <Field label="评估名称" name={fields.title.name} defaultValue={fields.title.initialValue as string | undefined} errors={fields.title.errors} maxLength={80} required />
          <Field label="申请截止日期" name={fields.applyUntil.name} type="date" defaultValue={fields.applyUntil.initialValue as string | undefined} errors={fields.applyUntil.errors} required />
          <Button type="submit">开展评估</Button>
        </PostForm>
      </Panel>
    </>
  );
}
