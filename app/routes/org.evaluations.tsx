import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { applyForEvaluation } from "../domain/evaluations/commands.server";
import { applySchema } from "../domain/evaluations/forms";
import { ownEvaluations } from "../domain/evaluations/queries.server";
import { evaluationRegulation, gradeLabel } from "../domain/evaluations/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { Button, FormError, PostForm } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "社会组织评估 - 本组织" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "evaluation:apply");
  return ownEvaluations(actor, new Date());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "evaluation:apply");
  const submission = parseSubmission(await readForm(request), { schema: applySchema });
  if (submission.status !== "success") return data({ errors: Object.values(replyTo(submission).error ?? {}).flat() as string[], notice: null }, { status: 400 });
  const outcome = await applyForEvaluation(actionContext(context, actor), submission.value.roundId);
  if (!outcome.ok) return data({ errors: [outcome.formError ?? "申请未能提交，请刷新后重试。"], notice: null }, { status: 409 });
  return { errors: [] as string[], notice: "已申请参加评估，登记管理机关将通知评估安排。" };
}

export default function OwnEvaluations() {
  const { rounds, grade } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="社会组织评估" description={`依照${evaluationRegulation}，取得登记证书满两个年度的社会组织可以自愿申请评估；评估等级有效期 5 年。`} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <FormError errors={actionData?.errors} />
      <Panel title="本组织的评估等级" className="mb-6">
        {grade ? (
          <p>
            <Badge tone="green">{gradeLabel(grade.grade)}</Badge> {formatDate(grade.awardedOn)}评定，有效期至 {formatDate(grade.validUntil)}
          </p>
        ) : (
          <p className="text-sm text-slate-600">本组织目前没有有效的评估等级。</p>
        )}
      </Panel>
      <Panel title="评估">
        {rounds.length ? (
          <ul className="space-y-3">
            {rounds.map((r) => (
              <li key={r.id} className="rounded border border-slate-200 p-3 text-sm">
                <p className="font-medium">{r.title}</p>
                <p className="text-slate-700">申请截止：{formatDate(r.applyUntil)}</p>
                {r.applied ? (
                  <p className="mt-1">
                    {formatDate(r.applied.appliedOn)} 已申请
                    {r.applied.awardedOn ? `；${formatDate(r.applied.awardedOn)}评定为 ${gradeLabel(r.applied.grade ?? 0)}` : "，等待评定"}
                  </p>
                ) : r.problem ? (
                  <p className="mt-1 text-slate-600">{r.problem}</p>
                ) : (
                  <PostForm className="mt-2">
                    <input type="hidden" name="roundId" value={r.id} />
                    <Button type="submit">申请参加评估</Button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">目前没有开放申请的评估。</p>
        )}
      </Panel>
    </>
  );
}
