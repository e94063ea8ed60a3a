import { suggestedNewTerm, termValuesOf } from "../../domain/committees/forms";
import { bodyLabels, type TermStanding } from "../../domain/committees/rules";
import { formatDate } from "../../domain/shared/time";
import { StandingBadge, termDates } from "../../ui/committee-view";
import { FormError } from "../../ui/form";
import { VillageRules, VillagersRules } from "./body-rules";
import type { BodyData, Term, Warning } from "./page-data";
import { otherErrors, refusalOf, ReplyNotice, type CommitteeReply, type FormKeys } from "./reply";
import { termFields, TermEditor, TermForm, UnsavedTerm } from "./term-forms";
import { MembersTable, TermFacts } from "./term-view";

function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

function standingNote(standing: TermStanding, term: { endsOn: string; startsOn: string }, next: Term | null, today: string): string | null {
  switch (standing) {
    case "ending_soon":
      return `本届任期将于 ${formatDate(term.endsOn)} 届满（还有 ${daysUntil(term.endsOn, today)} 天），请做好换届选举准备。`;
    case "expired":
      return `本届任期已于 ${formatDate(term.endsOn)} 届满，尚未录入新一届。换届选举后请在下方“换届：录入新一届”中录入。`;
    case "succeeded":
      return next
        ? `本届任期${term.endsOn < today ? "已于" : "将于"} ${formatDate(term.endsOn)} 届满；下一届（第 ${next.termNumber} 届）已录入，自 ${formatDate(next.startsOn)} 开始。`
        : null;
    case "future":
      return `该届任期自 ${formatDate(term.startsOn)} 开始。`;
    default:
      return null;
  }
}

/** Why a change or deletion of a term no longer recorded was not saved: the form's own errors, not those beside its fields. */
function strayErrors(reply: CommitteeReply): string[] {
  const errors = otherErrors(reply.result.error, [...termFields, "reason"]);
  return errors.length ? errors : ["该届记录已被其他人修改或删除，请查看最新内容后再保存。"];
}

const noteTones: Partial<Record<TermStanding, string>> = {
  expired: "bg-red-50 text-red-900",
  ending_soon: "bg-amber-50 text-amber-950",
};

/** A body with its term in office, those not yet begun, the earlier ones, and the form for the next election. */
export function BodySection({
  data,
  today,
  villagers,
  warnings,
  reply,
  keyFor,
}: {
  data: BodyData;
  today: string;
  villagers: BodyData | null;
  warnings: Warning[];
  /** The answer to a post of one of this body's forms. */
  reply: CommitteeReply | undefined;
  keyFor: FormKeys;
}) {
  const { body, current, upcoming, past } = data;
  const headingId = `body-${body}-heading`;
  const newReply = reply?.intent === "new-term" ? reply : undefined;
  const recorded: Term[] = [...upcoming, ...(current ? [current] : []), ...past];
  // A change or deletion typed against a term that is no longer recorded (someone deleted it meanwhile).
  const stray = reply && reply.intent !== "new-term" && !reply.notice && !recorded.some((t) => t.id === reply.termId) ? reply : undefined;
  // The next term to begin is the last of those not yet begun (newest first).
  const next = upcoming[upcoming.length - 1] ?? null;
  const newest = upcoming[0] ?? current ?? null;
  const note = current ? standingNote(current.standing, current, next, today) : null;
  const editor = (term: Term) => (
    <TermEditor body={body} term={term} reply={reply && reply.intent !== "new-term" && reply.termId === term.id ? reply : undefined} keyFor={keyFor} />
  );
  const members = (term: Term) => <MembersTable body={body} term={term} caption={`${bodyLabels[body]}第 ${term.termNumber} 届成员`} />;

  return (
    <section id={`body-${body}`} aria-labelledby={headingId} className="panel">
      <h2 id={headingId} className="mb-3 flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
        {bodyLabels[body]}
        {current ? <StandingBadge standing={current.standing} /> : upcoming.length ? <StandingBadge standing="future" /> : null}
      </h2>
      {warnings.length ? (
        <div role="note" aria-label="任职冲突" className="mb-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-medium">已录入的记录中有任职冲突，请核实后修改相应一届的成员：</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {warnings.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {current ? (
        <>
          {note ? <p className={`mb-3 rounded px-3 py-2 text-sm ${noteTones[current.standing] ?? "bg-blue-50 text-blue-900"}`}>{note}</p> : null}
          <TermFacts term={current} />
          {members(current)}
          {editor(current)}
        </>
      ) : (
        <p className="mb-3 text-sm text-slate-600">
          {upcoming.length ? `尚无在任的一届；下一届自 ${formatDate(next?.startsOn)} 开始。` : `尚未录入${bodyLabels[body]}的任期和成员。`}
        </p>
      )}

      {upcoming.map((term) => (
        <div key={term.id} className="mt-4 rounded border border-blue-200 bg-blue-50/40 p-4">
          <h3 className="mb-2 flex flex-wrap items-center gap-2 font-medium">
            下一届（尚未开始）：第 {term.termNumber} 届 <span className="font-normal text-slate-600">{termDates(term)}</span>
          </h3>
          <TermFacts term={term} compact />
          {members(term)}
          {editor(term)}
        </div>
      ))}

      {body === "villagers" ? <VillagersRules /> : null}
      {body === "supervision" || body === "finance_group" ? <VillageRules body={body} villagers={villagers} /> : null}

      <div className="mt-4 space-y-3">
        <ReplyNotice reply={reply} />
        {stray ? (
          <>
            <FormError errors={strayErrors(stray)} />
            {stray.intent === "change-term" ? <UnsavedTerm body={body} values={termValuesOf(stray.result.initialValue)} /> : null}
          </>
        ) : null}
        {/* With the next term already recorded there is no election to record: unless a refused form has to be shown again. */}
        {upcoming.length > 0 && !refusalOf(newReply) ? (
          <p className="text-sm text-slate-600">下一届已录入。如有错误，请在下一届的“修改第 {next?.termNumber} 届的记录”中更正或删除。</p>
        ) : (
          <details className="rounded border border-slate-200 p-4" open={!!refusalOf(newReply) || !newest || current?.standing === "expired"}>
            <summary className="cursor-pointer font-medium text-brand-700">{newest ? "换届：录入新一届" : `录入${bodyLabels[body]}的任期`}</summary>
            <TermForm
              key={keyFor(`new-${body}`, !!newReply, `${newest?.id ?? "none"}-${recorded.length}`)}
              formId={`committee-new-${body}`}
              body={body}
              term={null}
              defaults={{ ...suggestedNewTerm(newest, today), electedOn: "", eligibleVoters: "", votesCast: "", members: [] }}
              reply={newReply}
            />
          </details>
        )}
      </div>

      {past.length ? (
        <details className="mt-4 rounded border border-slate-200 p-4" open={past.some((t) => reply?.termId === t.id)}>
          <summary className="cursor-pointer font-medium text-slate-800">往届（{past.length} 届）</summary>
          <ol className="mt-3 space-y-4">
            {past.map((term) => (
              <li key={term.id} className="border-t border-slate-100 pt-3 first:border-t-0 first:pt-0">
                <h3 className="mb-1 font-medium">
                  第 {term.termNumber} 届 <span className="font-normal text-slate-600">{termDates(term)}</span>
                </h3>
                <TermFacts term={term} compact />
                {members(term)}
                {editor(term)}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
