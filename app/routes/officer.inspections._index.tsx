import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import type { ReverifyPrompt } from "../auth/verification.server";
import { campaignOpensOnFormSchema, formatMonthDay } from "../domain/inspections/calendar";
import { openYearSchema } from "../domain/inspections/forms";
import { defaultDeadlines } from "../domain/inspections/rules";
import { openInspectionYear } from "../domain/inspections/commands.server";
import { inspectionYearsPage } from "../domain/inspections/queries.server";
import { changeSettingFromForm } from "../domain/settings/commands.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";
import { Participation } from "../ui/officer-inspection";
import { ReverifyField } from "../ui/reverify";

export const meta: MetaFunction = () => [{ title: "年度检查 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  return inspectionYearsPage(actor, new Date());
}

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:review");
  const form = await readForm(request);
  if (form.get("intent") === "opens-on") {
    const submission = parseSubmission(form, { schema: campaignOpensOnFormSchema });
    const reply = (init: { status: number; headers?: Record<string, string> }, result = replyTo(submission), reverify: ReverifyPrompt | null = null) =>
      data({ intent: "opens-on" as const, result, notice: null as string | null, reverify }, init);
    if (submission.status !== "success") return reply({ status: 400 });
    const { campaignOpensOn, reason, expected } = submission.value;
    const outcome = await changeSettingFromForm(actionContext(context, actor), form, "campaignOpensOn", campaignOpensOn, { reason, expected });
    if (!outcome.ok) return reply(outcome.init, replyTo(submission, outcome), outcome.reverify);
    return { intent: "opens-on" as const, result: submission.reply({ resetForm: true }), notice: `年检自动开启日期已调整为每年${formatMonthDay(outcome.value)}。`, reverify: null };
  }
  const submission = parseSubmission(form, { schema: openYearSchema });
  if (submission.status !== "success") return data({ intent: "open" as const, result: replyTo(submission), notice: null, reverify: null }, { status: 400 });
  const outcome = await openInspectionYear(actionContext(context, actor), submission.value);
  if (!outcome.ok) return data({ intent: "open" as const, result: replyTo(submission, outcome), notice: null, reverify: null }, { status: 409 });
  return redirectWithNotice(request, `/officer/inspections/${outcome.value.year}`, `${outcome.value.year} 年度年检已开启，应参加的组织现在可以填报年度报告。`);
}

type YearRow = ReturnType<typeof useLoaderData<typeof loader>>["years"][number];

const columns: Array<Column<YearRow>> = [
  { label: "年度", rowHeader: true, className: "whitespace-nowrap", cell: (y) => <Link to={`/officer/inspections/${y.year}`}>{y.year} 年度</Link> },
  { label: "报送内容", className: "whitespace-nowrap", cell: (y) => `${y.year} 年度工作报告` },
  { label: "业务主管单位初审截止", cell: (y) => formatDate(y.supervisingDeadline) },
  {
    label: "登记管理机关截止",
    cell: (y) => (
      <>
        {formatDate(y.registryDeadline)}
        <span className="ml-2">{y.pastDeadline ? <Badge>已截止</Badge> : <Badge tone="blue">还有 {y.daysToDeadline} 天</Badge>}</span>
      </>
    ),
  },
  { label: "应参加", numeric: true, cell: (y) => y.due },
  { label: "已报送（参检率）", cell: (y) => <Participation filed={y.filed} due={y.due} rate={y.participationRate} /> },
  { label: "已作结论", numeric: true, cell: (y) => y.concluded },
];

export default function InspectionYears() {
  const { years, suggestedYear, opensOn, canChangeOpensOn, needsReverify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: "open" | "opens-on") => (actionData?.intent === intent ? actionData.result : undefined);
  return (
    <>
      <PageHeader
        title="年度检查"
        description="某年 7 月 1 日前登记成立的社会团体、民办非企业单位和基金会，于次年报送该年度工作报告：先经业务主管单位初审，再报登记管理机关。年检以所报告的年度命名。"
      />
      <Panel title="年检年度">
        <DataTable
          caption="已开启的年检年度、截止日期和参检率"
          columns={columns}
          rows={years}
          rowKey={(y) => y.year}
          empty="尚未开启任何年度的年检。"
          framed={false}
        />
      </Panel>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <CalendarPanel
        opensOn={opensOn}
        canChange={canChangeOpensOn}
        lastResult={resultFor("opens-on")}
        needsReverify={needsReverify}
        reverify={actionData?.intent === "opens-on" ? actionData.reverify : null}
      />
      {suggestedYear ? <OpenYearForm suggestedYear={suggestedYear} lastResult={resultFor("open")} /> : null}
    </>
  );
}

/** What the calendar does by itself, and (for the registry) the day it opens a campaign, changed with a recorded reason. */
function CalendarPanel({
  opensOn,
  canChange,
  lastResult,
  needsReverify,
  reverify,
}: {
  opensOn: ReturnType<typeof useLoaderData<typeof loader>>["opensOn"];
  canChange: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  needsReverify: boolean;
  reverify: ReverifyPrompt | null;
}) {
  const current = opensOn.value;
  const [form, fields] = useForm<z.input<typeof campaignOpensOnFormSchema>>({
    id: `opens-on-${current}`,
    lastResult,
    onValidate: ({ formData }) => parseSubmission(formData, { schema: campaignOpensOnFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Panel title="年检日历" className="mt-6">
      <p className="mb-4 text-sm text-slate-700">
        每年{formatMonthDay(current)}，系统自动开启上一年度的年检（已开启的不再重复开启），截止日期取默认值，可在该年度页面调整；登记管理机关截止日期过后，系统将逾期未报送的组织提请审核，由登记管理机关核对后确认列入活动异常名录，系统不会自行列入。
        {opensOn.updatedAt ? `（开启日期由${opensOn.updatedByName ?? "系统"}于 ${formatDateTime(opensOn.updatedAt)} 调整）` : ""}
      </p>
      {canChange ? (
        <>
          <FormError errors={form.errors} />
          <PostForm {...getFormProps(form)} className="grid max-w-2xl gap-x-6 sm:grid-cols-2">
            <input type="hidden" name="intent" value="opens-on" />
            <input type="hidden" name={fields.expected.name} value={current} />
            <Field
              label="自动开启日期（月-日）"
              name={fields.campaignOpensOn.name}
              defaultValue={current}
              maxLength={5}
              errors={fields.campaignOpensOn.errors}
              hint="1 月 1 日至 3 月 31 日之间，如 01-01"
              required
            />
            <Field label="调整原因" name={fields.reason.name} errors={fields.reason.errors} maxLength={500} required />
            <div className="sm:col-span-2">
              <ReverifyField needed={needsReverify} prompt={reverify} />
              <Button type="submit" variant="secondary">
                保存开启日期
              </Button>
            </div>
          </PostForm>
        </>
      ) : null}
    </Panel>
  );
}

/** Opening year Y (reports on Y-1) with the two deadlines, which follow the year until edited. */
function OpenYearForm({ suggestedYear, lastResult }: { suggestedYear: number; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<z.input<typeof openYearSchema>>({ id: "open-year", lastResult, shouldValidate: "onSubmit" });
  const typedYear = typeof fields.year.initialValue === "string" ? fields.year.initialValue : String(suggestedYear);
  const [year, setYear] = useState(typedYear);
  const valid = /^\d{4}$/.test(year) ? Number(year) : Number(typedYear) || suggestedYear;
  const defaults = defaultDeadlines(valid);
  const typed = (value: unknown, fallback: string) => (String(valid) === typedYear && typeof value === "string" ? value : fallback);
  return (
    <Panel title="开启新年度年检" className="mt-6">
      <p className="mb-4 text-sm text-slate-700">
        开启 {valid} 年度年检后，应参加的组织即可填报 {valid} 年度工作报告，于 {valid + 1} 年报送。截止日期默认为 {valid + 1} 年 3 月 31 日（业务主管单位初审）和
        5 月 31 日（登记管理机关），可按当年通知调整。
      </p>
      <FormError errors={form.errors} />
      <PostForm {...getFormProps(form)} className="grid max-w-2xl gap-x-6 sm:grid-cols-3">
        <Field
          label="年检年度"
          name={fields.year.name}
          inputMode="numeric"
          maxLength={4}
          value={year}
          onChange={(e) => setYear(e.currentTarget.value.trim())}
          errors={fields.year.errors}
          hint={`报送 ${valid} 年度工作报告（${valid + 1} 年报送）`}
          required
        />
        <Field
          key={`supervising-${valid}`}
          label="业务主管单位初审截止"
          name={fields.supervisingDeadline.name}
          type="date"
          defaultValue={typed(fields.supervisingDeadline.initialValue, defaults.supervisingDeadline)}
          errors={fields.supervisingDeadline.errors}
          required
        />
        <Field
          key={`registry-${valid}`}
          label="登记管理机关截止"
          name={fields.registryDeadline.name}
          type="date"
          defaultValue={typed(fields.registryDeadline.initialValue, defaults.registryDeadline)}
          errors={fields.registryDeadline.errors}
          required
        />
        <div className="sm:col-span-3">
          <Button type="submit">开启 {valid} 年度年检</Button>
        </div>
      </PostForm>
    </Panel>
  );
}
