/**
 * The filter above a list: a plain GET form (it works without JavaScript and
 * its address can be bookmarked), its fields side by side, one "筛选" button.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export const filterControl = "rounded border border-slate-300 px-2 py-1.5";

/**
 * `panel` frames the form and makes its button the page's main action: the
 * public register, where searching is what the page is for.
 */
export function FilterForm({
  label,
  children,
  action,
  submitLabel = "筛选",
  panel = false,
}: {
  label: string;
  children: ReactNode;
  action?: string;
  submitLabel?: string;
  panel?: boolean;
}) {
  return (
    <Form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className={`mb-4 flex flex-wrap items-end gap-3 text-sm ${panel ? "rounded border border-slate-200 bg-white p-4 shadow-sm" : ""}`}
    >
      {children}
      <button
        type="submit"
        className={panel ? "rounded bg-brand-600 px-4 py-1.5 text-white hover:bg-brand-700" : "rounded border border-slate-300 bg-white px-3 py-1.5"}
      >
        {submitLabel}
      </button>
    </Form>
  );
}

export interface Choice {
  value: string;
  label: string;
}

/** A choice among options; `all` names the empty choice ("全部") when there is one. */
export function SelectFilter({
  label,
  name,
  options,
  defaultValue,
  all = "全部",
}: {
  label: string;
  name: string;
  options: readonly Choice[];
  defaultValue: string;
  all?: string | null;
}) {
  return (
    <label className="flex flex-col">
      <span className="text-slate-600">{label}</span>
      <select name={name} defaultValue={defaultValue} className={filterControl}>
        {all === null ? null : <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TextFilter({
  label,
  name,
  defaultValue,
  placeholder,
  type = "search",
  maxLength,
  wide = false,
}: {
  label: string;
  name: string;
  defaultValue: string;
  placeholder?: string;
  type?: "search" | "date" | "text";
  maxLength?: number;
  /** The main search box takes the room the other fields leave. */
  wide?: boolean;
}) {
  return (
    <label className={`flex flex-col ${wide ? "min-w-64 flex-1" : ""}`}>
      <span className="text-slate-600">{label}</span>
      <input type={type} name={name} defaultValue={defaultValue} placeholder={placeholder} maxLength={maxLength} className={filterControl} />
    </label>
  );
}

export function CheckFilter({ label, name, checked }: { label: string; name: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 pb-1.5">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} />
      <span>{label}</span>
    </label>
  );
}

/** Labels keyed by value as the options of a SelectFilter. */
export function choicesOf(labels: Readonly<Record<string, string>>): Choice[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
