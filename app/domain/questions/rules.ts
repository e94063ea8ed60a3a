/**
 * Villagers' questions on village-affairs postings (村民质询). The 村民委员会组织法
 * (art. 32) gives villagers the right to query what is posted and the
 * supervision committee the duty to answer for it; the district's practice is
 * an answer within ten days. Pure rules: the answer period, a question's state,
 * the per-village counts of the compliance grid, the rate limits, and how an
 * asker is named in public.
 */
import { addDays } from "../shared/time";

/** Days the village has to answer, counted from the day asked (Beijing time). */
export const answerDays = 10;

/** The last day of the answer period for a question asked on `askedOn`. */
export function answerDueOn(askedOn: string): string {
  return addDays(askedOn, answerDays);
}

export type QuestionState = "hidden" | "waiting" | "overdue" | "answered" | "answered_late";

export const questionStateLabels: Record<QuestionState, string> = {
  hidden: "已屏蔽",
  waiting: "待答复",
  overdue: "逾期未答复",
  answered: "已按期答复",
  answered_late: "逾期后答复",
};

/** The lists the village's and the officers' pages offer. */
export const questionFilters = ["open", "overdue", "answered", "hidden", "all"] as const;
export type QuestionFilter = (typeof questionFilters)[number];

/** The list a page's `state` parameter asks for; anything else is the page's own default. */
export function questionFilterOf(state: string | null, fallback: QuestionFilter): QuestionFilter {
  return questionFilters.find((f) => f === state) ?? fallback;
}

export interface QuestionDates {
  askedOn: string;
  /** The clerk's answer, the one that ends the period (the committee's answer is added to it). */
  answeredOn: string | null;
  hidden: boolean;
}

/** Where a question stands today. */
export function questionState(q: QuestionDates, today: string): QuestionState {
  if (q.hidden) return "hidden";
  const due = answerDueOn(q.askedOn);
  if (q.answeredOn) return q.answeredOn <= due ? "answered" : "answered_late";
  return today > due ? "overdue" : "waiting";
}

export interface QuestionCounts {
  /** Asked and not hidden. */
  asked: number;
  answered: number;
  /** Answered within the period. */
  onTime: number;
  /** Unanswered past the period: flagged to the town officer. */
  overdue: number;
  hidden: number;
}

export function emptyQuestionCounts(): QuestionCounts {
  return { asked: 0, answered: 0, onTime: 0, overdue: 0, hidden: 0 };
}

/** Adds one question to a village's counts. */
export function countQuestion(counts: QuestionCounts, q: QuestionDates, today: string): QuestionCounts {
  const state = questionState(q, today);
  if (state === "hidden") return { ...counts, hidden: counts.hidden + 1 };
  return {
    ...counts,
    asked: counts.asked + 1,
    answered: counts.answered + (state === "answered" || state === "answered_late" ? 1 : 0),
    onTime: counts.onTime + (state === "answered" ? 1 : 0),
    overdue: counts.overdue + (state === "overdue" ? 1 : 0),
  };
}

/**
 * How often one may ask, so that nobody can bury a posting or a village in
 * questions: per sending address 3 within an hour and 10 within a day; per
 * posting 30 within a day from everyone together.
 */
export const questionLimits = {
  addressPerHour: 3,
  addressPerDay: 10,
  postingPerDay: 30,
} as const;

const hour = 3_600_000;
const day = 24 * hour;

export type QuestionRefusal = { scope: "address" | "posting"; retryAfterSeconds: number };

/**
 * Whether one more question may be asked now, from the times of the recent
 * questions from the same address and on the same posting (any order). A
 * refusal says how long until the oldest counted question leaves its window.
 */
export function questionThrottle(recent: { fromAddress: readonly Date[]; onPosting: readonly Date[] }, now: Date): QuestionRefusal | null {
  const wait = (times: readonly Date[], window: number, limit: number): number => {
    const inWindow = times.map((t) => t.getTime()).filter((t) => t > now.getTime() - window && t <= now.getTime()).sort((a, b) => b - a);
    if (inWindow.length < limit) return 0;
    return inWindow[limit - 1]! + window - now.getTime();
  };
  const address = Math.max(wait(recent.fromAddress, hour, questionLimits.addressPerHour), wait(recent.fromAddress, day, questionLimits.addressPerDay));
  if (address > 0) return { scope: "address", retryAfterSeconds: Math.ceil(address / 1000) };
  const posting = wait(recent.onPosting, day, questionLimits.postingPerDay);
  if (posting > 0) return { scope: "posting", retryAfterSeconds: Math.ceil(posting / 1000) };
  return null;
}

export function questionRefusalMessage(refusal: QuestionRefusal): string {
  const minutes = Math.max(1, Math.ceil(refusal.retryAfterSeconds / 60));
  const wait = minutes >= 60 ? `${Math.ceil(minutes / 60)} 小时` : `${minutes} 分钟`;
  return refusal.scope === "address"
    ? `您提交质询过于频繁（每小时最多 ${questionLimits.addressPerHour} 条，每天最多 ${questionLimits.addressPerDay} 条），请 ${wait}后再试。`
    : `该公开事项今天收到的质询已达上限（${questionLimits.postingPerDay} 条），请 ${wait}后再试，或直接向村务监督委员会反映。`;
}

/**
 * How an asker is named in public: the surname and 某 ("张某"), as notices
 * name private persons; the full name stays with the village. A name that is
 * not Chinese characters shows as 村民.
 */
export function publicAskerName(name: string): string {
  const first = [...name.trim()][0];
  return first && /\p{Script=Han}/u.test(first) ? `${first}某` : "村民";
}
