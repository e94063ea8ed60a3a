import { useId } from "react";
import { cellName, moreBlankRows, tableCellProblems } from "../../domain/postings/forms";
import type { PostingTableRows, TableSpec } from "../../domain/postings/rules";
import { Button } from "../../ui/form";
import { PostingTable } from "../../ui/posting-view";

/**
 * The draft's table as a grid of inputs: the filled rows, then `blankRows`
 * empty ones; each cell a domain message names is marked invalid and
 * described by it.
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
  const problems = tableCellProblems(spec, errors ?? []);
  const messageId = (i: number) => `${id}-e${i}`;
  const total = rows.length + blankRows;
  const numeric = (type: string) => type === "amount" || type === "area" || type === "count";
  const personal = spec.columns.filter((c) => c.personal).map((c) => c.label);
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
        <table className="w-full min-w-[36rem] border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300 bg-slate-50">
              <th scope="col" className="w-12 px-2 py-1.5 text-left font-medium">
                序号
              </th>
              {spec.columns.map((c) => (
                <th key={c.key} scope="col" className={`px-1 py-1.5 font-medium ${numeric(c.type) ? "text-right" : "text-left"}`}>
                  {c.label}
                  {c.required ? <span className="text-red-700"> *</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: total }, (_, i) => {
              const row = rows[i];
              return (
                <tr key={i} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-normal text-slate-500">
                    {i + 1}
                  </th>
                  {spec.columns.map((c) => {
                    const cellErrors = problems.get(`${i}.${c.key}`);
                    return (
                      <td key={c.key} className="px-1 py-1">
                        <input
                          name={cellName(i, c.key)}
                          defaultValue={row?.[c.key] ?? ""}
                          aria-label={`第 ${i + 1} 行 ${c.label}`}
                          aria-invalid={cellErrors ? true : undefined}
                          aria-describedby={cellErrors?.map(messageId).join(" ")}
                          inputMode={c.type === "amount" || c.type === "area" ? "decimal" : c.type === "count" ? "numeric" : undefined}
                          placeholder={c.type === "date" ? "2025-03-14" : undefined}
                          autoComplete="off"
                          className={`block w-full rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50 ${cellWidth(c)} ${numeric(c.type) ? "text-right tabular-nums" : ""}`}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <input type="hidden" name="blankRows" value={blankRows} />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Button type="submit" name="intent" value="add-rows" variant="secondary" disabled={busy}>
          保存并增加 {moreBlankRows} 行
        </Button>
        <span className="text-xs text-slate-500">需要更多行时使用：先保存已填写的内容，再显示更多空行。</span>
      </div>
      {savedRows?.length ? (
        <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-3">
          <p className="mb-2 text-sm text-slate-600">预览：已保存的表格及系统计算的合计（保存后更新）。</p>
          <PostingTable kind={kind} rows={savedRows} />
        </div>
      ) : null}
    </fieldset>
  );
}

/** Wide enough to read what is typed: an ID number needs 18 characters, a count a few. */
function cellWidth(column: TableSpec["columns"][number]): string {
  if (column.personal) return "min-w-[12rem]";
  if (column.type === "count") return "min-w-[4rem]";
  if (column.type === "text") return "min-w-[8rem]";
  return "min-w-[7rem]";
}
