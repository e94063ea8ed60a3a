import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { actionContext, requirePermission } from "../auth/require.server";
import { notFound } from "../domain/shared/errors";
import { parseInspectionYear } from "../domain/inspections/forms";
import { handleReportPost } from "../domain/inspections/posts.server";
import type { Report } from "../domain/inspections/rules";
import { ownReport, reportSteps } from "../domain/inspections/inspections.server";
import { formatDate, formatDateTime, shanghaiDate } from "../domain/shared/time";
import { FormError } from "../ui/form";
import { ReportForm } from "../ui/inspection-form";
import { ConclusionNotice, InspectionStateBadge, InspectionTimeline, notDueReason, ReportFiles, ReportTable } from "../ui/inspection-view";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.year ?? ""} 年度年检报告 - 社会组织服务` }];

function yearOf(param: string | undefined): number {
  return parseInspectionYear(param) ?? notFound("找不到该年度的年检。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  const year = yearOf(params.year);
  const own = await ownReport(actor, year);
  const { organization: org, row } = own;
  // A first report with no earlier one to copy from starts from the register.
  const report: Report =
    !row && !own.report.officers && org.legalRepresentative ? { ...own.report, officers: `法定代表人：${org.legalRepresentative}` } : own.report;
  return {
    year,
    deadline: own.settings.registryDeadline,
    pastDeadline: shanghaiDate(new Date()) > own.settings.registryDeadline,
    register: {
      name: org.name,
      code: org.uscc ?? org.filingNumber ?? "",
      legalRepresentative: org.legalRepresentative,
      address: org.address,
      supervisingUnit: org.supervisingUnit,
      registeredFunds: org.registeredFunds,
    },
    notDue: !row && !own.due ? notDueReason(org, year) : null,
    report,
    lastYear: own.lastYear,
    changed: own.changed,
    row: row
      ? {
          state: row.state,
          version: row.version,
          submittedAt: row.submittedAt,
          conclusion: row.conclusion,
          conclusionNote: row.conclusionNote,
          concludedAt: row.concludedAt,
          publishedAt: row.publishedAt,
        }
      : null,
    files: own.files,
    steps: row ? await reportSteps(row.id) : [],
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:file");
  const result = await handleReportPost(actionContext(context, actor), yearOf(params.year), request);
  return data(result, { status: result.status });
}

/** A refused submission still saved the draft, so the page reloads its data after every post, refused or not. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" || defaultShouldRevalidate;

export default function OrgInspectionReport() {
  const { year, deadline, pastDeadline, register, notDue, report, lastYear, changed, row, files, steps } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const editable = !notDue && (!row || row.state === "draft" || row.state === "returned");
  const lastReturn = row?.state === "returned" ? [...steps].reverse().find((s) => s.action === "return") : undefined;
  const path = `/org/inspections/${year}`;
  return (
    <>
      <PageHeader
        title={`${year} 年度年检报告`}
        description={
          <>
            {register.name} · 报告 {year - 1} 年度情况 · 截止日期 {formatDate(deadline)} · <Link to="/org/inspections">返回年度检查</Link>
          </>
        }
        actions={notDue ? undefined : <InspectionStateBadge state={row?.state ?? null} />}
      />
      {result?.notice ? (
        <Notice>
          {result.notice}
        </Notice>
      ) : null}
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
                {formatDateTime(lastReturn.at)} · {lastReturn.actorName ?? "登记管理机关"}。请按要求修改后重新报送。
              </p>
            </div>
          ) : null}
          {row?.state === "concluded" && row.conclusion ? (
            <ConclusionNotice conclusion={row.conclusion} note={row.conclusionNote} concludedAt={row.concludedAt} publishedAt={row.publishedAt} />
          ) : null}
          {!editable && result?.formError ? <FormError errors={[result.formError]} /> : null}
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="min-w-0 lg:col-span-2">
              {editable ? (
                <ReportForm
                  action={path}
                  year={year}
                  deadline={deadline}
                  pastDeadline={pastDeadline}
                  report={report}
                  values={result?.values}
                  lastYear={lastYear}
                  changed={changed}
                  version={row?.version ?? null}
                  fieldErrors={result?.fieldErrors}
                  formError={result?.formError}
                  submitAction={row?.state === "returned" ? "resubmit" : "submit"}
                />
              ) : (
                <Panel title="年度报告内容">
                  <p className="mb-4 text-sm text-slate-600">
                    {row?.submittedAt ? `已于 ${formatDateTime(row.submittedAt)} 报送，` : ""}
                    报告已不能修改{row?.state === "submitted" ? "；如需修改，请联系登记管理机关退回" : ""}。
                  </p>
                  <ReportTable report={report} lastYear={lastYear} changed={changed} />
                </Panel>
              )}
              <ReportFiles files={files} action={path} editable={editable} errors={result?.fieldErrors?.files} />
            </div>
            <div className="space-y-6">
              <Panel title="登记簿记载">
                <dl className="space-y-2 text-sm">
                  {(
                    [
                      ["名称", register.name],
                      ["统一社会信用代码", register.code],
                      ["法定代表人", register.legalRepresentative],
                      ["住所", register.address],
                      ["业务主管单位", register.supervisingUnit],
                      ["注册资金", register.registeredFunds != null ? `${register.registeredFunds.toLocaleString("zh-CN")} 元` : null],
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
