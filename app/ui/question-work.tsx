/**
 * The page where questions are worked on: the village's clerk answers, its
 * supervision committee adds its answer or hides abuse, and the town officer
 * sees what is overdue. Which forms show follows the actor's role; the domain
 * decides again on the server.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Link, useActionData } from "@remix-run/react";
import type { QuestionCounts, QuestionFilter, QuestionState } from "../domain/questions/rules";
import { formatDate } from "../domain/shared/time";
import { Button, FormError, PostForm, TextAreaField } from "./form";
import { PageHeader, Panel, Stat } from "./layout";
import { Notice } from "./notice";
import { QuestionStateBadge, QuestionThread } from "./questions";

type Role = "clerk" | "committee" | "officer";
interface Item {
  id: number;
  version: number;
  postingId: number;
  askerName: string;
  askerVillage: string;
  question: string;
  askedAt: Date | string;
  dueOn: string;
  state: QuestionState;
  answer: string | null;
  answeredAt: Date | string | null;
  committeeAnswer: string | null;
  committeeAnsweredAt: Date | string | null;
  hiddenAt: Date | string | null;
  hiddenReason: string | null;
  postingTitle: string;
  place: { name: string; code: string };
  streetName: string;
}
type ActionData = { target: { id: number | null; intent: string }; result: SubmissionResult<string[]>; notice: string | null } | undefined;

const filterLabels: Record<QuestionFilter, string> = { open: "待答复", overdue: "逾期未答复", answered: "已答复", hidden: "已屏蔽", all: "全部" };

export function QuestionWorkPage({
  title,
  description,
  role,
  filter,
  filters,
  items,
  truncated,
  counts,
  showPlace,
}: {
  title: string;
  description: string;
  role: Role | null;
  filter: QuestionFilter;
  filters: readonly QuestionFilter[];
  items: Item[];
  truncated: boolean;
  counts?: QuestionCounts;
  showPlace: boolean;
}) {
  const actionData = useActionData() as ActionData;
  return (
    <>
      <PageHeader title={title} description={description} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {counts ? (
        <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Stat label="收到质询" value={counts.asked} />
          <Stat label="已答复" value={counts.answered} />
          <Stat label="按期答复" value={counts.onTime} />
          <Stat label="逾期未答复" value={counts.overdue} />
        </dl>
      ) : null}
      <nav aria-label="按状态查看" className="mb-4 flex flex-wrap gap-2 text-sm">
        {filters.map((f) => (
          <Link
            key={f}
            to={`?state=${f}`}
            aria-current={f === filter ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded border px-3 no-underline ${f === filter ? "border-brand-600 bg-brand-50 font-medium" : "border-slate-300 bg-white"}`}
          >
            {filterLabels[f]}
          </Link>
        ))}
      </nav>
      <Panel>
        {items.length ? (
          <div className="space-y-4">
            {items.map((q) => (
              <QuestionThread
                key={q.id}
                q={{ ...q, asker: q.askerName }}
                aside={
                  <>
                    <QuestionStateBadge state={q.state} />
                    {q.state === "waiting" || q.state === "overdue" ? <span>答复期限：{formatDate(q.dueOn)}</span> : null}
                  </>
                }
              >
                <p className="mt-2 text-sm text-slate-600">
                  关于：
                  <Link to={role === "officer" ? `/postings/${q.postingId}#questions` : `/village/postings/${q.postingId}`}>{q.postingTitle}</Link>
                  {showPlace ? (
                    <span>
                      {" "}
                      · {q.streetName} {q.place.name}
                    </span>
                  ) : null}
                </p>
                {q.state === "hidden" ? (
                  <p className="mt-2 text-sm text-slate-700">
                    {formatDate(q.hiddenAt)} 屏蔽，理由：{q.hiddenReason}
                  </p>
                ) : (
                  <WorkForms q={q} role={role} actionData={actionData} />
                )}
              </QuestionThread>
            ))}
            {truncated ? <p className="text-sm text-slate-600">只列出最早的 200 条，请先处理这些质询。</p> : null}
          </div>
        ) : (
          <p className="text-sm text-slate-600">没有{filter === "all" ? "" : filterLabels[filter]}的质询。</p>
        )}
      </Panel>
    </>
  );
}

function WorkForms({ q, role, actionData }: { q: Item; role: Role | null; actionData: ActionData }) {
  const answered = q.answer !== null || q.committeeAnswer !== null;
  const canAnswer = (role === "clerk" && q.answer === null) || (role === "committee" && q.committeeAnswer === null);
  const canHide = (role === "committee" || role === "officer") && !answered;
  const last = (intent: string) => (actionData?.target.id === q.id && actionData.target.intent === intent ? actionData.result : undefined);
  if (!canAnswer && !canHide) return null;
  return (
    <div className="mt-3 grid gap-4 lg:grid-cols-2">
      {canAnswer ? (
        <WorkForm q={q} intent="answer" label={role === "committee" ? "村务监督委员会答复" : "答复内容"} button={role === "committee" ? "以监督委员会名义答复" : "答复并公开"} hint="答复将与质询一起在公开事项页面公开，公开后不能修改。" lastResult={last("answer")} />
      ) : null}
      {canHide ? (
        // Hiding is the exception: folded away, open again when its form came back refused.
        <details open={last("hide") !== undefined} className="self-start">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-slate-700">屏蔽不当内容…</summary>
          <WorkForm q={q} intent="hide" label="屏蔽理由" button="屏蔽该质询" hint="仅用于辱骂、广告、与本事项无关等不当内容；屏蔽后不再公开，理由记入审计日志。" lastResult={last("hide")} danger />
        </details>
      ) : null}
    </div>
  );
}

function WorkForm({ q, intent, label, button, hint, lastResult, danger }: { q: Item; intent: "answer" | "hide"; label: string; button: string; hint: string; lastResult?: SubmissionResult<string[]>; danger?: boolean }) {
  const [form, fields] = useForm<{ answer: string; reason: string }>({ id: `${intent}-${q.id}`, lastResult, shouldValidate: "onSubmit" });
  const field = intent === "answer" ? fields.answer : fields.reason;
  return (
    <PostForm {...getFormProps(form)} preventScrollReset>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="questionId" value={q.id} />
      <input type="hidden" name="version" value={q.version} />
      <TextAreaField label={label} name={field.name} errors={field.errors} rows={intent === "answer" ? 3 : 2} maxLength={intent === "answer" ? 2000 : 200} hint={hint} required />
      <Button type="submit" variant={danger ? "danger" : "primary"}>
        {button}
      </Button>
    </PostForm>
  );
}
