import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { actionContext, readForm, readUploads, requirePermission } from "../auth/require.server";
import { notFound } from "../domain/shared/errors";
import { reportFormSchema, uploadSchema } from "../domain/inspections/forms";
import { parseInspectionYear } from "../domain/inspections/rules";
import { attachReportFiles, removeReportFile, saveAnnualReport } from "../domain/inspections/commands.server";
import { ownReportAccess, reportPage } from "../domain/inspections/queries.server";
import { maxAttachmentBytes } from "../domain/shared/file-types";
import { pendingConfirmation, parseSubmission, replyTo } from "../domain/shared/form-submission";
import { pendingOf, type PostedValues } from "../domain/shared/confirmation";
import { filingConfirmation } from "../domain/inspections/confirmations";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { ConfirmationPage } from "../ui/confirm";
import { FormError } from "../ui/form";
import { ReportForm } from "../ui/inspection-form";
import { ConclusionNotice, InspectionStateBadge, InspectionTimeline, ReportFiles, ReportTable } from "../ui/inspection-view";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";
import { RectificationStateBadge } from "../ui/rectification";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.year ?? ""} 年度年检报告 - 社会组织服务` }];

function yearOf(param: string | undefined): number {
  return parseInspectionYear(param) ?? notFound("找不到该年度的年检。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  return reportPage(actor, yearOf(params.year), new Date());
}

const draftNotSaved = "有填写不正确的内容，草稿未保存，请按提示修改。";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:file");
  const year = yearOf(params.year);
  // As the page: a year not opened is a 404 whatever was posted.
  await ownReportAccess(actor, year);
  const ctx = actionContext(context, actor);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUploads(request, maxAttachmentBytes);
    const submission = parseSubmission(upload.form, { schema: uploadSchema });
    if (upload.refusal) return data({ form: "files", result: replyTo(submission, { fieldErrors: { files: [upload.refusal] } }), notice: null }, { status: 400 });
    const outcome = await attachReportFiles(ctx, year, upload.files);
    if (!outcome.ok) return data({ form: "files", result: replyTo(submission, outcome), notice: null }, { status: outcome.formError ? 409 : 400 });
    return { form: "files", result: submission.reply(), notice: `已上传 ${outcome.value} 个文件。` };
  }
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: reportFormSchema });
  if (submission.status !== "success") {
    const form = submission.payload.intent === "remove-file" ? "files" : "report";
    return data({ form, result: replyTo(submission, null, { formError: form === "report" ? draftNotSaved : undefined }), notice: null }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "remove-file") {
    const outcome = await removeReportFile(ctx, year, value);
    if (!outcome.ok) return data({ form: "files", result: replyTo(submission, outcome), notice: null }, { status: 409 });
    return { form: "files", result: submission.reply(), notice: "文件已删除。" };
  }
  // 报送 cannot be undone: nothing is saved until the summary was confirmed.
  const confirm = value.intent === "save" ? null : pendingConfirmation(form, reportFormSchema);
  if (confirm) return { form: "report", result: submission.reply(), notice: null, confirm };
  const outcome = await saveAnnualReport(ctx, year, value);
  if (!outcome.ok) return data({ form: "report", result: replyTo(submission, outcome), notice: null }, { status: outcome.draftSaved ? 400 : 409 });
  const { submitted, unitName } = outcome.value;
  const notice = !submitted
    ? "草稿已保存。"
    : `年度报告已${value.intent === "resubmit" ? "重新" : ""}报送，${unitName ? `请等待业务主管单位（${unitName}）初审，初审同意后由登记管理机关审查。` : "请等待登记管理机关审查。"}`;
  return { form: "report", result: submission.reply(), notice };
}

/** A refused submission still saved the draft, so the page reloads its data after every post, refused or not. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" || defaultShouldRevalidate;

export default function OrgInspectionReport() {
  const { year, deadline, pastDeadline, unitName, organization, notDue, report, lastYear, changed, row, files, steps, editable, correction } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reportResult = actionData?.form === "report" ? actionData.result : null;
  const lastReturn = row?.state === "returned" ? [...steps].reverse().find((s) => s.action === "return" || s.action === "unit_return") : undefined;
  const path = `/org/inspections/${year}`;
  const pending = pendingOf(actionData);
  const confirmation = (values: PostedValues) => filingConfirmation({ year, organizationName: organization.name, unitName, files }, values);
  return (
    <>
      <PageHeader
        title={`${year} 年度年检报告`}
        description={
          <>
            {organization.name} · 报告 {year} 年度情况 · 截止日期 {formatDate(deadline)} · <Link to="/org/inspections">返回年度检查</Link>
          </>
        }
        actions={notDue ? undefined : <InspectionStateBadge state={row?.state ?? null} />}
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {pending && editable ? <ConfirmationPage pending={pending} summary={confirmation} back="#report" action={path} /> : null}
      {notDue ? (
        <Panel>
          <p>{notDue}</p>
        </Panel>
      ) : (
        <>
          {lastReturn ? (
            <div role="status" className="mb-6 rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
              <p className="text-lg font-semibold">年度报告已被退回修改</p>
              <p className="mt-1">退回理由：{lastReturn.reason}</p>
              <p className="mt-1 text-sm">
                {formatDateTime(lastReturn.at)} · {lastReturn.actorName ?? (lastReturn.action === "unit_return" ? "业务主管单位" : "登记管理机关")}。请按要求修改后重新报送。
              </p>
            </div>
          ) : null}
          {row?.state === "concluded" && row.conclusion ? (
            <ConclusionNotice conclusion={row.conclusion} note={row.conclusionNote} concludedAt={row.concludedAt} publishedAt={row.publishedAt}>
              {correction ? (
                <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
                  <span>整改期限：{formatDate(correction.deadline)}</span>
                  <RectificationStateBadge state={correction.state} />
                  <Link to="/org/rectifications">{correction.verdict ? "查看核实结果" : correction.answeredOn ? "查看或补充整改情况" : "报告整改情况"}</Link>
                </p>
              ) : null}
            </ConclusionNotice>
          ) : null}
          {!editable && reportResult?.error?.[""] ? <FormError errors={reportResult.error[""]} /> : null}
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="min-w-0 lg:col-span-2">
              {editable ? (
                <ReportForm
                  action={path}
                  year={year}
                  deadline={deadline}
                  pastDeadline={pastDeadline}
                  unitName={unitName}
                  report={report}
                  lastYear={lastYear}
                  changed={changed}
                  version={row?.version ?? null}
                  lastResult={reportResult}
                  submitAction={row?.state === "returned" ? "resubmit" : "submit"}
                  confirmation={confirmation}
                />
              ) : (
                <Panel title="年度报告内容">
                  <p className="mb-4 text-sm text-slate-600">
                    {row?.submittedAt ? `已于 ${formatDateTime(row.submittedAt)} 报送，` : ""}
                    报告已不能修改
                    {row?.state !== "submitted"
                      ? ""
                      : row.unitName && !row.unitDecision
                        ? `；报告正由业务主管单位（${row.unitName}）初审，如需修改，请联系其退回`
                        : "；如需修改，请联系登记管理机关退回"}
                    。
                  </p>
                  <ReportTable report={report} lastYear={lastYear} changed={changed} />
                </Panel>
              )}
              <ReportFiles files={files} action={path} editable={editable} lastResult={actionData?.form === "files" ? actionData.result : null} />
            </div>
            <div className="space-y-6">
              <Panel title="登记簿记载">
                <dl className="space-y-2 text-sm">
                  {(
                    [
                      ["名称", organization.name],
                      ["统一社会信用代码", organization.uscc ?? organization.filingNumber ?? ""],
                      ["法定代表人", organization.legalRepresentative],
                      ["住所", organization.address],
                      ["业务主管单位", organization.supervisingUnit],
                      ["注册资金", organization.registeredFunds != null ? `${organization.registeredFunds.toLocaleString("zh-CN")} 元` : null],
                    ] as const
                  ).map(([label, value]) => (
                    <div key={label}>
                      <dt className="text-slate-600">{label}</dt>
                      <dd>{value || "—"}</dd>
                    </div>
                  ))}
                </dl>
                <p className="mt-3 text-xs text-slate-600">
                  与实际情况不符的，请在第一部分选择“有变动”并说明，并依法 <Link to="/org">申请变更登记</Link>。
                </p>
              </Panel>
              <Panel title="办理过程">
                <InspectionTimeline steps={steps} />
              </Panel>
            </div>
          </div>
        </>
      )}
    </>
  );
}
