import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requireGrant, requirePermission } from "../auth/require.server";
import { reportDecisionSchema } from "../domain/inspections/forms";
import { conclusionLabels, correctionMonths, reportTargetOf } from "../domain/inspections/rules";
import { decideReport, verifyCorrection } from "../domain/inspections/commands.server";
import { reportAccess, reportReview } from "../domain/inspections/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { Button, FormError, PostForm, RadioGroup, TextAreaField } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { FiledReport } from "../ui/filed-report";
import { InspectionStateBadge } from "../ui/officer-inspection";
import { Notice } from "../ui/notice";
import { RectificationItem, VerifyForm } from "../ui/rectification";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "年度报告"} ${data?.report.year ?? ""} 年度年检报告 - 年度检查` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const { year, reportId } = reportTargetOf(params);
  return reportReview(actor, year, reportId, new Date());
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const target = reportTargetOf(params);
  // As the page: a report outside the officer's scope (or of another year, or a draft) is a 404 whatever was posted.
  await reportAccess(actor, target.year, target.reportId);
  requireGrant(actor, "inspection:review");
  const submission = parseSubmission(await readForm(request), { schema: reportDecisionSchema });
  const posted = submission.payload.decision;
  const decision: Decision = posted === "return" || posted === "verify" ? posted : "conclude";
  if (submission.status !== "success") return data({ decision, result: replyTo(submission), notice: null }, { status: 400 });
  const ctx = actionContext(context, actor);
  const input = submission.value;
  const outcome = input.decision === "verify" ? await verifyCorrection(ctx, target, input) : await decideReport(ctx, target, input);
  if (!outcome.ok) return data({ decision, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  const notice =
    input.decision === "verify"
      ? "已记录整改核实结果。"
      : input.decision === "return"
        ? "已退回修改，组织修改后可重新报送。"
        : `已作出年检结论：${conclusionLabels[input.conclusion]}。结论尚未公布，可在年度页面公布。`;
  return { decision, result: submission.reply({ resetForm: true }), notice };
}

type Decision = "return" | "conclude" | "verify";

export default function ReportReview() {
  const detail = useLoaderData<typeof loader>();
  const { report, organization, canReview } = detail;
  const actionData = useActionData<typeof action>();
  const resultFor = (decision: Decision) => (actionData?.decision === decision ? actionData.result : undefined);
  // A refusal of the whole step (a stale version, a step no longer allowed) shows above the
  // forms: once the page reloads, the report may have moved on and the forms be gone.
  // The verification form shows its own refusal beside it, as the spot-check page's does.
  const refusal = actionData && !actionData.notice && actionData.decision !== "verify" ? [...(actionData.result.error?.[""] ?? []), ...(actionData.result.error?.version ?? []), ...(actionData.result.error?.decision ?? [])] : null;
  const yearPath = `/officer/inspections/${report.year}`;
  const awaitingUnit = !!report.unitName && report.unitDecision !== "agreed";
  return (
    <>
      <PageHeader
        title={`${organization.name}：${report.year} 年度年检报告`}
        description={
          <>
            <Link to={yearPath}>返回 {report.year} 年度年检</Link> · <Link to={`/officer/orgs/${organization.id}`}>查看登记信息</Link>
          </>
        }
        actions={<InspectionStateBadge state={report.state} />}
      />
      {actionData?.notice ? (
        <Notice>
          {actionData.notice}
          {actionData.decision === "conclude" ? (
            <>
              {" "}
              <Link to={`${yearPath}?state=concluded`}>前往公布</Link>
            </>
          ) : null}
        </Notice>
      ) : null}
      <FormError errors={refusal} />
      <FiledReport detail={detail}>
        {detail.correction ? (
          <Panel title="基本合格整改情况">
            <RectificationItem
              r={detail.correction}
              today={detail.today}
              verify={(r) => (canReview ? <VerifyForm formId={`verify-${r.id}`} fields={{ decision: "verify" }} version={r.version} answered={!!r.answeredOn} lastResult={resultFor("verify")} /> : null)}
            />
          </Panel>
        ) : null}
        {canReview && report.state === "submitted" ? (
          <Panel title="审查">
            <ReturnForm version={report.version} lastResult={resultFor("return")} />
            {awaitingUnit ? (
              <p className="pt-5 text-sm text-slate-700">
                年度工作报告须经业务主管单位（{report.unitName}）初审同意后，方可作出年检结论（{detail.preliminaryBasis}）。
              </p>
            ) : (
              <ConcludeForm version={report.version} lastResult={resultFor("conclude")} />
            )}
          </Panel>
        ) : null}
      </FiledReport>
    </>
  );
}

function ReturnForm({ version, lastResult }: { version: number; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ decision: string; reason: string; version: string }>({ id: `return-${version}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="border-b border-slate-100 pb-5">
      <h3 className="mb-2 font-medium text-slate-900">退回修改</h3>
      <input type="hidden" name={fields.decision.name} value="return" />
      <input type="hidden" name={fields.version.name} value={version} />
      <TextAreaField
        label="退回理由"
        name={fields.reason.name}
        defaultValue={fields.reason.initialValue as string | undefined}
        errors={fields.reason.errors}
        hint="写明需要补正或修改的内容，组织将看到这段说明。"
        maxLength={500}
        required
      />
      <Button type="submit" variant="secondary">
        退回修改
      </Button>
    </PostForm>
  );
}

function ConcludeForm({ version, lastResult }: { version: number; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ decision: string; conclusion: string; note: string; version: string }>({ id: `conclude-${version}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="pt-5">
      <h3 className="mb-2 font-medium text-slate-900">作出年检结论</h3>
      <input type="hidden" name={fields.decision.name} value="conclude" />
      <input type="hidden" name={fields.version.name} value={version} />
      <RadioGroup
        legend="年检结论"
        name={fields.conclusion.name}
        defaultValue={fields.conclusion.initialValue as string | undefined}
        errors={fields.conclusion.errors}
        required
        options={[
          { value: "pass", label: conclusionLabels.pass },
          { value: "basic_pass", label: conclusionLabels.basic_pass, hint: `须写明需要整改的事项；结论公布后，组织须在 ${correctionMonths} 个月内报告整改情况，由登记管理机关核实` },
          { value: "fail", label: conclusionLabels.fail, hint: "须写明理由；不合格的组织可列入活动异常名录" },
        ]}
      />
      <TextAreaField
        label="整改事项或不合格理由"
        name={fields.note.name}
        defaultValue={fields.note.initialValue as string | undefined}
        errors={fields.note.errors}
        hint="结论为合格时可不填。"
        maxLength={1000}
      />
      <Button type="submit">作出结论</Button>
    </PostForm>
  );
}
