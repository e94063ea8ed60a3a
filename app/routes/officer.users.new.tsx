import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import type { Role } from "../auth/roles";
import { placeChoices } from "../domain/places.server";
import { userCreateSchema } from "../domain/user-forms";
import { createUser } from "../domain/users.server";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { PageHeader } from "../ui/layout";
import { UserAccountFields } from "../ui/user-fields";
import { parseSubmission } from "../domain/form-submission";

export const meta: MetaFunction = () => [{ title: "新建账号 - 账号管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  return { placeChoices: await placeChoices() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const submission = parseSubmission(await readForm(request), { schema: userCreateSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const outcome = await createUser(actionContext(context, actor), submission.value);
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formError ? [outcome.formError] : undefined, hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  return redirect(`/officer/users/${outcome.value.id}?created=1`);
}

export default function NewUser() {
  const { placeChoices } = useLoaderData<typeof loader>();
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
      <FormError errors={form.errors} />
      <PostForm {...getFormProps(form)} className="max-w-xl rounded border border-slate-200 bg-white p-6 shadow-sm">
        <Field label="用户名" name={fields.username.name} defaultValue={fields.username.initialValue as string} errors={fields.username.errors} autoComplete="off" required />
        <UserAccountFields fields={fields} placeChoices={placeChoices} role={role} onRoleChange={setRole} />
        <Field
          label="初始密码"
          name={fields.password.name}
          type="password"
          autoComplete="new-password"
          errors={fields.password.errors}
          hint="至少 12 位，含小写字母、大写字母、数字、符号中的至少三类。用户首次登录后须自行修改。"
          required
        />
        <Button type="submit">创建账号</Button>
      </PostForm>
    </>
  );
}
