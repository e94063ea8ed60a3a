import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requireGrant, requirePermission } from "../auth/require.server";
import { organizationCreditSchema, otherCreditSchema } from "../domain/credit/forms";
import { otherCreditOf, recordOtherCredit, withdrawOtherCredit } from "../domain/credit/other-items.server";
import {
  abnormalTriggerArticles,
  abnormalTriggerLabels,
  letterGapDays,
  manualAbnormalTriggers,
  manualSeriousTriggers,
  seriousTriggerArticles,
  seriousTriggerLabels,
  unreachableEvidence,
} from "../domain/credit/listings";
import { listByHand, recordLetter, recordLetterReturned } from "../domain/credit/listings.server";
import { organizationCredit } from "../domain/credit/queries.server";
import { organizationAccess } from "../domain/organizations/queries.server";
import { organizationTypeLabels, isLive } from "../domain/organizations/rules";
import { pendingConfirmation, parseSubmission, replyTo } from "../domain/shared/form-submission";
import { listingConfirmation } from "../domain/credit/confirmations";
import { pendingOf, postedText, type Confirmation, type PostedValues } from "../domain/shared/confirmation";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { formatDate, shanghaiDate } from "../domain/shared/time";
import { ConfirmationPage, ConfirmSubmit } from "../ui/confirm";
import { CreditListingHistory } from "../ui/credit-listings";
import { Button, Field, FormError, PostForm, SelectField, TextAreaField } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";
import { OrganizationStatusBadge } from "../ui/register-search";
import { OtherCreditForm, OtherCreditList, OtherCreditWithdrawForm } from "../ui/other-credit";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `信用管理：${data?.organization.name ?? ""} - 社会组织登记簿` }];

const idOf = (param: string | undefined) => rowIdOrNotFound(param, "登记簿中没有该社会组织。");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "organization:read_internal");
  const now = new Date();
  const id = idOf(params.id);
  const [credit, other] = await Promise.all([organizationCredit(actor, id, now), otherCreditOf(actor, id)]);
  return { ...credit, other, today: shanghaiDate(now) };
}

const notices = {
  "list-abnormal": "已列入活动异常名录，已记入变更记录和审计日志，并在公开名录中公示。",
  "list-serious": "已列入严重违法失信名单，已记入审计日志，并在公开名单中公示。",
  letter: "已登记寄出的挂号信。",
  "letter-returned": "已登记信函退回未签收。",
  "other-record": "已录入，并在该组织的公开信用信息中公示。",
  "other-withdraw": "已撤回，公开信用信息中不再显示；撤回原因已记入审计日志。",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  // As the page first: a record outside the officer's scope is a 404 whatever was posted.
  const actor = await requirePermission(request, "organization:read_internal");
  const id = idOf(params.id);
  await organizationAccess(actor, id);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const ctx = actionContext(context, actor);
  if (intent.startsWith("other-")) {
    requireGrant(actor, "credit:record");
    const submission = parseSubmission(form, { schema: otherCreditSchema });
    // Which entry's withdrawal form the answer belongs to.
    const target = intent === "other-withdraw" ? String(form.get("itemId") ?? "") : intent;
    if (submission.status !== "success") return data({ intent: target, result: replyTo(submission), notice: null }, { status: 400 });
    const post = submission.value;
    const outcome = post.intent === "other-record" ? await recordOtherCredit(ctx, id, post) : await withdrawOtherCredit(ctx, id, post);
    if (!outcome.ok) return data({ intent: target, result: replyTo(submission, outcome), notice: null }, { status: 409 });
    return { intent: target, result: submission.reply({ resetForm: true }), notice: notices[post.intent] };
  }
  requireGrant(actor, "credit:list");
  const submission = parseSubmission(form, { schema: organizationCreditSchema });
  if (submission.status !== "success") return data({ intent, result: replyTo(submission), notice: null }, { status: 400 });
  const post = submission.value;
  // A listing is published and cannot be undone: nothing is written until the summary was confirmed.
  const confirm = post.intent === "list-abnormal" || post.intent === "list-serious" ? pendingConfirmation(form, organizationCreditSchema) : null;
  if (confirm) return { intent, result: submission.reply(), notice: null, confirm };
  const outcome =
    post.intent === "list-abnormal" || post.intent === "list-serious"
      ? await listByHand(ctx, id, { list: post.intent === "list-abnormal" ? "abnormal" : "serious", trigger: post.trigger, listedOn: post.listedOn, evidence: post.evidence })
      : post.intent === "letter"
        ? await recordLetter(ctx, id, post)
        : await recordLetterReturned(ctx, post.letterId, post);
  if (!outcome.ok) return data({ intent, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { intent, result: submission.reply({ resetForm: true }), notice: notices[post.intent] };
}

export default function OrganizationCredit() {
  const { organization, listings, letters, proposals, canList, other, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const pending = pendingOf(actionData);
  const live = isLive(organization.status);
  const established = unreachableEvidence(letters);
  return (
    <>
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/officer/orgs">社会组织登记簿</Link> / <Link to={`/officer/orgs/${organization.id}`}>{organization.name}</Link>
      </nav>
      <PageHeader title={`信用管理：${organization.name}`} description={organizationTypeLabels[organization.type]} actions={<OrganizationStatusBadge status={organization.status} />} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {pending && (actionData?.intent === "list-abnormal" || actionData?.intent === "list-serious") ? (
        <ConfirmationPage pending={pending} summary={listingSummary(organization.name, actionData.intent === "list-abnormal" ? "abnormal" : "serious")} back={`#${actionData.intent}`} />
      ) : null}
      <div className="space-y-6">
        {proposals.length ? (
          <Panel title="待确认的列入建议">
            <ul className="list-disc space-y-1 pl-5 text-sm">
              {proposals.map((p) => (
                <li key={p.key}>
                  建议列入{p.list === "serious" ? "严重违法失信名单" : "活动异常名录"}：
                  {p.list === "serious" ? seriousTriggerLabels[p.trigger as keyof typeof seriousTriggerLabels] : abnormalTriggerLabels[p.trigger as keyof typeof abnormalTriggerLabels]}（{p.evidence}）
                </li>
              ))}
            </ul>
            {canList ? (
              <p className="mt-3">
                <Link to="/officer/credit">到“列入建议”中核对并确认</Link>
              </p>
            ) : null}
          </Panel>
        ) : null}
        <Panel title="列入记录">
          <CreditListingHistory listings={listings} />
        </Panel>
        <Panel title="通过登记的住所无法取得联系：挂号信">
          <p className="mb-3 text-sm text-slate-700">
            向登记的住所（{organization.address ?? "登记簿未载明"}）寄送挂号信两次，第二封在第一封寄出后 {letterGapDays.min} 至 {letterGapDays.max} 日内寄出；两封均退回未签收的，系统提出列入活动异常名录的建议（
            {abnormalTriggerArticles.unreachable}）。
          </p>
          {established ? (
            <p role="note" className="mb-3 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              两封挂号信均已退回未签收，可依法列入活动异常名录。
            </p>
          ) : null}
          {letters.length ? (
            <ol className="mb-4 space-y-2 text-sm">
              {letters.map((l) => (
                <li key={l.id} className="rounded border border-slate-200 p-3">
                  <p>
                    {formatDate(l.sentOn)} 寄出，单号 {l.trackingNumber}，寄往 {l.address}{" "}
                    {l.returnedOn ? <Badge tone="amber">{formatDate(l.returnedOn)} 退回未签收</Badge> : <Badge>未登记退回</Badge>}
                  </p>
                  {canList && !l.returnedOn ? <ReturnedForm letterId={l.id} today={today} lastResult={resultFor("letter-returned")} /> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="mb-4 text-sm text-slate-600">尚未寄送。</p>
          )}
          {canList && live ? <LetterForm today={today} lastResult={resultFor("letter")} /> : null}
        </Panel>
        <Panel title="其他信用信息：表彰奖励、承接政府购买服务">
          <OtherCreditList
            items={other.items}
            withdrawForm={other.canRecord ? (item) => <OtherCreditWithdrawForm item={item} lastResult={resultFor(String(item.id))} /> : undefined}
          />
          {other.canRecord ? <OtherCreditForm today={today} lastResult={resultFor("other-record")} /> : null}
        </Panel>
        {canList ? (
          <div className="grid gap-6 lg:grid-cols-2">
            {live ? (
              <ListingForm list="abnormal" today={today} lastResult={resultFor("list-abnormal")} summary={listingSummary(organization.name, "abnormal")} />
            ) : null}
            <ListingForm list="serious" today={today} lastResult={resultFor("list-serious")} summary={listingSummary(organization.name, "serious")} />
          </div>
        ) : null}
      </div>
    </>
  );
}

function LetterForm({ today, lastResult }: { today: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ intent: string; sentOn: string; trackingNumber: string }>({ id: "letter", lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="max-w-xl border-t border-slate-100 pt-4">
      <h3 className="mb-2 font-medium text-slate-900">登记寄出的挂号信</h3>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="letter" />
      <Field label="寄出日期" name={fields.sentOn.name} type="date" max={today} defaultValue={today} errors={fields.sentOn.errors} required />
      <Field label="挂号信单号" name={fields.trackingNumber.name} errors={fields.trackingNumber.errors} maxLength={40} required />
      <Button type="submit" variant="secondary">
        登记寄出
      </Button>
    </PostForm>
  );
}

function ReturnedForm({ letterId, today, lastResult }: { letterId: number; today: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ intent: string; letterId: string; returnedOn: string }>({ id: `returned-${letterId}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="mt-2 flex flex-wrap items-end gap-3">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="letter-returned" />
      <input type="hidden" name={fields.letterId.name} value={letterId} />
      <Field label="退回未签收日期" name={fields.returnedOn.name} type="date" max={today} defaultValue={today} errors={fields.returnedOn.errors} required />
      <Button type="submit" variant="secondary" className="mb-4">
        登记退回
      </Button>
    </PostForm>
  );
}

/** What listing the organization by hand will do, read from the listing form. */
function listingSummary(name: string, list: "abnormal" | "serious") {
  return (values: PostedValues) => {
    const trigger = postedText(values, "trigger");
    const labels: Record<string, string> = list === "abnormal" ? abnormalTriggerLabels : seriousTriggerLabels;
    return listingConfirmation({ entries: [{ name, list }], listedOn: postedText(values, "listedOn"), ground: labels[trigger] ?? "", evidence: postedText(values, "evidence") });
  };
}

/** Listing on a ground the registry's records do not hold, with the facts relied on. */
function ListingForm({ list, today, lastResult, summary }: { list: "abnormal" | "serious"; today: string; lastResult?: SubmissionResult<string[]>; summary: (values: PostedValues) => Confirmation }) {
  const intent = list === "abnormal" ? "list-abnormal" : "list-serious";
  const [form, fields] = useForm<{ intent: string; trigger: string; listedOn: string; evidence: string }>({ id: intent, lastResult, shouldValidate: "onSubmit" });
  const triggers = list === "abnormal" ? manualAbnormalTriggers.map((t) => [t, abnormalTriggerLabels[t], abnormalTriggerArticles[t]] as const) : manualSeriousTriggers.map((t) => [t, seriousTriggerLabels[t], seriousTriggerArticles[t]] as const);
  return (
    <Panel title={list === "abnormal" ? "列入活动异常名录" : "列入严重违法失信名单"}>
      <PostForm {...getFormProps(form)}>
        <p className="mb-3 text-sm text-slate-700">
          {list === "abnormal"
            ? "未报送年度报告、受到警告或罚款、挂号信退回的，由系统提出建议；其他情形在此列入，写明事实和证据。"
            : "列入活动异常名录满 2 年、限期停止活动、5 万元以上罚款、三年内多次处罚、撤销登记的，由系统提出建议；其他情形在此列入，写明事实和证据。"}
        </p>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value={intent} />
        <SelectField label="列入情形" name={fields.trigger.name} errors={fields.trigger.errors} defaultValue="">
          <option value="" disabled>
            请选择
          </option>
          {triggers.map(([value, label, article]) => (
            <option key={value} value={value}>
              {label}（{article.replace("《社会组织信用信息管理办法》", "")}）
            </option>
          ))}
        </SelectField>
        <Field label="列入日期" name={fields.listedOn.name} type="date" max={today} defaultValue={today} errors={fields.listedOn.errors} required />
        <TextAreaField label="事实和证据" name={fields.evidence.name} errors={fields.evidence.errors} rows={3} maxLength={1000} hint="如：法院失信被执行人名单的案号、整改通知书文号和期限" required />
        <ConfirmSubmit variant="danger" summary={summary}>
          {list === "abnormal" ? "列入活动异常名录" : "列入严重违法失信名单"}
        </ConfirmSubmit>
      </PostForm>
    </Panel>
  );
}
