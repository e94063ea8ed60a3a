import { useId, useState, type ReactNode } from "react";
import { periodChoiceOf, periodPartOptions, periodYears, type PeriodChoice } from "../domain/postings/forms";
import type { PeriodKind } from "../domain/postings/rules";
import { FieldNotes, typedText } from "./form";
import { fieldId, useFormId } from "./form-id";
import { useHydrated } from "./hydrated";

/** The period as a refused form sent it back: as picked, or the code itself where that was posted. */
export function pickedPeriodOf(posted: Record<string, unknown>): PeriodChoice {
  if (posted.periodYear === undefined && posted.periodPart === undefined && posted.periodDate === undefined) return periodChoiceOf(typedText({ initialValue: posted.period }));
  return { year: typedText({ initialValue: posted.periodYear }), part: typedText({ initialValue: posted.periodPart }), date: typedText({ initialValue: posted.periodDate }) };
}

const controlClass =
  "mt-1 block rounded border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-blue-600 aria-[invalid=true]:border-red-600";

/**
 * A posting's period picked from lists instead of typed as "2025-Q1": a year
 * and a month, quarter or the whole year, or a day, as the posting's kinds of
 * period allow. It posts `periodYear`, `periodPart` and `periodDate`, which
 * the server makes the period's code and checks (see `withPickedPeriod`).
 * Without JavaScript every list is shown and the server reads the combination;
 * with it, the day only when "具体日期" is picked.
 */
export function PeriodPicker({
  kinds,
  initial,
  today,
  errors,
  hint,
  onPick,
}: {
  kinds: readonly PeriodKind[];
  initial: PeriodChoice;
  today: string;
  errors?: readonly string[] | null;
  hint?: ReactNode;
  onPick?: () => void;
}) {
  // In a PostForm the picker answers to the period's field id, so the error summary's link finds it.
  const formId = useFormId();
  const generatedId = useId();
  const id = formId ? fieldId(formId, "period") : generatedId;
  const hydrated = useHydrated();
  const [choice, setChoice] = useState<PeriodChoice>(initial);
  const groups = periodPartOptions(kinds);
  const onlyDate = kinds.length === 1 && kinds[0] === "date";
  const offered = groups.flatMap((g) => g.options.map((o) => o.value));
  // A part the posting's kind does not allow (the kind was changed) shows as not picked.
  const part = onlyDate ? "date" : offered.includes(choice.part) ? choice.part : "";
  const pick = (change: Partial<PeriodChoice>) => {
    setChoice((c) => ({ ...c, ...change }));
    onPick?.();
  };
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const aria = {
    "aria-invalid": errorId ? true : undefined,
    "aria-describedby": [errorId, hintId].filter(Boolean).join(" ") || undefined,
  } as const;
  const showYear = !onlyDate && (!hydrated || part !== "date");
  const showDate = kinds.includes("date") && (!hydrated || part === "date");

  return (
    <fieldset className="mb-4">
      <legend className="block text-sm font-medium text-slate-700">
        公开期间<span className="text-red-700"> *</span>
      </legend>
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        {onlyDate ? <input type="hidden" name="periodPart" value="date" /> : null}
        {showYear ? (
          <div>
            <label htmlFor={id} className="block text-sm text-slate-700">
              年份
            </label>
            <select id={id} name="periodYear" value={choice.year} onChange={(e) => pick({ year: e.target.value })} className={controlClass} {...aria}>
              <option value="">请选择</option>
              {periodYears(today, choice.year).map((y) => (
                <option key={y} value={String(y)}>
                  {y}年
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {onlyDate ? null : (
          <div>
            <label htmlFor={`${id}-part`} className="block text-sm text-slate-700">
              期间
            </label>
            <select id={`${id}-part`} name="periodPart" value={part} onChange={(e) => pick({ part: e.target.value })} className={controlClass} {...aria}>
              <option value="">请选择</option>
              {groups.map((g) => (
                <optgroup key={g.kind} label={g.label}>
                  {g.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        )}
        {showDate ? (
          <div>
            <label htmlFor={showYear ? `${id}-date` : id} className="block text-sm text-slate-700">
              日期{onlyDate || hydrated ? "" : "（期间选“具体日期”时填写）"}
            </label>
            <input
              id={showYear ? `${id}-date` : id}
              type="date"
              name="periodDate"
              value={choice.date}
              max={today}
              onChange={(e) => pick({ date: e.target.value })}
              className={controlClass}
              {...aria}
            />
          </div>
        ) : null}
      </div>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} errors={errors} />
    </fieldset>
  );
}
