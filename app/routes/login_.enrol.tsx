import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { signInWithEnrolment } from "../auth/login.server";
import { clearedPendingCookie, findPendingSignIn, readPendingToken } from "../auth/pending-sign-in.server";
import { clientIp, getActor, isSecureRequest, passwordChangePath, readForm, safeRedirect } from "../auth/require.server";
import { totpCodeSchema } from "../auth/second-factor-forms";
import { ensureEnrolment } from "../auth/second-factor.server";
import { sessionCookie } from "../auth/session.server";
import { Button, FormError, PostForm } from "../ui/form";
import { AuthenticatorSetupPanel, RecoveryCodesPanel, CodeField } from "../ui/second-factor";
import { parseSubmission } from "../domain/shared/form-submission";

export const meta: MetaFunction = () => [{ title: "设置两步验证 - 社区治理与社会组织登记平台" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Right after the enrolment the session exists: the page shows the recovery codes the action returned.
  if (await getActor(request)) return { state: "signed_in" as const };
  const token = readPendingToken(request);
  if (!token) throw redirect("/login");
  const now = new Date();
  const found = await findPendingSignIn(token, now);
  // Without JavaScript the page after the enrolment is rendered with the old cookies; it still shows the codes.
  if (!found.ok) return { state: "gone" as const };
  if (found.pending.stage === "code") throw redirect("/login/code");
  const setup = await ensureEnrolment({ actor: null, ip: clientIp(context), now }, found.user.id);
  return { state: "enrol" as const, displayName: found.user.displayName, username: found.user.username, setup };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), { schema: totpCodeSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["code"] }), recoveryCodes: null, continueTo: null }, { status: 400 });
  }
  const result = await signInWithEnrolment({
    token: readPendingToken(request),
    code: submission.value.code,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
    now: new Date(),
  });
  const secure = isSecureRequest(request);
  if (result.ok) {
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(result.session.token, result.session.maxAgeSeconds, secure));
    headers.append("Set-Cookie", clearedPendingCookie(secure));
    const continueTo = result.mustChangePassword ? passwordChangePath : safeRedirect(result.redirectTo, "/post-login");
    return data({ result: submission.reply({ resetForm: true }), recoveryCodes: result.recoveryCodes, continueTo }, { headers });
  }
  switch (result.reason) {
    case "missing":
      return redirect("/login", { headers: { "Set-Cookie": clearedPendingCookie(secure) } });
    case "expired":
    case "ended":
      return redirect(`/login?reason=${result.reason === "expired" ? "pending_expired" : "pending_ended"}`, {
        headers: { "Set-Cookie": clearedPendingCookie(secure) },
      });
    case "wrong_stage":
      return redirect("/login/code");
    case "refused":
      return data(
        { result: submission.reply({ fieldErrors: { code: [result.message] }, hideFields: ["code"] }), recoveryCodes: null, continueTo: null },
        { status: result.status, headers: result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : undefined },
      );
  }
}

export default function EnrolAtSignIn() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "enrol-code",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: totpCodeSchema }),
    shouldValidate: "onSubmit",
  });
  if (actionData?.recoveryCodes) {
    return (
      <main className="mx-auto max-w-3xl px-4 py-12">
        <h1 className="mb-4 text-2xl font-semibold">两步验证已启用</h1>
        <RecoveryCodesPanel codes={actionData.recoveryCodes}>
          <Link to={actionData.continueTo ?? "/post-login"} className="inline-block rounded bg-brand-600 px-4 py-2 text-white no-underline hover:bg-brand-700 hover:no-underline">
            我已保存恢复码，继续
          </Link>
        </RecoveryCodesPanel>
      </main>
    );
  }
  if (loaderData.state !== "enrol") {
    return (
      <main className="mx-auto max-w-md px-4 py-12">
        <h1 className="mb-4 text-2xl font-semibold">设置两步验证</h1>
        <p className="text-sm text-slate-700">
          {loaderData.state === "signed_in" ? (
            <>
              您已登录。<Link to="/post-login">进入我的工作台</Link>
            </>
          ) : (
            <>
              本次登录已超时或已结束，请<Link to="/login">重新登录</Link>。
            </>
          )}
        </p>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-3xl px-4 py-12">
      <section className="rounded border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold">设置两步验证</h1>
        <p className="mb-6 text-sm text-slate-600">
          {loaderData.displayName}（{loaderData.username}），密码已验证。系统管理员要求您的角色使用两步验证登录：请先设置身份验证器，完成后即可进入系统。请在 15 分钟内完成。
        </p>
        <AuthenticatorSetupPanel setup={loaderData.setup}>
          <FormError errors={form.errors} />
          <PostForm {...getFormProps(form)}>
            <CodeField name={fields.code.name} errors={fields.code.errors} />
            <Button type="submit">确认并登录</Button>
          </PostForm>
        </AuthenticatorSetupPanel>
      </section>
    </main>
  );
}
