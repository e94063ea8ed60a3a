import { useEffect, useId, useRef, useState } from "react";
import { cellName, moreBlankRows, tableCellProblems } from "../../domain/postings/forms";
import { cleanTableRows, formatHundredths, maxTableRows, tableTotals, type PostingTableRows, type TableColumn, type TableSpec } from "../../domain/postings/rules";
import { Button } from "../../ui/form";
import { useHydrated } from "../../ui/hydrated";
import { PostingTable } from "../../ui/posting-view";

/** A row of the grid: `id` stays with it while rows above it come and go; its cells are named by its place. */
interface Line {
  id: number;
  cells: Record<string, string>;
}

const numeric = (type: string) => type === "amount" || type === "area" || type === "count";

/**
 * The draft's table as a grid of inputs: the filled rows, then `blankRows`
 * empty ones; each cell a domain message names is marked invalid and
 * described by it. With JavaScript rows are added and removed in place and
 * the totals follow what is typed (worked out as the public page works them
 * out); without it, empty rows come by saving ("保存并增加 N 行") and the
 * totals with the saved preview.
 */
export function TableGrid({
  kind,
  spec,
  rows,
  savedRows,
  blankRows,
  errors,
  busy,
}: {
  kind: string;
  spec: TableSpec;
  rows: PostingTableRows;
  savedRows: PostingTableRows | null;
  blankRows: number;
  errors?: string[];
  busy: boolean;
}) {
  const id = useId();
  const hydrated = useHydrated();
  // The rows as first shown are numbered as the domain's messages number them: a line's first id is its index.
  const problems = tableCellProblems(spec, errors ?? []);
  const messageId = (i: number) => `${id}-e${i}`;
  const [lines, setLines] = useState<Line[]>(() =>
    Array.from({ length: rows.length + blankRows }, (_, i) => ({ id: i, cells: { ...(rows[i] ?? {}) } })),
  );
  const nextId = useRef(lines.length);
  const focusLine = useRef<number | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (focusLine.current === null) return;
    tableRef.current?.querySelector<HTMLInputElement>(`[data-line="${focusLine.current}"]`)?.focus();
    focusLine.current = null;
  }, [lines]);

  const filled = cleanTableRows(spec, lines.map((l) => l.cells));
  const totals = tableTotals(spec, filled);
  const blanks = lines.length - filled.length;
  const personal = spec.columns.filter((c) => c.personal).map((c) => c.label);
  const setCell = (lineId: number, key: string, value: string) =>
    setLines((all) => all.map((l) => (l.id === lineId ? { ...l, cells: { ...l.cells, [key]: value } } : l)));
  const addLine = () => {
    focusLine.current = nextId.current;
    setLines((all) => [...all, { id: nextId.current++, cells: {} }]);
  };
  const removeLine = (lineId: number) => setLines((all) => all.filter((l) => l.id !== lineId));

  return (
    <fieldset className="mb-4 min-w-0 border-t border-slate-200 pt-4">
      <legend className="pr-2 text-base font-semibold text-slate-900">{spec.label}</legend>
      <p id={`${id}-hint`} className="mb-2 text-sm text-slate-600">
        每行一项，空行不保存；带 * 的列必须填写。金额填数字，最多两位小数，合计由系统计算。
        {personal.length ? `${personal.join("、")}在公开页面自动遮蔽显示。` : ""}
      </p>
      {errors?.length ? (
        <div role="alert" className="mb-2 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <ul className="space-y-0.5">
            {errors.map((message, i) => (
              <li key={i} id={messageId(i)}>
                {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table ref={tableRef} className={`w-full table-fixed border-collapse text-sm ${spec.columns.length > 3 ? "min-w-[48rem]" : "min-w-[36rem]"}`}>
          <colgroup>
            <col className="w-12" />
            {spec.columns.map((c) => (
              <col key={c.key} className={columnWidth(c)} />
            ))}
            {hydrated ? <col className="w-16" /> : null}
          </colgroup>
          <thead>
            <tr className="border-b border-slate-300 bg-slate-50">
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                序号
              </th>
              {spec.columns.map((c) => (
                <th key={c.key} scope="col" className={`px-1 py-1.5 font-medium ${numeric(c.type) ? "text-right" : "text-left"}`}>
                  {c.label}
                  {c.required ? <span className="text-red-700"> *</span> : null}
                </th>
              ))}
              {hydrated ? (
                <th scope="col" className="px-1 py-1.5">
                  <span className="sr-only">删除行</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => (
              <tr key={line.id} className="border-b border-slate-100">
                <th scope="row" className="px-2 py-1 text-left font-normal text-slate-500">
                  {i + 1}
                </th>
                {spec.columns.map((c, k) => {
                  const cellErrors = problems.get(`${line.id}.${c.key}`);
                  return (
                    <td key={c.key} className="px-1 py-1">
                      <input
                        name={cellName(i, c.key)}
                        value={line.cells[c.key] ?? ""}
                        onChange={(e) => setCell(line.id, c.key, e.target.value)}
                        data-line={k === 0 ? line.id : undefined}
                        aria-label={`第 ${i + 1} 行 ${c.label}`}
                        aria-invalid={cellErrors ? true : undefined}
                        aria-describedby={cellErrors?.map(messageId).join(" ")}
                        inputMode={c.type === "amount" || c.type === "area" ? "decimal" : c.type === "count" ? "numeric" : undefined}
                        placeholder={c.type === "date" ? "2025-03-14" : undefined}
                        autoComplete="off"
                        className={`block w-full rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50 ${numeric(c.type) ? "text-right tabular-nums" : ""}`}
                      />
                    </td>
                  );
                })}
                {hydrated ? (
                  <td className="px-1 py-1 text-center">
                    <button
                      type="button"
                      onClick={() => removeLine(line.id)}
                      aria-label={`删除第 ${i + 1} 行`}
                      className="rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50 hover:underline"
                    >
                      删除
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
          {hydrated ? (
            <tfoot>
              <tr className="border-t-2 border-slate-300 font-medium">
                <th scope="row" className="px-2 py-1.5 text-left">
                  合计
                </th>
                {spec.columns.map((c, k) => (
                  <td key={c.key} className={`px-2 py-1.5 ${numeric(c.type) ? "text-right tabular-nums" : ""}`}>
                    {c.type === "count"
                      ? totals.sums[c.key]
                      : c.type === "amount" || c.type === "area"
                        ? formatHundredths(totals.sums[c.key] ?? 0)
                        : k === 0
                          ? `共 ${totals.rows} 项`
                          : ""}
                  </td>
                ))}
                <td />
              </tr>
              {spec.balance && totals.balance !== null ? (
                <tr className="font-medium">
                  <th scope="row" className="px-2 py-1.5 text-left" colSpan={spec.columns.length}>
                    {spec.balance.label}
                  </th>
                  <td className="px-2 py-1.5 text-right tabular-nums">{formatHundredths(totals.balance)}</td>
                  <td />
                </tr>
              ) : null}
            </tfoot>
          ) : null}
        </table>
      </div>
      <input type="hidden" name="blankRows" value={blanks} />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        {hydrated ? (
          <>
            <Button type="button" variant="secondary" onClick={addLine} disabled={busy || lines.length >= maxTableRows}>
              增加一行
            </Button>
            <span className="text-xs text-slate-500">合计随填写即时计算；保存时以系统核验的为准。</span>
          </>
        ) : (
          <>
            <Button type="submit" name="intent" value="add-rows" variant="secondary" disabled={busy}>
              保存并增加 {moreBlankRows} 行
            </Button>
            <span className="text-xs text-slate-500">需要更多行时使用：先保存已填写的内容，再显示更多空行。</span>
          </>
        )}
      </div>
      {savedRows?.length ? (
        <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-3">
          <p className="mb-2 text-sm text-slate-600">预览：已保存的表格在公开页面的样子（保存后更新）。</p>
          <PostingTable kind={kind} rows={savedRows} />
        </div>
      ) : null}
    </fieldset>
  );
}

/** Wide for what is written (an item, a place, a note), narrow for figures: an ID number needs 18 characters, a count a few. */
function columnWidth(column: TableColumn): string {
  if (column.personal) return "w-48";
  if (column.type === "count") return "w-20";
  if (column.type === "amount") return "w-36";
  if (column.type === "area") return "w-28";
  if (column.type === "date") return "w-36";
  // A person's name is short; any other text column takes what is left.
  return column.key === "name" ? "w-28" : "";
}
