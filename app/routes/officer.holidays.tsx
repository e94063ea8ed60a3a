import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { isSessionRecentlyVerified, type ReverifyPrompt } from "../auth/verification.server";
import { holidayFormSchema, holidayTableSchema, yearsCovered, yearsMissing, yearsWithoutArrangement, type HolidayTable } from "../domain/applications/periods";
import { changeSettingFromForm } from "../domain/settings/commands.server";
import { settingState } from "../domain/settings/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDateTime, shanghaiDate } from "../domain/shared/time";
import { Button, Field, FormError, PostForm, TextAreaField } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";
import { ReverifyField } from "../ui/reverify";

export const meta: MetaFunction = () => [{ title: "法定节假日 - 登记管理" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "setting:manage");
  const now = new Date();
  const [setting, recent] = await Promise.all([settingState("publicHolidays"), isSessionRecentlyVerified(actor, now)]);
  return { setting, missing: yearsMissing(setting.value, shanghaiDate(now)), statutoryOnly: yearsWithoutArrangement(setting.value), needsReverify: !recent };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "setting:manage");
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: holidayFormSchema });
  const reply = (init: { status: number; headers?: Record<string, string> }, result = replyTo(submission), reverify: ReverifyPrompt | null = null) =>
    data({ result, notice: null as string | null, reverify }, init);
  if (submission.status !== "success") return reply({ status: 400 });
  const { off, on, reason, expected } = submission.value;
  const table: HolidayTable = { off, on: on ?? [] };
  const seen = expected === undefined ? undefined : seenTable(expected);
  if (seen === null) return reply({ status: 409 }, replyTo(submission, { formError: "页面内容已过期，请刷新后在最新的安排上重新操作。" }));
  const outcome = await changeSettingFromForm(actionContext(context, actor), form, "publicHolidays", table, { reason, expected: seen });
  if (!outcome.ok) {
    // The table's own refusal is told beside the first list.
    const fieldErrors = outcome.fieldErrors?.publicHolidays ? { ...outcome.fieldErrors, off: outcome.fieldErrors.publicHolidays } : outcome.fieldErrors;
    return reply(outcome.init, replyTo(submission, { ...outcome, fieldErrors }), outcome.reverify);
  }
  return { result: submission.reply({ resetForm: true }), notice: `节假日安排已保存（${yearsCovered(outcome.value).join("、")} 年），此后受理的申请按新的安排计算法定期限。`, reverify: null };
}

/** The table the form was built from, or null when what came back is not one (a tampered or truncated form). */
function seenTable(json: string): HolidayTable | null {
  try {
    const parsed = holidayTableSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export default function HolidaysPage() {
  const { setting, missing, statutoryOnly, needsReverify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const table = setting.value;
  const [form, fields] = useForm<z.input<typeof holidayFormSchema>>({
    id: `holidays-${JSON.stringify(table).length}-${table.off.at(-1) ?? ""}`,
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
  });
  const typed = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
  return (
    <>
      <PageHeader
        title="法定节假日"
        description="以工作日计算的法定期限（变更、注销登记和社区社会组织备案为受理之日起 20 个工作日，《中华人民共和国行政许可法》第四十二条、第八十二条）不计法定节假日，计入调休上班的周末。请在国务院办公厅公布次年节假日安排后录入。"
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {missing.length ? (
        <p role="note" className="mb-4 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {missing.join("、")} 年的节假日安排尚未录入：落在该年的工作日期限暂按周一至周五计算。
        </p>
      ) : null}
      {statutoryOnly.length ? (
        <p role="note" className="mb-4 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {statutoryOnly.join("、")} 年只有放假日、没有调休上班日（系统预置的是《全国年节及纪念日放假办法》规定的节日当天）：国务院办公厅公布该年安排后，请补充连休日和调休上班日。
        </p>
      ) : null}
      <Panel title={`现行安排（${yearsCovered(table).join("、") || "无"} 年）`}>
        <p className="mb-4 text-sm text-slate-700">
          放假 {table.off.length} 天、调休上班 {table.on.length} 天
          {setting.updatedAt ? `；${setting.updatedByName ?? "系统"}于 ${formatDateTime(setting.updatedAt)} 调整` : "；系统预置（2026 年按国务院办公厅关于 2026 年部分节假日安排的通知，2027 年为法定节日当天）"}。
          调整会记入审计日志；已受理申请的期限不随之改变。
        </p>
        <FormError errors={form.errors} />
        <PostForm {...getFormProps(form)} className="grid max-w-3xl gap-x-6 sm:grid-cols-2">
          <input type="hidden" name={fields.expected.name} value={JSON.stringify(table)} />
          <TextAreaField
            label="放假日期（每行一个）"
            name={fields.off.name}
            defaultValue={typed(fields.off.initialValue, table.off.join("\n"))}
            errors={fields.off.errors}
            rows={12}
            required
          />
          <TextAreaField
            label="调休上班日期（每行一个）"
            name={fields.on.name}
            defaultValue={typed(fields.on.initialValue, table.on.join("\n"))}
            errors={fields.on.errors}
            rows={12}
          />
          <div className="sm:col-span-2">
            <Field label="调整原因" name={fields.reason.name} errors={fields.reason.errors} maxLength={500} hint="如：录入国务院办公厅公布的 2027 年节假日安排" required />
            <ReverifyField needed={needsReverify} prompt={actionData?.reverify ?? null} />
            <Button type="submit">保存节假日安排</Button>
          </div>
        </PostForm>
      </Panel>
    </>
  );
}
