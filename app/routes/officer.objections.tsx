import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { workOnObjection } from "../domain/objections/commands.server";
import { objectionWorkSchema } from "../domain/objections/forms";
import { officerObjections } from "../domain/objections/queries.server";
import { pageNumber } from "../domain/shared/paging";
import { answerDays, correctionWorkingDays, objectionViewLabels, objectionViewOf, objectionViews } from "../domain/objections/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { PageHeader, Pagination, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";
import { ObjectionCourse, ObjectionWorkForm } from "../ui/objections";

export const meta: MetaFunction = () => [{ title: "信用信息异议 - 登记管理机关" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "credit:record");
  const params = new URL(request.url).searchParams;
  const view = objectionViewOf(params.get("view"));
  const page = pageNumber(params);
  return { view, page, ...(await officerObjections(actor, view, new Date(), { page, pageSize })) };
}

const pageSize = 50;

const notices = {
  uphold: `已答复异议成立。请在 ${correctionWorkingDays} 个工作日内作出更正，并登记更正情况。`,
  dismiss: "已答复异议不成立，答复已告知该组织。",
  correct: "已登记更正情况，该异议办结。",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "credit:record");
  const submission = parseSubmission(await readForm(request), { schema: objectionWorkSchema });
  const id = Number(submission.payload.objectionId) || null;
  if (submission.status !== "success") return data({ id, result: replyTo(submission), notice: null }, { status: 400 });
  const outcome = await workOnObjection(actionContext(context, actor), submission.value);
  if (!outcome.ok) return data({ id, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { id, result: submission.reply({ resetForm: true }), notice: notices[submission.value.intent] };
}

export default function OfficerObjections() {
  const { view, page, objections, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="信用信息异议"
        description={`社会组织对其信用信息提出的异议：自收到之日起 ${answerDays} 日内核实并答复；异议成立的，自查实之日起 ${correctionWorkingDays} 个工作日内更正（《社会组织信用信息管理办法》）。更正在登记簿、信用管理或其他信用信息中作出，各自记入审计日志。`}
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <nav aria-label="异议范围" className="mb-4 flex flex-wrap gap-2 text-sm">
        {objectionViews.map((v) => (
          <Link key={v} to={`?view=${v}`} aria-current={v === view ? "page" : undefined} className={v === view ? "rounded bg-slate-800 px-3 py-1 text-white" : "rounded border border-slate-300 px-3 py-1"}>
            {objectionViewLabels[v]}
          </Link>
        ))}
      </nav>
      {objections.length ? (
        <ol className="space-y-4">
          {objections.map((o) => (
            <li key={o.id}>
              <Panel>
                <ObjectionCourse objection={o} heading={o.organizationName} />
                <p className="mt-2 flex flex-wrap gap-4 text-sm">
                  <Link to={`/officer/orgs/${o.organizationId}`}>登记簿记录</Link>
                  <Link to={`/officer/orgs/${o.organizationId}/credit`}>信用管理</Link>
                  <Link to={`/orgs/${o.organizationId}`}>公开的信用信息</Link>
                </p>
                <ObjectionWorkForm objection={o} lastResult={actionData?.id === o.id ? actionData.result : undefined} />
              </Panel>
            </li>
          ))}
        </ol>
      ) : (
        <Panel>
          <p className="text-sm text-slate-600">{view === "overdue" ? "没有逾期的异议。" : `没有${objectionViewLabels[view]}的异议。`}</p>
        </Panel>
      )}
      {total ? <Pagination page={page} pageSize={pageSize} total={total} search={new URLSearchParams({ view })} /> : null}
    </>
  );
}
