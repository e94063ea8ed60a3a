import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { openYearSchema } from "../domain/inspections/forms";
import { defaultDeadlines } from "../domain/inspections/rules";
import { openInspectionYear } from "../domain/inspections/commands.server";
import { inspectionYearsPage } from "../domain/inspections/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Participation } from "../ui/officer-inspection";

export const meta: MetaFunction = () => [{ title: "年度检查 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  return inspectionYearsPage(actor, new Date());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:review");
  const submission = parseSubmission(await readForm(request), { schema: openYearSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission) }, { status: 400 });
  const outcome = await openInspectionYear(actionContext(context, actor), submission.value);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome) }, { status: 409 });
  return redirect(`/officer/inspections/${outcome.value.year}?opened=1`);
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
  const { years, suggestedYear } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      {suggestedYear ? <OpenYearForm suggestedYear={suggestedYear} lastResult={actionData?.result} /> : null}
    </>
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
