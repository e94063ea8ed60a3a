import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { signIn } from "../auth/login.server";
import { clientIp, getActor, isSecureRequest, passwordChangePath, readForm, safeRedirect } from "../auth/require.server";
import { areaPaths, roleArea } from "../auth/roles";
import { sessionCookie } from "../auth/session.server";
import { demoAccountList } from "../domain/demo.server";
import { loginSchema } from "../domain/user-forms";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { parseSubmission } from "../domain/form-submission";

export const meta: MetaFunction = () => [{ title: "登录 - 社区治理与社会组织登记平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (actor) {
    const to = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirect(to, areaPaths[roleArea[actor.role]]));
  }
  return { demo: demoAccountList() };
}

const refusals = {
  invalid: "用户名或密码错误。连续 5 次错误后账号将被锁定 30 分钟。",
  locked: "该账号因连续多次登录失败已被临时锁定，请 30 分钟后再试，或联系系统管理员解除锁定。",
  rate_limited: "登录尝试过于频繁，请一分钟后再试。",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseSubmission(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { username, password, redirectTo } = submission.value;
  const result = await signIn({
    username,
    password,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
    now: new Date(),
  });
  if (!result.ok) {
    return data(
      { result: submission.reply({ formErrors: [refusals[result.reason]], hideFields: ["password"] }) },
      {
        status: result.reason === "rate_limited" ? 429 : 401,
        headers: result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {},
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
  const expired = searchParams.get("reason") === "expired";
  return (
    <main className="mx-auto grid max-w-5xl gap-8 px-4 py-12 md:grid-cols-2">
      <section className="rounded border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold">登录</h1>
        <p className="mb-6 text-sm text-slate-600">登记管理机关、街道（镇）、社会组织和村（居）务公开人员使用本账号登录。</p>
        {expired ? (
          <p role="status" className="mb-4 rounded bg-amber-50 px-4 py-3 text-sm text-amber-900">
            您的登录已超时（30 分钟无操作或已超过 12 小时），请重新登录。
          </p>
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
