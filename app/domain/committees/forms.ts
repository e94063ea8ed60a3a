/**
 * The committee page's forms — a new term (换届) or a change to one, deleting a
 * term recorded by mistake, the service centre, a "五位一体" joint meeting — as
 * one zod schema the server and the browser share. The schema reads what was
 * typed: numbers with full-width digits or separators, dates as 2021/5/20 or
 * 2021年5月20日, the members grid, the hidden fields that tie a form to its
 * term. What cannot be read is an error beside its field, in Chinese, never
 * NaN. The rules (dates, members, who may sit where) are the commands'
 * (commands.server.ts): they see the place's other terms and today's date.
 */
import { z } from "zod";
import { parseRowId } from "../shared/ids";
import { parseIsoDate } from "../shared/time";
import {
  bodyLabels,
  deleteReasonLength,
  jointMeetingParties,
  memberPostOptions,
  termYears,
  type CommitteeBody,
  type MemberInput,
  type MemberPost,
  type TermInput,
} from "./rules";

export type FieldErrors = Record<string, string[]>;

export const staleForm = "页面已过期，请刷新后重试。";
export const unknownIntent = "无法识别的操作，请刷新页面后重试。";
/** Above a form refused for what is beside its fields. */
export const fixBelow = "有填写不正确的内容，未保存，请按提示修改。";

/* ------------------------------------------------------------------ typed text */

/** Full-width digits (typed with a Chinese input method) read as ASCII; spaces and thousands separators dropped. */
function normalizeNumber(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s,，]/g, "");
}

/**
 * A whole number typed into a field: null when left empty, a message when it is
 * not a whole number from `min` to `max`.
 */
export function parseWholeNumber(
  text: string,
  { label, min = 0, max }: { label: string; min?: number; max: number },
): { value: number | null; problem?: string } {
  const raw = normalizeNumber(text);
  if (!raw) return { value: null };
  const range = `${min} 至 ${max} 之间的整数`;
  if (!/^-?\d{1,12}(\.0+)?$/.test(raw)) return { value: null, problem: `${label}应为 ${range}` };
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) return { value: null, problem: `${label}应为 ${range}` };
  return { value };
}

/**
 * A date as typed: "2021-05-20", or "2021/5/20", "2021.5.20", "2021年5月20日"
 * written out as YYYY-MM-DD. Anything else is returned trimmed, for the domain
 * to refuse with its own message.
 */
export function normalizeDate(text: string): string {
  const trimmed = normalizeNumber(text);
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(trimmed);
  if (!match) return trimmed;
  return `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
}

/** What a field holds as posted: its first value when posted twice; nothing, or a file, reads as "". */
export function postedText(value: unknown): string {
  if (Array.isArray(value)) return postedText(value[0]);
  return typeof value === "string" ? value : "";
}

/** A grid cell as posted: its last value when posted twice, as the grid has always read it; undefined when absent. */
function cellText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string").at(-1);
  return typeof value === "string" ? value : undefined;
}

/* ------------------------------------------------------------------ the schema's fields */

function refuse(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER as never;
}

/** A text field of at most `max` characters ("" when left empty or not posted). */
function text(max: number, tooLong: string) {
  return z.preprocess(postedText, z.string().max(max, tooLong).optional()).transform((value) => value ?? "");
}

/** Far longer than any number or date typed by hand. */
const shortText = 40;

function wholeNumber(label: string, max: number, min = 0) {
  return text(shortText, `${label}应为 ${min} 至 ${max} 之间的整数`).transform((typed, ctx) => {
    const read = parseWholeNumber(typed, { label, min, max });
    return read.problem ? refuse(ctx, read.problem) : read.value;
  });
}

/** A date as typed, written out as YYYY-MM-DD where it can be; the commands check it is a real, plausible day. */
function dateText(message: string) {
  return text(shortText, message).transform(normalizeDate);
}

function isBody(value: string): value is CommitteeBody {
  return Object.hasOwn(bodyLabels, value);
}

/** The body a term form belongs to, from its hidden field. */
const bodyField = text(shortText, staleForm).transform((typed, ctx) => (isBody(typed) ? typed : refuse(ctx, staleForm)));

/** A term's id or version from a hidden field: anything but a row id means the page is stale or was tampered with. */
const rowIdField = text(shortText, staleForm).transform((typed, ctx) => parseRowId(typed) ?? refuse(ctx, staleForm));

/** Voters of one committee's election: far more than any community or village has. */
export const maxVoters = 1_000_000;

/** Members a grid may carry: well beyond any body's limit (9), so a real form never reaches it. */
export const maxMemberRows = 30;
/** Blank rows below the members of the term being edited. */
export const editBlankRows = 3;

/** The name of a members-grid cell: `member.<index>.<key>`. */
export function memberCellName(index: number, key: "name" | "post" | "partySecretary"): string {
  return `member.${index}.${key}`;
}

export interface MemberRowValues {
  name: string;
  post: string;
  partySecretary: boolean;
}

export function isMemberPost(value: string): value is MemberPost {
  return (memberPostOptions as readonly string[]).includes(value);
}

/**
 * The grid's rows (`member.<row>.<cell>` as posted) in the order of their
 * numbers (row 10 after row 2), rows with no name and no tick left out. Rows
 * are numbered by up to three digits; other names are not cells. Problems
 * name the row as the page shows it again after a refusal, without the blank rows.
 */
export function readMemberRows(cells: unknown): { rows: MemberRowValues[]; problems: string[] } {
  const byIndex = new Map<number, { name?: string; post?: string; partySecretary?: boolean }>();
  if (cells && typeof cells === "object") {
    for (const [key, cell] of Object.entries(cells)) {
      if (!/^\d{1,3}$/.test(key) || !cell || typeof cell !== "object" || Array.isArray(cell)) continue;
      const index = Number(key);
      const row = byIndex.get(index) ?? {};
      const { name, post, partySecretary } = cell as Record<string, unknown>;
      const typed = { name: cellText(name), post: cellText(post), partySecretary: cellText(partySecretary) };
      if (typed.name !== undefined) row.name = typed.name;
      if (typed.post !== undefined) row.post = typed.post;
      if (typed.partySecretary !== undefined) row.partySecretary = typed.partySecretary === "on";
      byIndex.set(index, row);
    }
  }
  const rows = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => ({ name: (row.name ?? "").trim(), post: row.post ?? "member", partySecretary: row.partySecretary ?? false }))
    .filter((row) => row.name || row.partySecretary);
  const problems: string[] = [];
  if (rows.length > maxMemberRows) problems.push(`成员最多填写 ${maxMemberRows} 名`);
  rows.forEach((row, i) => {
    if (!row.name) problems.push(`第 ${i + 1} 行：已勾选兼任党组织书记，请填写姓名`);
    if (!isMemberPost(row.post)) problems.push(`第 ${i + 1} 行：请从列表中选择职务`);
  });
  return { rows, problems };
}

/** The members grid: every problem of its rows beside the grid. */
const memberGrid = z
  .unknown()
  .optional()
  .transform((cells, ctx): MemberInput[] => {
    const { rows, problems } = readMemberRows(cells);
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    if (problems.length) return z.NEVER as never;
    return rows.map((row) => ({ name: row.name, post: row.post as MemberPost, partySecretary: row.partySecretary }));
  });

/** Floor areas are at most 100,000 square metres (the domain's bound). */
export const maxFloorArea = 100_000;

/** "880", "880 平方米", "880㎡" and "880m²" all read as 880; empty is "not known". */
const floorAreaField = text(shortText, `建筑面积应为 0 至 ${maxFloorArea} 之间的整数（平方米）`).transform((typed, ctx) => {
  const read = parseWholeNumber(typed.trim().replace(/\s*(平方米|平米|㎡|m²|m2)$/i, ""), { label: "建筑面积", max: maxFloorArea });
  return read.problem ? refuse(ctx, `${read.problem}（平方米）`) : read.value;
});

/** Facilities one a line, or separated by 、，, ; each once, in the order typed. */
export function splitFacilities(text: string): string[] {
  const items = text
    .split(/[\r\n、，,;；]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

/** The parties ticked among the five, in their order; anything else posted is left out. */
export function tickedParties(value: unknown): string[] {
  const ticked = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
  return jointMeetingParties.filter((party) => ticked.includes(party));
}

/* ------------------------------------------------------------------ the forms */

const termFields = {
  body: bodyField,
  termNumber: text(shortText, "届次应为 1 至 99 之间的整数").transform((typed, ctx) => {
    const read = parseWholeNumber(typed, { label: "届次", min: 1, max: 99 });
    if (read.problem) return refuse(ctx, read.problem);
    return read.value ?? refuse(ctx, "请填写届次，如 12");
  }),
  startsOn: dateText("请填写任期开始日期，如 2021-05-20"),
  endsOn: dateText("请填写任期结束日期，如 2026-05-19"),
  electedOn: dateText("选举日期格式应为 2021-05-20").transform((date) => date || null),
  eligibleVoters: wholeNumber("登记选民人数", maxVoters),
  votesCast: wholeNumber("参加投票人数", maxVoters),
  member: memberGrid,
};

/** 换届: a new term of a body, with its members. */
export const newTermSchema = z.object({ intent: z.literal("new-term", { error: unknownIntent }), ...termFields });

/** A change to a term, against the version the officer saw. */
export const changeTermSchema = z.object({ intent: z.literal("change-term", { error: unknownIntent }), ...termFields, termId: rowIdField, version: rowIdField });

/** Deleting a term recorded by mistake; the command checks the reason. */
export const deleteTermSchema = z.object({
  intent: z.literal("delete-term", { error: unknownIntent }),
  body: bodyField,
  termId: rowIdField,
  version: rowIdField,
  reason: text(deleteReasonLength.max, `删除原因不能超过 ${deleteReasonLength.max} 字`),
});

export const serviceCentreSchema = z.object({
  intent: z.literal("service-centre", { error: unknownIntent }),
  floorArea: floorAreaField,
  facilities: text(2000, "设施最多 30 项，每项不超过 30 字").transform(splitFacilities),
  /** The version the form was filled in against; empty for a centre not yet recorded. */
  version: text(shortText, staleForm).transform((typed, ctx) => (typed === "" ? null : (parseRowId(typed) ?? refuse(ctx, staleForm)))),
});

export const jointMeetingSchema = z.object({
  intent: z.literal("joint-meeting", { error: unknownIntent }),
  heldOn: dateText("请填写会议日期，如 2026-05-20"),
  parties: z.unknown().optional().transform(tickedParties),
  topics: text(2000, "议题不能超过 2000 字"),
  decisions: text(4000, "决定事项不能超过 4000 字"),
});

/** Every form the committee page posts, told apart by the intent of its button. */
export const committeeFormSchema = z.discriminatedUnion(
  "intent",
  [newTermSchema, changeTermSchema, deleteTermSchema, serviceCentreSchema, jointMeetingSchema],
  { error: unknownIntent },
);

export type CommitteeForm = z.output<typeof committeeFormSchema>;
export type CommitteeIntent = CommitteeForm["intent"];
export type TermForm = z.output<typeof newTermSchema> | z.output<typeof changeTermSchema>;
export type DeleteTermForm = z.output<typeof deleteTermSchema>;
export type ServiceCentreForm = z.output<typeof serviceCentreSchema>;
export type JointMeetingForm = z.output<typeof jointMeetingSchema>;

export const committeeIntents = ["new-term", "change-term", "delete-term", "service-centre", "joint-meeting"] as const satisfies readonly CommitteeIntent[];

/** The fields a form carries unseen: a problem with them means the page is stale, told above the form. */
export const hiddenFields = ["", "intent", "body", "termId", "version"] as const;

/** What is said above a refused form: "fix what is marked below" when something beside a field is marked. */
export function refusalNote(errors: Record<string, unknown> | null | undefined): string | undefined {
  return Object.keys(errors ?? {}).some((field) => !(hiddenFields as readonly string[]).includes(field)) ? fixBelow : undefined;
}

/* ------------------------------------------------------------------ which form was posted */

/** Which of the page's forms a post came from, so the answer is shown beside that form. */
export interface PostedForm {
  intent: CommitteeIntent | "unknown";
  /** For a term's forms: the body whose form was posted. */
  body?: CommitteeBody;
  /** For a change or a deletion: the term it was typed against. */
  termId?: number;
}

const readOrUndefined = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
  const read = schema.safeParse(value);
  return read.success ? read.data : undefined;
};

export function postedFormOf(payload: Record<string, unknown>): PostedForm {
  const intent = committeeIntents.find((known) => known === payload.intent) ?? "unknown";
  const body = readOrUndefined(bodyField, payload.body);
  const typedAgainst =
    (intent === "change-term" || intent === "delete-term") && readOrUndefined(rowIdField, payload.version) !== undefined
      ? readOrUndefined(rowIdField, payload.termId)
      : undefined;
  return { intent, ...(body ? { body } : {}), ...(typedAgainst ? { termId: typedAgainst } : {}) };
}

/* ------------------------------------------------------------------ a refused term */

/** A term form the schema refused, read as far as it goes, so the rules can tell their problems beside the others. */
export interface RefusedTerm {
  body: CommitteeBody;
  /** The term being changed; absent for a new one. */
  termId?: number;
  /** The term as read: a number that could not be read is left out (the term number: a placeholder). */
  term: TermInput;
  /** What the schema said, by field. */
  errors: FieldErrors;
}

/** Null unless a new or changed term of a known body (and, for a change, a known term) was refused. */
export function refusedTermOf(payload: Record<string, unknown>, errors: Record<string, string[] | null> | null | undefined): RefusedTerm | null {
  const posted = postedFormOf(payload);
  if ((posted.intent !== "new-term" && posted.intent !== "change-term") || !posted.body) return null;
  if (posted.intent === "change-term" && posted.termId === undefined) return null;
  const read = <T>(schema: z.ZodType<T>, field: string) => readOrUndefined(schema, payload[field]);
  const own: FieldErrors = {};
  for (const [field, messages] of Object.entries(errors ?? {})) if (messages?.length) own[field] = messages;
  return {
    body: posted.body,
    ...(posted.termId !== undefined ? { termId: posted.termId } : {}),
    term: {
      termNumber: read(termFields.termNumber, "termNumber") ?? 1,
      startsOn: read(termFields.startsOn, "startsOn") ?? "",
      endsOn: read(termFields.endsOn, "endsOn") ?? "",
      electedOn: read(termFields.electedOn, "electedOn") ?? null,
      eligibleVoters: read(termFields.eligibleVoters, "eligibleVoters") ?? null,
      votesCast: read(termFields.votesCast, "votesCast") ?? null,
      members: readMemberRows(payload.member)
        .rows.filter((row) => row.name && isMemberPost(row.post))
        .map((row) => ({ name: row.name, post: row.post as MemberPost, partySecretary: row.partySecretary })),
    },
    errors: own,
  };
}

/** Field errors of two checks together, each field's messages once and in order. */
export function mergeFieldErrors(first: FieldErrors, second: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const errors of [first, second]) {
    for (const [field, messages] of Object.entries(errors)) {
      const list = (out[field] ??= []);
      for (const message of messages) if (!list.includes(message)) list.push(message);
    }
  }
  return out;
}

/* ------------------------------------------------------------------ what the forms show */

/** A term form's fields as the page fills them in: saved, suggested or as typed. */
export interface TermFormValues {
  termNumber: string;
  startsOn: string;
  endsOn: string;
  electedOn: string;
  eligibleVoters: string;
  votesCast: string;
  members: MemberRowValues[];
}

/** A term form as posted (conform's payload or initial value) read back for the page: dates written out, rows without the blank ones. */
export function termValuesOf(posted: Record<string, unknown> | null | undefined): TermFormValues {
  const field = (name: string) => postedText(posted?.[name]);
  return {
    termNumber: field("termNumber").trim(),
    startsOn: normalizeDate(field("startsOn")),
    endsOn: normalizeDate(field("endsOn")),
    electedOn: normalizeDate(field("electedOn")),
    eligibleVoters: field("eligibleVoters").trim(),
    votesCast: field("votesCast").trim(),
    members: readMemberRows(posted?.member).rows,
  };
}

/** Values as a term form posts them, for conform's defaultValue: the members as grid cells. */
export function termFormDefaults(values: TermFormValues) {
  const { members, ...fields } = values;
  const member: Record<string, { name: string; post: string; partySecretary?: string }> = {};
  members.forEach((row, i) => {
    member[String(i)] = { name: row.name, post: row.post, ...(row.partySecretary ? { partySecretary: "on" } : {}) };
  });
  return { ...fields, member };
}

/** A recorded term as its change form starts. */
export function recordedTermValues(term: {
  termNumber: number;
  startsOn: string;
  endsOn: string;
  electedOn: string | null;
  eligibleVoters: number | null;
  votesCast: number | null;
  members: ReadonlyArray<{ name: string; post: string; partySecretary: boolean }>;
}): TermFormValues {
  return {
    termNumber: String(term.termNumber),
    startsOn: term.startsOn,
    endsOn: term.endsOn,
    electedOn: term.electedOn ?? "",
    eligibleVoters: term.eligibleVoters === null ? "" : String(term.eligibleVoters),
    votesCast: term.votesCast === null ? "" : String(term.votesCast),
    members: term.members.map((m) => ({ name: m.name, post: m.post, partySecretary: m.partySecretary })),
  };
}

/** A date `years` later, less one day: a term begun on 2026-05-20 ends on 2031-05-19 (29 February rolls to 1 March first). */
export function termEndFor(startsOn: string, years = termYears): string {
  const start = parseIsoDate(startsOn);
  if (!start) return "";
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

/** The day after `iso`. */
function dayAfter(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The defaults of the new-term (换届) form: the number after the newest term
 * recorded, starting today, or the day after the newest term ends if that is
 * later (the rules refuse a term that begins before the one before it ends),
 * for five years.
 */
export function suggestedNewTerm(
  newest: { termNumber: number; endsOn?: string } | null,
  today: string,
): Pick<TermFormValues, "termNumber" | "startsOn" | "endsOn"> {
  const ends = parseIsoDate(newest?.endsOn);
  const startsOn = ends && ends >= today ? dayAfter(ends) : today;
  return { termNumber: String(newest ? Math.min(newest.termNumber + 1, 99) : 1), startsOn, endsOn: termEndFor(startsOn) };
}

/** Votes cast as a share of eligible voters, "85.0%", or null when either is missing. */
export function turnout(votesCast: number | null, eligibleVoters: number | null): string | null {
  if (votesCast === null || eligibleVoters === null || eligibleVoters <= 0) return null;
  return `${((votesCast / eligibleVoters) * 100).toFixed(1)}%`;
}
