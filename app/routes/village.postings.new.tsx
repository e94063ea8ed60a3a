import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { createPosting } from "../domain/postings/commands.server";
import { newPostingSchema, periodChoiceOf, suggestedPeriod } from "../domain/postings/forms";
import {
  categoryLabels,
  isPostingKind,
  parsePeriod,
  periodKindLabels,
  periodLabel,
  postingKinds,
  tableSpecOf,
  maxTitleLength,
  type PostingCategory,
  type PostingKind,
} from "../domain/postings/rules";
import { bodyMarkupHint } from "../domain/postings/text";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { shanghaiDate } from "../domain/shared/time";
import { Button, Field, FormError, PostForm, SelectField, TextAreaField } from "../ui/form";
import { PeriodPicker, pickedPeriodOf } from "../ui/period-picker";
import { PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "新建公开事项 - 村务公开工作台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "posting:draft");
  const params = new URL(request.url).searchParams;
  const today = shanghaiDate(new Date());
  // Links from the compliance panel ask for a kind and a missing period.
  const kind = params.get("kind") ?? "";
  const period = params.get("period") ?? "";
  const initialKind = isPostingKind(kind) ? kind : "";
  return {
    today,
    initialKind,
    initialPeriod: parsePeriod(period) ? period : suggestedPeriod(initialKind, today),
  };
}

const notCreated = "有填写不正确的内容，请按提示修改。";

/** The new-posting form: kind, period, title and body; the table and files follow on the posting's page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "posting:draft");
  const submission = parseSubmission(await readForm(request), { schema: newPostingSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission, null, { formError: notCreated }) }, { status: 400 });
  const created = await createPosting(actionContext(context, actor), submission.value);
  if (!created.ok) {
    const result = replyTo(submission, created, { formError: created.fieldErrors ? notCreated : undefined });
    return data({ result }, { status: created.formError && !created.fieldErrors ? 409 : 400 });
  }
  throw redirectWithNotice(request, `/village/postings/${created.value.id}`, "已创建草稿。请继续填写表格、上传附件，核对无误后提交村务监督委员会审核。");
}

const categoryOrder: PostingCategory[] = ["party", "village", "finance"];
const kindEntries = Object.entries(postingKinds) as Array<[keyof typeof postingKinds, PostingKind]>;
const allPeriodKinds = ["month", "quarter", "year", "date"] as const;

function periodKindsText(kind: PostingKind): string {
  return kind.periodKinds.map((k) => periodKindLabels[k]).join("、");
}

export default function NewPosting() {
  const { today, initialKind, initialPeriod } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<{ kind: string; period: string; title: string; body: string }>({
    lastResult,
    defaultValue: { kind: initialKind, period: initialPeriod },
  });
  const [kind, setKind] = useState<string>(fields.kind.initialValue ?? "");
  // A refused form comes back with the period as picked; otherwise the suggested (or linked) one.
  const posted = lastResult?.initialValue;
  const [periodTouched, setPeriodTouched] = useState<boolean>(!!posted);
  const chosen = isPostingKind(kind) ? postingKinds[kind] : null;
  const spec = tableSpecOf(kind);
  const suggestion = suggestedPeriod(kind, today);
  // The picker starts from the linked or suggested period, follows the kind's suggestion until the clerk picks one, and is re-created to do so.
  const [seed, setSeed] = useState(() => ({
    key: "initial",
    choice: posted ? pickedPeriodOf(posted) : periodChoiceOf(initialPeriod),
  }));

  return (
    <>
      <PageHeader
        title="新建公开事项"
        description={
          <>
            先填写类型、期间、标题和正文，保存为草稿；表格、附件在下一步的事项页面填写。 <Link to="/village/postings">返回公开事项</Link>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <PostForm {...getFormProps(form)} className="min-w-0 rounded border border-slate-200 bg-white p-6 shadow-sm lg:col-span-2">
          <FormError errors={form.errors} />
          <SelectField
            label="事项类型"
            name={fields.kind.name}
            required
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              if (!periodTouched) setSeed({ key: `suggested-${e.target.value}`, choice: periodChoiceOf(suggestedPeriod(e.target.value, today)) });
            }}
            errors={fields.kind.errors}
            hint={chosen ? `${chosen.hint} 公开期间：${periodKindsText(chosen)}。` : "按党务、村务、财务分类；各类型的说明见右侧。"}
          >
            <option value="">请选择事项类型</option>
            {categoryOrder.map((category) => (
              <optgroup key={category} label={categoryLabels[category]}>
                {kindEntries
                  .filter(([, k]) => k.category === category)
                  .map(([code, k]) => (
                    <option key={code} value={code}>
                      {k.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
          <PeriodPicker
            key={seed.key}
            kinds={chosen ? chosen.periodKinds : allPeriodKinds}
            initial={seed.choice}
            today={today}
            onPick={() => setPeriodTouched(true)}
            errors={fields.period.errors}
            hint={
              <>
                {chosen ? "" : "先选择事项类型，再选择期间。"}
                {suggestion ? `建议：${periodLabel(suggestion)}。` : ""}
                已公开的事项不能再改期间，请核对无误。
              </>
            }
          />
          <Field
            label="标题"
            name={fields.title.name}
            required
            maxLength={maxTitleLength}
            autoComplete="off"
            defaultValue={fields.title.initialValue ?? ""}
            errors={fields.title.errors}
            hint={`不超过 ${maxTitleLength} 字，如“大良村2025年3月财务收支公开”。`}
          />
          <TextAreaField
            label="正文"
            name={fields.body.name}
            required
            rows={10}
            defaultValue={fields.body.initialValue ?? ""}
            errors={fields.body.errors}
            hint={bodyMarkupHint}
          />
          {spec ? (
            <p className="mb-4 rounded bg-blue-50 px-4 py-3 text-sm text-blue-900">
              该类事项需要填写“{spec.label}”表格：创建草稿后，在事项页面逐行填写，系统自动计算合计。
            </p>
          ) : null}
          <p className="mb-4 text-sm text-slate-600">创建后为草稿，仅村务公开员可见；提交村务监督委员会审核通过后才会公开。</p>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            创建草稿
          </Button>
        </PostForm>
        <Panel title="各类事项说明">
          {categoryOrder.map((category) => (
            <section key={category} className="mb-4 last:mb-0">
              <h3 className="mb-1 text-sm font-semibold text-slate-800">{categoryLabels[category]}</h3>
              <dl className="space-y-2 text-sm">
                {kindEntries
                  .filter(([, k]) => k.category === category)
                  .map(([code, k]) => (
                    <div key={code}>
                      <dt className="font-medium text-slate-800">{k.label}</dt>
                      <dd className="text-slate-600">
                        {k.hint} 期间：{periodKindsText(k)}。
                      </dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </Panel>
      </div>
    </>
  );
}
