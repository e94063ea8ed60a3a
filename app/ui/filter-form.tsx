/**
 * The filter above a list: a plain GET form (it works without JavaScript and
 * its address can be bookmarked), its fields side by side, one "筛选" button.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

const control = "rounded border border-slate-300 px-2 py-1.5";

export function FilterForm({ label, children, action }: { label: string; children: ReactNode; action?: string }) {
  return (
    <Form method="get" action={action} role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3 text-sm">
      {children}
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
        筛选
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
      <select name={name} defaultValue={defaultValue} className={control}>
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

export function TextFilter({ label, name, defaultValue, placeholder, type = "search" }: { label: string; name: string; defaultValue: string; placeholder?: string; type?: "search" | "date" | "text" }) {
  return (
    <label className="flex flex-col">
      <span className="text-slate-600">{label}</span>
      <input type={type} name={name} defaultValue={defaultValue} placeholder={placeholder} className={control} />
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
