import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { confirmFromForm, isSessionRecentlyVerified, reverifyRefusal, unlessStale } from "../auth/verification.server";
import type { Role } from "../auth/roles";
import { placeChoices } from "../domain/places/queries.server";
import { userCreateSchema } from "../domain/users/forms";
import { createUser } from "../domain/users/commands.server";
import { Button, ErrorSummary, Field, PostForm } from "../ui/form";
import { PageHeader } from "../ui/layout";
import { ReverifyField } from "../ui/reverify";
import { userFieldLabels, UserAccountFields } from "../ui/user-fields";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";

export const meta: MetaFunction = () => [{ title: "新建账号 - 账号管理" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const [choices, recent] = await Promise.all([placeChoices(), isSessionRecentlyVerified(actor, new Date())]);
  return { placeChoices: choices, needsReverify: !recent };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const formData = await readForm(request);
  const submission = parseSubmission(formData, { schema: userCreateSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), reverify: null }, { status: 400 });
  }
  const ctx = actionContext(context, actor);
  const check = await confirmFromForm(ctx, formData);
  if (check && !check.ok) {
    const refusal = reverifyRefusal(check);
    return data({ result: submission.reply({ hideFields: ["password"] }), reverify: refusal.reverify }, refusal.init);
  }
  const attempt = await unlessStale(() => createUser(ctx, submission.value));
  if (attempt.stale) {
    return data({ result: submission.reply({ hideFields: ["password"] }), reverify: reverifyRefusal("stale").reverify }, { status: 403 });
  }
  const outcome = attempt.value;
  if (!outcome.ok) {
    return data(
      { result: replyTo(submission, outcome, { hideFields: ["password"] }), reverify: null },
      { status: 400 },
    );
  }
  return redirectWithNotice(request, `/officer/users/${outcome.value.id}`, "账号已创建。请将初始密码告知本人，首次登录时须修改。");
}

export default function NewUser() {
  const { placeChoices, needsReverify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof userCreateSchema>>({
    lastResult: actionData?.result,
    // Validated on the server only: conform hides a client error on a field left empty
    // (the street of a street officer), and the round trip is quick.
  });
  const [role, setRole] = useState<Role | "">((fields.role.initialValue as Role) ?? "");
  return (
    <>
      <PageHeader title="新建账号" description={<Link to="/officer/users">返回账号列表</Link>} />
      <PostForm {...getFormProps(form)} className="max-w-xl rounded border border-slate-200 bg-white p-6 shadow-sm">
        <ErrorSummary result={actionData?.result} labels={{ username: "用户名", ...userFieldLabels(role), password: "初始密码" }} />
        <Field label="用户名" name={fields.username.name} defaultValue={fields.username.initialValue as string} errors={fields.username.errors} autoComplete="off" required />
        <UserAccountFields fields={fields} placeChoices={placeChoices} role={role} onRoleChange={setRole} />
        <Field
          label="初始密码"
          name={fields.password.name}
          type="password"
          autoComplete="new-password"
          errors={fields.password.errors}
          hint="至少 12 位，含小写字母、大写字母、数字、符号中的至少三类；不能是常见密码或其简单变形，不能包含用户名。用户首次登录后须自行修改。"
          required
        />
        <ReverifyField needed={needsReverify} prompt={actionData?.reverify} />
        <Button type="submit">创建账号</Button>
      </PostForm>
    </>
  );
}
