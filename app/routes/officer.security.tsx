import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { replyTo } from "../domain/shared/form-submission";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { roleLabels, roles, type Role } from "../auth/roles";
import { secondFactorRequirementFormSchema } from "../auth/second-factor-requirement";
import { secondFactorCounts } from "../auth/second-factor.server";
import { confirmFromForm, isSessionRecentlyVerified, reverifyRefusal, unlessStale, type ReverifyPrompt } from "../auth/verification.server";
import { settingState } from "../domain/settings/queries.server";
import { updateSetting } from "../domain/settings/commands.server";
import { formatDateTime } from "../domain/shared/time";
import { Button, ErrorList, Field, FormError, PostForm } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { ReverifyField } from "../ui/reverify";
import { parseSubmission } from "../domain/shared/form-submission";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "登录安全 - 登记管理" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const [setting, counts, recent] = await Promise.all([
    settingState("secondFactorRoles"),
    secondFactorCounts(),
    isSessionRecentlyVerified(actor, new Date()),
  ]);
  return { setting, counts, needsReverify: !recent };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const formData = await readForm(request);
  const submission = parseSubmission(formData, { schema: secondFactorRequirementFormSchema });
  const reply = (extra: { reverify?: ReverifyPrompt | null; notice?: string | null }) => ({ reverify: null, notice: null, ...extra });
  if (submission.status !== "success") return data({ result: submission.reply(), ...reply({}) }, { status: 400 });
  const ctx = actionContext(context, actor);
  const check = await confirmFromForm(ctx, formData);
  if (check && !check.ok) {
    const refusal = reverifyRefusal(check);
    return data({ result: submission.reply(), ...reply({ reverify: refusal.reverify }) }, refusal.init);
  }
  const { roles: chosen, reason, expected } = submission.value;
  const expectedRoles = expected === undefined ? undefined : (expected.split(",").filter((r) => (roles as readonly string[]).includes(r)) as Role[]);
  const attempt = await unlessStale(() => updateSetting(ctx, "secondFactorRoles", chosen, { reason, expected: expectedRoles }));
  if (attempt.stale) return data({ result: submission.reply(), ...reply({ reverify: reverifyRefusal("stale").reverify }) }, { status: 403 });
  const outcome = attempt.value;
  if (!outcome.ok) {
    return data(
      {
        result: replyTo(submission, { ...outcome, fieldErrors: outcome.fieldErrors?.secondFactorRoles ? { roles: outcome.fieldErrors.secondFactorRoles, ...outcome.fieldErrors } : outcome.fieldErrors }),
        ...reply({}),
      },
      { status: outcome.formError ? 409 : 400 },
    );
  }
  const notice = outcome.value.length
    ? `已要求以下角色使用两步验证登录：${outcome.value.map((r) => roleLabels[r]).join("、")}。尚未设置的用户将在下次登录时先完成设置。`
    : "已取消两步验证登录要求，所有角色可只凭密码登录（已启用两步验证的用户仍需输入验证码）。";
  return { result: submission.reply({ resetForm: true }), ...reply({ notice }) };
}

export default function SecurityRequirement() {
  const { setting, counts, needsReverify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const current = setting.value;
  const [form, fields] = useForm<z.input<typeof secondFactorRequirementFormSchema>>({
    id: `second-factor-roles-${current.join("-")}`,
    lastResult: actionData?.result,
  });
  return (
    <>
      <PageHeader
        title="登录安全"
        description={
          <>
            按角色要求使用两步验证（身份验证器动态验证码）登录。<Link to="/officer/users">返回账号管理</Link>
          </>
        }
      />
      {actionData?.notice ? (
        <Notice>
          {actionData.notice}
        </Notice>
      ) : null}
      <Panel title="须使用两步验证登录的角色">
        <p className="mb-4 text-sm text-slate-700">
          现行要求：{current.length ? current.map((r) => roleLabels[r]).join("、") : "无（所有角色可只凭密码登录）"}
          {setting.updatedAt ? `（${setting.updatedByName ?? "系统"}于 ${formatDateTime(setting.updatedAt)} 调整）` : "（默认）"}。
          被要求的角色中尚未设置身份验证器的用户，下次登录输入密码后须先完成设置才能进入系统；已登录的用户不受影响。调整会记入审计日志。
        </p>
        <FormError errors={form.errors} />
        <PostForm {...getFormProps(form)} className="max-w-2xl">
          <input type="hidden" name={fields.expected.name} value={current.join(",")} />
          <fieldset className="mb-4" aria-describedby={fields.roles.errors?.length ? "roles-error" : undefined}>
            <legend className="mb-2 block text-sm font-medium text-slate-700">角色</legend>
            <table className="w-full text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-1">要求两步验证</th>
                  <th scope="col" className="py-1">在用账号</th>
                  <th scope="col" className="py-1">已启用两步验证</th>
                </tr>
              </thead>
              <tbody>
                {counts.map((c) => (
                  <tr key={c.role} className="border-t border-slate-100">
                    <td className="py-1.5">
                      <label className="inline-flex items-center gap-2">
                        <input type="checkbox" name={fields.roles.name} value={c.role} defaultChecked={current.includes(c.role)} />
                        {roleLabels[c.role]}
                      </label>
                    </td>
                    <td className="py-1.5 tabular-nums">{c.accounts}</td>
                    <td className="py-1.5 tabular-nums">{c.enrolled}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ErrorList id="roles-error" errors={fields.roles.errors} />
          </fieldset>
          <Field label="调整原因" name={fields.reason.name} defaultValue={fields.reason.initialValue as string | undefined} errors={fields.reason.errors} maxLength={500} required />
          <ReverifyField needed={needsReverify} prompt={actionData?.reverify ?? null} />
          <Button type="submit">保存要求</Button>
        </PostForm>
      </Panel>
    </>
  );
}
