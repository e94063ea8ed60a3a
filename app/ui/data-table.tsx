/**
 * The one table of the registry's lists and figures, in one of two phone
 * layouts (from the small breakpoint up both are an ordinary table):
 * - "cards" (lists): each row becomes a card headed by its row header, each
 *   other cell a line with its column's label, so nothing scrolls sideways;
 * - "scroll" (figures to compare across rows): the table keeps its columns in
 *   a labelled scroll container, the first column stays in place and a cue
 *   says that the table scrolls.
 * Numbers are right-aligned in tabular figures so that columns of counts line
 * up. The roles are written out because a table laid out as blocks loses them
 * in some browsers.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { classes } from "./classes";

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
  /** The cell that names its row (th scope="row"), usually the first; a card's heading on a phone. */
  rowHeader?: boolean;
  /** Left out of a phone's cards, where it says nothing a card does not (a running number). */
  phoneHidden?: boolean;
  className?: string;
}

/** A line under the totals: a figure computed from them (a ledger's balance), in the last column. */
export interface SummaryRow {
  label: string;
  value: ReactNode;
}

export type PhoneLayout = "cards" | "scroll";

const blank = (value: ReactNode) => value === null || value === undefined || value === "" || value === false;

export function DataTable<Row>({
  caption,
  captionVisible = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  empty,
  totalLabel = "合计",
  summaries = [],
  footer,
  framed = true,
  phone = "cards",
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
  summaries?: SummaryRow[];
  /** Below the table inside its frame (a note on the figures, a "more" link). */
  footer?: ReactNode;
  /** Inside a panel that already has a frame, the table draws none. */
  framed?: boolean;
  /** How the table reads on a phone: a card per row (lists) or columns that scroll (figures). */
  phone?: PhoneLayout;
}) {
  const totals = columns.some((c) => c.total !== undefined);
  const layout = phone === "cards" ? cards : scroll;
  const last = columns.length - 1;
  const table = (
    <table role="table" className={`w-full text-left text-sm ${layout.table}`}>
      <caption className={captionVisible ? `px-3 py-2 text-left font-medium text-slate-700 ${layout.caption}` : "sr-only"}>{caption}</caption>
      <thead role="rowgroup" className={`bg-slate-50 text-slate-600 ${layout.thead}`}>
        <tr role="row">
          {columns.map((c, i) => (
            <th role="columnheader" key={c.label} scope="col" className={`px-3 py-2 ${c.numeric ? "text-right" : ""} ${layout.head} ${i === 0 ? layout.stickyHead : ""}`}>
              {c.header ?? c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" className={layout.group}>
        {rows.map((row, index) => (
          <tr role="row" key={rowKey(row, index)} className={classes(layout.bodyRow, rowClassName?.(row))}>
            {columns.map((c, i) => {
              const Cell = c.rowHeader ? "th" : "td";
              const value = c.cell(row);
              return (
                <Cell
                  key={c.label}
                  scope={c.rowHeader ? "row" : undefined}
                  role={c.rowHeader ? "rowheader" : "cell"}
                  data-label={c.label}
                  className={classes(layout.cell(c, blank(value)), i === 0 && layout.sticky)}
                >
                  {/* On the cell's content, not the cell: the phone layout's label keeps its own look. */}
                  <span className={classes(layout.value(c), c.className) || undefined}>{value}</span>
                </Cell>
              );
            })}
          </tr>
        ))}
      </tbody>
      {(totals || summaries.length) && rows.length ? (
        <tfoot role="rowgroup" className={`border-t-2 border-slate-200 font-semibold ${layout.group}`}>
          {totals ? (
            <tr role="row" className={layout.row}>
              {columns.map((c, i) =>
                i === 0 && c.total === undefined ? (
                  <th role="rowheader" scope="row" key={c.label} className={`text-left font-semibold ${layout.totalLabel} ${layout.sticky}`}>
                    {totalLabel}
                  </th>
                ) : (
                  <td
                    role="cell"
                    key={c.label}
                    data-label={c.label}
                    className={classes(c.rowHeader && c.total !== undefined ? layout.totalNote : layout.cell({ ...c, rowHeader: false }, c.total === undefined), i === 0 && layout.sticky)}
                  >
                    <span className={layout.value(c) || undefined}>{c.total}</span>
                  </td>
                ),
              )}
            </tr>
          ) : null}
          {summaries.map((s) => (
            <tr role="row" key={s.label} className={layout.summary}>
              {/* The label runs under every column but the last, which holds the figure. */}
              <th role="rowheader" scope="row" colSpan={last || undefined} className={`text-left font-semibold ${layout.summaryCell}`}>
                {s.label}
              </th>
              <td role="cell" className={`text-right tabular-nums ${layout.summaryCell}`}>
                {s.value}
              </td>
            </tr>
          ))}
        </tfoot>
      ) : null}
    </table>
  );
  const frame = framed ? "rounded border border-slate-200 bg-white" : "";
  return phone === "cards" ? (
    <div className={`overflow-x-auto print:overflow-visible ${frame}`}>
      {table}
      {rows.length ? null : <p className="p-4 text-sm text-slate-600">{empty}</p>}
      {footer}
    </div>
  ) : (
    <div className={frame}>
      <ScrollArea label={`${caption}（可左右滑动）`}>{table}</ScrollArea>
      {rows.length ? null : <p className="p-4 text-sm text-slate-600">{empty}</p>}
      {footer}
    </div>
  );
}

type Shape = Pick<Column<unknown>, "numeric" | "rowHeader" | "phoneHidden">;

/** Cells as lines of a card below the small breakpoint: the label (from data-label) beside the value (the reading pages write the same classes). */
export const cards = {
  table: "block sm:table",
  // A table shown as a block would squeeze its caption to one character's width.
  caption: "block sm:table-caption",
  head: "",
  thead: "hidden sm:table-header-group",
  group: "block sm:table-row-group",
  // A body row, its cells and their heads are classes of their own in app/styles/app.css (card-row,
  // card-cell, card-head), so a list of a hundred cells does not repeat their utilities in each.
  bodyRow: "card-row",
  row: "block py-2 sm:table-row sm:py-0",
  cell: (c: Shape, empty: boolean) =>
    classes(
      c.rowHeader && !empty ? "card-head" : "card-cell",
      // Nothing to say on a card: no line (a ledger's item has an income or an expense, not both).
      (empty || c.phoneHidden) && "max-sm:hidden",
      c.numeric && "sm:text-right",
    ),
  // A grid item on a phone (so it aligns in its own column), inline in a table cell.
  value: (c: Shape) => (c.numeric ? "text-right tabular-nums" : ""),
  totalLabel: "block px-3 py-1 text-base sm:table-cell sm:py-2 sm:text-sm",
  // The row header's total (共 6 项) reads under 合计 without a label.
  totalNote: "block px-3 pb-1 sm:table-cell sm:py-2",
  summary: "flex justify-between gap-3 px-3 sm:table-row sm:px-0",
  summaryCell: "block py-1 sm:table-cell sm:px-3 sm:py-2",
  sticky: "",
  stickyHead: "",
};

/** An ordinary table at every width, its first column held in place while the others scroll. */
const scroll = {
  table: "",
  caption: "",
  // Headers keep to one line: the table grows and scrolls rather than stacking characters.
  head: "whitespace-nowrap",
  thead: "",
  group: "",
  bodyRow: "border-t border-slate-100",
  row: "",
  cell: (c: Shape) => classes("px-3 py-2", c.rowHeader && "font-normal", c.numeric && "text-right whitespace-nowrap"),
  value: (c: Shape) => (c.numeric ? "tabular-nums" : ""),
  totalLabel: "px-3 py-2",
  totalNote: "px-3 py-2",
  summary: "",
  summaryCell: "px-3 py-2",
  // A dividing line while the columns can scroll under it; an inset shadow, not a border, since a
  // collapsed table's border stays behind when the cell sticks.
  sticky: "sticky left-0 z-10 bg-white whitespace-nowrap group-data-wider/scroll:shadow-[inset_-1px_0_0_var(--color-slate-200)]",
  stickyHead: "sticky left-0 z-10 bg-slate-50 whitespace-nowrap group-data-wider/scroll:shadow-[inset_-1px_0_0_var(--color-slate-200)]",
};

/**
 * A labelled, focusable scroll container (so a keyboard can scroll it too) with a visible cue while
 * its content is wider than it is. Before the browser has measured, the cue shows on phones only.
 */
export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [wider, setWider] = useState<boolean | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWider(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <>
      <p aria-hidden="true" className={`px-3 pb-1 text-right text-xs text-slate-500 print:hidden ${wider === null ? "sm:hidden" : wider ? "" : "hidden"}`}>
        左右滑动查看更多列 →
      </p>
      <div ref={ref} role="region" aria-label={label} tabIndex={0} data-wider={wider || undefined} className="group/scroll overflow-x-auto print:overflow-visible">
        {children}
      </div>
    </>
  );
}
