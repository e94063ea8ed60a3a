/**
 * Rules of the self-governing bodies that need no database: who may sit on
 * which body, how many members it has, how long a term runs, and when a term
 * is close enough to its end that the election must be prepared.
 */
import { memberPosts, type CommitteeBody, type MemberPost } from "../../../vocabulary";
import { fieldCharacterProblem } from "../shared/text-input";
import { earliestRecordDate, formatDate, parseIsoDate, recordDateProblem } from "../shared/time";

export type { CommitteeBody, MemberPost };

/** The posts in the order the forms offer them and the pages list members: chair first. */
export const memberPostOptions = ["chair", "vice_chair", "member"] as const satisfies readonly MemberPost[];

export const bodyLabels: Record<CommitteeBody, string> = {
  residents: "居民委员会",
  villagers: "村民委员会",
  supervision: "村务监督委员会",
  finance_group: "民主理财小组",
};

/** The posts as each body names them. */
export function postLabel(body: CommitteeBody, post: MemberPost): string {
  if (body === "finance_group") return post === "chair" ? "组长" : post === "vice_chair" ? "副组长" : "组员";
  return post === "chair" ? "主任" : post === "vice_chair" ? "副主任" : "委员";
}

/** Which bodies a place has: a community its residents' committee, a village its three. */
export function bodiesOf(level: string): CommitteeBody[] {
  if (level === "community") return ["residents"];
  if (level === "village") return ["villagers", "supervision", "finance_group"];
  return [];
}

/**
 * Members per body: 城市居民委员会组织法 第八条 (5 to 9), 村民委员会组织法 第六条
 * (3 to 7); the supervision committee and finance group 3 to 5.
 */
export const memberLimits: Record<CommitteeBody, { min: number; max: number }> = {
  residents: { min: 5, max: 9 },
  villagers: { min: 3, max: 7 },
  supervision: { min: 3, max: 5 },
  finance_group: { min: 3, max: 5 },
};

/** Terms run five years. */
export const termYears = 5;
/** A term ending within this many days is flagged so the election can be prepared. */
export const endingSoonDays = 183;
/** A term may be recorded up to a year before it begins (an election held ahead of the handover). */
export const termStartYearsAhead = 1;
/** A deletion's reason: long enough to say why, short enough to read in the audit log. */
export const deleteReasonLength = { min: 2, max: 500 } as const;

export interface MemberInput {
  name: string;
  post: MemberPost;
  partySecretary: boolean;
}

export interface TermInput {
  termNumber: number;
  startsOn: string;
  endsOn: string;
  electedOn: string | null;
  eligibleVoters: number | null;
  votesCast: number | null;
  members: MemberInput[];
}

const nameOf = (name: string) => name.replace(/\s+/g, "");

/** The same calendar day `years` later, as text: compared as text, 29 February needs no rolling. */
const yearsAfter = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/**
 * Why a multi-line text (a meeting's topics or decisions, a reason) cannot be
 * saved: the one-line check of text-input.ts with line breaks allowed, as the
 * postings' opinions and reasons are checked; null when fine.
 */
export function textCharacterProblem(text: string, label: string): string | null {
  return fieldCharacterProblem(text.replace(/\r?\n/g, " "), label);
}

/**
 * Field errors of a term of `body` on its own. For the supervision committee
 * and the finance group, `villageCommittee` is a villagers' committee whose
 * term overlaps theirs (see termProblemsInPlace, which finds every such term):
 * none of its members may sit on the supervision committee, and the party
 * secretary on neither (close relatives cannot be checked from names and are
 * left to the street's review).
 */
export function termProblems(body: CommitteeBody, term: TermInput, villageCommittee: readonly MemberInput[] = []): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  if (!Number.isInteger(term.termNumber) || term.termNumber < 1 || term.termNumber > 99) add("termNumber", "届次应为 1 至 99 的整数");
  const starts = parseIsoDate(term.startsOn);
  const ends = parseIsoDate(term.endsOn);
  if (!starts) add("startsOn", "请填写任期开始日期，如 2021-05-20");
  if (!ends) add("endsOn", "请填写任期结束日期，如 2026-05-19");
  if (starts && ends) {
    if (ends <= starts) add("endsOn", "任期结束日期应晚于开始日期");
    const limit = yearsAfter(starts, termYears);
    if (ends > limit) add("endsOn", `每届任期 ${termYears} 年，结束日期不应晚于 ${limit}`);
  }
  if (term.electedOn !== null) {
    const elected = parseIsoDate(term.electedOn);
    if (!elected) add("electedOn", "选举日期格式应为 2021-05-20");
    else if (starts && elected > starts) add("electedOn", "选举日期不应晚于任期开始日期");
  }
  const headcount = (n: number | null) => n === null || (Number.isInteger(n) && n >= 0 && n <= 10_000_000);
  if (!headcount(term.eligibleVoters)) add("eligibleVoters", "登记选民人数应为 0 或正整数");
  if (!headcount(term.votesCast)) add("votesCast", "参加投票人数应为 0 或正整数");
  if (term.eligibleVoters !== null && term.votesCast !== null && term.votesCast > term.eligibleVoters) {
    add("votesCast", "参加投票人数不能多于登记选民人数");
  }

  const members = term.members.filter((m) => nameOf(m.name));
  const { min, max } = memberLimits[body];
  if (members.length < min || members.length > max) add("members", `${bodyLabels[body]}应有 ${min} 至 ${max} 名成员，现填写 ${members.length} 名`);
  if (members.some((m) => !(memberPosts as readonly string[]).includes(m.post))) add("members", "成员职务应为主任、副主任或委员");
  if (members.filter((m) => m.partySecretary).length > 1) add("members", "只能有一名成员兼任村（社区）党组织书记");
  const chairs = members.filter((m) => m.post === "chair");
  if (chairs.length !== 1) add("members", `应有且只有一名${postLabel(body, "chair")}（现有 ${chairs.length} 名）`);
  const seen = new Set<string>();
  for (const m of members) {
    const characters = fieldCharacterProblem(m.name, "成员姓名");
    if (characters) add("members", characters);
    if (m.name.trim().length > 20) add("members", `成员姓名“${m.name.trim().slice(0, 20)}…”过长`);
    if (seen.has(nameOf(m.name))) add("members", `成员“${m.name.trim()}”重复填写`);
    seen.add(nameOf(m.name));
  }
  if (body === "supervision" || body === "finance_group") {
    if (members.some((m) => m.partySecretary)) add("members", `村党组织书记不能担任${bodyLabels[body]}成员`);
    for (const conflict of seatConflicts(villageCommittee, { body, members })) {
      add("members", seatMessage(conflict, body, {}, {}));
    }
  }
  // Each message once: a name typed twice is told once.
  for (const field of Object.keys(problems)) problems[field] = [...new Set(problems[field])];
  return problems;
}

/* ------------------------------------------------------------------ a term among the place's others */

/** A term already recorded for the place, as the rules compare it. */
export interface RecordedTerm {
  id: number;
  body: CommitteeBody;
  termNumber: number;
  startsOn: string;
  endsOn: string;
  members: readonly MemberInput[];
}

type Dated = { startsOn: string; endsOn: string };
type Numbered = Dated & { termNumber: number };

/**
 * Whether two terms are in office at the same time. A term may begin on the
 * day the one before it ends (the handover day), so sharing that one day is
 * not an overlap.
 */
export function termsOverlap(a: Dated, b: Dated): boolean {
  return a.startsOn < b.endsOn && b.startsOn < a.endsOn;
}

/**
 * The one order of a body's terms, newest first: by start date, then by
 * number. The page, the election reminders and these rules all use it.
 */
export function newestFirst(a: Numbered, b: Numbered): number {
  if (a.startsOn !== b.startsOn) return a.startsOn < b.startsOn ? 1 : -1;
  return b.termNumber - a.termNumber;
}

export type OverseeingBody = "supervision" | "finance_group";

/**
 * Who sits where they may not, between a villagers' committee and a
 * supervision committee or finance group in office at the same time:
 * - "member": a villagers' committee member on the supervision committee;
 * - "secretary_chair": the party secretary (the villagers' committee member
 *   ticked 兼任党组织书记) chairing the supervision committee;
 * - "secretary": the party secretary on the finance group.
 * The finance group may otherwise include villagers' committee members.
 */
export type SeatConflict = { kind: "member" | "secretary_chair" | "secretary"; name: string };

export function seatConflicts(villagers: readonly MemberInput[], overseer: { body: OverseeingBody; members: readonly MemberInput[] }): SeatConflict[] {
  const committee = new Set(villagers.map((m) => nameOf(m.name)).filter(Boolean));
  const secretary = villagers.find((m) => m.partySecretary && nameOf(m.name));
  const isSecretary = (name: string) => !!secretary && nameOf(secretary.name) === nameOf(name);
  const conflicts: SeatConflict[] = [];
  for (const m of overseer.members) {
    if (!nameOf(m.name)) continue;
    const name = m.name.trim();
    if (overseer.body === "supervision") {
      if (committee.has(nameOf(m.name))) conflicts.push({ kind: "member", name });
      if (m.post === "chair" && isSecretary(m.name)) conflicts.push({ kind: "secretary_chair", name });
    } else if (isSecretary(m.name)) {
      conflicts.push({ kind: "secretary", name });
    }
  }
  return conflicts;
}

const nth = (term: { termNumber?: number }) => (term.termNumber === undefined ? "" : `第 ${term.termNumber} 届`);

/**
 * A conflict in words, as the form of `saving` tells it (the body being saved),
 * or, with `saving` null, as a warning on the page naming both terms.
 */
export function seatMessage(
  conflict: SeatConflict,
  saving: CommitteeBody | null,
  villagers: { termNumber?: number },
  overseer: { termNumber?: number },
): string {
  const { kind, name } = conflict;
  const v = nth(villagers);
  const o = nth(overseer);
  if (saving === "villagers") {
    if (kind === "member") return `“${name}”是村务监督委员会${o}成员，不能同时担任村民委员会成员`;
    if (kind === "secretary_chair") return `“${name}”是村务监督委员会${o}主任，村党组织书记不能担任村务监督委员会主任`;
    return `“${name}”是民主理财小组${o}成员，村党组织书记不能担任民主理财小组成员`;
  }
  if (saving === "supervision" || saving === "finance_group") {
    if (kind === "member") return `“${name}”是村民委员会${v}成员，不能担任村务监督委员会成员`;
    if (kind === "secretary_chair") return v ? `村务监督委员会主任不能由村党组织书记担任（“${name}”在村民委员会${v}中兼任党组织书记）` : "村务监督委员会主任不能由村党组织书记担任";
    return `“${name}”是村党组织书记${v ? `（在村民委员会${v}中兼任）` : ""}，不能担任民主理财小组成员`;
  }
  if (kind === "member") return `“${name}”同时是村民委员会${v}和村务监督委员会${o}的成员：村民委员会成员不能担任村务监督委员会成员。`;
  if (kind === "secretary_chair") return `村务监督委员会${o}主任“${name}”在村民委员会${v}中兼任村党组织书记：村党组织书记不能担任村务监督委员会主任。`;
  return `民主理财小组${o}成员“${name}”在村民委员会${v}中兼任村党组织书记：村党组织书记不能担任民主理财小组成员。`;
}

const isOverseeing = (body: CommitteeBody): body is OverseeingBody => body === "supervision" || body === "finance_group";

/** The supervision committee's terms, then the finance group's, each in the order given. */
function overseersOf<T extends { body: CommitteeBody }>(terms: readonly T[]): T[] {
  return (["supervision", "finance_group"] as const).flatMap((body) => terms.filter((t) => t.body === body));
}

/** What the page warns of: every conflict between terms already recorded, whichever was saved first. */
export interface SeatWarning {
  /** The two bodies concerned: the villagers' committee and the overseeing body. */
  bodies: [CommitteeBody, CommitteeBody];
  termIds: [number, number];
  message: string;
}

export function seatWarnings(recorded: readonly RecordedTerm[]): SeatWarning[] {
  const warnings: SeatWarning[] = [];
  const sorted = [...recorded].sort(newestFirst);
  for (const v of sorted.filter((t) => t.body === "villagers")) {
    for (const o of overseersOf(sorted)) {
      if (!isOverseeing(o.body) || !termsOverlap(v, o)) continue;
      for (const conflict of seatConflicts(v.members, { body: o.body, members: o.members })) {
        warnings.push({ bodies: ["villagers", o.body], termIds: [v.id, o.id], message: seatMessage(conflict, null, v, o) });
      }
    }
  }
  return warnings;
}

export interface PlaceTerms {
  /** Today in Shanghai: meetings and elections up to today, a term's start up to a year ahead. */
  today: string;
  /** Every term recorded for the place, of every body. */
  recorded: readonly RecordedTerm[];
  /** The term being changed, which is not compared with itself; absent for a new term. */
  termId?: number;
}

/**
 * Field errors of a term of `body` as it would be saved among the place's
 * other terms: the term's own rules, plausible dates, its place in the order
 * of the body's terms (term N+1 begins on or after the day term N ends, so no
 * two overlap), and who may sit where, checked against every term of the
 * other bodies in office at any time during this one — in both directions.
 */
export function termProblemsInPlace(body: CommitteeBody, term: TermInput, place: PlaceTerms): Record<string, string[]> {
  const problems = termProblems(body, term);
  const add = (field: string, message: string) => {
    const list = (problems[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  const starts = parseIsoDate(term.startsOn);
  const ends = parseIsoDate(term.endsOn);
  const elected = term.electedOn === null ? null : parseIsoDate(term.electedOn);
  const latestStart = yearsAfter(place.today, termStartYearsAhead);
  if (starts) {
    const problem = starts > latestStart ? `任期开始日期最多可提前一年录入，不能晚于${formatDate(latestStart)}` : recordDateProblem(starts, latestStart, "任期开始日期");
    if (problem) add("startsOn", problem);
  }
  // An end date's upper bound is the term's length, checked with the term.
  if (ends && ends < earliestRecordDate) add("endsOn", "任期结束日期不能早于 1949 年 10 月 1 日，请检查年份");
  if (elected) {
    const problem = recordDateProblem(elected, place.today, "选举日期");
    if (problem) add("electedOn", elected > place.today ? "选举日期不能晚于今天：选举后再录入" : problem);
  }

  const others = place.recorded.filter((t) => t.id !== place.termId);
  const own = others.filter((t) => t.body === body);
  const twin = own.find((t) => t.termNumber === term.termNumber);
  if (twin) {
    add(
      "termNumber",
      place.termId === undefined
        ? `第 ${term.termNumber} 届已有记录，请修改该届而不是新建`
        : `第 ${term.termNumber} 届已有记录，届次不能重复`,
    );
  }
  if (!starts || !ends || ends <= starts) return problems;

  // The binding neighbours: the earlier-numbered term that ends last, the later-numbered term that begins first.
  const before = own.filter((t) => t.termNumber < term.termNumber).sort((a, b) => (a.endsOn < b.endsOn ? 1 : a.endsOn > b.endsOn ? -1 : 0))[0];
  const after = own.filter((t) => t.termNumber > term.termNumber).sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0))[0];
  if (before && starts < before.endsOn) {
    add(
      "startsOn",
      `第 ${term.termNumber} 届应在第 ${before.termNumber} 届任期结束（${formatDate(before.endsOn)}）当天或之后开始；如第 ${before.termNumber} 届提前结束，请先修改第 ${before.termNumber} 届的结束日期`,
    );
  }
  if (after && ends > after.startsOn) {
    add("endsOn", `第 ${term.termNumber} 届应在第 ${after.termNumber} 届开始（${formatDate(after.startsOn)}）当天或之前结束`);
  }

  const dated = { startsOn: starts, endsOn: ends };
  const sortedOthers = [...others].sort(newestFirst);
  if (body === "villagers") {
    for (const o of overseersOf(sortedOthers)) {
      if (!isOverseeing(o.body) || !termsOverlap(dated, o)) continue;
      for (const conflict of seatConflicts(term.members, { body: o.body, members: o.members })) add("members", seatMessage(conflict, body, term, o));
    }
  } else if (isOverseeing(body)) {
    for (const v of sortedOthers) {
      if (v.body !== "villagers" || !termsOverlap(dated, v)) continue;
      for (const conflict of seatConflicts(v.members, { body, members: term.members })) add("members", seatMessage(conflict, body, v, term));
    }
  }
  return problems;
}

/* ------------------------------------------------------------------ standing */

export type TermStanding = "current" | "ending_soon" | "expired" | "succeeded" | "future" | "past";

/** Where a term stands on `today`: ended terms followed by a newer one are past; an ended current term is expired. */
export function termStanding(term: { startsOn: string; endsOn: string }, today: string, isLatest: boolean): TermStanding {
  if (!isLatest) return "past";
  if (term.startsOn > today) return "future";
  if (term.endsOn < today) return "expired";
  const days = Math.round((Date.parse(`${term.endsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return days <= endingSoonDays ? "ending_soon" : "current";
}

export const standingLabels: Record<TermStanding, string> = {
  current: "任期内",
  ending_soon: "半年内届满",
  expired: "已届满未换届",
  succeeded: "下一届已录入",
  future: "尚未开始",
  past: "往届",
};

/**
 * A body's terms as the page shows them, each list newest first: the term in
 * office (the latest begun) with its standing, the terms not yet begun
 * (下一届), and the earlier ones (往届). A term that is ending or has ended
 * while its successor is already recorded needs no election: "succeeded".
 */
export function arrangeTerms<T extends Numbered>(terms: readonly T[], today: string) {
  const sorted = [...terms].sort(newestFirst);
  const upcoming = sorted.filter((t) => t.startsOn > today);
  const begun = sorted.filter((t) => t.startsOn <= today);
  const latest = begun[0] ?? null;
  let current: (T & { standing: TermStanding }) | null = null;
  if (latest) {
    const standing = termStanding(latest, today, true);
    current = { ...latest, standing: upcoming.length && (standing === "ending_soon" || standing === "expired") ? "succeeded" : standing };
  }
  return { current, upcoming, past: begun.slice(1) };
}

/** Joint meetings shown at first, and added by each "更多". */
export const meetingsPageSize = 50;
/** However many "更多" ask for, no more are shown: the page would be too long to use. */
export const maxMeetingsShown = 1000;

/** The five parties of a community's "五位一体" joint meeting (seed 002). */
export const jointMeetingParties = ["社区党组织", "居民委员会", "业主委员会", "物业服务企业", "社会组织"] as const;
