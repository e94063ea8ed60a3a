/**
 * 异议: an organization that finds its credit information wrong objects to the
 * registry in writing; the registry verifies and answers within 30 days of
 * receiving it, and corrects what it found wrong within 5 working days of
 * finding it (社会组织信用信息管理办法: credit information is public, with a way to
 * object and have errors corrected). Both due dates are fixed when the step
 * before is taken: the answer's on filing, the correction's on upholding.
 */
import { creditParts, objectionStates, type CreditPart, type ObjectionState } from "../../../vocabulary";
import { addWorkingDays, isWorkingDay, type HolidayTable } from "../applications/periods";
import { addDays } from "../shared/time";

export { creditParts, objectionStates, type CreditPart, type ObjectionState };

/** Calendar days from receipt to the verified answer. */
export const answerDays = 30;
/** Working days from upholding an objection to the correction. */
export const correctionWorkingDays = 5;
/** Open objections one organization may have at a time: enough for any real dispute, not a flood. */
export const openObjectionLimit = 10;

export const creditPartLabels: Record<CreditPart, string> = {
  basic: "基础信息（登记、备案信息）",
  annual_report: "年报信息",
  inspection: "行政检查信息（年检结论、抽查结果）",
  penalty: "行政处罚信息",
  listing: "活动异常名录、严重违法失信名单",
  other: "其他信息（评估等级、表彰奖励、政府购买服务）",
};

export const objectionStateLabels: Record<ObjectionState, string> = {
  filed: "待核实",
  dismissed: "异议不成立",
  upheld: "异议成立，待更正",
  corrected: "已更正",
};

/** The 30th day after receipt (the day itself not counted); one that falls on a rest day moves to the next working day (民法典 art. 203). */
export function answerDueOn(filedOn: string, holidays: HolidayTable): string {
  let day = addDays(filedOn, answerDays);
  while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
  return day;
}
export const correctionDueOn = (upheldOn: string, holidays: HolidayTable) => addWorkingDays(upheldOn, correctionWorkingDays, holidays);

export interface ObjectionProgress {
  state: ObjectionState;
  answerDueOn: string;
  correctionDueOn: string | null;
}

/** Open: the registry still owes an answer or a correction. */
export const isOpen = (o: Pick<ObjectionProgress, "state">) => o.state === "filed" || o.state === "upheld";

/** The day the registry's next step is due, or null once it has done all. */
export function dueOn(o: ObjectionProgress): string | null {
  if (o.state === "filed") return o.answerDueOn;
  if (o.state === "upheld") return o.correctionDueOn;
  return null;
}

/** Past its due day without the step: the answer, or the correction of an upheld objection. */
export function isOverdue(o: ObjectionProgress, today: string): boolean {
  const due = dueOn(o);
  return due !== null && today > due;
}

/** Which steps the registry may take now, given the objection's state. */
export function objectionStepProblem(state: ObjectionState, step: "answer" | "correct"): string | null {
  if (step === "answer") return state === "filed" ? null : "该异议已经答复，不能再次答复。";
  if (state === "upheld") return null;
  return state === "corrected" ? "该异议已经更正完毕。" : "只有异议成立的，才需要登记更正。";
}

/** The registry's worklist views. */
export const objectionViews = ["open", "overdue", "closed", "all"] as const;
export type ObjectionView = (typeof objectionViews)[number];
export const objectionViewLabels: Record<ObjectionView, string> = { open: "办理中", overdue: "已逾期", closed: "已办结", all: "全部" };

export function objectionViewOf(value: string | null): ObjectionView {
  return objectionViews.find((v) => v === value) ?? "open";
}
