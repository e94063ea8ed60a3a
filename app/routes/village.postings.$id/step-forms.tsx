import { getFormProps, useForm } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import type { Confirmation, PostedValues } from "../../domain/shared/confirmation";
import { ConfirmSubmit } from "../../ui/confirm";
import { maxReasonLength } from "../../domain/postings/rules";
import { Button, ErrorList, FormError, PostForm, TextAreaField } from "../../ui/form";
import { Panel } from "../../ui/layout";
import { answerFor, otherErrors, useLastResult, usePageAnswer, type Version } from "./answers";

/* The posting's other steps: giving up a draft, correcting or withdrawing what is public, and the supervisor's review. */

const discardIntents = ["discard"] as const;

export function DiscardForm({ action, open }: { action: string; open: Version }) {
  const id = useId();
  const answered = !!answerFor(usePageAnswer(), discardIntents);
  const [form, fields] = useForm<{ confirmDiscard: string }>({ lastResult: useLastResult(discardIntents) });
  const errors = fields.confirmDiscard.errors;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const first = open.number === 1;
  return (
    <details className="panel" open={answered}>
      <summary className="cursor-pointer font-medium text-red-800">{first ? "放弃草稿…" : "放弃本次更正…"}</summary>
      <PostForm action={action} {...getFormProps(form)} className="mt-3">
        <FormError errors={otherErrors(form.allErrors, ["confirmDiscard"])} />
        <input type="hidden" name="version" value={open.version} />
        <p className="mb-3 text-sm text-slate-700">
          {first
            ? "放弃后，该事项的草稿和附件不再保留，也不能恢复。该事项从未公开，公开页面不受影响。"
            : `放弃后，本次更正（第 ${open.number} 版）的修改不再保留；公开页面继续显示原公开版本。`}
        </p>
        <div className="flex items-start gap-2">
          <input id={id} type="checkbox" name={fields.confirmDiscard.name} value="on" className="mt-1 h-4 w-4" aria-invalid={errorId ? true : undefined} aria-describedby={errorId} />
          <label htmlFor={id} className="text-sm">
            我确认放弃{first ? "这份草稿" : "本次更正"}
          </label>
        </div>
        <ErrorList id={errorId} errors={errors} />
        <Button type="submit" name="intent" value="discard" variant="danger" className="mt-3">
          {first ? "放弃草稿" : "放弃本次更正"}
        </Button>
      </PostForm>
    </details>
  );
}

const correctIntents = ["correct"] as const;
const withdrawIntents = ["withdraw"] as const;

function ReasonForm({
  action,
  title,
  explanation,
  postingVersion,
  field,
  label,
  hint,
  intent,
  button,
  variant,
}: {
  action: string;
  title: string;
  explanation: ReactNode;
  postingVersion: number;
  field: "reason" | "withdrawReason";
  label: string;
  hint: string;
  intent: "correct" | "withdraw";
  button: string;
  variant: "primary" | "danger";
}) {
  const [form, fields] = useForm<{ reason: string; withdrawReason: string }>({
    lastResult: useLastResult(intent === "correct" ? correctIntents : withdrawIntents),
  });
  return (
    <Panel title={title}>
      <div className="mb-3 text-sm text-slate-700">{explanation}</div>
      <PostForm action={action} {...getFormProps(form)}>
        <FormError errors={otherErrors(form.allErrors, [field])} />
        <input type="hidden" name="version" value={postingVersion} />
        <TextAreaField
          label={label}
          name={fields[field].name}
          required
          maxLength={maxReasonLength}
          defaultValue={fields[field].initialValue ?? ""}
          errors={fields[field].errors}
          hint={hint}
        />
        <Button type="submit" name="intent" value={intent} variant={variant}>
          {button}
        </Button>
      </PostForm>
    </Panel>
  );
}

export function CorrectForm({ action, postingVersion, currentNumber }: { action: string; postingVersion: number; currentNumber: number }) {
  return (
    <ReasonForm
      action={action}
      title="更正"
      explanation={
        <p>
          已公开的第 {currentNumber} 版不会被改动。发起更正后，系统以当前公开内容生成第 {currentNumber + 1} 版草稿；修改后须再次经村务监督委员会审核，
          审核通过后公开页面显示新版本和更正原因，原版本仍可查阅。
        </p>
      }
      postingVersion={postingVersion}
      field="reason"
      label="更正原因"
      hint={`将在公开页面显示，如“第 3 行支出金额录入有误”。不超过 ${maxReasonLength} 字。`}
      intent="correct"
      button="发起更正"
      variant="primary"
    />
  );
}

export function WithdrawForm({ action, postingVersion }: { action: string; postingVersion: number }) {
  return (
    <ReasonForm
      action={action}
      title="撤回"
      explanation={
        <p>
          <strong className="font-medium">公开页面将显示撤回原因，原内容仍可查阅。</strong>
          撤回后该事项不能再更正；如需重新公开，请新建公开事项。
        </p>
      }
      postingVersion={postingVersion}
      field="withdrawReason"
      label="撤回原因"
      hint={`将在公开页面显示。不超过 ${maxReasonLength} 字。`}
      intent="withdraw"
      button="撤回该公开事项"
      variant="danger"
    />
  );
}

const reviewIntents = ["approve", "return"] as const;

/** The supervisor's sign-off: approve (published at once) or return with an opinion. */
export function ReviewForm({ action, open, summary }: { action: string; open: Version; summary: (values: PostedValues) => Confirmation }) {
  const navigation = useNavigation();
  // Empty: the committee writes what it checked, in its own words; nothing is approved by a sentence left in the box.
  const [form, fields] = useForm<{ opinion: string }>({ id: "review", lastResult: useLastResult(reviewIntents) });
  return (
    <Panel title="审核">
      <p className="mb-3 text-sm text-slate-700">
        请逐项核对以上内容、表格和附件。审核通过后立即在公开页面发布，并记入本村的公开记录链，此后不能修改，只能更正或撤回；
        退回后由村务公开员按审核意见修改后重新提交。
      </p>
      <PostForm action={action} {...getFormProps(form)}>
        <FormError errors={otherErrors(form.allErrors, ["opinion"])} />
        <input type="hidden" name="version" value={open.version} />
        <TextAreaField
          label="审核意见"
          name={fields.opinion.name}
          required
          rows={4}
          maxLength={maxReasonLength}
          defaultValue={fields.opinion.initialValue ?? ""}
          errors={fields.opinion.errors}
          hint="审核意见随公开内容一并公开。通过的，写明核对了哪些内容；退回修改的，写明需要修改的内容。"
        />
        <div className="flex flex-wrap gap-3">
          <ConfirmSubmit name="intent" value="approve" summary={summary} disabled={navigation.state === "submitting"}>
            审核通过并公开
          </ConfirmSubmit>
          <Button type="submit" name="intent" value="return" variant="secondary" disabled={navigation.state === "submitting"}>
            退回修改
          </Button>
        </div>
      </PostForm>
    </Panel>
  );
}
