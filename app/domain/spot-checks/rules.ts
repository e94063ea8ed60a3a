/**
 * Spot checks and rectification as the registry runs them: what a finding may
 * say, when a rectification item is overdue, and the words for each state.
 * Pure, shared by the pages, the credit proposals and the tests.
 */
import type { CheckFinding, OrganizationType, RectificationVerdict } from "../../../vocabulary";
import { addDays, addMonths } from "../shared/time";

export type { CheckFinding, RectificationVerdict };

export const checkFindingLabels: Record<CheckFinding, string> = {
  no_problem: "未发现问题",
  problems: "发现问题，责令限期整改",
  not_found: "通过登记的住所无法联系",
};

/** The kinds a spot check may cover: the registered ones (filed community organizations are the street's). */
export const checkableTypes = ["social_group", "private_non_enterprise", "foundation"] as const satisfies readonly OrganizationType[];

export interface RectificationFacts {
  deadline: string;
  answeredOn: string | null;
  verdict: RectificationVerdict | null;
}

export type RectificationState = "open" | "answered" | "done" | "not_done" | "overdue";

export const rectificationStateLabels: Record<RectificationState, string> = {
  open: "整改中",
  answered: "已报告整改情况，待核实",
  done: "经核实已完成整改",
  not_done: "经核实未完成整改",
  overdue: "逾期未报告整改情况",
};

/** Where an item stands today. */
export function rectificationState(r: RectificationFacts, today: string): RectificationState {
  if (r.verdict) return r.verdict;
  if (r.answeredOn) return "answered";
  return today > r.deadline ? "overdue" : "open";
}

/**
 * 未按期完成整改 (社会组织信用信息管理办法 art. 10(3)): the deadline has passed and
 * the organization did not report its correction by it, or the registry found
 * the correction not done. A correction reported in time waits for the
 * registry's verification and is not overdue meanwhile.
 */
export function rectificationOverdue(r: RectificationFacts, today: string): boolean {
  if (today <= r.deadline) return false;
  if (r.verdict === "not_done") return true;
  return !r.answeredOn || r.answeredOn > r.deadline;
}

/** The day a rectification's overdue fact arises: the day after the deadline, or the verification that found it not done. */
export function rectificationOverdueSince(r: RectificationFacts & { verifiedOn: string | null }): string {
  const dayAfter = addDays(r.deadline, 1);
  return r.verdict === "not_done" && r.verifiedOn && r.verifiedOn > dayAfter ? r.verifiedOn : dayAfter;
}

/** Why a deadline cannot be set, or null: after the day it is ordered, within a year. */
export function deadlineProblem(deadline: string, orderedOn: string): string | null {
  if (deadline <= orderedOn) return "整改期限应晚于责令整改之日";
  if (deadline > addMonths(orderedOn, 12)) return "整改期限不宜超过一年";
  return null;
}
