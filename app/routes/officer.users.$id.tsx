import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import type { z } from "zod";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { resetUserSecondFactor } from "../auth/second-factor.server";
import { accountWait } from "../auth/throttle.server";
import { confirmFromForm, isSessionRecentlyVerified, reverifyRefusal, unlessStale, type ReverifyPrompt } from "../auth/verification.server";
import { roleLabels, type Role } from "../auth/roles";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { placeChoices } from "../domain/places/queries.server";
import { formatDateTime } from "../domain/shared/time";
import { reasonSchema, userUpdateSchema } from "../domain/users/forms";
import {
  resetPassword,
  setUserDisabled,
  unlockUser,
  updateUser,
} from "../domain/users/commands.server";
import { userAccess, userForAdmin } from "../domain/users/queries.server";
import { Button, ErrorSummary, Field, FormError, PostForm } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { ReverifyField } from "../ui/reverify";
import { userFieldLabels, UserAccountFields } from "../ui/user-fields";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.username ?? "账号"} - 账号管理` }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

function userId(param: string | undefined): number {
  return rowIdOrNotFound(param, "找不到该账号。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const now = new Date();
  const [user, choices, recent] = await Promise.all([userForAdmin(actor, userId(params.id)), placeChoices(), isSessionRecentlyVerified(actor, now)]);
  // Failed sign-ins slow the account down for a minute at most; the administrator may end that at once.
  const signInWaitSeconds = Math.ceil((await accountWait(user.username, "sign_in", now)) / 1000);
  return { user, placeChoices: choices, now: now.getTime(), signInWaitSeconds, needsReverify: !recent };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const id = userId(params.id);
  // As the page: an unknown account is a 404 whatever was posted.
  await userAccess(actor, id);
  const ctx = actionContext(context, actor);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const reverify: ReverifyPrompt | null = null;
  if (intent === "update") {
    const submission = parseSubmission(formData, { schema: userUpdateSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), notice: null, reverify }, { status: 400 });
    const check = await confirmFromForm(ctx, formData);
    if (check && !check.ok) {
      const refusal = reverifyRefusal(check);
      return data({ intent, result: submission.reply(), notice: null, reverify: refusal.reverify }, refusal.init);
    }
    const attempt = await unlessStale(() => updateUser(ctx, id, submission.value));
    if (attempt.stale) return data({ intent, result: submission.reply(), notice: null, reverify: reverifyRefusal("stale").reverify }, { status: 403 });
    const outcome = attempt.value;
    if (!outcome.ok) {
      return data(
        { intent, result: replyTo(submission, outcome), notice: null, reverify },
        { status: outcome.formError ? 409 : 400 },
      );
    }
    return { intent, result: submission.reply(), notice: "账号信息已保存。", reverify };
  }
  const submission = parseSubmission(formData, { schema: reasonSchema });
  if (submission.status !== "success") return data({ intent, result: submission.reply(), notice: null, reverify }, { status: 400 });
  const input = submission.value;
  if (intent === "reset-second-factor") {
    const check = await confirmFromForm(ctx, formData);
    if (check && !check.ok) {
      const refusal = reverifyRefusal(check);
      return data({ intent, result: submission.reply(), notice: null, reverify: refusal.reverify }, refusal.init);
    }
    const attempt = await unlessStale(() => resetUserSecondFactor(ctx, id, input));
    if (attempt.stale) return data({ intent, result: submission.reply(), notice: null, reverify: reverifyRefusal("stale").reverify }, { status: 403 });
    if (!attempt.value.ok) {
      return data({ intent, result: replyTo(submission, attempt.value, { formError: "操作失败" }), notice: null, reverify }, { status: 409 });
    }
    return { intent, result: submission.reply({ resetForm: true }), notice: "已清除该账号的两步验证，其所有登录已退出。", reverify };
  }
  const outcome =
    intent === "disable" || intent === "enable"
      ? await setUserDisabled(ctx, id, { ...input, disabled: intent === "disable" })
      : intent === "unlock"
        ? await unlockUser(ctx, id, input)
        : intent === "reset"
          ? await resetPassword(ctx, id, input)
          : null;
  if (!outcome) return data({ intent, result: submission.reply({ formErrors: ["未知的操作"] }), notice: null, reverify }, { status: 400 });
  if (!outcome.ok) {
    return data({ intent, result: replyTo(submission, outcome, { formError: "操作失败" }), notice: null, reverify }, { status: 409 });
  }
  const notices: Record<string, string> = {
    disable: "账号已停用，其所有登录已退出。",
    enable: "账号已启用。",
    unlock: "已清除该账号的登录失败记录，可立即登录。",
  };
  const notice =
    intent === "reset" && "temporaryPassword" in outcome.value
      ? `密码已重置，该账号的所有登录已退出。临时密码：${outcome.value.temporaryPassword}（只显示这一次，请当面或通过安全渠道告知本人；首次登录须修改）`
      : (notices[intent] ?? "");
  return { intent, result: submission.reply({ resetForm: true }), notice, reverify };
}

export default function EditUser() {
  const { user, placeChoices, now, signInWaitSeconds, needsReverify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof userUpdateSchema>>({
    id: `user-${user.id}-${user.version}`,
    lastResult: actionData?.intent === "update" ? actionData.result : undefined,
    // Validated on the server only, as on the new-account form.
  });
  const [role, setRole] = useState<Role | "">(user.role);
  const locked = (user.lockedUntil && new Date(user.lockedUntil).getTime() > now) || signInWaitSeconds > 0;
  const stateError = actionData && actionData.intent !== "update" && actionData.result.error ? Object.values(actionData.result.error).flat().filter((e): e is string => typeof e === "string") : null;
  return (
    <>
      <PageHeader
        title={`账号：${user.username}`}
        description={
          <>
            <Link to="/officer/users">返回账号列表</Link> · {roleLabels[user.role]} · 创建于 {formatDateTime(user.createdAt)} · 最近登录{" "}
            {formatDateTime(user.lastSignInAt) || "从未登录"}
          </>
        }
        actions={
          user.disabledAt ? <Badge tone="red">已停用</Badge> : locked ? <Badge tone="amber">锁定中</Badge> : <Badge tone="green">正常</Badge>
        }
      />
      {actionData?.notice ? (
        <Notice wrap>
          {actionData.notice}
        </Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="基本信息与权限">
          <PostForm action={`/officer/users/${user.id}`} {...getFormProps(form)}>
            <ErrorSummary result={actionData?.intent === "update" ? actionData.result : undefined} labels={userFieldLabels(role)} />
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="version" value={user.version} />
            <UserAccountFields
              fields={fields}
              placeChoices={placeChoices}
              role={role}
              onRoleChange={setRole}
              initial={{ displayName: user.displayName, role: user.role, placeId: user.placeId, organizationCode: user.organizationCode, supervisingUnit: user.supervisingUnit, phone: user.phone, email: user.email }}
            />
            <p className="mb-3 text-xs text-slate-500">更改角色或管辖范围后，该账号需重新登录。</p>
            <ReverifyField id="update" needed={needsReverify} onlyFor="更改角色或管辖范围" prompt={actionData?.intent === "update" ? actionData.reverify : null} />
            <Button type="submit">保存</Button>
          </PostForm>
        </Panel>
        <Panel title="账号状态">
          <FormError errors={stateError} />
          <StateAction userId={user.id} intent={user.disabledAt ? "enable" : "disable"} version={user.version} label={user.disabledAt ? "启用账号" : "停用账号"} variant={user.disabledAt ? "secondary" : "danger"} />
          {locked ? (
            <>
              <p className="mb-2 text-sm text-amber-900">
                该账号近期登录失败较多{signInWaitSeconds > 0 ? `，下次登录需等待 ${signInWaitSeconds} 秒` : ""}。核实是本人后可立即解除。
              </p>
              <StateAction userId={user.id} intent="unlock" version={user.version} label="解除登录限制" variant="secondary" />
            </>
          ) : null}
          <StateAction userId={user.id} intent="reset" version={user.version} label="重置密码" variant="secondary" />
          <p className="mb-2 text-sm text-slate-700">
            两步验证：{user.totpEnabledAt ? `已启用（自 ${formatDateTime(user.totpEnabledAt)}）` : "未启用"}
          </p>
          {user.totpEnabledAt ? (
            <StateAction userId={user.id} intent="reset-second-factor" version={user.version} label="清除两步验证" variant="secondary">
              <ReverifyField
                id="reset-second-factor"
                needed={needsReverify}
                prompt={actionData?.intent === "reset-second-factor" ? actionData.reverify : null}
              />
            </StateAction>
          ) : null}
        </Panel>
      </div>
    </>
  );
}

/** A state change that needs a recorded reason. */
function StateAction({ userId, intent, version, label, variant, children }: { userId: number; intent: string; version: number; label: string; variant: "secondary" | "danger"; children?: ReactNode }) {
  return (
    <PostForm action={`/officer/users/${userId}`} className="mb-4 border-b border-slate-100 pb-4 last:border-0">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      <Field label={`${label}的原因`} name="reason" required minLength={2} maxLength={500} />
      {children}
      <Button type="submit" variant={variant}>
        {label}
      </Button>
    </PostForm>
  );
}
