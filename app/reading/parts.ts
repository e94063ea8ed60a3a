/**
 * The shared page parts of app/ui (badge, panel, table, pagination, page
 * header, posting body and diff) written as HTML for the reading pages. Each
 * writes the markup and classes of its React twin, from the same class tables
 * and the same pure rules; tests/integration/reading-pages.test.ts checks that
 * a page reads the same either way.
 */
import { diffLines, hasChanges, parsePostingBody, type Inline } from "../domain/postings/text";
import { cards } from "../ui/data-table";
import { badgeTones, type BadgeTone } from "../ui/layout";
import { lineStyles } from "../ui/posting-body";
import { classes } from "../ui/classes";
import { html, type Html, type Part } from "./html";

export function badge(tone: BadgeTone, text: Part): Html {
  return html`<span class="badge ${badgeTones[tone]}">${text}</span>`;
}

export function panel(title: string | null, body: Part, id?: string): Html {
  return html`<section${id ? html` id="${id}"` : ""} class="panel">${title ? html`<h2 class="mb-3 text-lg font-semibold text-slate-900">${title}</h2>` : ""}${body}</section>`;
}

export function pageHeader(title: string, description: Part, actions: Part): Html {
  return html`<div class="mb-6 flex flex-wrap items-end justify-between gap-4 border-b border-slate-200 pb-4"><div><h1 class="text-2xl font-semibold text-slate-900">${title}</h1>${description ? html`<p class="mt-1 text-sm text-slate-600">${description}</p>` : ""}</div>${actions ? html`<div class="flex items-center gap-2">${actions}</div>` : ""}</div>`;
}

export interface TableColumn<Row> {
  label: string;
  cell: (row: Row) => Part;
  numeric?: boolean;
  total?: Part;
  rowHeader?: boolean;
  phoneHidden?: boolean;
  className?: string;
}

/** A cell's value in its span (React's DataTable writes the same), with no class attribute when it has none. */
const valueSpan = (className: string, value: Part) => (className ? html`<span class="${className}">${value}</span>` : html`<span>${value}</span>`);

const blank = (value: Part) => value === null || value === undefined || value === "" || value === false;

/** DataTable's "cards" layout (app/ui/data-table.tsx): a list on a phone, a table from the small breakpoint up. */
export function dataTable<Row>(options: {
  caption: string;
  captionVisible?: boolean;
  columns: Array<TableColumn<Row>>;
  rows: readonly Row[];
  rowClassName?: string;
  empty: string;
  summaries?: Array<{ label: string; value: string }>;
  framed?: boolean;
}): Html {
  const { columns, rows, summaries = [] } = options;
  const totals = columns.some((c) => c.total !== undefined);
  const last = columns.length - 1;
  const head = columns.map(
    (c) => html`<th role="columnheader" scope="col" class="px-3 py-2 ${c.numeric ? "text-right" : ""} ${cards.head} ">${c.label}</th>`,
  );
  const body = rows.map(
    (row) =>
      html`<tr role="row" class="${classes(cards.bodyRow, options.rowClassName)}">${columns.map((c) => {
        const value = c.cell(row);
        const tag = c.rowHeader ? "th" : "td";
        return html`<${tag}${c.rowHeader ? html` scope="row"` : ""} role="${c.rowHeader ? "rowheader" : "cell"}" data-label="${c.label}" class="${cards.cell(c, blank(value))}">${valueSpan(classes(cards.value(c), c.className), value)}</${tag}>`;
      })}</tr>`,
  );
  const foot =
    (totals || summaries.length) && rows.length
      ? html`<tfoot role="rowgroup" class="border-t-2 border-slate-200 font-semibold ${cards.group}">${
          totals
            ? html`<tr role="row" class="${cards.row}">${columns.map((c, i) =>
                i === 0 && c.total === undefined
                  ? html`<th role="rowheader" scope="row" class="text-left font-semibold ${cards.totalLabel} ">合计</th>`
                  : html`<td role="cell" data-label="${c.label}" class="${c.rowHeader && c.total !== undefined ? cards.totalNote : cards.cell({ ...c, rowHeader: false }, c.total === undefined)}">${valueSpan(cards.value(c), c.total)}</td>`,
              )}</tr>`
            : ""
        }${summaries.map(
          (s) =>
            html`<tr role="row" class="${cards.summary}"><th role="rowheader" scope="row"${last ? html` colspan="${last}"` : ""} class="text-left font-semibold ${cards.summaryCell}">${s.label}</th><td role="cell" class="text-right tabular-nums ${cards.summaryCell}">${s.value}</td></tr>`,
        )}</tfoot>`
      : "";
  const frame = options.framed === false ? "" : "rounded border border-slate-200 bg-white";
  return html`<div class="overflow-x-auto print:overflow-visible ${frame}"><table role="table" class="w-full text-left text-sm ${cards.table}"><caption class="${options.captionVisible ? `px-3 py-2 text-left font-medium text-slate-700 ${cards.caption}` : "sr-only"}">${options.caption}</caption><thead role="rowgroup" class="bg-slate-50 text-slate-600 ${cards.thead}"><tr role="row">${head}</tr></thead><tbody role="rowgroup" class="${cards.group}">${body}</tbody>${foot}</table>${rows.length ? "" : html`<p class="p-4 text-sm text-slate-600">${options.empty}</p>`}</div>`;
}

/** Pagination (app/ui/layout.tsx): the count, the page, and links to `path` that keep the query. */
export function pagination(path: string, page: number, pageSize: number, total: number, capped: boolean, search: string): Html {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const counted = capped ? `${total} 条以上` : `${total} 条`;
  if (pages <= 1) return html`<p class="mt-4 text-sm text-slate-600">共 ${counted}</p>`;
  const link = (p: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(p));
    return `${path}?${params}`;
  };
  return html`<nav aria-label="分页" class="mt-4 flex items-center gap-3 text-sm"><span class="text-slate-600">共 ${counted}，第 ${page}/${pages} 页${capped && page >= pages ? "。结果较多，请输入更具体的名称或按类型、街道筛选" : ""}</span>${page > 1 ? html`<a href="${link(page - 1)}">上一页</a>` : ""}${page < pages ? html`<a href="${link(page + 1)}">下一页</a>` : ""}</nav>`;
}

function inlines(parts: Inline[]): Html[] {
  return parts.map((inline) => (inline.strong ? html`<strong class="font-semibold text-slate-900">${inline.text}</strong>` : html`${inline.text}`));
}

/** PostingBody (app/ui/posting-body.tsx): paragraphs and lists from the parsed body, every text escaped. */
export function postingBody(text: string, className: string): Html {
  const blocks = parsePostingBody(text).map((block) => {
    if (block.type === "paragraph") return html`<p>${block.lines.map((line, j) => html`${j > 0 ? html`<br/>` : ""}${inlines(line)}`)}</p>`;
    const items = block.items.map((item) => html`<li>${inlines(item)}</li>`);
    return block.ordered ? html`<ol class="list-decimal space-y-1 pl-6">${items}</ol>` : html`<ul class="list-disc space-y-1 pl-6">${items}</ul>`;
  });
  return html`<div class="space-y-3 leading-relaxed ${className}">${blocks}</div>`;
}

/** LineDiff (app/ui/posting-body.tsx). */
export function lineDiff(before: string, after: string, unchanged = "正文没有改动。"): Html {
  const lines = diffLines(before, after);
  if (!hasChanges(lines)) return html`<p class="text-sm text-slate-600">${unchanged}</p>`;
  return html`<div class="overflow-x-auto rounded border border-slate-200 bg-white py-1 text-sm leading-relaxed">${lines.map((line) => {
    const style = lineStyles[line.op];
    return html`<div class="flex gap-2 px-3 ${style.row}"><span aria-hidden="true" class="w-4 shrink-0 select-none text-center font-medium">${style.marker}</span><span class="${classes("min-w-0 whitespace-pre-wrap break-words", style.text)}">${style.label ? html`<span class="sr-only">${style.label}</span>` : ""}${
      line.text === "" ? html`<span class="sr-only">（空行）</span><span aria-hidden="true">&nbsp;</span>` : line.text
    }</span></div>`;
  })}</div>`;
}
