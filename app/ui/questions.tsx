/**
 * Villagers' questions as every page shows them: the question with its asker
 * and date, then the clerk's and the supervision committee's answers with theirs.
 */
import type { ReactNode } from "react";
import type { QuestionState } from "../domain/questions/rules";
import { questionStateLabels } from "../domain/questions/rules";
import { formatDate } from "../domain/shared/time";
import { Badge } from "./layout";

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
