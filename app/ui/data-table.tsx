/**
 * The one table of the registry's lists and figures. On a phone each row
 * becomes a card whose cells carry their column's label, so nothing scrolls
 * sideways; from the small breakpoint up it is an ordinary table. Numbers are
 * right-aligned in tabular figures so that columns of counts line up. The
 * roles are written out because a table laid out as blocks loses them in
 * some browsers.
 */
import type { ReactNode } from "react";

export interface Column<Row> {
  /** The header as read aloud and as the cell's label on a phone. */
  label: string;
  /** What the header shows, when more than its label (a hint, an abbreviation). */
  header?: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Counts and amounts: right-aligned, tabular figures. */
  numeric?: boolean;
  /** The totals row's cell for this column. */
  total?: ReactNode;
  /** The cell that names its row (th scope="row"), usually the first. */
  rowHeader?: boolean;
  className?: string;
}

export function DataTable<Row>({
  caption,
  captionVisible = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  empty,
  totalLabel = "合计",
  footer,
  framed = true,
}: {
  /** What the table lists: every table names itself for screen readers. */
  caption: string;
  captionVisible?: boolean;
  columns: Array<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  rowClassName?: (row: Row) => string;
  /** Shown instead of the rows when there are none. */
  empty: ReactNode;
  totalLabel?: string;
  /** Below the table inside its frame (a note on the figures, a "more" link). */
  footer?: ReactNode;
  /** Inside a panel that already has a frame, the table draws none. */
  framed?: boolean;
}) {
  const totals = columns.some((c) => c.total !== undefined);
  const align = (c: Column<Row>) => (c.numeric ? "sm:text-right tabular-nums" : "text-left");
  return (
    <div className={`overflow-x-auto print:overflow-visible ${framed ? "rounded border border-slate-200 bg-white" : ""}`}>
      <table role="table" className="block w-full text-left text-sm sm:table">
        <caption className={captionVisible ? "px-3 py-2 text-left font-medium text-slate-700" : "sr-only"}>{caption}</caption>
        <thead role="rowgroup" className="hidden bg-slate-50 text-slate-600 sm:table-header-group">
          <tr role="row">
            {columns.map((c) => (
              <th role="columnheader" key={c.label} scope="col" className={`px-3 py-2 ${c.numeric ? "text-right" : ""}`}>
                {c.header ?? c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="block sm:table-row-group">
          {rows.map((row, index) => (
            <tr role="row" key={rowKey(row, index)} className={`block border-t border-slate-100 py-2 sm:table-row sm:py-0 ${rowClassName?.(row) ?? ""}`}>
              {columns.map((c) => {
                const Cell = c.rowHeader ? "th" : "td";
                return (
                  <Cell
                    key={c.label}
                    scope={c.rowHeader ? "row" : undefined}
                    role={c.rowHeader ? "rowheader" : "cell"}
                    data-label={c.label}
                    className={`flex justify-between gap-3 px-3 py-1 font-normal before:shrink-0 before:text-slate-500 before:content-[attr(data-label)] sm:table-cell sm:py-2 sm:before:content-none ${align(c)}`}
                  >
                    {/* On the cell's content, not the cell: the phone layout's label keeps its own look. */}
                    {/* Right beside the phone layout's label; on wider screens as the column aligns (its block lines too). */}
                    <span className={`text-right ${c.numeric ? "" : "sm:text-left"} ${c.className ?? ""}`}>{c.cell(row)}</span>
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
        {totals && rows.length ? (
          <tfoot role="rowgroup" className="block border-t-2 border-slate-200 font-semibold sm:table-footer-group">
            <tr role="row" className="block py-2 sm:table-row sm:py-0">
              {columns.map((c, i) => (
                <td
                  role="cell"
                  key={c.label}
                  data-label={c.label}
                  className={`flex justify-between gap-3 px-3 py-1 before:text-slate-500 before:content-[attr(data-label)] sm:table-cell sm:py-2 sm:before:content-none ${align(c)} ${
                    i > 0 && c.total === undefined ? "hidden sm:table-cell" : ""
                  }`}
                >
                  <span>{i === 0 && c.total === undefined ? totalLabel : c.total}</span>
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
      {rows.length ? null : <p className="p-4 text-sm text-slate-600">{empty}</p>}
      {footer}
    </div>
  );
}
