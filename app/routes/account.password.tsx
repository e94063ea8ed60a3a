import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { minPasswordLength } from "../auth/password-policy";
import { actionContext, readForm, requireActor } from "../auth/require.server";
import { passwordChangeSchema } from "../domain/users/forms";
import { changeOwnPassword } from "../domain/users/commands.server";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { PageHeader } from "../ui/layout";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "修改密码 - 社区治理与社会组织登记平台" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { mustChange: actor.mustChangePassword };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseSubmission(await readForm(request), { schema: passwordChangeSchema });
  const hidden = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: hidden }), done: false }, { status: 400 });
  }
  const outcome = await changeOwnPassword(actionContext(context, actor), submission.value);
  if (!outcome.ok) {
    return data(
      { result: replyTo(submission, outcome, { hideFields: hidden }), done: false },
      outcome.retryAfterSeconds ? { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } } : { status: 400 },
    );
  }
  return { result: submission.reply({ resetForm: true }), done: true };
}

export default function ChangePassword() {
  const { mustChange } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <main className="mx-auto max-w-xl px-4 py-8">
      <PageHeader title="修改密码" description={`密码至少 ${minPasswordLength} 位，须包含小写字母、大写字母、数字、符号中的至少三类，不能是常见密码或其简单变形，不能包含用户名。修改后，您在其他设备上的登录将全部退出。`} />
      {mustChange && !actionData?.done ? (
        <Notice tone="warning">
          您的密码由管理员设置或重置，请先设置您自己的新密码再继续使用系统。
        </Notice>
      ) : null}
      {actionData?.done ? (
        <Notice>
          密码已修改，其他设备上的登录已退出。<Link to="/post-login" className="ml-2">进入我的工作台</Link>
        </Notice>
      ) : null}
      <FormError errors={form.errors} />
      <PostForm {...getFormProps(form)} className="rounded border border-slate-200 bg-white p-6 shadow-sm">
        <Field label="当前密码" name={fields.currentPassword.name} type="password" autoComplete="current-password" errors={fields.currentPassword.errors} required />
        <Field label="新密码" name={fields.newPassword.name} type="password" autoComplete="new-password" errors={fields.newPassword.errors} required />
        <Field label="再次输入新密码" name={fields.confirmPassword.name} type="password" autoComplete="new-password" errors={fields.confirmPassword.errors} required />
        <Button type="submit">保存新密码</Button>
      </PostForm>
    </main>
  );
}
