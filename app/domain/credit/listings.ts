/**
 * The 活动异常名录 and the 严重违法失信名单 as 社会组织信用信息管理办法 (民政部令第60号,
 * 2018) sets them: the grounds and their articles, the unreachable-address
 * procedure, what the registry is asked to confirm, and when a listing ends.
 * Pure, so that the pages, the day's work and the tests share one reading.
 */
import type { AbnormalRemovalKind, AbnormalTrigger, PenaltyKind, SeriousTrigger } from "../../../vocabulary";
import { rectificationOverdue, rectificationOverdueSince, type RectificationFacts } from "../spot-checks/rules";
import { creditConsequence } from "./penalties";
import { addMonths } from "../shared/time";

export type { AbnormalTrigger, SeriousTrigger, AbnormalRemovalKind };

const regulation = "《社会组织信用信息管理办法》";

export const abnormalTriggerLabels: Record<AbnormalTrigger, string> = {
  annual_report: "未按照规定时限和要求报送年度工作报告",
  no_party_org: "未按照有关规定设立党组织",
  rectification_overdue: "未按期完成整改",
  penalty: "受到警告或者不满 5 万元罚款处罚",
  unreachable: "通过登记的住所无法取得联系",
  other: "法律、行政法规规定应当列入的其他情形",
};

/** 第十条 lists the grounds; (四) concerns charities' public fundraising, which a district registry does not license. */
export const abnormalTriggerArticles: Record<AbnormalTrigger, string> = {
  annual_report: `${regulation}第十条第一项`,
  no_party_org: `${regulation}第十条第二项`,
  rectification_overdue: `${regulation}第十条第三项`,
  penalty: `${regulation}第十条第五项`,
  unreachable: `${regulation}第十条第六项`,
  other: `${regulation}第十条第七项`,
};

export const seriousTriggerLabels: Record<SeriousTrigger, string> = {
  two_years_abnormal: "被列入活动异常名录满 2 年",
  change_fraud: "弄虚作假办理变更登记，被撤销变更登记",
  suspension_order: "受到限期停止活动行政处罚",
  large_fine: "受到 5 万元以上罚款处罚",
  repeated_penalties: "三年内两次以上受到警告或者不满 5 万元罚款处罚",
  dishonest_debtor: "被司法机关纳入“失信被执行人”名单",
  revocation: "被撤销登记或者吊销登记证书",
  other: "法律、行政法规规定应当列入的其他情形",
};

export const seriousTriggerArticles: Record<SeriousTrigger, string> = {
  two_years_abnormal: `${regulation}第十七条第一项`,
  change_fraud: `${regulation}第十七条第二项`,
  suspension_order: `${regulation}第十七条第三项`,
  large_fine: `${regulation}第十七条第四项`,
  repeated_penalties: `${regulation}第十七条第五项`,
  dishonest_debtor: `${regulation}第十七条第六项`,
  revocation: `${regulation}第十七条第七项`,
  other: `${regulation}第十七条第八项`,
};

export const abnormalRemovalKindLabels: Record<AbnormalRemovalKind, string> = {
  corrected: "已履行义务或完成整改，经核实移出",
  six_months: "列入满 6 个月且无需整改，自动移出",
  moved_to_serious: "列入满 2 年，移入严重违法失信名单",
  error: "列入有误，予以更正",
};

/** The grounds an officer may list on by hand (the others come from the registry's own records). */
export const manualAbnormalTriggers = ["no_party_org", "rectification_overdue", "unreachable", "other"] as const satisfies readonly AbnormalTrigger[];
export const manualSeriousTriggers = ["change_fraud", "dishonest_debtor", "other"] as const satisfies readonly SeriousTrigger[];

/* ------------------------------------------------------------------ dates */

function daysApart(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/* ------------------------------------------------------------------ the unreachable-address procedure */

export interface ContactLetter {
  id: number;
  sentOn: string;
  /** The day it came back unsigned (退回未签收); null while out or when signed for. */
  returnedOn: string | null;
}

/** The gap between the two registered letters (第十条第六项 as this registry applies it). */
export const letterGapDays = { min: 20, max: 60 } as const;

/**
 * The pair of letters that establishes an organization cannot be reached at its
 * registered address: two registered letters, both returned unsigned, the second
 * sent 20 to 60 days after the first. The latest such pair, or null.
 */
export function unreachableEvidence(letters: ContactLetter[]): { first: ContactLetter; second: ContactLetter } | null {
  const returned = letters.filter((l) => l.returnedOn).sort((a, b) => a.sentOn.localeCompare(b.sentOn) || a.id - b.id);
  for (let i = returned.length - 1; i > 0; i--) {
    const second = returned[i]!;
    for (let j = i - 1; j >= 0; j--) {
      const gap = daysApart(returned[j]!.sentOn, second.sentOn);
      if (gap >= letterGapDays.min && gap <= letterGapDays.max) return { first: returned[j]!, second };
    }
  }
  return null;
}

/**
 * Why a letter cannot be sent on a day, or null: within 20 days of a first one
 * that came back unsigned it is too soon to be the second. Later than 60 days it
 * starts the procedure again as a first letter.
 */
export function secondLetterProblem(firstSentOn: string, sentOn: string): string | null {
  const gap = daysApart(firstSentOn, sentOn);
  return gap >= 0 && gap < letterGapDays.min ? `第二封挂号信应在第一封寄出 ${letterGapDays.min} 日后寄出（现相隔 ${gap} 日）` : null;
}

export function lettersEvidence(pair: { first: ContactLetter & { trackingNumber?: string }; second: ContactLetter & { trackingNumber?: string } }): string {
  const one = (l: ContactLetter & { trackingNumber?: string }, n: string) => `${n}封挂号信${l.trackingNumber ? `（${l.trackingNumber}）` : ""}于 ${l.sentOn} 寄出，${l.returnedOn} 退回未签收`;
  return `${one(pair.first, "第一")}；${one(pair.second, "第二")}。`;
}

/* ------------------------------------------------------------------ penalties */

export interface PenaltyFact {
  id: number;
  kind: PenaltyKind;
  amountFen: number | null;
  decidedOn: string;
  decisionNumber: string;
}

/**
 * Two or more warnings or fines under 50,000 yuan within three years (第十七条第五项):
 * the latest such run of decisions, ending with the most recent, or null.
 */
export function repeatedPenalties(history: PenaltyFact[]): PenaltyFact[] | null {
  const small = history.filter((p) => creditConsequence(p) === "abnormal").sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.id - b.id);
  const latest = small.at(-1);
  if (!latest) return null;
  const windowStart = addMonths(latest.decidedOn, -36);
  const run = small.filter((p) => p.decidedOn > windowStart);
  return run.length >= 2 ? run : null;
}

/** The ground a penalty decision gives on the serious-violation list, if any. */
export function seriousTriggerOf(p: { kind: PenaltyKind; amountFen: number | null }): SeriousTrigger | null {
  if (creditConsequence(p) !== "serious") return null;
  return p.kind === "suspension" ? "suspension_order" : p.kind === "fine" ? "large_fine" : "revocation";
}

/* ------------------------------------------------------------------ proposals */

/** The fact a year's non-filing listing answers: an organization is listed for a year once. */
export const annualReportKey = (year: number) => `annual_report:${year}`;

export interface ListingFact {
  id: number;
  trigger: AbnormalTrigger;
  listedOn: string;
  sourceKey: string | null;
  removedOn: string | null;
}

export interface OrganizationCredit {
  organizationId: number;
  /** Registered and not ended: only those may be put on the abnormal list. */
  live: boolean;
  penalties: PenaltyFact[];
  abnormal: ListingFact[];
  serious: Array<{ sourceKey: string | null; removedOn: string | null }>;
  letters: Array<ContactLetter & { trackingNumber: string }>;
  /** 限期整改 items ordered after spot checks. */
  rectifications: Array<RectificationFacts & { id: number; problem: string; verifiedOn: string | null }>;
  /** Source keys an officer dismissed. */
  dismissed: string[];
}

export interface CreditProposal {
  organizationId: number;
  list: "abnormal" | "serious";
  trigger: AbnormalTrigger | SeriousTrigger;
  sourceKey: string;
  /** The day the fact arose: a listing proposed is dated no earlier. */
  arose: string;
  evidence: string;
  penaltyId: number | null;
}

/**
 * What the registry's own records ask it to list and the officer has not yet
 * decided: rectification not completed on time after a spot check (第十条第三项),
 * a warning or small fine (第十条第五项), a penalty that is itself a
 * serious ground (第十七条第三、四、七项), repeated small penalties (第十七条第五项),
 * two unsigned letters (第十条第六项), and two years on the abnormal list
 * (第十七条第一项). Each fact is proposed once: listed or dismissed, it is done.
 * A year's non-filers are proposed on the year's page (第十条第一项).
 */
export function creditProposals(org: OrganizationCredit, today: string): CreditProposal[] {
  const decided = new Set([...org.dismissed, ...org.abnormal.map((l) => l.sourceKey), ...org.serious.map((l) => l.sourceKey)].filter((k): k is string => !!k));
  const proposals: CreditProposal[] = [];
  const propose = (p: Omit<CreditProposal, "organizationId">) => {
    if (!decided.has(p.sourceKey) && p.arose <= today) proposals.push({ organizationId: org.organizationId, ...p });
  };
  for (const p of org.penalties) {
    const consequence = creditConsequence(p);
    const evidence = `行政处罚决定书 ${p.decisionNumber}（${p.decidedOn}）`;
    if (consequence === "abnormal" && org.live) propose({ list: "abnormal", trigger: "penalty", sourceKey: `penalty:${p.id}`, arose: p.decidedOn, evidence, penaltyId: p.id });
    const serious = seriousTriggerOf(p);
    if (serious) propose({ list: "serious", trigger: serious, sourceKey: `penalty:${p.id}`, arose: p.decidedOn, evidence, penaltyId: p.id });
  }
  const run = repeatedPenalties(org.penalties);
  if (run) {
    const latest = run.at(-1)!;
    propose({
      list: "serious",
      trigger: "repeated_penalties",
      sourceKey: `repeated:${latest.id}`,
      arose: latest.decidedOn,
      evidence: `三年内 ${run.length} 次：${run.map((p) => `${p.decisionNumber}（${p.decidedOn}）`).join("、")}`,
      penaltyId: latest.id,
    });
  }
  for (const r of org.rectifications) {
    if (!org.live || !rectificationOverdue(r, today)) continue;
    const outcome = r.verdict === "not_done" ? `${r.verifiedOn} 经核实未完成整改` : r.answeredOn ? `${r.answeredOn} 才报告整改情况` : "逾期未报告整改情况";
    propose({ list: "abnormal", trigger: "rectification_overdue", sourceKey: `rectification:${r.id}`, arose: rectificationOverdueSince(r), evidence: `限期整改：${r.problem}（期限 ${r.deadline}）；${outcome}`, penaltyId: null });
  }
  const pair = unreachableEvidence(org.letters);
  if (pair && org.live) propose({ list: "abnormal", trigger: "unreachable", sourceKey: `letters:${pair.second.id}`, arose: pair.second.returnedOn!, evidence: lettersEvidence(pair), penaltyId: null });
  const since = listedSince(org.abnormal);
  if (since && twoYearsListed(since.listedOn, today)) {
    propose({
      list: "serious",
      trigger: "two_years_abnormal",
      sourceKey: `abnormal:${since.id}`,
      arose: addMonths(since.listedOn, 24),
      evidence: `自 ${since.listedOn} 起连续列入活动异常名录`,
      penaltyId: null,
    });
  }
  return proposals;
}

/* ------------------------------------------------------------------ time on the list */

/** How long an organization has been on the list: whole years and months, from the listing date to today. */
export function timeOnList(listedOn: string, today: string): { years: number; months: number } {
  const [ly, lm, ld] = listedOn.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  let months = (ty - ly) * 12 + (tm - lm) - (td < ld ? 1 : 0);
  if (months < 0) months = 0;
  return { years: Math.floor(months / 12), months: months % 12 };
}

export function formatTimeOnList({ years, months }: { years: number; months: number }): string {
  if (!years && !months) return "不满 1 个月";
  return [years ? `${years} 年` : "", months ? `${months} 个月` : ""].filter(Boolean).join(" ");
}

/** The earliest listing in force: how long the organization has been on the list. */
export function listedSince<T extends Pick<ListingFact, "id" | "listedOn" | "removedOn">>(listings: T[]): T | null {
  return listings.filter((l) => !l.removedOn).sort((a, b) => a.listedOn.localeCompare(b.listedOn) || a.id - b.id)[0] ?? null;
}

/** Two years on the abnormal list (第十七条第一项): on the second anniversary of the listing. */
export function twoYearsListed(listedOn: string, today: string): boolean {
  return addMonths(listedOn, 24) <= today;
}

/** The one ground that leaves nothing to correct (see `needsCorrection`): its listings lapse by themselves. */
export const lapsingTrigger = "penalty" satisfies AbnormalTrigger;

/**
 * Whether a ground leaves something to correct. A warning or fine is borne, not
 * corrected; the other grounds end only when the registry verifies the
 * correction (the report filed, the branch formed, the rectification done, the
 * organization reached).
 */
export function needsCorrection(trigger: AbnormalTrigger): boolean {
  return trigger !== lapsingTrigger;
}

/**
 * The day a listing leaves the list by itself, or null: six months after the
 * organization was last listed on any ground (listing again restarts the
 * clock), where nothing remains to correct.
 */
export function automaticRemovalOn(listing: Pick<ListingFact, "trigger" | "removedOn">, organizationListings: Array<Pick<ListingFact, "listedOn">>): string | null {
  if (listing.removedOn || needsCorrection(listing.trigger)) return null;
  const latest = organizationListings.map((l) => l.listedOn).sort().at(-1);
  return latest ? addMonths(latest, 6) : null;
}

export const removalArticle = `${regulation}第十三条`;
/** After verifying a correction, the registry removes the listing within 5 working days (第十三条). */
export const removalWorkingDays = 5;
