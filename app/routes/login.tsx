import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { signIn } from "../auth/login.server";
import { clientIp, getActor, isSecureRequest, passwordChangePath, readForm, safeRedirect } from "../auth/require.server";
import { areaPaths, roleArea } from "../auth/roles";
import { pendingCookie } from "../auth/pending-sign-in.server";
import { sessionCookie } from "../auth/session.server";
import { throttleMessage } from "../auth/throttle-rules";
import { demoAccountList } from "../domain/users/demo.server";
import { loginSchema } from "../domain/users/forms";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { parseSubmission } from "../domain/shared/form-submission";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "登录 - 社区治理与社会组织登记平台" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (actor) {
    const to = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirect(to, areaPaths[roleArea[actor.role]]));
  }
  return { demo: demoAccountList() };
}

const invalidMessage = "用户名或密码错误。";

/** Why the user is back at the form, from a second step that did not finish. */
const returnNotices: Record<string, string> = {
  expired: "您的登录已超时（30 分钟无操作或已超过 12 小时），请重新登录。",
  pending_expired: "两步验证未在规定时间内完成，请重新输入用户名和密码。",
  pending_ended: "验证码错误次数过多，本次登录已作废，请重新输入用户名和密码。",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseSubmission(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { username, password, redirectTo } = submission.value;
  const destination = redirectTo ? safeRedirect(redirectTo, "") : "";
  const result = await signIn({
    username,
    password,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
    now: new Date(),
    redirectTo: destination || null,
  });
  if (!result.ok && result.reason === "second_factor") {
    const cookie = pendingCookie(result.pending.token, result.pending.maxAgeSeconds, isSecureRequest(request));
    return redirect(result.stage === "code" ? "/login/code" : "/login/enrol", { headers: { "Set-Cookie": cookie } });
  }
  if (!result.ok) {
    const throttled = result.reason === "throttled";
    return data(
      { result: submission.reply({ formErrors: [throttled ? throttleMessage(result.scope, result.retryAfterSeconds) : invalidMessage], hideFields: ["password"] }) },
      {
        status: throttled ? 429 : 401,
        headers: throttled ? { "Retry-After": String(result.retryAfterSeconds) } : {},
      },
    );
  }
  const cookie = sessionCookie(result.session.token, result.session.maxAgeSeconds, isSecureRequest(request));
  const to = result.mustChangePassword ? passwordChangePath : safeRedirect(redirectTo, "/post-login");
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onSubmit",
  });
  const notice = returnNotices[searchParams.get("reason") ?? ""];
  return (
    <main className="mx-auto grid max-w-5xl gap-8 px-4 py-12 md:grid-cols-2">
      <section className="rounded border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold">登录</h1>
        <p className="mb-6 text-sm text-slate-600">登记管理机关、街道（镇）、社会组织和村（居）务公开人员使用本账号登录。</p>
        {notice ? (
          <Notice tone="warning">
            {notice}
          </Notice>
        ) : null}
        <FormError errors={form.errors} />
        <PostForm {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field
            label="用户名"
            name={fields.username.name}
            defaultValue={fields.username.initialValue as string | undefined}
            errors={fields.username.errors}
            autoComplete="username"
            autoFocus
            required
          />
          <Field
            // A new key after each answer empties the field: a refused password is not left typed in.
            key={`password-${form.status ?? ""}-${actionData ? JSON.stringify(actionData.result.error ?? {}) : ""}`}
            label="密码"
            name={fields.password.name}
            type="password"
            errors={fields.password.errors}
            autoComplete="current-password"
            required
          />
          <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "正在登录…" : "登录"}
          </Button>
        </PostForm>
      </section>
      {demo ? (
        <section className="rounded border border-amber-200 bg-amber-50 p-6 text-sm" aria-labelledby="demo-title">
          <h2 id="demo-title" className="text-lg font-semibold text-amber-900">
            演示账号
          </h2>
          <p className="mt-1 text-amber-900">
            本系统运行在演示模式，所有演示账号的密码均为 <code className="rounded bg-white px-1">{demo.password}</code>。
          </p>
          <table className="mt-4 w-full text-left">
            <thead>
              <tr className="border-b border-amber-200">
                <th className="py-1 font-medium">用户名</th>
                <th className="py-1 font-medium">角色</th>
              </tr>
            </thead>
            <tbody>
              {demo.accounts.map((a) => (
                <tr key={a.username} className="border-b border-amber-100">
                  <td className="py-1 font-mono">{a.username}</td>
                  <td className="py-1">
                    {a.role}
                    <span className="block text-xs text-amber-800">{a.name}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}
