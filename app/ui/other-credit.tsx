/**
 * 其他信用信息: the awards and government service contracts on an organization's
 * record, as the public reads them, and the registry's forms to record one and
 * to withdraw one found wrong.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { formatYuanFromFen } from "../domain/shared/money";
import { otherCreditFieldLabels, otherCreditKindLabels, otherCreditKinds, type OtherCreditKind } from "../domain/credit/other-items";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { Button, Field, FormError, PostForm, SelectField, TextAreaField, typedText } from "./form";
import { Badge } from "./layout";

export interface OtherCreditEntry {
  id: number;
  kind: OtherCreditKind;
  title: string;
  grantor: string;
  decidedOn: string;
  documentNumber: string | null;
  amountFen: number | null;
  periodUntil: string | null;
  /** The registry's view only. */
  version?: number;
  withdrawnAt?: Date | string | null;
  withdrawalReason?: string | null;
}

export function OtherCreditList({ items, withdrawForm }: { items: OtherCreditEntry[]; withdrawForm?: (item: OtherCreditEntry) => ReactNode }) {
  if (!items.length) return <p className="text-sm text-slate-600">无表彰奖励、承接政府购买服务记录。</p>;
  return (
    <ul className="space-y-2 text-sm">
      {items.map((item) => {
        const labels = otherCreditFieldLabels[item.kind];
        return (
          <li key={item.id} className="rounded border border-slate-200 p-3">
            <p className="flex flex-wrap items-center gap-2">
              <Badge tone={item.kind === "award" ? "green" : "blue"}>{otherCreditKindLabels[item.kind]}</Badge>
              <span className="font-medium">{item.title}</span>
              {item.withdrawnAt ? <Badge tone="slate">已撤回</Badge> : null}
            </p>
            <p className="mt-1 text-slate-700">
              {labels.grantor}：{item.grantor}；{labels.decidedOn}：{formatDate(item.decidedOn)}
              {item.documentNumber ? `；${labels.documentNumber}：${item.documentNumber}` : ""}
              {item.amountFen !== null ? `；合同金额：${formatYuanFromFen(item.amountFen)}` : ""}
              {item.periodUntil ? `；服务期限至 ${formatDate(item.periodUntil)}` : ""}
            </p>
            {item.withdrawnAt ? (
              <p className="mt-1 text-slate-600">
                {formatDateTime(item.withdrawnAt)} 撤回：{item.withdrawalReason}
              </p>
            ) : (
              withdrawForm?.(item)
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function OtherCreditForm({ today, lastResult }: { today: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ intent: string; kind: string; title: string; grantor: string; decidedOn: string; documentNumber: string; amount: string; periodUntil: string }>({
    id: "other-record",
    lastResult,
    shouldValidate: "onSubmit",
  });
  const initial = (name: keyof typeof fields) => typedText(fields[name]);
  return (
    <PostForm {...getFormProps(form)} className="max-w-2xl border-t border-slate-100 pt-4">
      <h3 className="mb-2 font-medium text-slate-900">录入表彰奖励或政府购买服务</h3>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="other-record" />
      <SelectField label="信息类别" name={fields.kind.name} defaultValue={initial("kind")} errors={fields.kind.errors} required>
        <option value="" disabled>
          请选择
        </option>
        {otherCreditKinds.map((kind) => (
          <option key={kind} value={kind}>
            {otherCreditKindLabels[kind]}
          </option>
        ))}
      </SelectField>
      <Field label="名称" name={fields.title.name} defaultValue={initial("title")} errors={fields.title.errors} maxLength={100} hint="表彰奖励的名称，或政府购买服务的项目名称" required />
      <Field label="授予机关或购买主体" name={fields.grantor.name} defaultValue={initial("grantor")} errors={fields.grantor.errors} maxLength={60} required />
      <Field label="日期" name={fields.decidedOn.name} type="date" max={today} defaultValue={initial("decidedOn") || today} errors={fields.decidedOn.errors} hint="表彰日期，或合同签订日期" required />
      <Field label="文号或合同编号" name={fields.documentNumber.name} defaultValue={initial("documentNumber")} errors={fields.documentNumber.errors} maxLength={60} />
      <Field label="合同金额（元）" name={fields.amount.name} inputMode="decimal" defaultValue={initial("amount")} errors={fields.amount.errors} hint="仅政府购买服务填写" />
      <Field label="服务期限截止日期" name={fields.periodUntil.name} type="date" defaultValue={initial("periodUntil")} errors={fields.periodUntil.errors} hint="仅政府购买服务填写" />
      <Button type="submit">录入并公示</Button>
    </PostForm>
  );
}

export function OtherCreditWithdrawForm({ item, lastResult }: { item: OtherCreditEntry; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ intent: string; itemId: string; version: string; reason: string }>({ id: `other-withdraw-${item.id}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <details className="mt-2" open={!!lastResult}>
      <summary className="cursor-pointer text-slate-700">撤回（信息有误时）</summary>
      <PostForm {...getFormProps(form)} className="mt-2 max-w-xl">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="other-withdraw" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="version" value={item.version} />
        <TextAreaField label="撤回原因" name={fields.reason.name} errors={fields.reason.errors} rows={2} maxLength={500} required />
        <Button type="submit" variant="secondary">
          撤回
        </Button>
      </PostForm>
    </details>
  );
}
