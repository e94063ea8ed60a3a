import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { formatDate } from "../domain/shared/time";
import { rectificationStateLabels, type RectificationState } from "../domain/spot-checks/rules";
import { Button, FormError, PostForm, SelectField, TextAreaField } from "./form";
import { Badge } from "./layout";

const stateTones: Record<RectificationState, "green" | "red" | "amber" | "blue"> = { open: "blue", answered: "amber", done: "green", not_done: "red", overdue: "red" };

export function RectificationStateBadge({ state }: { state: RectificationState }) {
  return <Badge tone={stateTones[state]}>{rectificationStateLabels[state]}</Badge>;
}

export interface RectificationRow {
  id: number;
  problem: string;
  deadline: string;
  answer: string | null;
  answeredOn: string | null;
  verdict: string | null;
  verifiedOn: string | null;
  verificationNote: string | null;
  version: number;
  state: RectificationState;
}

/**
 * One rectification item as the registry sees it, wherever it came from (a
 * spot check, a 基本合格): what is required by when, the organization's report,
 * and the verification, or the form to record it once there is something to
 * verify (a report, or the deadline passed). `verify` renders that form.
 */
export function RectificationItem({ r, today, verify }: { r: RectificationRow; today: string; verify: (r: RectificationRow) => ReactNode }) {
  return (
    <div className="rounded bg-slate-50 p-3 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span>整改要求：{r.problem}</span>
        <span className="text-slate-600">期限 {formatDate(r.deadline)}</span>
        <RectificationStateBadge state={r.state} />
      </p>
      {r.answer ? (
        <p className="mt-1">
          {formatDate(r.answeredOn)} 报告整改情况：{r.answer}
        </p>
      ) : null}
      {r.verdict ? (
        <p className="mt-1">
          {formatDate(r.verifiedOn)} 核实：{r.verificationNote}
        </p>
      ) : r.answeredOn || r.deadline < today ? (
        verify(r)
      ) : null}
    </div>
  );
}

/** The registry's verification of an item; `fields` are the hidden fields that name it for the page's action. */
export function VerifyForm({
  formId,
  fields: hidden,
  version,
  answered,
  lastResult,
}: {
  formId: string;
  fields: Record<string, string | number>;
  version: number;
  answered: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm<{ verdict: string; note: string }>({ id: formId, lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="mt-2 max-w-2xl border-t border-slate-200 pt-2">
      <FormError errors={form.errors} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="version" value={version} />
      {/* Done only once the organization reported its correction. */}
      <SelectField label="核实结果" name={fields.verdict.name} errors={fields.verdict.errors} defaultValue={answered ? "done" : "not_done"}>
        {answered ? <option value="done">已完成整改</option> : null}
        <option value="not_done">未完成整改</option>
      </SelectField>
      <TextAreaField label="核实情况" name={fields.note.name} errors={fields.note.errors} rows={2} maxLength={1000} required />
      <Button type="submit" variant="secondary">
        记录核实结果
      </Button>
    </PostForm>
  );
}
