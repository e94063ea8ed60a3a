/**
 * The village workbench's forms as zod schemas, shared by the server (with
 * parseSubmission) and the browser (with conform), and the checks of their
 * fields that the commands repeat. What needs the database (the posting's kind,
 * its table, its state) is checked by the commands in commands.server.ts.
 */
import { z } from "zod";
import { parseRowId } from "../shared/ids";
import { fieldCharacterProblem } from "../shared/text-input";
import {
  isPostingKind,
  maxReasonLength,
  maxTitleLength,
  previousMonth,
  parsePeriod,
  periodHint,
  postingKinds,
  quarterPeriod,
  periodKindLabels,
  type PeriodKind,
  type PostingTableRows,
  type TableSpec,
} from "./rules";
import { isAcceptedYear } from "../shared/time";
import { bodyLengthProblem, bodyMarkupProblems, maxBodyLength } from "./text";

export const staleForm = "页面已过期，请刷新后重试。";
export const unknownIntent = "无法识别的操作，请刷新页面后重试。";

/* ------------------------------------------------------------------ field checks (forms and commands) */

/** A title as stored: trimmed; why it cannot be saved, or null. */
export function titleProblem(title: string): string | null {
  if (!title) return "请填写标题";
  if (title.length > maxTitleLength) return `标题不能超过 ${maxTitleLength} 字`;
  return fieldCharacterProblem(title, "标题");
}

/** A reason or an opinion as stored: line breaks as "\n", trimmed. */
export function storedReason(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/** Why a reason or opinion (already storedReason) cannot be saved: `missing` when blank; null when fine. */
export function reasonProblem(reason: string, label: string, missing: string): string | null {
  if (!reason) return missing;
  if (reason.length > maxReasonLength) return `${label}不能超过 ${maxReasonLength} 字`;
  return fieldCharacterProblem(reason.replace(/\r?\n/g, " "), label);
}

export const approvalOpinion = "经审核，同意公开。";

/** A return needs its own reason: the approval text left in the box says nothing to the clerk. */
export function returnOpinionProblem(opinion: string): string | null {
  const text = opinion.trim();
  if (!text) return null; // the domain asks for it
  if (text === approvalOpinion || text === approvalOpinion.replace(/。$/, "")) return "退回修改时，请写明需要修改的内容，不能使用“同意公开”的意见";
  return null;
}

export const reasonMessages = {
  correct: { label: "更正原因", missing: "请填写更正原因，公开页面将显示该原因" },
  withdraw: { label: "撤回原因", missing: "请填写撤回原因，公开页面将显示该原因" },
  // The opinion is published with the posting: an approval says what the committee checked, in its own words.
  approve: { label: "审核意见", missing: "请填写审核意见，写明核对了哪些内容，如“经核对票据和会议记录，金额无误，同意公开”" },
  return: { label: "审核意见", missing: "请填写退回的理由" },
} as const;

/* ------------------------------------------------------------------ the table grid */

/** The name of a grid cell: `row.<index>.<columnKey>`. */
export function cellName(index: number, columnKey: string): string {
  return `row.${index}.${columnKey}`;
}

// Five digits is far beyond the largest table the domain accepts; a column key is a plain identifier.
const rowIndexPattern = /^\d{1,5}$/;
const columnKeyPattern = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * The grid's rows from the posted cells (conform reads `row.3.item` as
 * `row: { 3: { item } }`), ordered by their number (not as text: row 10 comes
 * after row 2); blank rows, and anything that is not a cell, dropped.
 */
export function tableRowsOf(cells: unknown): PostingTableRows {
  if (typeof cells !== "object" || cells === null) return [];
  const byIndex: Array<[number, Record<string, string>]> = [];
  for (const [index, posted] of Object.entries(cells)) {
    if (!rowIndexPattern.test(index) || typeof posted !== "object" || posted === null) continue;
    const row: Record<string, string> = {};
    for (const [key, value] of Object.entries(posted as Record<string, unknown>)) {
      // A cell posted twice keeps the last value, as a form field read by name would.
      const text = Array.isArray(value) ? value.at(-1) : value;
      if (columnKeyPattern.test(key) && typeof text === "string") row[key] = text;
    }
    if (Object.values(row).some((v) => v.trim() !== "")) byIndex.push([Number(index), row]);
  }
  return byIndex.sort(([a], [b]) => a - b).map(([, row]) => row);
}

export const defaultBlankRows = 5;
export const moreBlankRows = 10;
export const maxBlankRows = 200;

/** How many empty rows the grid shows below the filled ones, from the hidden field it posts. */
export function blankRowsOf(posted: unknown): number {
  const n = typeof posted === "string" && /^\d{1,4}$/.test(posted) ? Number(posted) : defaultBlankRows;
  return Math.min(Math.max(n, defaultBlankRows), maxBlankRows);
}

/**
 * Which cells the domain's table messages ("第 3 行：请填写“姓名”",
 * "第 2 行：“金额（元）”应为……") are about, so each cell can be marked
 * invalid and described by its own messages. Keys are `<rowIndex>.<columnKey>`
 * with rows counted from 0; values are indices into `messages`.
 */
export function tableCellProblems(spec: TableSpec, messages: readonly string[]): Map<string, number[]> {
  const cells = new Map<string, number[]>();
  messages.forEach((message, i) => {
    const match = /^第 (\d+) 行：[^“]*“([^”]+)”/.exec(message);
    if (!match) return;
    const column = spec.columns.find((c) => c.label === match[2]);
    if (!column) return;
    const key = `${Number(match[1]) - 1}.${column.key}`;
    cells.set(key, [...(cells.get(key) ?? []), i]);
  });
  return cells;
}

/* ------------------------------------------------------------------ new postings */

/**
 * The period a new posting of this kind most likely covers: last month's
 * finances, the quarter last month fell in, last year, or today for a posting
 * of a single day. Only a suggestion; the clerk may write any other.
 */
export function suggestedPeriod(kind: string, today: string): string {
  if (!isPostingKind(kind)) return "";
  const y = Number(today.slice(0, 4));
  const lastMonth = previousMonth(today);
  const [ly, lm] = lastMonth.key.split("-").map(Number) as [number, number];
  switch (postingKinds[kind].periodKinds[0]) {
    case "month":
      return lastMonth.key;
    case "quarter":
      return quarterPeriod(ly, Math.ceil(lm / 3)).key;
    case "year":
      return String(y - 1);
    case "date":
      return today;
    default:
      return "";
  }
}

/* ------------------------------------------------------------------ the period picker */

/**
 * A period as picked rather than typed: a year and, in a second list, a month
 * ("03"), a quarter ("Q1") or the whole year ("year"); or "date" and a day.
 * The browser posts the three fields; the server makes them the code it always
 * parsed ("2025-03", "2025-Q1", "2025", "2025-03-14"), so one check refuses a bad one.
 */
export interface PeriodChoice {
  year: string;
  part: string;
  date: string;
}

const periodKindOrder: readonly PeriodKind[] = ["month", "quarter", "year", "date"];

/** The second list's choices, grouped by the kinds of period a posting may cover. */
export function periodPartOptions(kinds: readonly PeriodKind[]): Array<{ kind: PeriodKind; label: string; options: Array<{ value: string; label: string }> }> {
  const all: Record<PeriodKind, Array<{ value: string; label: string }>> = {
    month: Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1).padStart(2, "0"), label: `${i + 1}月` })),
    quarter: [1, 2, 3, 4].map((q) => ({ value: `Q${q}`, label: `第${"一二三四"[q - 1]}季度` })),
    year: [{ value: "year", label: "全年" }],
    date: [{ value: "date", label: "具体日期" }],
  };
  return periodKindOrder.filter((k) => kinds.includes(k)).map((kind) => ({ kind, label: periodKindLabels[kind], options: all[kind] }));
}

/** A stored or suggested period code as the picker shows it; anything unreadable as nothing picked. */
export function periodChoiceOf(code: string): PeriodChoice {
  const period = parsePeriod(code);
  if (!period) return { year: "", part: "", date: "" };
  if (period.kind === "date") return { year: period.key.slice(0, 4), part: "date", date: period.key };
  return { year: period.key.slice(0, 4), part: period.kind === "year" ? "year" : period.key.slice(5), date: "" };
}

/** The code a picked period stands for, or "" while it is incomplete. Whatever was posted is passed on for the usual check to judge. */
export function periodCodeOf(choice: Partial<Record<keyof PeriodChoice, unknown>>): string {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const [year, part, date] = [text(choice.year), text(choice.part), text(choice.date)];
  if (part === "date" || (!part && date)) return date;
  if (!year || !part) return "";
  return part === "year" ? year : `${year}-${part}`;
}

/** The years offered: this year and the nine before, and the one already picked if it is older. */
export function periodYears(today: string, picked?: string): number[] {
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  const old = Number(picked);
  if (picked && isAcceptedYear(old) && !years.includes(old)) years.push(old);
  return years;
}

/** The picker's fields, known to the forms that have one (so they are read at all); `withPickedPeriod` makes them `period` before they are checked. */
const pickedPeriodFields = {
  periodYear: z.string().max(4).optional(),
  periodPart: z.string().max(4).optional(),
  periodDate: z.string().max(10).optional(),
};

/** A posted form with its picked period as the `period` code; a form that posts the code itself (or no period at all) is left as it is. */
export function withPickedPeriod(posted: unknown): unknown {
  if (typeof posted !== "object" || posted === null || Array.isArray(posted)) return posted;
  const form = posted as Record<string, unknown>;
  if (form.period !== undefined || !("periodYear" in form || "periodPart" in form || "periodDate" in form)) return posted;
  const { periodYear, periodPart, periodDate, ...rest } = form;
  return { ...rest, period: periodCodeOf({ year: periodYear, part: periodPart, date: periodDate }) };
}

/* ------------------------------------------------------------------ field schemas */

/** The longest period a clerk writes ("2025年第一季度", "2025年12月31日") with room for spaces. */
const maxPeriodLength = 30;
const maxKindLength = 40;

/** Adds the field's own check, unless the text was already refused as too long. */
function checked(max: number, problems: (text: string) => readonly (string | null)[]) {
  return (text: string, ctx: z.RefinementCtx) => {
    if (text.length > max) return;
    for (const message of problems(text)) if (message) ctx.addIssue({ code: "custom", message });
  };
}

/** The hidden row version every state-changing form carries; a missing or tampered one means the page is stale. */
const versionField = z
  .string({ error: staleForm })
  .max(10, staleForm)
  .transform((text, ctx) => {
    const id = parseRowId(text);
    if (id === null) ctx.addIssue({ code: "custom", message: staleForm });
    return id ?? z.NEVER;
  });

/** A row id in a hidden field; anything else is 0, which the command refuses as not found. */
const hiddenIdField = z
  .string({ error: staleForm })
  .max(10, staleForm)
  .optional()
  .transform((text) => parseRowId(text) ?? 0);

const periodField = z
  .string({ error: `无法识别公开期间。${periodHint}` })
  .max(maxPeriodLength, `公开期间不能超过 ${maxPeriodLength} 个字。${periodHint}`);

/** A reason or an opinion: at most twice its length as posted (a browser sends each line break as two characters). */
function reasonField(messages: { label: string; missing: string }, extra?: (text: string) => string | null) {
  const max = maxReasonLength * 2;
  return z
    .string({ error: messages.missing })
    .max(max, `${messages.label}不能超过 ${maxReasonLength} 字`)
    .superRefine(checked(max, (text) => [extra?.(storedReason(text)) ?? reasonProblem(storedReason(text), messages.label, messages.missing)]));
}

const bodyTooLong = { error: (issue: { input?: unknown }) => bodyLengthProblem(String(issue.input ?? "")) ?? `正文不能超过 ${maxBodyLength} 字。` };

/* ------------------------------------------------------------------ the posting page */

export const postingIntents = ["save", "add-rows", "submit", "upload", "remove-file", "discard", "approve", "return", "correct", "withdraw"] as const;
export type PostingIntent = (typeof postingIntents)[number];

/** The intent a posted form names ("save" when it names none, as the Enter key in the draft does), or "unknown". */
export function postingIntentOf(posted: unknown): PostingIntent | "unknown" {
  if (posted === undefined || posted === "") return "save";
  return (postingIntents as readonly unknown[]).includes(posted) ? (posted as PostingIntent) : "unknown";
}

/**
 * Who may post each of the page's forms: the review is the supervision
 * committee's, every other step the clerk's; null for an intent the page does
 * not have, which the schema refuses.
 */
export function postingIntentPermission(intent: string): "posting:draft" | "posting:review" | null {
  if (!(postingIntents as readonly string[]).includes(intent)) return null;
  return intent === "approve" || intent === "return" ? "posting:review" : "posting:draft";
}

/**
 * The draft's fields are only read here (each within its bound): the command
 * checks title, body, period and table together, since the period and the
 * table depend on the posting's kind, so the clerk sees every problem at once.
 * A form without a period field (a correction's) leaves the period as it is.
 */
function draftMember<Intent extends "save" | "add-rows" | "submit">(intent: Intent) {
  return z
    .object({
      intent: z.literal(intent),
      version: versionField,
      title: z.string({ error: "请填写标题" }).max(maxTitleLength, `标题不能超过 ${maxTitleLength} 字`).optional(),
      body: z.string({ error: "正文不能为空。" }).max(maxBodyLength * 2, bodyTooLong).optional(),
      period: periodField.optional(),
      ...pickedPeriodFields,
      row: z.unknown().optional(),
      blankRows: z.unknown().optional(),
      acknowledgeSensitive: z.unknown().optional(),
      // Sent back as it was shown: the digest of the numbers the clerk was asked to confirm.
      acknowledgedFindings: z.string({ error: staleForm }).max(64, staleForm).optional(),
    })
    .transform(({ version, title, body, row, blankRows, acknowledgeSensitive, acknowledgedFindings, ...rest }) => ({
      ...rest,
      expectedVersion: version,
      title: title ?? "",
      body: body ?? "",
      tableRows: tableRowsOf(row),
      blankRows: blankRowsOf(blankRows),
      acknowledgeSensitive: acknowledgeSensitive === "on",
      acknowledgedFindings: acknowledgedFindings ?? "",
    }));
}

function reviewMember<Intent extends "approve" | "return">(intent: Intent) {
  return z
    .object({
      intent: z.literal(intent),
      version: versionField,
      opinion: reasonField(reasonMessages[intent], intent === "return" ? returnOpinionProblem : undefined),
    })
    .transform(({ intent, version, opinion }) => ({ intent, decision: intent, expectedVersion: version, opinion }));
}

/** Every form of the posting page, told apart by the intent its button posts. */
export const postingPageSchema = z.preprocess(
  (posted) =>
    withPickedPeriod(
      typeof posted === "object" && posted !== null && postingIntentOf((posted as { intent?: unknown }).intent) === "save"
        ? { ...posted, intent: "save" }
        : posted,
    ),
  z.discriminatedUnion(
    "intent",
    [
      draftMember("save"),
      draftMember("add-rows"),
      draftMember("submit"),
      // Files come as multipart (postingUploadSchema); an upload posted without any has nothing to store.
      z.object({
        intent: z.literal("upload"),
        files: z.any().refine(() => false, "请选择要上传的文件"),
      }),
      z.object({ intent: z.literal("remove-file"), fileId: hiddenIdField }),
      z
        .object({
          intent: z.literal("discard"),
          version: versionField,
          confirmDiscard: z.literal("on", { error: "请勾选确认后再放弃，放弃后不能恢复" }),
        })
        .transform(({ intent, version }) => ({ intent, expectedVersion: version })),
      reviewMember("approve"),
      reviewMember("return"),
      z
        .object({ intent: z.literal("correct"), version: versionField, reason: reasonField(reasonMessages.correct) })
        .transform(({ intent, version, reason }) => ({ intent, expectedVersion: version, reason })),
      z
        .object({ intent: z.literal("withdraw"), version: versionField, withdrawReason: reasonField(reasonMessages.withdraw) })
        .transform(({ intent, version, withdrawReason }) => ({ intent, expectedVersion: version, reason: withdrawReason })),
    ],
    { error: unknownIntent },
  ),
);
export type PostingPageForm = z.output<typeof postingPageSchema>;

/** The upload form (multipart): its files are read by readUploads; nothing else of it is kept. */
export const postingUploadSchema = z.object({});

/* ------------------------------------------------------------------ the new-posting page */

/** Kind, period, title and body; whether the period suits the kind and has begun is the command's to say. */
const newPostingFields = z
  .object({
    kind: z
      .string({ error: "请选择公开事项的类型" })
      .max(maxKindLength, "请选择公开事项的类型")
      .refine((kind) => isPostingKind(kind), "请选择公开事项的类型"),
    period: periodField
      .optional()
      .superRefine((text, ctx) => {
        if (text !== undefined && text.trim() && text.length <= maxPeriodLength && !parsePeriod(text)) {
          ctx.addIssue({ code: "custom", message: `无法识别公开期间“${text}”。${periodHint}` });
        }
      }),
    title: z
      .string({ error: "请填写标题" })
      .max(maxTitleLength, `标题不能超过 ${maxTitleLength} 字`)
      .superRefine(checked(maxTitleLength, (text) => [titleProblem(text.trim())])),
    ...pickedPeriodFields,
    body: z
      .string({ error: "正文不能为空。" })
      .max(maxBodyLength * 2, bodyTooLong)
      .superRefine(checked(maxBodyLength * 2, bodyMarkupProblems)),
  })
  // A blank period is the command's to name ("请选择公开期间", or what the kind expects).
  .transform(({ period, ...rest }) => ({ ...rest, period: period ?? "" }));
/** The period comes picked (year and month, quarter or day) or as the code itself. */
export const newPostingSchema = z.preprocess(withPickedPeriod, newPostingFields);
export type NewPostingForm = z.output<typeof newPostingSchema>;
