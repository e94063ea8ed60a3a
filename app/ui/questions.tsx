/**
 * Villagers' questions as every page shows them: the question with its asker
 * and date, then the clerk's and the supervision committee's answers with theirs.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { askSchema } from "../domain/questions/forms";
import { answerDays, questionLimits, questionStateLabels, type QuestionState } from "../domain/questions/rules";
import { parseSubmission } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { Button, Field, FormError, PostForm, TextAreaField } from "./form";
import { Badge, Panel } from "./layout";
import { Notice } from "./notice";

export interface QuestionThreadData {
  id: number;
  asker: string;
  askerVillage: string;
  question: string;
  askedAt: Date | string;
  answer: string | null;
  answeredAt: Date | string | null;
  committeeAnswer: string | null;
  committeeAnsweredAt: Date | string | null;
}

const stateTones: Record<QuestionState, "slate" | "green" | "red" | "amber" | "blue"> = {
  hidden: "slate",
  waiting: "amber",
  overdue: "red",
  answered: "green",
  answered_late: "blue",
};

export function QuestionStateBadge({ state }: { state: QuestionState }) {
  return <Badge tone={stateTones[state]}>{questionStateLabels[state]}</Badge>;
}

function Answer({ who, text, at }: { who: string; text: string; at: Date | string | null }) {
  return (
    <div className="mt-2 border-l-4 border-brand-200 bg-brand-50 px-3 py-2">
      <p className="text-sm font-medium text-slate-800">
        {who}答复<span className="ml-2 font-normal text-slate-600">{formatDate(at)}</span>
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words text-base text-slate-900">{text}</p>
    </div>
  );
}

/** One question and its answers; `aside` holds a badge or the village's forms. */
export function QuestionThread({ q, aside, children }: { q: QuestionThreadData; aside?: ReactNode; children?: ReactNode }) {
  return (
    <article aria-labelledby={`question-${q.id}`} className="rounded border border-slate-200 p-3">
      <p id={`question-${q.id}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
        <span className="font-medium text-slate-800">
          {q.askerVillage} {q.asker}
        </span>
        <span>{formatDate(q.askedAt)} 提出质询</span>
        {aside}
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words text-base text-slate-900">{q.question}</p>
      {q.answer ? <Answer who="村务公开员" text={q.answer} at={q.answeredAt} /> : null}
      {q.committeeAnswer ? <Answer who="村务监督委员会" text={q.committeeAnswer} at={q.committeeAnsweredAt} /> : null}
      {children}
    </article>
  );
}

/** Under a public posting: its answered questions, and the form to ask one while it is published. */
export function QuestionsPanel({
  postingId,
  open,
  placeWord,
  questions,
  reply,
}: {
  postingId: number;
  open: boolean;
  placeWord: string;
  questions: { answered: QuestionThreadData[]; waiting: number };
  reply: { result: SubmissionResult<string[]>; asked: boolean } | undefined;
}) {
  const actionData = reply;
  const [form, fields] = useForm({
    id: `ask-${postingId}`,
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    // Corrected errors go as the villager types: checked again on leaving the last field, their
    // messages would vanish under the pressed button and the page shift before the click lands.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseSubmission(formData, { schema: askSchema }),
  });
  return (
    <Panel title="村民质询">
      <div id="questions" className="scroll-mt-4 space-y-3">
        <p className="text-sm text-slate-600">
          对本事项有疑问的村民可以提出质询。村务公开员应在 {answerDays} 日内答复，村务监督委员会也可以作出答复；答复后，质询和答复在这里公开，提问人只显示姓氏。
          {questions.waiting ? `目前有 ${questions.waiting} 条质询正在等待答复。` : ""}
        </p>
        {questions.answered.length ? (
          questions.answered.map((q) => <QuestionThread key={q.id} q={q} />)
        ) : (
          <p className="text-sm text-slate-600">还没有已答复的质询。</p>
        )}
        {open ? (
          <section aria-labelledby="ask-heading" className="border-t border-slate-200 pt-4">
            <h3 id="ask-heading" className="mb-2 font-semibold text-slate-900">
              提出质询
            </h3>
            {actionData?.asked ? <Notice>质询已提交。村务公开员将在 {answerDays} 日内答复，答复后会在本页公开。</Notice> : null}
            <PostForm {...getFormProps(form)} className="max-w-2xl" preventScrollReset>
              <FormError errors={form.errors} />
              <div className="grid gap-x-4 sm:grid-cols-2">
                <Field label="姓名" name={fields.name.name} defaultValue={fields.name.initialValue as string | undefined} errors={fields.name.errors} maxLength={20} autoComplete="name" required />
                <Field label="所在村（居）" name={fields.village.name} defaultValue={fields.village.initialValue as string | undefined} errors={fields.village.errors} maxLength={40} hint={`如：本${placeWord}第三村民小组`} required />
              </div>
              <TextAreaField
                label="质询内容"
                name={fields.question.name}
                defaultValue={fields.question.initialValue as string | undefined}
                errors={fields.question.errors}
                rows={4}
                maxLength={1000}
                hint={`请写明对哪一项内容有疑问。请勿填写身份证号、手机号等个人信息，填写的号码会被自动遮盖。每个网络地址每小时最多提交 ${questionLimits.addressPerHour} 条。`}
                required
              />
              <Button type="submit">提交质询</Button>
            </PostForm>
          </section>
        ) : (
          <p className="text-sm text-slate-600">本事项已撤回，不再接受新的质询。</p>
        )}
      </div>
    </Panel>
  );
}
