/**
 * An objection's course as both sides read it: what the organization said, the
 * registry's answer and correction, with the days each was due; and the
 * registry's forms for the next step.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { answerDays, correctionWorkingDays, creditPartLabels, objectionStateLabels, type CreditPart, type ObjectionState } from "../domain/objections/rules";
import { formatDate } from "../domain/shared/time";
import { Button, ErrorSummary, PostForm, TextAreaField, typedText } from "./form";
import { Badge } from "./layout";

export interface ObjectionView {
  id: number;
  version: number;
  part: CreditPart;
  subject: string;
  statement: string;
  requested: string;
  filedOn: string;
  answerDueOn: string;
  state: ObjectionState;
  answer: string | null;
  answeredOn: string | null;
  correctionDueOn: string | null;
  correction: string | null;
  correctedOn: string | null;
  overdue: boolean;
}

const stateTones: Record<ObjectionState, "amber" | "slate" | "blue" | "green"> = { filed: "amber", dismissed: "slate", upheld: "blue", corrected: "green" };

export function ObjectionStateBadge({ state, overdue }: { state: ObjectionState; overdue: boolean }) {
  return (
    <>
      <Badge tone={stateTones[state]}>{objectionStateLabels[state]}</Badge>
      {overdue ? <Badge tone="red">已逾期</Badge> : null}
    </>
  );
}

export function ObjectionCourse({ objection: o, heading }: { objection: ObjectionView; heading?: string }) {
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        {heading ? <span className="font-medium text-slate-900">{heading}</span> : null}
        <ObjectionStateBadge state={o.state} overdue={o.overdue} />
        <span>
          {formatDate(o.filedOn)} 提出，{creditPartLabels[o.part]}
        </span>
      </p>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-600">具体条目</dt>
        <dd>{o.subject}</dd>
        <dt className="text-slate-600">异议内容和理由</dt>
        <dd className="whitespace-pre-line">{o.statement}</dd>
        <dt className="text-slate-600">请求更正为</dt>
        <dd className="whitespace-pre-line">{o.requested}</dd>
        <dt className="text-slate-600">核实答复</dt>
        <dd className="whitespace-pre-line">{o.answer ? `${formatDate(o.answeredOn)}：${o.answer}` : `应于 ${formatDate(o.answerDueOn)} 前答复（收到之日起 ${answerDays} 日）`}</dd>
        {o.state === "upheld" || o.state === "corrected" ? (
          <>
            <dt className="text-slate-600">更正情况</dt>
            <dd className="whitespace-pre-line">{o.correction ? `${formatDate(o.correctedOn)}：${o.correction}` : `应于 ${formatDate(o.correctionDueOn)} 前更正（查实之日起 ${correctionWorkingDays} 个工作日）`}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

const workLabels = { answer: "核实结论和理由", correction: "更正情况" } as const;

/** The registry's next step: the verified answer (upheld or not), then the correction of an upheld one. */
export function ObjectionWorkForm({ objection: o, lastResult }: { objection: Pick<ObjectionView, "id" | "version" | "state">; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ intent: string; answer: string; correction: string }>({ id: `objection-${o.id}`, lastResult, shouldValidate: "onSubmit" });
  if (o.state !== "filed" && o.state !== "upheld") return null;
  const answering = o.state === "filed";
  return (
    <PostForm {...getFormProps(form)} className="mt-3 max-w-2xl border-t border-slate-100 pt-3">
      <ErrorSummary result={lastResult} labels={workLabels} />
      <input type="hidden" name="objectionId" value={o.id} />
      <input type="hidden" name="version" value={o.version} />
      {answering ? (
        <>
          <TextAreaField label={workLabels.answer} name={fields.answer.name} defaultValue={typedText(fields.answer)} errors={fields.answer.errors} rows={3} maxLength={2000} hint="写明核实了什么、结论和依据；答复后不能修改" required />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" name="intent" value="uphold">
              异议成立，予以更正
            </Button>
            <Button type="submit" name="intent" value="dismiss" variant="secondary">
              异议不成立
            </Button>
          </div>
        </>
      ) : (
        <>
          <input type="hidden" name="intent" value="correct" />
          <TextAreaField
            label={workLabels.correction}
            name={fields.correction.name}
            defaultValue={typedText(fields.correction)}
            errors={fields.correction.errors}
            rows={3}
            maxLength={2000}
            hint="先在登记簿、信用管理或其他信用信息中作出更正（各自记入审计日志），再在此写明更正了什么"
            required
          />
          <Button type="submit">登记更正完成</Button>
        </>
      )}
    </PostForm>
  );
}
