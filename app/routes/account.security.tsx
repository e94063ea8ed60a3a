import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { actionContext, readForm, requireActor } from "../auth/require.server";
import { roleLabels } from "../auth/roles";
import { totpCodeSchema } from "../auth/second-factor-forms";
import { requiresSecondFactor } from "../auth/second-factor-requirement";
import {
  confirmEnrolment,
  disableSecondFactor,
  pendingEnrolment,
  regenerateRecoveryCodes,
  secondFactorStatus,
  startEnrolment,
} from "../auth/second-factor.server";
import { confirmFromForm, isSessionRecentlyVerified, reverifyRefusal, unlessStale, type ReverifyPrompt } from "../auth/verification.server";
import type { WriteResult } from "../domain/shared/errors";
import { getSetting } from "../domain/settings/queries.server";
import { formatDateTime } from "../domain/shared/time";
import { Button, FormError, PostForm } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { ReverifyField } from "../ui/reverify";
import { AuthenticatorSetupPanel, RecoveryCodesPanel, CodeField } from "../ui/second-factor";
import { parseSubmission } from "../domain/shared/form-submission";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "账号安全 - 社区治理与社会组织登记平台" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const now = new Date();
  const [status, setup, recent, requiredRoles] = await Promise.all([
    secondFactorStatus(actor.userId),
    pendingEnrolment(actor.userId, now),
    isSessionRecentlyVerified(actor, now),
    getSetting("secondFactorRoles"),
  ]);
  return {
    status,
    setup: status.enabled ? null : setup,
    needsReverify: !recent,
    required: requiresSecondFactor(actor.role, requiredRoles),
    roleLabel: roleLabels[actor.role],
  };
}

type Intent = "start" | "confirm" | "regenerate" | "disable";
const intents: readonly Intent[] = ["start", "confirm", "regenerate", "disable"];

type Answer = {
  intent: Intent;
  notice: string | null;
  formError: string | null;
  codeErrors: string[] | null;
  recoveryCodes: string[] | null;
  reverify: ReverifyPrompt | null;
};

function answer(intent: Intent, values: Partial<Omit<Answer, "intent">>, init?: ResponseInit) {
  return data<Answer>(
    { intent, notice: null, formError: null, codeErrors: null, recoveryCodes: null, reverify: null, ...values },
    init,
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const ctx = actionContext(context, actor);
  const formData = await readForm(request);
  const intent = intents.find((i) => i === formData.get("intent"));
  if (!intent) return answer("start", { formError: "未知的操作" }, { status: 400 });

  if (intent === "confirm") {
    const submission = parseSubmission(formData, { schema: totpCodeSchema });
    if (submission.status !== "success") return answer(intent, { codeErrors: submission.error?.code ?? ["验证码为 6 位数字"] }, { status: 400 });
    const confirmed = await confirmEnrolment(ctx, actor.userId, { code: submission.value.code });
    if (!confirmed.ok) {
      return answer(intent, { codeErrors: [confirmed.message] }, { status: confirmed.status, headers: confirmed.retryAfterSeconds ? { "Retry-After": String(confirmed.retryAfterSeconds) } : undefined });
    }
    return answer(intent, { notice: "两步验证已启用。以后登录时，输入密码后还需输入身份验证器上的验证码。", recoveryCodes: confirmed.recoveryCodes });
  }

  const check = await confirmFromForm(ctx, formData);
  if (check && !check.ok) {
    const refusal = reverifyRefusal(check);
    return answer(intent, { reverify: refusal.reverify }, refusal.init);
  }
  if (intent === "start") {
    const started = await unlessStale(() => startEnrolment(ctx, actor.userId));
    if (started.stale) return answer(intent, { reverify: reverifyRefusal("stale").reverify }, { status: 403 });
    return answer(intent, {});
  }
  const done = await unlessStale<WriteResult<string[] | null>>(() => (intent === "regenerate" ? regenerateRecoveryCodes(ctx) : disableSecondFactor(ctx)));
  if (done.stale) return answer(intent, { reverify: reverifyRefusal("stale").reverify }, { status: 403 });
  if (!done.value.ok) return answer(intent, { formError: done.value.formError ?? "操作失败" }, { status: 409 });
  return intent === "regenerate"
    ? answer(intent, { notice: "已生成新的恢复码，原来的恢复码已全部作废。", recoveryCodes: done.value.value })
    : answer(intent, { notice: "两步验证已关闭，恢复码已作废。" });
}

export default function AccountSecurity() {
  const { status, setup, needsReverify, required, roleLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const recovered = params.get("recovered");
  const promptFor = (intent: Intent) => (actionData?.intent === intent ? actionData.reverify : null);
  const [codeForm, codeFields] = useForm({
    id: "enrol-confirm",
    lastResult: null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: totpCodeSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <PageHeader title="账号安全" description={<>两步验证、恢复码和登录密码。<Link to="/account/password">修改密码</Link></>} />
      {recovered !== null && !actionData ? (
        <Notice tone="warning">
          您刚才使用恢复码登录，还剩 {recovered} 个恢复码。如手机已丢失，请重新设置身份验证器（先关闭再重新设置），或生成新的恢复码。
        </Notice>
      ) : null}
      {actionData?.notice ? (
        <Notice>
          {actionData.notice}
        </Notice>
      ) : null}
      {actionData?.recoveryCodes ? <RecoveryCodesPanel codes={actionData.recoveryCodes} /> : null}
      <FormError errors={actionData?.formError ? [actionData.formError] : null} />
      <Panel title="两步验证">
        {required ? (
          <p className="mb-3 rounded bg-blue-50 px-3 py-2 text-sm text-blue-900">
            系统管理员要求“{roleLabel}”角色使用两步验证登录{status.enabled ? "。" : "：下次登录时将要求您先完成设置。"}
          </p>
        ) : null}
        {status.enabled ? (
          <>
            <p className="mb-2 text-sm">
              <span className="font-medium text-green-800">已启用</span>（自 {formatDateTime(status.enabledAt)}）。登录时，输入密码后还需输入身份验证器上的 6 位验证码。
            </p>
            <p className="mb-4 text-sm text-slate-600">剩余可用恢复码：{status.recoveryCodesLeft} 个。</p>
            <div className="grid gap-4 md:grid-cols-2">
              <PostForm className="rounded border border-slate-200 p-4">
                <h3 className="mb-2 font-medium">重新生成恢复码</h3>
                <p className="mb-3 text-sm text-slate-600">生成 10 个新的恢复码，原有的恢复码全部作废。</p>
                <input type="hidden" name="intent" value="regenerate" />
                <ReverifyField id="regenerate" needed={needsReverify} prompt={promptFor("regenerate")} />
                <Button type="submit" variant="secondary">
                  重新生成恢复码
                </Button>
              </PostForm>
              <PostForm className="rounded border border-slate-200 p-4">
                <h3 className="mb-2 font-medium">关闭两步验证</h3>
                <p className="mb-3 text-sm text-slate-600">关闭后只凭密码即可登录{required ? "；您的角色要求两步验证，下次登录时须重新设置" : ""}。</p>
                <input type="hidden" name="intent" value="disable" />
                <ReverifyField id="disable" needed={needsReverify} prompt={promptFor("disable")} />
                <Button type="submit" variant="danger">
                  关闭两步验证
                </Button>
              </PostForm>
            </div>
          </>
        ) : setup ? (
          <AuthenticatorSetupPanel setup={setup}>
            <FormError errors={codeForm.errors} />
            <PostForm {...getFormProps(codeForm)}>
              <input type="hidden" name="intent" value="confirm" />
              <CodeField name={codeFields.code.name} errors={(actionData?.intent === "confirm" ? actionData.codeErrors : null) ?? codeFields.code.errors} />
              <Button type="submit">确认并启用</Button>
            </PostForm>
          </AuthenticatorSetupPanel>
        ) : (
          <PostForm>
            <p className="mb-3 text-sm text-slate-700">
              未启用。启用后，登录时除密码外还需输入手机身份验证器上的 6 位验证码，即使密码泄露，他人也无法登录您的账号。登记管理人员、系统管理员和村务监督委员会成员建议启用。
            </p>
            <input type="hidden" name="intent" value="start" />
            <ReverifyField id="start" needed={needsReverify} prompt={promptFor("start")} />
            <Button type="submit">设置身份验证器</Button>
          </PostForm>
        )}
      </Panel>
    </main>
  );
}
