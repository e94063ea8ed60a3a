import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { signInWithCode } from "../auth/login.server";
import { clearedPendingCookie, findPendingSignIn, readPendingToken } from "../auth/pending-sign-in.server";
import { clientIp, getActor, isSecureRequest, passwordChangePath, readForm, safeRedirect } from "../auth/require.server";
import { areaPaths, roleArea } from "../auth/roles";
import { recoveryCodeSchema, totpCodeSchema } from "../auth/second-factor-forms";
import { sessionCookie } from "../auth/session.server";
import { throttleMessage } from "../auth/throttle-rules";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { parseSubmission } from "../domain/shared/form-submission";
import { CodeField } from "../ui/second-factor";

export const meta: MetaFunction = () => [{ title: "两步验证 - 社区治理与社会组织登记平台" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

/** Back to the password form, saying why, with the half-finished sign-in forgotten. */
function backToLogin(request: Request, reason: "missing" | "expired" | "ended") {
  const to = reason === "missing" ? "/login" : `/login?reason=${reason === "expired" ? "pending_expired" : "pending_ended"}`;
  return redirect(to, { headers: { "Set-Cookie": clearedPendingCookie(isSecureRequest(request)) } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (actor) throw redirect(areaPaths[roleArea[actor.role]]);
  const found = await findPendingSignIn(readPendingToken(request), new Date());
  if (!found.ok) throw backToLogin(request, found.reason);
  if (found.pending.stage === "enrol") throw redirect("/login/enrol");
  return { displayName: found.user.displayName, expiresAt: found.pending.expiresAt.toISOString() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const recovery = formData.get("intent") === "recovery";
  const submission = recovery
    ? parseSubmission(formData, { schema: recoveryCodeSchema })
    : parseSubmission(formData, { schema: totpCodeSchema });
  if (submission.status !== "success") {
    return data({ recovery, result: submission.reply({ hideFields: ["code", "recoveryCode"] }) }, { status: 400 });
  }
  const value = submission.value as { code?: string; recoveryCode?: string };
  const result = await signInWithCode({
    token: readPendingToken(request),
    ...(recovery ? { recoveryCode: value.recoveryCode ?? "" } : { code: value.code ?? "" }),
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
    now: new Date(),
  });
  const secure = isSecureRequest(request);
  if (result.ok) {
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(result.session.token, result.session.maxAgeSeconds, secure));
    headers.append("Set-Cookie", clearedPendingCookie(secure));
    const to = result.mustChangePassword
      ? passwordChangePath
      : result.recoveryCodesLeft !== undefined
        ? `/account/security?recovered=${result.recoveryCodesLeft}`
        : safeRedirect(result.redirectTo, "/post-login");
    return redirect(to, { headers });
  }
  switch (result.reason) {
    case "missing":
    case "expired":
    case "ended":
      return backToLogin(request, result.reason);
    case "wrong_stage":
      return redirect("/login/enrol");
    case "throttled":
      return data(
        { recovery, result: submission.reply({ formErrors: [throttleMessage(result.scope, result.retryAfterSeconds)], hideFields: ["code", "recoveryCode"] }) },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    case "wrong": {
      const field = recovery ? "recoveryCode" : "code";
      const message = recovery ? "恢复码不正确或已使用过" : "验证码不正确或已使用过，请输入身份验证器上当前显示的验证码";
      return data(
        { recovery, result: submission.reply({ fieldErrors: { [field]: [`${message}（还可尝试 ${result.attemptsLeft} 次）`] }, hideFields: ["code", "recoveryCode"] }) },
        { status: 400 },
      );
    }
  }
}

export default function SignInCode() {
  const { displayName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [codeForm, codeFields] = useForm({
    id: "totp-code",
    lastResult: actionData && !actionData.recovery ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: totpCodeSchema }),
    shouldValidate: "onSubmit",
  });
  const [recoveryForm, recoveryFields] = useForm({
    id: "recovery-code",
    lastResult: actionData?.recovery ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: recoveryCodeSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <section className="rounded border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold">两步验证</h1>
        <p className="mb-6 text-sm text-slate-600">
          {displayName}，密码已验证。请打开手机上的身份验证器（如腾讯身份验证器、Microsoft Authenticator、Google Authenticator），输入“社区治理与社会组织登记平台”当前显示的 6 位验证码。请在 5 分钟内完成。
        </p>
        <FormError errors={codeForm.errors} />
        <PostForm {...getFormProps(codeForm)}>
          <CodeField name={codeFields.code.name} errors={codeFields.code.errors} autoFocus />
          <Button type="submit" className="w-full">
            验证并登录
          </Button>
        </PostForm>
        <details className="mt-6 text-sm" open={!!actionData?.recovery}>
          <summary className="cursor-pointer text-brand-700">手机不在身边？使用恢复码登录</summary>
          <FormError errors={recoveryForm.errors} />
          <PostForm {...getFormProps(recoveryForm)} className="mt-3">
            <input type="hidden" name="intent" value="recovery" />
            <Field
              label="恢复码"
              name={recoveryFields.recoveryCode.name}
              errors={recoveryFields.recoveryCode.errors}
              autoComplete="off"
              hint="启用两步验证时保存的 10 个恢复码之一，形如 abcde-fgh23，每个只能使用一次。"
              required
            />
            <Button type="submit" variant="secondary">
              使用恢复码登录
            </Button>
          </PostForm>
        </details>
        <p className="mt-6 text-sm text-slate-600">
          恢复码也用完了？请联系系统管理员核实身份后清除您的两步验证。<Link to="/login">返回重新登录</Link>
        </p>
      </section>
    </main>
  );
}
