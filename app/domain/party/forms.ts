/**
 * The party-building forms and the /officer/party period, read on the server
 * (authoritative) and importable by the browser: an organization's party
 * record, an admission of probationary members, a joint branch, and the
 * coverage target. Each reader takes the posted fields as conform hands them
 * over and returns either the domain's input or field errors in Chinese;
 * whatever cannot be read is an error beside its field, never a 500.
 */
import { formatDate, parseIsoDate } from "../shared/time";
import { fieldCharacterProblem } from "../shared/text-input";
import { isRowId } from "../shared/ids";
import { partyMembersMax } from "./rules";

export type FieldErrors = Record<string, string[]>;
/** The shape conform's `parse` expects back from a resolver. */
export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: FieldErrors };

/** The posted fields; a field posted twice or as a file reads as empty. */
type Payload = Record<string, unknown>;

const staleForm = "页面已过期，请刷新后重试。";

function text(payload: Payload, name: string): string {
  const value = payload[name];
  return typeof value === "string" ? value.trim() : "";
}

/** Digits typed with a Chinese input method (０-９) read as the ASCII ones. */
function asciiDigits(value: string): string {
  return value
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, ".");
}

/** A whole number from min to max, or the reason it is not one. */
function wholeNumber(raw: string, label: string, min: number, max: number): number | string {
  const value = asciiDigits(raw);
  if (!value) return `请填写${label}${min === 0 ? "，没有请填 0" : ""}`;
  if (!/^\d{1,7}$/.test(value) || Number(value) < min || Number(value) > max) {
    return `${label}应为 ${min} 至 ${max} 的整数`;
  }
  return Number(value);
}

/** A date as YYYY-MM-DD, or the reason it is not one; blank is "please fill in". */
function isoDate(raw: string, label: string): string | { problem: string } {
  if (!raw) return { problem: `请填写${label}，如 2026-05-20` };
  return parseIsoDate(raw) ?? { problem: `${label}不是有效日期，请按 2026-05-20 的格式填写` };
}

/** A person's name such as a secretary's or an instructor's: at most 20 characters, nothing invisible. */
function personName(raw: string, label: string): string | null {
  if (raw.length > 20) return `${label}姓名不超过 20 个字`;
  return fieldCharacterProblem(raw, label);
}

function finish<T>(errors: FieldErrors, value: () => T): Parsed<T> {
  return Object.keys(errors).length ? { error: errors } : { value: value() };
}

/* ------------------------------------------------------------------ an organization's record */

/** The action's intents on /officer/orgs/:id for the party section. */
export const partyIntents = ["party-record", "party-admission", "party-accept-report"] as const;
export type PartyIntent = (typeof partyIntents)[number];

export function isPartyIntent(value: unknown): value is PartyIntent {
  return typeof value === "string" && (partyIntents as readonly string[]).includes(value);
}

/** How the form offers coverage: join an existing branch, found the organization's own, assign an instructor, or none yet. */
export const coverageChoices = ["branch", "new_branch", "instructor", "none"] as const;
export type CoverageChoice = (typeof coverageChoices)[number];

export const coverageChoiceLabels: Record<CoverageChoice, string> = {
  branch: "纳入已有党支部",
  new_branch: "新建本组织党支部",
  instructor: "选派党建指导员",
  none: "暂未覆盖",
};

/** The choice a saved record starts the form from. */
export function coverageChoiceOf(
  record: { branchId: number | null; instructor: string | null } | null,
): CoverageChoice {
  if (record?.branchId) return "branch";
  if (record?.instructor) return "instructor";
  return "none";
}

/** What savePartyRecord takes. */
export interface PartyRecordValue {
  formalMembers: number;
  probationaryMembers: number;
  branchId: number | null;
  newOwnBranch: { name: string; foundedOn: string; secretary: string | null } | null;
  instructor: string | null;
  expectedVersion: number | null;
}

/**
 * The record form: member counts, one coverage choice with the fields that
 * choice needs, and the version the record was loaded at (blank when it had none).
 */
export function parsePartyRecordForm(payload: Payload): Parsed<PartyRecordValue> {
  const errors: FieldErrors = {};
  const formal = wholeNumber(text(payload, "formalMembers"), "正式党员人数", 0, partyMembersMax);
  const probationary = wholeNumber(text(payload, "probationaryMembers"), "预备党员人数", 0, partyMembersMax);
  if (typeof formal === "string") errors.formalMembers = [formal];
  if (typeof probationary === "string") errors.probationaryMembers = [probationary];

  const rawVersion = text(payload, "version");
  const version =
    rawVersion === ""
      ? null
      : /^\d{1,10}$/.test(rawVersion) && isRowId(Number(rawVersion))
        ? Number(rawVersion)
        : undefined;
  if (version === undefined) errors[""] = [staleForm];

  const choice = text(payload, "coverage") as CoverageChoice;
  let branchId: number | null = null;
  let newOwnBranch: PartyRecordValue["newOwnBranch"] = null;
  let instructor: string | null = null;
  switch (choice) {
    case "branch": {
      const raw = text(payload, "branchId");
      if (!raw) errors.branchId = ["请选择党支部"];
      else if (!/^\d{1,10}$/.test(raw) || !isRowId(Number(raw)))
        errors.branchId = ["请选择本街道（镇）或全区的党支部"];
      else branchId = Number(raw);
      break;
    }
    case "new_branch": {
      const name = text(payload, "newBranchName");
      const foundedOn = isoDate(text(payload, "newBranchFoundedOn"), "成立日期");
      const secretary = text(payload, "newBranchSecretary");
      if (!name) errors.newBranchName = ["请填写党支部名称"];
      else if (name.length > 60) errors.newBranchName = ["党支部名称不超过 60 个字"];
      if (typeof foundedOn !== "string") errors.newBranchFoundedOn = [foundedOn.problem];
      const secretaryProblem = personName(secretary, "党支部书记");
      if (secretaryProblem) errors.newBranchSecretary = [secretaryProblem];
      if (typeof foundedOn === "string")
        newOwnBranch = { name, foundedOn, secretary: secretary || null };
      break;
    }
    case "instructor": {
      instructor = text(payload, "instructor");
      const problem = instructor ? personName(instructor, "党建指导员") : "请填写党建指导员姓名";
      if (problem) errors.instructor = [problem];
      break;
    }
    case "none":
      break;
    default:
      errors.coverage = ["请选择覆盖方式"];
  }

  return finish(errors, () => ({
    formalMembers: formal as number,
    probationaryMembers: probationary as number,
    branchId,
    newOwnBranch,
    instructor,
    expectedVersion: version ?? null,
  }));
}

/** Probationary members admitted on a day. */
export interface AdmissionValue {
  admittedOn: string;
  count: number;
}

export function parseAdmissionForm(payload: Payload): Parsed<AdmissionValue> {
  const errors: FieldErrors = {};
  const admittedOn = isoDate(text(payload, "admittedOn"), "接收日期");
  const count = wholeNumber(text(payload, "count"), "接收人数", 1, 100);
  if (typeof admittedOn !== "string") errors.admittedOn = [admittedOn.problem];
  if (typeof count === "string") errors.count = [count];
  return finish(errors, () => ({ admittedOn: admittedOn as string, count: count as number }));
}

/* ------------------------------------------------------------------ /officer/party */

/** The action's intents on /officer/party. */
export const overviewIntents = ["joint-branch", "coverage-target"] as const;
export type OverviewIntent = (typeof overviewIntents)[number];

export function isOverviewIntent(value: unknown): value is OverviewIntent {
  return typeof value === "string" && (overviewIntents as readonly string[]).includes(value);
}

/** A joint branch; a blank street is a district-wide (trade) branch, which only a district officer may found. */
export interface JointBranchValue {
  name: string;
  foundedOn: string;
  streetCode: string | null;
  secretary: string | null;
}

export function parseJointBranchForm(payload: Payload): Parsed<JointBranchValue> {
  const errors: FieldErrors = {};
  const name = text(payload, "name");
  const foundedOn = isoDate(text(payload, "foundedOn"), "成立日期");
  const streetCode = text(payload, "streetCode");
  const secretary = text(payload, "secretary");
  if (!name) errors.name = ["请填写联合党支部名称"];
  else if (name.length > 60) errors.name = ["名称不超过 60 个字"];
  if (typeof foundedOn !== "string") errors.foundedOn = [foundedOn.problem];
  if (streetCode && !/^\d{12}$/.test(streetCode)) errors.streetCode = ["请选择您管辖的街道（镇）"];
  const secretaryProblem = personName(secretary, "党支部书记");
  if (secretaryProblem) errors.secretary = [secretaryProblem];
  return finish(errors, () => ({
    name,
    foundedOn: foundedOn as string,
    streetCode: streetCode || null,
    secretary: secretary || null,
  }));
}

export const coverageTargetRange = { min: 50, max: 100 } as const;

/**
 * The target as officers write it, a percentage ("90", "92.5%"), stored as a
 * fraction. `expected` is the fraction the officer saw, so a change made by
 * someone else in between refuses the write.
 */
export interface CoverageTargetValue {
  partyCoverageTarget: number;
  reason: string;
  expected: number;
}

export function parseCoverageTargetForm(payload: Payload): Parsed<CoverageTargetValue> {
  const errors: FieldErrors = {};
  const raw = asciiDigits(text(payload, "partyCoverageTarget")).replace(/\s*[%％]$/, "");
  const reason = text(payload, "reason");
  const expected = Number(text(payload, "expected"));
  const { min, max } = coverageTargetRange;
  let fraction = 0;
  if (!raw) errors.partyCoverageTarget = [`请填写覆盖率目标，${min} 到 ${max} 之间的百分数，如 90`];
  else if (!/^\d{1,3}(\.\d)?$/.test(raw))
    errors.partyCoverageTarget = [
      `覆盖率目标应为 ${min} 到 ${max} 之间的百分数，最多一位小数，如 90 或 92.5`,
    ];
  else if (Number(raw) < min || Number(raw) > max)
    errors.partyCoverageTarget = [`覆盖率目标应在 ${min}% 到 ${max}% 之间`];
  else fraction = Math.round(Number(raw) * 10) / 1000;
  if (reason.length < 2) errors.reason = ["请填写调整原因（至少 2 个字）"];
  else if (reason.length > 500) errors.reason = ["调整原因不超过 500 个字"];
  if (!text(payload, "expected") || !Number.isFinite(expected)) errors[""] = [staleForm];
  else if (!errors.partyCoverageTarget && fraction === expected)
    errors.partyCoverageTarget = [`覆盖率目标现为 ${raw}%，未作改动`];
  return finish(errors, () => ({ partyCoverageTarget: fraction, reason, expected }));
}

/** "90%", "92.5%": a stored target as the form shows it, without a trailing ".0". */
export function targetPercent(fraction: number): string {
  return String(Math.round(fraction * 1000) / 10);
}

export interface PartyPeriod {
  from: string;
  to: string;
}

export const periodYearRange = { min: 2000, max: 2100 } as const;

const halves = {
  first: { label: "上半年", from: "01-01", to: "06-30" },
  second: { label: "下半年", from: "07-01", to: "12-31" },
  whole: { label: "全年", from: "01-01", to: "12-31" },
} as const;

/** The half-year a Shanghai calendar date falls in: 1 Jan–30 Jun or 1 Jul–31 Dec. */
export function halfYearOf(date: string): PartyPeriod {
  const year = date.slice(0, 4);
  const half = date.slice(5, 7) <= "06" ? halves.first : halves.second;
  return { from: `${year}-${half.from}`, to: `${year}-${half.to}` };
}

/** 上半年, 下半年 and 全年 of this year and the year before, this year first. */
export function periodPresets(today: string): Array<PartyPeriod & { label: string }> {
  const year = Number(today.slice(0, 4));
  return [year, year - 1].flatMap((y) =>
    Object.values(halves).map((h) => ({
      label: `${y} 年${h.label}`,
      from: `${y}-${h.from}`,
      to: `${y}-${h.to}`,
    })),
  );
}

/** "2026 年上半年" for a whole half or year, otherwise "2026年3月1日至2026年5月20日". */
export function periodLabel(period: PartyPeriod): string {
  const year = period.from.slice(0, 4);
  if (period.to.slice(0, 4) === year) {
    const half = Object.values(halves).find(
      (h) => period.from === `${year}-${h.from}` && period.to === `${year}-${h.to}`,
    );
    if (half) return `${year} 年${half.label}`;
  }
  return `${formatDate(period.from)}至${formatDate(period.to)}`;
}

/**
 * The period of /officer/party from its `from` and `to` parameters. Both blank
 * is the current half-year; one blank runs to the end of, or from the start
 * of, the other's half-year. A date that cannot be read, one outside the years
 * kept, or an end before the start is a problem to show, with a 400.
 */
export function parsePartyPeriod(
  fromText: string | null | undefined,
  toText: string | null | undefined,
  today: string,
): { ok: true; period: PartyPeriod } | { ok: false; problem: string } {
  const fromRaw = (fromText ?? "").trim();
  const toRaw = (toText ?? "").trim();
  if (!fromRaw && !toRaw) return { ok: true, period: halfYearOf(today) };
  const read = (raw: string, label: string): string | { problem: string } | null => {
    if (!raw) return null;
    const date = parseIsoDate(raw);
    if (!date)
      return {
        problem: `无法读取${label}“${raw.slice(0, 20)}”：日期应按 2026-01-01 的格式填写，且是日历上实有的日期。`,
      };
    const year = Number(date.slice(0, 4));
    if (year < periodYearRange.min || year > periodYearRange.max) {
      return {
        problem: `${label}应在 ${periodYearRange.min} 年至 ${periodYearRange.max} 年之间，现为 ${date}。`,
      };
    }
    return date;
  };
  const from = read(fromRaw, "开始日期");
  const to = read(toRaw, "结束日期");
  if (from !== null && typeof from !== "string") return { ok: false, problem: from.problem };
  if (to !== null && typeof to !== "string") return { ok: false, problem: to.problem };
  const period = { from: from ?? halfYearOf(to!).from, to: to ?? halfYearOf(from!).to };
  if (period.to < period.from) {
    return {
      ok: false,
      problem: `统计期间的结束日期（${formatDate(period.to)}）早于开始日期（${formatDate(period.from)}），请重新选择。`,
    };
  }
  return { ok: true, period };
}
