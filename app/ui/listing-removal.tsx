import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { removalConfirmation, type CreditList } from "../domain/credit/confirmations";
import { abnormalRemovalKindLabels } from "../domain/credit/listings";
import { postedText, type Confirmation, type PostedValues } from "../domain/shared/confirmation";
import { ConfirmSubmit } from "./confirm";
import { organizationTypeLabels } from "../domain/organizations/rules";
import type { OrganizationType } from "../../vocabulary";
import { FormError, PostForm, SelectField, TextAreaField } from "./form";

/** The officers' lists' removal form: one listing, the reason required (and for the abnormal list, which removal it is). */
export function ListingRemovalForm({
  id,
  listingId,
  name,
  lastResult,
  withKind,
  hint,
  buttonLabel,
  summary,
}: {
  id: string;
  listingId: number;
  name: string;
  lastResult?: SubmissionResult<string[]>;
  /** After a verified correction, or as made in error (the abnormal list). */
  withKind?: boolean;
  hint: string;
  buttonLabel: string;
  /** What removing it will do (`removalSummary`), asked before it is sent. */
  summary: (values: PostedValues) => Confirmation;
}) {
  const [form, fields] = useForm<{ listingId: string; kind: string; reason: string }>({ id, lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)}>
      <FormError errors={form.errors} />
      <input type="hidden" name={fields.listingId.name} value={listingId} />
      {withKind ? (
        <SelectField label="移出情形" name={fields.kind.name} defaultValue={(fields.kind.initialValue as string | undefined) ?? "corrected"} errors={fields.kind.errors}>
          <option value="corrected">{abnormalRemovalKindLabels.corrected}</option>
          <option value="error">{abnormalRemovalKindLabels.error}</option>
        </SelectField>
      ) : null}
      <TextAreaField label="移出原因" name={fields.reason.name} defaultValue={fields.reason.initialValue as string | undefined} errors={fields.reason.errors} hint={hint} rows={2} maxLength={500} required />
      <ConfirmSubmit variant="secondary" label={`${buttonLabel}：${name}`} summary={summary}>
        移出
      </ConfirmSubmit>
    </PostForm>
  );
}

/** What removing one listing will do, read from its removal form (the abnormal list's also says which removal). */
export function removalSummary(row: { name: string; ground: string }, list: CreditList) {
  return (values: PostedValues) =>
    removalConfirmation({
      ...row,
      list,
      removal: list === "abnormal" ? (abnormalRemovalKindLabels[postedText(values, "kind") as keyof typeof abnormalRemovalKindLabels] ?? "") : undefined,
      reason: postedText(values, "reason"),
    });
}

/** A refusal for a listing no longer on the page has no form to sit beside: its messages, for above the table. */
export function orphanErrors(actionData: { listingId: number | null; notice: string | null; result: SubmissionResult<string[]> } | undefined, rows: Array<{ id: number }>) {
  return actionData && !actionData.notice && !rows.some((r) => r.id === actionData.listingId) ? Object.values(actionData.result.error ?? {}).flatMap((e) => e ?? []) : null;
}

/** A listed organization: its link and, beneath, its kind, street and anything more. */
export function ListedOrganization({ row, extra }: { row: { organizationId: number; name: string; type: OrganizationType; street: string | null }; extra?: string }) {
  return (
    <>
      <Link to={`/officer/orgs/${row.organizationId}`}>{row.name}</Link>
      <span className="block text-xs text-slate-600">
        {organizationTypeLabels[row.type]} · {row.street ?? "—"}
        {extra ? ` · ${extra}` : ""}
      </span>
    </>
  );
}
