import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { proposalBatchSchema } from "../domain/credit/forms";
import { confirmProposals, dismissProposals } from "../domain/credit/listings.server";
import { proposalsPage } from "../domain/credit/queries.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { pendingConfirmation, parseSubmission, replyTo } from "../domain/shared/form-submission";
import { listingConfirmation } from "../domain/credit/confirmations";
import { pendingOf, postedList, postedText, type PostedValues } from "../domain/shared/confirmation";
import { formatDate } from "../domain/shared/time";
import { ConfirmationPage, ConfirmSubmit } from "../ui/confirm";
import { type Column, DataTable } from "../ui/data-table";
import { Button, Field, FormError, PostForm, TextAreaField } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";
import { useSelectionColumn } from "../ui/selection";

export const meta: MetaFunction = () => [{ title: "列入建议 - 信用监管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "credit:list");
  return proposalsPage(actor, new Date());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "credit:list");
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: proposalBatchSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission), notice: null }, { status: 400 });
  const ctx = actionContext(context, actor);
  const batch = submission.value;
  // A listing is published and cannot be undone: nothing is written until the summary was confirmed.
  const confirm = batch.intent === "confirm" ? pendingConfirmation(form, proposalBatchSchema) : null;
  if (confirm) return { result: submission.reply(), notice: null, confirm };
  if (batch.intent === "confirm") {
    const outcome = await confirmProposals(ctx, batch);
    if (!outcome.ok) return data({ result: replyTo(submission, outcome), notice: null }, { status: 409 });
    const { listed, skipped } = outcome.value;
    return { result: submission.reply({ resetForm: true }), notice: `已列入 ${listed} 条${skipped ? `；${skipped} 条已由他人处理或不再成立，未重复列入` : ""}。已记入变更记录和审计日志，并在公开名录中公示。` };
  }
  const outcome = await dismissProposals(ctx, batch);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { result: submission.reply({ resetForm: true }), notice: `已对 ${outcome.value.dismissed} 条建议作出不予列入的决定，理由已记入审计日志。` };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
type Fields = { intent: string; keys: string[]; listedOn: string; reason: string };

export default function CreditProposals() {
  const { rows, nonFilers, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<Fields>({ id: "proposals", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const pending = pendingOf(actionData);
  const summary = (values: PostedValues) => {
    const keys = postedList(values, "keys");
    const entries = rows.filter((r) => keys.includes(r.key)).map((r) => ({ name: r.organization.name, list: r.list }));
    return listingConfirmation({ entries, listedOn: postedText(values, "listedOn") });
  };
  const selection = useSelectionColumn({ rows, keyOf: (r) => r.key, formId: form.id, name: fields.keys.name, labelOf: (r) => `选择：${r.organization.name}，${r.label}` });
  const columns: Array<Column<Row>> = [
    selection.column,
    {
      label: "组织名称",
      rowHeader: true,
      cell: (r) => (
        <>
          <Link to={`/officer/orgs/${r.organizationId}#credit`}>{r.organization.name}</Link>
          <span className="block text-xs text-slate-600">{organizationTypeLabels[r.organization.type]}</span>
        </>
      ),
    },
    {
      label: "建议列入",
      cell: (r) => (r.list === "serious" ? <Badge tone="red">严重违法失信名单</Badge> : <Badge tone="amber">活动异常名录</Badge>),
    },
    {
      label: "事由和依据",
      cell: (r) => (
        <>
          <span className="font-medium">{r.label}</span>
          <span className="block text-xs text-slate-600">{r.article}</span>
          <span className="block text-sm">{r.evidence}</span>
        </>
      ),
    },
    { label: "事实发生", className: "whitespace-nowrap", cell: (r) => formatDate(r.arose) },
  ];
  return (
    <>
      <PageHeader
        title="列入建议"
        description="系统依据登记管理机关自己的记录（行政处罚决定、退回的挂号信、列入活动异常名录的时间）提出的列入建议。请逐条核对后勾选，确认列入或说明理由不予列入；系统不会自行列入。每项事实只处理一次。"
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {pending ? <ConfirmationPage pending={pending} summary={summary} back="#proposals" /> : null}
      {nonFilers.length ? (
        <Panel title="未报送年度工作报告" className="mb-6">
          <ul className="list-disc pl-5 text-sm">
            {nonFilers.map((n) => (
              <li key={n.year}>
                {n.year} 年度年检：{n.unlisted} 个组织逾期未报送，尚未列入（《社会组织信用信息管理办法》第十条第一项）。{" "}
                <Link to={`/officer/inspections/${n.year}#not-filed`}>在该年度页面逐一核对并列入</Link>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
      <Panel title={`待处理的建议（${rows.length} 条）`}>
        <FormError errors={[...(form.errors ?? []), ...(fields.keys.errors ?? [])]} />
        <div className="max-h-[36rem] overflow-auto">
          <DataTable caption="待处理的列入建议，按事实发生日期排列" columns={columns} rows={rows} rowKey={(r) => r.key} empty="目前没有待处理的列入建议。" framed={false} />
        </div>
        {rows.length ? (
          <PostForm {...getFormProps(form)} className="mt-4 grid gap-6 border-t border-slate-100 pt-4 lg:grid-cols-2">
            <div>
              <h3 className="mb-2 font-medium text-slate-900">确认列入</h3>
              <Field
                label="列入日期"
                name={fields.listedOn.name}
                type="date"
                defaultValue={typeof fields.listedOn.initialValue === "string" ? fields.listedOn.initialValue : today}
                max={today}
                errors={fields.listedOn.errors}
                hint="不早于所依据事实发生之日，不晚于今天"
              />
              <ConfirmSubmit name={fields.intent.name} value="confirm" variant="danger" summary={summary}>
                确认列入所选 {selection.chosen.length || ""} 条
              </ConfirmSubmit>
            </div>
            <div>
              <h3 className="mb-2 font-medium text-slate-900">不予列入</h3>
              <TextAreaField label="不予列入的理由" name={fields.reason.name} errors={fields.reason.errors} rows={2} maxLength={500} hint="如处罚决定已被撤销、已另行处理" />
              <Button type="submit" name={fields.intent.name} value="dismiss" variant="secondary">
                所选建议不予列入
              </Button>
            </div>
          </PostForm>
        ) : null}
      </Panel>
    </>
  );
}
