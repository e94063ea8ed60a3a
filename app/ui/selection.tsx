import { useState, type ReactNode } from "react";
import type { Column } from "./data-table";

/**
 * A table's choice column for a batch form: a box per selectable row posting its
 * value under `name` to the form `formId`, and a 全选 box in the header.
 */
export function useSelectionColumn<Row, Key extends string | number>({
  rows,
  keyOf,
  formId,
  name,
  labelOf,
}: {
  rows: readonly Row[];
  /** The row's value, or null for a row that cannot be chosen. */
  keyOf: (row: Row) => Key | null;
  formId: string;
  name: string;
  labelOf: (row: Row) => string;
}): { column: Column<Row>; chosen: Key[] } {
  const [selected, setSelected] = useState<Set<Key>>(new Set());
  const selectable = rows.map(keyOf).filter((k): k is Key => k !== null);
  const chosen = selectable.filter((k) => selected.has(k));
  const allChosen = selectable.length > 0 && chosen.length === selectable.length;
  const toggle = (key: Key, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const header: ReactNode = (
    <label className="flex items-center gap-1 font-normal">
      <input type="checkbox" checked={allChosen} disabled={!selectable.length} onChange={(e) => setSelected(new Set(e.currentTarget.checked ? selectable : []))} />
      全选
    </label>
  );
  return {
    chosen,
    column: {
      label: "选择",
      header,
      cell: (row) => {
        const key = keyOf(row);
        return key === null ? null : (
          // The value is read in the handler: React clears the event's target before a state updater runs.
          <input type="checkbox" form={formId} name={name} value={key} checked={selected.has(key)} onChange={(e) => toggle(key, e.currentTarget.checked)} aria-label={labelOf(row)} />
        );
      },
    },
  };
}
