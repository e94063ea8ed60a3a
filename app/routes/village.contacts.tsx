import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { placePath } from "../domain/places/rules";
import { ownPlace } from "../domain/places/queries.server";
import { markPublicContact, unmarkPublicContact } from "../domain/postings/commands.server";
import { contactsPageSchema, maxContactLabelLength, maxContactNumberLength, publicContactKindLabels, publicContactSchema } from "../domain/postings/contact-forms";
import { listPublicContacts } from "../domain/postings/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDateTime } from "../domain/shared/time";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "公开联系号码 - 村务公开工作台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "posting:draft");
  const [{ place }, contacts] = await Promise.all([ownPlace(actor), listPublicContacts(actor)]);
  return { place: { name: place.name, path: placePath(place) }, contacts };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "posting:draft");
  const submission = parseSubmission(await readForm(request), { schema: contactsPageSchema });
  const intent = submission.payload.intent === "unmark" ? "unmark" : "mark";
  if (submission.status !== "success") return data({ intent, result: replyTo(submission), notice: undefined }, { status: 400 });
  const ctx = actionContext(context, actor);
  const value = submission.value;
  if (value.intent === "unmark") {
    const removed = await unmarkPublicContact(ctx, value.id);
    if (!removed.ok) return data({ intent, result: replyTo(submission, removed), notice: undefined }, { status: 409 });
    return { intent, result: undefined, notice: "已取消公开。该号码在公开页面上重新遮蔽显示。" };
  }
  const marked = await markPublicContact(ctx, value);
  if (!marked.ok) return data({ intent, result: replyTo(submission, marked), notice: undefined }, { status: 400 });
  return {
    intent,
    result: submission.reply({ resetForm: true }),
    notice: "已标记为公开。本村公开页面上该号码将完整显示，其他号码仍遮蔽显示。",
  };
}

export default function VillageContacts() {
  const { place, contacts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm({
    lastResult: actionData?.intent === "mark" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: publicContactSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <PageHeader
        title="公开联系号码"
        description="公开页面上的手机号、银行卡号一律遮蔽显示。需要群众拨打或汇入的号码（如监督电话、值班电话、村集体捐款账户），可在此标记为公开，本村的公开页面上将完整显示。身份证号不能标记。"
      />
      {actionData?.notice ? (
        <Notice>
          {actionData.notice}
        </Notice>
      ) : null}
      <FormError errors={actionData?.intent === "unmark" ? Object.values(actionData.result?.error ?? {}).flatMap((messages) => messages ?? []) : undefined} />

      <Panel title="已标记为公开的号码" className="mb-6">
        {contacts.length ? (
          <div tabIndex={0} role="region" aria-label="已标记为公开的号码" className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">号码</th>
                  <th scope="col" className="px-3 py-2 font-medium">类型</th>
                  <th scope="col" className="px-3 py-2 font-medium">用途</th>
                  <th scope="col" className="px-3 py-2 font-medium">标记人、时间</th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((c) => (
                  <tr key={c.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 font-mono">{c.display}</td>
                    <td className="px-3 py-2">{publicContactKindLabels[c.kind]}</td>
                    <td className="px-3 py-2">{c.label}</td>
                    <td className="px-3 py-2 text-slate-600">
                      {c.markedBy ?? "—"} · {formatDateTime(c.markedAt)}
                    </td>
                    <td className="px-3 py-2 text-right">
                      <PostForm>
                        <input type="hidden" name="intent" value="unmark" />
                        <input type="hidden" name="id" value={c.id} />
                        <Button type="submit" variant="secondary" disabled={busy} aria-label={`取消公开 ${c.display}（${c.label}）`}>
                          取消公开
                        </Button>
                      </PostForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-600">尚未标记任何号码，公开页面上的手机号、银行卡号全部遮蔽显示。</p>
        )}
      </Panel>

      <Panel title="标记一个号码为公开" className="mb-6">
        <FormError errors={actionData?.intent === "mark" ? [...(form.errors ?? []), ...(form.allErrors.intent ?? [])] : undefined} />
        <PostForm {...getFormProps(form)}>
          <input type="hidden" name="intent" value="mark" />
          <Field
            label="号码"
            name={fields.number.name}
            defaultValue={fields.number.initialValue}
            errors={fields.number.errors}
            maxLength={maxContactNumberLength}
            autoComplete="off"
            inputMode="tel"
            hint="手机号或银行卡号，空格、横线等分隔符均可。标记后，无论公开事项中怎样书写该号码，都将完整显示。"
            required
          />
          <Field
            label="用途"
            name={fields.label.name}
            defaultValue={fields.label.initialValue}
            errors={fields.label.errors}
            maxLength={maxContactLabelLength}
            autoComplete="off"
            hint="如“村务监督委员会电话”“村委会值班电话”"
            required
          />
          <Button type="submit" disabled={busy}>
            标记为公开
          </Button>
        </PostForm>
      </Panel>

      <p className="text-sm text-slate-600">
        本村的公开页面：<Link to={place.path}>{place.name}</Link>
      </p>
    </>
  );
}
