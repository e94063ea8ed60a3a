import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { hasPermission } from "../auth/permissions";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { openYearSchema } from "../domain/inspections/forms";
import { defaultDeadlines } from "../domain/inspections/rules";
import { inspectionYearList, openInspectionYear } from "../domain/inspections/inspections.server";
import { formatDate, shanghaiDate } from "../domain/shared/time";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Participation } from "../ui/officer-inspection";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";

export const meta: MetaFunction = () => [{ title: "年度检查 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const now = new Date();
  const years = await inspectionYearList(actor, now);
  const canReview = hasPermission(actor, "inspection:review");
  // The next year not yet opened, from this year on.
  const opened = new Set(years.map((y) => y.year));
  let next = Number(shanghaiDate(now).slice(0, 4));
  while (opened.has(next)) next++;
  return {
    years: years.map((y) => ({
      year: y.year,
      supervisingDeadline: y.supervisingDeadline,
      registryDeadline: y.registryDeadline,
      due: y.due,
      filed: y.filed,
      concluded: y.concluded,
      participationRate: y.participationRate,
      pastDeadline: y.pastDeadline,
      daysToDeadline: y.daysToDeadline,
    })),
    suggestedYear: canReview ? next : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:review");
  const submission = parseSubmission(await readForm(request), { schema: openYearSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await openInspectionYear(actionContext(context, actor), submission.value);
  if (!outcome.ok) {
    return data(
      { result: replyTo(submission, outcome) },
      { status: 409 },
    );
  }
  return redirect(`/officer/inspections/${outcome.value.year}?opened=1`);
}

export default function InspectionYears() {
  const { years, suggestedYear } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="年度检查"
        description="上一年 7 月 1 日前登记成立的社会团体、民办非企业单位和基金会，每年报送上一年度工作报告：先经业务主管单位初审，再报登记管理机关。"
      />
      <Panel title="年检年度">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">已开启的年检年度、截止日期和参检率</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">年度</th>
                <th scope="col" className="px-3 py-2">报送内容</th>
                <th scope="col" className="px-3 py-2">业务主管单位初审截止</th>
                <th scope="col" className="px-3 py-2">登记管理机关截止</th>
                <th scope="col" className="px-3 py-2 text-right">应参加</th>
                <th scope="col" className="px-3 py-2">已报送（参检率）</th>
                <th scope="col" className="px-3 py-2 text-right">已作结论</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year} className="border-t border-slate-100">
                  <th scope="row" className="whitespace-nowrap px-3 py-2 font-normal">
                    <Link to={`/officer/inspections/${y.year}`}>{y.year} 年度</Link>
                  </th>
                  <td className="whitespace-nowrap px-3 py-2">{y.year - 1} 年度工作报告</td>
                  <td className="px-3 py-2">{formatDate(y.supervisingDeadline)}</td>
                  <td className="px-3 py-2">
                    {formatDate(y.registryDeadline)}
                    <span className="ml-2">
                      {y.pastDeadline ? <Badge>已截止</Badge> : <Badge tone="blue">还有 {y.daysToDeadline} 天</Badge>}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{y.due}</td>
                  <td className="px-3 py-2">
                    <Participation filed={y.filed} due={y.due} rate={y.participationRate} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{y.concluded}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {years.length ? null : <p className="px-3 py-2 text-sm text-slate-600">尚未开启任何年度的年检。</p>}
        </div>
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
        开启 {valid} 年度年检后，应参加的组织即可填报 {valid - 1} 年度工作报告。截止日期默认为当年 3 月 31 日（业务主管单位初审）和 5
        月 31 日（登记管理机关），可按当年通知调整。
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
          hint={`报送 ${valid - 1} 年度工作报告`}
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
