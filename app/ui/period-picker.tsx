import { useId, useState, type ChangeEvent, type ReactNode } from "react";
import { periodChoiceOf, periodPartOptions, periodYears, type PeriodChoice } from "../domain/postings/forms";
import type { PeriodKind } from "../domain/postings/rules";
import { FieldNotes, OptionGroups, typedText } from "./form";
import { fieldId, useFormId } from "./form-id";
import { useHydrated } from "./hydrated";

/** The period as a refused form sent it back: as picked, or the code itself where that was posted. */
export function pickedPeriodOf(posted: Record<string, unknown>): PeriodChoice {
  if (posted.periodYear === undefined && posted.periodPart === undefined && posted.periodDate === undefined) return periodChoiceOf(typedText({ initialValue: posted.period }));
  return { year: typedText({ initialValue: posted.periodYear }), part: typedText({ initialValue: posted.periodPart }), date: typedText({ initialValue: posted.periodDate }) };
}

const labelClass = "block text-sm text-slate-700";
// A form's control (app/styles/app.css), as wide as its choices rather than the form.
const controlClass = "field-input w-auto";

interface PeriodListProps {
  id: string;
  label: string;
  /** The public search's labels are for screen readers only: its legend says what both lists are. */
  labelClassName: string;
  className: string;
  value: string;
  /** With it the list is controlled; without it (a GET form) the browser keeps what is picked. */
  onPick?: (value: string) => void;
  aria?: { "aria-invalid"?: true; "aria-describedby"?: string };
}

function PeriodList({ name, list, children }: { name: "periodYear" | "periodPart"; list: PeriodListProps; children: ReactNode }) {
  const { id, label, labelClassName, className, value, onPick, aria } = list;
  const state = onPick ? { value, onChange: (e: ChangeEvent<HTMLSelectElement>) => onPick(e.target.value) } : { defaultValue: value };
  return (
    <div>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <select id={id} name={name} className={className} {...state} {...aria}>
        {children}
      </select>
    </div>
  );
}

/**
 * The year of a period picked from lists (`periodYear`): the years offered
 * (see `periodYears`), after the empty choice, named `blank`. Shared by the
 * posting forms' picker and the public postings search.
 */
export function PeriodYearList({ years, blank, ...list }: PeriodListProps & { years: readonly number[]; blank: string }) {
  return (
    <PeriodList name="periodYear" list={list}>
      <option value="">{blank}</option>
      {years.map((y) => (
        <option key={y} value={String(y)}>
          {y}年
        </option>
      ))}
    </PeriodList>
  );
}

/**
 * The part of that year (`periodPart`): the months, quarters, 全年 or 具体日期
 * the kinds of period allow, grouped by kind, after a first choice (请选择, or
 * the search's 全年).
 */
export function PeriodPartList({ kinds, first, ...list }: PeriodListProps & { kinds: readonly PeriodKind[]; first: { value: string; label: string } }) {
  return (
    <PeriodList name="periodPart" list={list}>
      <option value={first.value}>{first.label}</option>
      <OptionGroups groups={periodPartOptions(kinds)} />
    </PeriodList>
  );
}

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
  const onlyDate = kinds.length === 1 && kinds[0] === "date";
  const offered = periodPartOptions(kinds).flatMap((g) => g.options.map((o) => o.value));
  // A part the posting's kind does not allow (the kind was changed) shows as not picked.
  const part = onlyDate ? "date" : offered.includes(choice.part) ? choice.part : "";
  const pick = (change: Partial<PeriodChoice>) => {
    setChoice((c) => ({ ...c, ...change }));
    onPick?.();
  };
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const aria = {
    "aria-invalid": errorId ? (true as const) : undefined,
    "aria-describedby": [errorId, hintId].filter(Boolean).join(" ") || undefined,
  };
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
          <PeriodYearList
            id={id}
            label="年份"
            labelClassName={labelClass}
            className={controlClass}
            years={periodYears(today, choice.year)}
            blank="请选择"
            value={choice.year}
            onPick={(year) => pick({ year })}
            aria={aria}
          />
        ) : null}
        {onlyDate ? null : (
          <PeriodPartList
            id={`${id}-part`}
            label="期间"
            labelClassName={labelClass}
            className={controlClass}
            kinds={kinds}
            first={{ value: "", label: "请选择" }}
            value={part}
            onPick={(part) => pick({ part })}
            aria={aria}
          />
        )}
        {showDate ? (
          <div>
            <label htmlFor={showYear ? `${id}-date` : id} className={labelClass}>
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
