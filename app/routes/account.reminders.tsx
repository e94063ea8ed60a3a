import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requireActor } from "../auth/require.server";
import { markRemindersRead } from "../domain/reminders/commands.server";
import { reminderReadSchema } from "../domain/reminders/forms";
import { myReminders } from "../domain/reminders/queries.server";
import { parseSubmission } from "../domain/shared/form-submission";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { Button, PostForm } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "提醒 - 社区治理与社会组织登记平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { reminders: await myReminders(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseSubmission(await readForm(request), { schema: reminderReadSchema });
  if (submission.status !== "success") return data({ notice: null, error: "无法识别的操作，请刷新页面后重试。" }, { status: 400 });
  const ctx = actionContext(context, actor);
  const marked = await markRemindersRead(ctx, submission.value.intent === "read" ? submission.value.reminderId : undefined);
  return { notice: marked ? `已将 ${marked} 条提醒标为已读。` : "没有未读的提醒。", error: null };
}

export default function RemindersPage() {
  const { reminders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const unread = reminders.filter((r) => !r.readAt).length;
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <PageHeader title="提醒" description="需要您办理或留意的事项：年检报送、待受理和待决定的申请、待公开和待审核的村务等。每件事只提醒一次；已填写邮箱的，同时发送邮件。" />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {actionData?.error ? (
        <p role="alert" className="mb-4 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {actionData.error}
        </p>
      ) : null}
      <Panel title={`全部提醒（${unread} 条未读）`}>
        {unread ? (
          <PostForm className="mb-4">
            <input type="hidden" name="intent" value="read-all" />
            <Button type="submit" variant="secondary">
              全部标为已读
            </Button>
          </PostForm>
        ) : null}
        {reminders.length ? (
          <ul className="divide-y divide-slate-100">
            {reminders.map((r) => (
              <li key={r.id} className={`py-3 ${r.readAt ? "text-slate-600" : ""}`}>
                <div className="flex flex-wrap items-center gap-2">
                  {r.readAt ? null : <Badge tone="amber">未读</Badge>}
                  <Link to={r.link} className="font-medium">
                    {r.title}
                  </Link>
                  {r.dueOn ? <span className="text-sm text-slate-600">期限 {formatDate(r.dueOn)}</span> : null}
                </div>
                <p className="mt-1 text-sm">{r.body}</p>
                <div className="mt-1 flex items-center gap-3 text-xs text-slate-500">
                  <span>{formatDateTime(r.createdAt)}</span>
                  {r.readAt ? null : (
                    <PostForm className="inline">
                      <input type="hidden" name="intent" value="read" />
                      <input type="hidden" name="reminderId" value={r.id} />
                      <button type="submit" className="text-brand-700 underline" aria-label={`将“${r.title}”标为已读`}>
                        标为已读
                      </button>
                    </PostForm>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">暂无提醒。</p>
        )}
      </Panel>
    </main>
  );
}
