/**
 * The committee page's forms as posted — a term with its members, the service
 * centre, a "五位一体" joint meeting — read without the database so the server
 * and the browser agree and the parsing can be tested on its own. Text that is
 * not a number becomes a message beside its field, never NaN; the domain
 * (committees.server.ts) still checks every rule.
 */
import { parseRowId } from "../shared/ids";
import { jointMeetingParties, termYears, type MemberInput, type MemberPost, type TermInput } from "./rules";
import { parseIsoDate } from "../shared/time";
import { textOf } from "../shared/form-submission";

export { textOf };

export const memberPostOptions = ["chair", "vice_chair", "member"] as const satisfies readonly MemberPost[];

export type FieldErrors = Record<string, string[]>;

function addError(errors: FieldErrors, field: string, message: string) {
  (errors[field] ??= []).push(message);
}


/** Full-width digits (typed with a Chinese input method) read as ASCII; spaces and thousands separators dropped. */
function normalizeNumber(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，]/g, "");
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

/** A positive row id or version from a hidden field; null when missing or tampered with. */
export function parseRowNumber(text: string): number | null {
  return parseRowId(text);
}

/* ------------------------------------------------------------------ terms */

/** Members a grid may carry: well beyond any body's limit (9), so a real form never reaches it. */
export const maxMemberRows = 30;
/** Blank rows below the members of the term being edited. */
export const editBlankRows = 3;

/** The name of a members-grid cell: `member.<index>.<key>`. */
export function memberCellName(index: number, key: "name" | "post" | "partySecretary"): string {
  return `member.${index}.${key}`;
}

// Three digits: far more rows than any form shows; other names are not cells.
const memberCellPattern = /^member\.(\d{1,3})\.(name|post|partySecretary)$/;

export interface MemberRowValues {
  name: string;
  post: string;
  partySecretary: boolean;
}

/** Everything a refused term form had in it, so the page can show it again. */
export interface TermFormValues {
  termNumber: string;
  startsOn: string;
  endsOn: string;
  electedOn: string;
  eligibleVoters: string;
  votesCast: string;
  members: MemberRowValues[];
}

export function isMemberPost(value: string): value is MemberPost {
  return (memberPostOptions as readonly string[]).includes(value);
}

/**
 * The grid's rows in the order of their numbers (row 10 after row 2), rows
 * with no name and no tick left out. Problems name the row as the page shows
 * it again after a refusal, which is without the blank rows.
 */
export function parseMemberRows(form: FormData): { rows: MemberRowValues[]; problems: string[] } {
  const byIndex = new Map<number, { name?: string; post?: string; partySecretary?: boolean }>();
  for (const [key, value] of form) {
    if (typeof value !== "string") continue;
    const match = memberCellPattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const row = byIndex.get(index) ?? {};
    if (match[2] === "partySecretary") row.partySecretary = value === "on";
    else if (match[2] === "name") row.name = value;
    else row.post = value;
    byIndex.set(index, row);
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

/** Voters of one committee's election: far more than any community or village has. */
export const maxVoters = 1_000_000;

export interface ParsedTermForm {
  values: TermFormValues;
  /** Present when everything parsed; the domain then checks the rules. */
  input: TermInput | null;
  fieldErrors: FieldErrors;
}

export function parseTermForm(form: FormData): ParsedTermForm {
  const { rows, problems } = parseMemberRows(form);
  const values: TermFormValues = {
    termNumber: textOf(form, "termNumber").trim(),
    startsOn: normalizeDate(textOf(form, "startsOn")),
    endsOn: normalizeDate(textOf(form, "endsOn")),
    electedOn: normalizeDate(textOf(form, "electedOn")),
    eligibleVoters: textOf(form, "eligibleVoters").trim(),
    votesCast: textOf(form, "votesCast").trim(),
    members: rows,
  };
  const fieldErrors: FieldErrors = {};
  const termNumber = parseWholeNumber(values.termNumber, { label: "届次", min: 1, max: 99 });
  if (termNumber.problem) addError(fieldErrors, "termNumber", termNumber.problem);
  else if (termNumber.value === null) addError(fieldErrors, "termNumber", "请填写届次，如 12");
  const eligibleVoters = parseWholeNumber(values.eligibleVoters, { label: "登记选民人数", max: maxVoters });
  if (eligibleVoters.problem) addError(fieldErrors, "eligibleVoters", eligibleVoters.problem);
  const votesCast = parseWholeNumber(values.votesCast, { label: "参加投票人数", max: maxVoters });
  if (votesCast.problem) addError(fieldErrors, "votesCast", votesCast.problem);
  for (const problem of problems) addError(fieldErrors, "members", problem);
  if (Object.keys(fieldErrors).length) return { values, input: null, fieldErrors };

  return {
    values,
    input: {
      termNumber: termNumber.value!,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      electedOn: values.electedOn || null,
      eligibleVoters: eligibleVoters.value,
      votesCast: votesCast.value,
      members: rows.map((row): MemberInput => ({ name: row.name, post: row.post as MemberPost, partySecretary: row.partySecretary })),
    },
    fieldErrors,
  };
}

/**
 * What a refused term form shows beside its fields: the parsing problems and,
 * so every problem is told at once, the rules' problems of the fields that did
 * parse (the rules see a placeholder where a number could not be read).
 */
export function termFormInput(parsed: ParsedTermForm): TermInput {
  if (parsed.input) return parsed.input;
  const number = (text: string) => {
    const read = parseWholeNumber(text, { label: "", max: maxVoters });
    return read.problem ? null : read.value;
  };
  return {
    termNumber: parseWholeNumber(parsed.values.termNumber, { label: "", min: 1, max: 99 }).value ?? 1,
    startsOn: parsed.values.startsOn,
    endsOn: parsed.values.endsOn,
    electedOn: parsed.values.electedOn || null,
    eligibleVoters: number(parsed.values.eligibleVoters),
    votesCast: number(parsed.values.votesCast),
    members: parsed.values.members
      .filter((row) => row.name && isMemberPost(row.post))
      .map((row) => ({ name: row.name, post: row.post as MemberPost, partySecretary: row.partySecretary })),
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

/* ------------------------------------------------------------------ service centre */

export interface ServiceCentreFormValues {
  floorArea: string;
  facilities: string;
}

export interface ParsedServiceCentreForm {
  values: ServiceCentreFormValues;
  input: { floorArea: number | null; facilities: string[] } | null;
  /** The version the form was filled in against; null for a centre not yet recorded. */
  expectedVersion: number | null;
  /** The hidden version was present but unreadable: the page is stale or was tampered with. */
  badVersion: boolean;
  fieldErrors: FieldErrors;
}

/** Facilities one a line, or separated by 、，, ; each once, in the order typed. */
export function splitFacilities(text: string): string[] {
  const items = text
    .split(/[\r\n、，,;；]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

/** Floor areas are at most 100,000 square metres (the domain's bound). */
export const maxFloorArea = 100_000;

export function parseServiceCentreForm(form: FormData): ParsedServiceCentreForm {
  const values: ServiceCentreFormValues = { floorArea: textOf(form, "floorArea").trim(), facilities: textOf(form, "facilities") };
  const fieldErrors: FieldErrors = {};
  // "880", "880 平方米", "880㎡" and "880m²" all read as 880.
  const area = parseWholeNumber(values.floorArea.replace(/\s*(平方米|平米|㎡|m²|m2)$/i, ""), { label: "建筑面积", max: maxFloorArea });
  if (area.problem) addError(fieldErrors, "floorArea", `${area.problem}（平方米）`);
  const versionText = textOf(form, "version");
  const expectedVersion = versionText === "" ? null : parseRowNumber(versionText);
  return {
    values,
    input: Object.keys(fieldErrors).length ? null : { floorArea: area.value, facilities: splitFacilities(values.facilities) },
    expectedVersion,
    badVersion: versionText !== "" && expectedVersion === null,
    fieldErrors,
  };
}

/* ------------------------------------------------------------------ joint meetings */

export interface JointMeetingFormValues {
  heldOn: string;
  parties: string[];
  topics: string;
  decisions: string;
}

/** The meeting as posted; parties not among the five are left out. */
export function parseJointMeetingForm(form: FormData): JointMeetingFormValues {
  const ticked = form.getAll("parties").filter((value): value is string => typeof value === "string");
  return {
    heldOn: normalizeDate(textOf(form, "heldOn")),
    parties: jointMeetingParties.filter((party) => ticked.includes(party)),
    topics: textOf(form, "topics"),
    decisions: textOf(form, "decisions"),
  };
}

/* ------------------------------------------------------------------ deleting a term */

export interface DeleteTermForm {
  /** Null when the hidden fields are missing or tampered with: the page is stale. */
  termId: number | null;
  expectedVersion: number | null;
  reason: string;
}

/** A deletion as posted; the domain checks the reason. */
export function parseDeleteTermForm(form: FormData): DeleteTermForm {
  return {
    termId: parseRowNumber(textOf(form, "termId")),
    expectedVersion: parseRowNumber(textOf(form, "version")),
    reason: textOf(form, "reason"),
  };
}
