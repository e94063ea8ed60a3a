import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requireActor, safeRedirect } from "../auth/require.server";
import { reverifySchema } from "../auth/second-factor-forms";
import { secondFactorStatus } from "../auth/second-factor.server";
import { confirmIdentity, isSessionRecentlyVerified } from "../auth/verification.server";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { PageHeader } from "../ui/layout";
import { parseSubmission } from "../domain/shared/form-submission";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "确认身份 - 社区治理与社会组织登记平台" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const [status, recent] = await Promise.all([secondFactorStatus(actor.userId), isSessionRecentlyVerified(actor, new Date())]);
  const back = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account/security");
  return { hasAuthenticator: status.enabled, recent, back };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseSubmission(await readForm(request), { schema: reverifySchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["secret"] }) }, { status: 400 });
  const check = await confirmIdentity(actionContext(context, actor), submission.value.secret);
  if (!check.ok) {
    return data(
      { result: submission.reply({ fieldErrors: { secret: [check.message] }, hideFields: ["secret"] }) },
      { status: check.status, headers: check.retryAfterSeconds ? { "Retry-After": String(check.retryAfterSeconds) } : undefined },
    );
  }
  return redirect(safeRedirect(submission.value.redirectTo, "/account/security"));
}

export default function Verify() {
  const { hasAuthenticator, recent, back } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reverifySchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <main className="mx-auto max-w-xl px-4 py-8">
      <PageHeader
        title="确认身份"
        description="创建账号、更改角色、公布年检结论、调整区级设置、设置两步验证等操作前，需要在 10 分钟内确认过身份。"
      />
      {recent ? (
        <Notice>
          您在 10 分钟内已确认过身份，可以直接继续操作。
        </Notice>
      ) : null}
      <FormError errors={form.errors} />
      <PostForm {...getFormProps(form)} className="rounded border border-slate-200 bg-white p-6 shadow-sm">
        <input type="hidden" name="redirectTo" value={back} />
        <Field
          key={`secret-${JSON.stringify(fields.secret.errors ?? null)}`}
          label={hasAuthenticator ? "登录密码或动态验证码" : "登录密码"}
          name={fields.secret.name}
          type="password"
          autoComplete="current-password"
          errors={fields.secret.errors}
          hint={hasAuthenticator ? "可输入登录密码，或身份验证器上当前显示的 6 位验证码。" : undefined}
          autoFocus
          required
        />
        <Button type="submit">确认</Button>
      </PostForm>
      <p className="mt-4 text-sm">
        <Link to={back}>返回</Link>
      </p>
    </main>
  );
}
