import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { unitReviewSchema } from "../domain/applications/forms";
import { kindLabels } from "../domain/applications/rules";
import { reviewAsUnit } from "../domain/applications/commands.server";
import { applicationAccess, applicationPage } from "../domain/applications/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { ApplicantWorkspace, ApplicationSummary, StepTimeline } from "../ui/application-view";
import { Button, FormError, PostForm, TextAreaField } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.application.title ?? "申请"} - 业务主管单位审查` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:unit");
  return applicationPage(actor, rowIdOrNotFound(params.id, "找不到该申请。"), new Date());
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:consent");
  const id = rowIdOrNotFound(params.id, "找不到该申请。");
  // As the page: an application naming another unit is a 404 whatever was posted.
  await applicationAccess(actor, id);
  const submission = parseSubmission(await readForm(request), { schema: unitReviewSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission, null), notice: null }, { status: 400 });
  const outcome = await reviewAsUnit(actionContext(context, actor), id, submission.value);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return {
    result: submission.reply({ resetForm: true }),
    notice: submission.value.decision === "consented" ? "已出具同意意见，登记管理机关可以受理。" : "已出具不同意意见，理由已告知申请人和登记管理机关。",
  };
}

export default function UnitApplication() {
  const { detail, placeChoices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { application, unitReview } = detail;
  const [form, fields] = useForm<{ decision: string; opinion: string }>({ id: "unit-review", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const open = application.state === "submitted" && unitReview && !unitReview.decision;
  return (
    <>
      <PageHeader title={`${kindLabels[application.kind]}：${application.title}`} description={<Link to="/unit">返回审查列表</Link>} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <ApplicationSummary detail={detail} />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ApplicantWorkspace detail={detail} action={`/unit/applications/${application.id}`} placeChoices={placeChoices} />
          {open ? (
            <Panel title="审查意见">
              <PostForm {...getFormProps(form)}>
                <FormError errors={[...(form.errors ?? []), ...(fields.decision.errors ?? [])]} />
                <TextAreaField
                  label="审查意见"
                  name={fields.opinion.name}
                  errors={fields.opinion.errors}
                  hint="同意的可简要说明；不同意的须写明理由，理由将告知申请人和登记管理机关"
                />
                <div className="flex flex-wrap gap-3">
                  <Button type="submit" name={fields.decision.name} value="consented">
                    同意
                  </Button>
                  <Button type="submit" name={fields.decision.name} value="withheld" variant="danger">
                    不同意
                  </Button>
                </div>
              </PostForm>
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
