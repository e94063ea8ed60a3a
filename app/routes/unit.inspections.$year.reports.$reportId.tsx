import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { reviewReportAsUnit } from "../domain/inspections/commands.server";
import { preliminarySchema } from "../domain/inspections/forms";
import { unitReportAccess, unitReportReview } from "../domain/inspections/queries.server";
import { reportTargetOf } from "../domain/inspections/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { FiledReport } from "../ui/filed-report";
import { Button, FormError, PostForm, TextAreaField } from "../ui/form";
import { InspectionStateBadge } from "../ui/inspection-view";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "年度报告"} ${data?.report.year ?? ""} 年度工作报告 - 年检初审` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:unit");
  const { year, reportId } = reportTargetOf(params);
  return unitReportReview(actor, year, reportId);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:preliminary");
  const target = reportTargetOf(params);
  // As the page: a filing that names another unit (or of another year, or a draft) is a 404 whatever was posted.
  await unitReportAccess(actor, target.year, target.reportId);
  const submission = parseSubmission(await readForm(request), { schema: preliminarySchema });
  if (submission.status !== "success") return data({ result: replyTo(submission), notice: null }, { status: 400 });
  const outcome = await reviewReportAsUnit(actionContext(context, actor), target, submission.value);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return {
    result: submission.reply({ resetForm: true }),
    notice:
      submission.value.decision === "agreed"
        ? "已初审同意，年度报告转登记管理机关审查。"
        : "已退回修改，理由已告知该组织；组织修改后重新报送，再由本单位初审。",
  };
}

export default function UnitReportReview() {
  const detail = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { report, organization } = detail;
  const [form, fields] = useForm<{ decision: string; opinion: string; version: string }>({
    id: `preliminary-${report.version}`,
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <PageHeader
        title={`${organization.name}：${report.year} 年度工作报告`}
        description={<Link to={`/unit/inspections?year=${report.year}`}>返回年检初审列表</Link>}
        actions={<InspectionStateBadge state={report.state} />}
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <FiledReport detail={detail}>
        {detail.canReview ? (
          <Panel title="初审意见">
            <p className="mb-3 text-sm text-slate-700">
              经本单位初审同意后，年度报告转登记管理机关审查（{detail.preliminaryBasis}）。
              {detail.supervisingDeadline ? `初审截止日期 ${formatDate(detail.supervisingDeadline)}。` : ""}
            </p>
            <PostForm {...getFormProps(form)}>
              <FormError errors={[...(form.errors ?? []), ...(fields.decision.errors ?? []), ...(fields.version.errors ?? [])]} />
              <input type="hidden" name={fields.version.name} value={report.version} />
              <TextAreaField
                label="初审意见"
                name={fields.opinion.name}
                defaultValue={fields.opinion.initialValue as string | undefined}
                errors={fields.opinion.errors}
                hint="同意的可简要说明；退回修改的须写明需要修改的内容，组织将看到这段说明"
                maxLength={500}
              />
              <div className="flex flex-wrap gap-3">
                <Button type="submit" name={fields.decision.name} value="agreed">
                  初审同意
                </Button>
                <Button type="submit" name={fields.decision.name} value="returned" variant="secondary">
                  退回修改
                </Button>
              </div>
            </PostForm>
          </Panel>
        ) : null}
      </FiledReport>
    </>
  );
}
