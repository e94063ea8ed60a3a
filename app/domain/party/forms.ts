/**
 * The party-building forms as zod schemas, shared by the server (authoritative)
 * and the browser: an organization's party record, an admission of
 * probationary members, the acceptance of the members an annual report gave,
 * a joint branch, and the coverage target; and the period of /officer/party.
 * Whatever cannot be read is an error in Chinese beside its field (or above
 * the form for a page that is out of date), never a 500.
 */
import { z } from "zod";
import { formatDate, parseIsoDate } from "../shared/time";
import { fieldCharacterProblem } from "../shared/text-input";
import { isRowId } from "../shared/ids";
import { partyMembersMax } from "./rules";

const staleForm = "页面已过期，请刷新后重试。";
const unknownIntent = "无法识别的操作，请刷新页面后重试。";

/** The hidden intent that names which form was posted. */
const intentOf = <const Name extends string>(name: Name) =>
  z.literal(name, { error: unknownIntent });

/** Refuses a value inside a transform with the message the person reads. */
function refuse(ctx: z.RefinementCtx, input: unknown, message: string): never {
  ctx.issues.push({ code: "custom", message, input });
  return z.NEVER;
}

/** Digits typed with a Chinese input method (０-９) read as the ASCII ones. */
function asciiDigits(value: string): string {
  return value
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, ".");
}

/** A whole number from min to max as typed (full-width digits too); blank is "please fill in". */
function wholeNumber(label: string, min: number, max: number) {
  const blank = `请填写${label}${min === 0 ? "，没有请填 0" : ""}`;
  const wrong = `${label}应为 ${min} 至 ${max} 的整数`;
  return z
    .string({ error: blank })
    .max(20, { error: wrong, abort: true })
    .transform((raw, ctx) => {
      const value = asciiDigits(raw.trim());
      if (!value) return refuse(ctx, raw, blank);
      if (!/^\d{1,7}$/.test(value) || Number(value) < min || Number(value) > max)
        return refuse(ctx, raw, wrong);
      return Number(value);
    });
}

/** A date as YYYY-MM-DD; blank is "please fill in". Whether it may be that day is the command's to say. */
function isoDate(label: string) {
  const blank = `请填写${label}，如 2026-05-20`;
  const wrong = `${label}不是有效日期，请按 2026-05-20 的格式填写`;
  return z
    .string({ error: blank })
    .max(20, { error: wrong, abort: true })
    .transform((raw, ctx) => {
      const value = raw.trim();
      if (!value) return refuse(ctx, raw, blank);
      return parseIsoDate(value) ?? refuse(ctx, raw, wrong);
    });
}

/** One line of text: trimmed, at most `max` characters, nothing invisible; `blank` makes it required. */
function line(label: string, max: number, tooLong: string, blank?: string) {
  return z
    .string({ error: blank ?? tooLong })
    .trim()
    .max(max, { error: tooLong, abort: true })
    .superRefine((value, ctx) => {
      if (blank && !value) ctx.addIssue({ code: "custom", message: blank });
      const problem = fieldCharacterProblem(value, label);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A person's name such as a secretary's or an instructor's: at most 20 characters. */
const personName = (label: string, blank?: string) =>
  line(label, 20, `${label}姓名不超过 20 个字`, blank);

/** A record's version as the page loaded it: null when it had none, undefined when it cannot be one. */
function versionOf(raw: unknown): number | null | undefined {
  if (raw === undefined || raw === "") return null;
  return typeof raw === "string" && /^\d{1,10}$/.test(raw) && isRowId(Number(raw))
    ? Number(raw)
    : undefined;
}

/** The hidden version field; a value that cannot be a version is refused above the form. */
const versionField = z.string({ error: staleForm }).max(10, staleForm).optional();

/** For a check of the whole form: it runs even when a field is wrong, so every problem shows at once. */
const always = { when: () => true };

/** A page sent with a version it cannot have been loaded at is refused above the form. */
function staleVersion(form: unknown, ctx: z.RefinementCtx) {
  const version =
    typeof form === "object" && form ? (form as { version?: unknown }).version : undefined;
  if (versionOf(version) === undefined)
    ctx.addIssue({ code: "custom", message: staleForm, path: [] });
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

const partyRecordBase = {
  intent: intentOf("party-record"),
  formalMembers: wholeNumber("正式党员人数", 0, partyMembersMax),
  probationaryMembers: wholeNumber("预备党员人数", 0, partyMembersMax),
  version: versionField,
};

const otherBranch = "请选择本街道（镇）或全区的党支部";

/**
 * The record form: member counts, one coverage choice with the fields that
 * choice needs (the others' fields are ignored), and the version the record
 * was loaded at (blank when it had none).
 */
export const partyRecordSchema = z
  .discriminatedUnion(
    "coverage",
    [
      z.object({
        ...partyRecordBase,
        coverage: z.literal("branch"),
        branchId: z
          .string({ error: "请选择党支部" })
          .max(12, { error: otherBranch, abort: true })
          .transform((raw, ctx) => {
            const value = raw.trim();
            if (!value) return refuse(ctx, raw, "请选择党支部");
            return /^\d{1,10}$/.test(value) && isRowId(Number(value))
              ? Number(value)
              : refuse(ctx, raw, otherBranch);
          }),
      }),
      z.object({
        ...partyRecordBase,
        coverage: z.literal("new_branch"),
        newBranchName: line("党支部名称", 60, "党支部名称不超过 60 个字", "请填写党支部名称"),
        newBranchFoundedOn: isoDate("成立日期"),
        newBranchSecretary: personName("党支部书记").optional(),
      }),
      z.object({
        ...partyRecordBase,
        coverage: z.literal("instructor"),
        instructor: personName("党建指导员", "请填写党建指导员姓名"),
      }),
      z.object({ ...partyRecordBase, coverage: z.literal("none") }),
    ],
    { error: "请选择覆盖方式" },
  )
  .superRefine(staleVersion, always)
  .transform((form) => ({
    intent: form.intent,
    formalMembers: form.formalMembers,
    probationaryMembers: form.probationaryMembers,
    branchId: form.coverage === "branch" ? form.branchId : null,
    newOwnBranch:
      form.coverage === "new_branch"
        ? {
            name: form.newBranchName,
            foundedOn: form.newBranchFoundedOn,
            secretary: form.newBranchSecretary || null,
          }
        : null,
    instructor: form.coverage === "instructor" ? form.instructor : null,
    expectedVersion: versionOf(form.version) ?? null,
  }));

/** What savePartyRecord takes: the counts, an existing branch or a new own branch to found, or an instructor, and the version seen. */
export type PartyRecordValue = Omit<z.output<typeof partyRecordSchema>, "intent">;

/** Probationary members admitted on a day. */
export const admissionSchema = z.object({
  intent: intentOf("party-admission"),
  admittedOn: isoDate("接收日期"),
  count: wholeNumber("接收人数", 1, 100),
});
export type AdmissionValue = Omit<z.output<typeof admissionSchema>, "intent">;

const reportGone = "找不到该组织最近一次报送的年度报告，请刷新页面。";

/** The officer accepts the member counts of the annual report the page offered, against the record's version as seen. */
export const acceptReportSchema = z
  .object({
    intent: intentOf("party-accept-report"),
    reportId: z.string({ error: reportGone }).max(10, reportGone).optional(),
    version: versionField,
  })
  .superRefine((form, ctx) => {
    const reportId =
      typeof form.reportId === "string" && /^\d{1,10}$/.test(form.reportId)
        ? Number(form.reportId)
        : 0;
    if (!isRowId(reportId)) ctx.addIssue({ code: "custom", message: reportGone, path: [] });
  }, always)
  .superRefine(staleVersion, always)
  .transform((form) => ({
    intent: form.intent,
    reportId: Number(form.reportId),
    expectedVersion: versionOf(form.version) ?? null,
  }));

/* ------------------------------------------------------------------ /officer/party */

/** The action's intents on /officer/party. */
export const overviewIntents = ["joint-branch", "coverage-target"] as const;
export type OverviewIntent = (typeof overviewIntents)[number];

export function isOverviewIntent(value: unknown): value is OverviewIntent {
  return typeof value === "string" && (overviewIntents as readonly string[]).includes(value);
}

const notOwnStreet = "请选择您管辖的街道（镇）";

/** A joint branch; a blank street is a district-wide (trade) branch, which only a district officer may found. */
export const jointBranchSchema = z
  .object({
    intent: intentOf("joint-branch"),
    name: line("名称", 60, "名称不超过 60 个字", "请填写联合党支部名称"),
    foundedOn: isoDate("成立日期"),
    streetCode: z
      .string({ error: notOwnStreet })
      .trim()
      .max(12, { error: notOwnStreet, abort: true })
      .regex(/^(\d{12})?$/, notOwnStreet)
      .optional(),
    secretary: personName("党支部书记").optional(),
  })
  .transform((form) => ({
    intent: form.intent,
    name: form.name,
    foundedOn: form.foundedOn,
    streetCode: form.streetCode || null,
    secretary: form.secretary || null,
  }));
export type JointBranchValue = Omit<z.output<typeof jointBranchSchema>, "intent">;

export const coverageTargetRange = { min: 50, max: 100 } as const;

const { min: targetMin, max: targetMax } = coverageTargetRange;
const targetBlank = `请填写覆盖率目标，${targetMin} 到 ${targetMax} 之间的百分数，如 90`;
const targetFormat = `覆盖率目标应为 ${targetMin} 到 ${targetMax} 之间的百分数，最多一位小数，如 90 或 92.5`;
const reasonShort = "请填写调整原因（至少 2 个字）";

/**
 * The target as officers write it, a percentage ("90", "92.5%"), stored as a
 * fraction. `expected` is the fraction the officer saw, so a change made by
 * someone else in between refuses the write.
 */
export const coverageTargetSchema = z
  .object({
    intent: intentOf("coverage-target"),
    partyCoverageTarget: z
      .string({ error: targetBlank })
      .max(10, { error: targetFormat, abort: true })
      .transform((typed, ctx) => {
        const raw = asciiDigits(typed.trim()).replace(/\s*[%％]$/, "");
        if (!raw) return refuse(ctx, typed, targetBlank);
        if (!/^\d{1,3}(\.\d)?$/.test(raw)) return refuse(ctx, typed, targetFormat);
        if (Number(raw) < targetMin || Number(raw) > targetMax) {
          return refuse(ctx, typed, `覆盖率目标应在 ${targetMin}% 到 ${targetMax}% 之间`);
        }
        return Math.round(Number(raw) * 10) / 1000;
      }),
    reason: z
      .string({ error: reasonShort })
      .trim()
      .min(2, reasonShort)
      .max(500, { error: "调整原因不超过 500 个字", abort: true })
      .superRefine((value, ctx) => {
        const problem = fieldCharacterProblem(value, "调整原因");
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    expected: z.string({ error: staleForm }).max(30, staleForm).optional(),
  })
  .superRefine((form, ctx) => {
    const expected = Number(form.expected);
    if (typeof form.expected !== "string" || !form.expected.trim() || !Number.isFinite(expected)) {
      ctx.addIssue({ code: "custom", message: staleForm, path: [] });
    } else if (
      typeof form.partyCoverageTarget === "number" &&
      form.partyCoverageTarget === expected
    ) {
      ctx.addIssue({
        code: "custom",
        message: `覆盖率目标现为 ${targetPercent(expected)}%，未作改动`,
        path: ["partyCoverageTarget"],
      });
    }
  }, always)
  .transform((form) => ({
    intent: form.intent,
    partyCoverageTarget: form.partyCoverageTarget,
    reason: form.reason,
    expected: Number(form.expected),
  }));
export type CoverageTargetValue = Omit<z.output<typeof coverageTargetSchema>, "intent">;

/** The party section's forms on an organization's record page (/officer/orgs/:id), told apart by their intent. */
export const recordPartyFormSchema = z.discriminatedUnion(
  "intent",
  [partyRecordSchema, admissionSchema, acceptReportSchema],
  { error: unknownIntent },
);

/** The forms of /officer/party, told apart by their intent. */
export const overviewFormSchema = z.discriminatedUnion(
  "intent",
  [jointBranchSchema, coverageTargetSchema],
  { error: unknownIntent },
);

/** "90%", "92.5%": a stored target as the form shows it, without a trailing ".0". */
export function targetPercent(fraction: number): string {
  return String(Math.round(fraction * 1000) / 10);
}

/* ------------------------------------------------------------------ the period of /officer/party */

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

/**
 * The filter of /officer/party from its query string: the period (or why it
 * cannot be read), the street asked for (its scope is the page's to check),
 * and the dates as typed, to show again.
 */
export function partyFilterOf(params: URLSearchParams, today: string) {
  return {
    period: parsePartyPeriod(params.get("from"), params.get("to"), today),
    street: params.get("street")?.trim() || null,
    typed: {
      from: (params.get("from") ?? "").slice(0, 20),
      to: (params.get("to") ?? "").slice(0, 20),
    },
  };
}
