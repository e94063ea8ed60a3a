/**
 * Rules of the self-governing bodies that need no database: who may sit on
 * which body, how many members it has, how long a term runs, and when a term
 * is close enough to its end that the election must be prepared.
 */
import { memberPosts, type CommitteeBody, type MemberPost } from "../../db/schema/committees";
import { parseIsoDate } from "./time";

export type { CommitteeBody, MemberPost };

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

/** Members per body: 村民委员会组织法 (3 to 7), the supervision committee and finance group 3 to 5. */
export const memberLimits: Record<CommitteeBody, { min: number; max: number }> = {
  residents: { min: 3, max: 9 },
  villagers: { min: 3, max: 7 },
  supervision: { min: 3, max: 5 },
  finance_group: { min: 3, max: 5 },
};

/** Terms run five years. */
export const termYears = 5;
/** A term ending within this many days is flagged so the election can be prepared. */
export const endingSoonDays = 183;

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

/**
 * Field errors of a term of `body`. For the supervision committee,
 * `villageCommittee` is the current villagers' committee: none of its members,
 * and not the party secretary, may sit on it (close relatives cannot be
 * checked from names and are left to the street's review).
 */
export function termProblems(body: CommitteeBody, term: TermInput, villageCommittee: MemberInput[] = []): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  if (!Number.isInteger(term.termNumber) || term.termNumber < 1 || term.termNumber > 99) add("termNumber", "届次应为 1 至 99 的整数");
  const starts = parseIsoDate(term.startsOn);
  const ends = parseIsoDate(term.endsOn);
  if (!starts) add("startsOn", "请填写任期开始日期，如 2021-05-20");
  if (!ends) add("endsOn", "请填写任期结束日期，如 2026-05-19");
  if (starts && ends) {
    if (ends <= starts) add("endsOn", "任期结束日期应晚于开始日期");
    const limit = `${Number(starts.slice(0, 4)) + termYears}${starts.slice(4)}`;
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
    if (m.name.trim().length > 20) add("members", `成员姓名“${m.name.trim().slice(0, 20)}…”过长`);
    if (seen.has(nameOf(m.name))) add("members", `成员“${m.name.trim()}”重复填写`);
    seen.add(nameOf(m.name));
  }
  if (body === "supervision" || body === "finance_group") {
    if (members.some((m) => m.partySecretary)) add("members", `村党组织书记不能担任${bodyLabels[body]}成员`);
  }
  if (body === "supervision") {
    const committee = new Set(villageCommittee.map((m) => nameOf(m.name)));
    const secretary = villageCommittee.find((m) => m.partySecretary);
    for (const m of members) {
      if (committee.has(nameOf(m.name))) add("members", `“${m.name.trim()}”是村民委员会成员，不能担任村务监督委员会成员`);
    }
    const chair = chairs[0];
    if (chair && secretary && nameOf(chair.name) === nameOf(secretary.name)) add("members", "村务监督委员会主任不能由村党组织书记担任");
  }
  return problems;
}

export type TermStanding = "current" | "ending_soon" | "expired" | "future" | "past";

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
  future: "尚未开始",
  past: "往届",
};

/** The five parties of a community's "五位一体" joint meeting (seed 002). */
export const jointMeetingParties = ["社区党组织", "居民委员会", "业主委员会", "物业服务企业", "社会组织"] as const;
