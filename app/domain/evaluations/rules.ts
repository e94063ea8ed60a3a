/**
 * 社会组织评估 as 《社会组织评估管理办法》(民政部令第39号) sets it: five grades from
 * 1A to 5A, each valid for five years from the day it is awarded; a grade no
 * longer valid is no longer shown. Pure, shared by the pages, the search and the tests.
 */
import { addDays, addMonths } from "../shared/time";

export const evaluationRegulation = "《社会组织评估管理办法》（民政部令第39号）";

export const grades = [1, 2, 3, 4, 5] as const;
export type Grade = (typeof grades)[number];
/** A round may also decline to grade an organization (不予评定等级). */
export const noGrade = 0;

export function gradeLabel(grade: number): string {
  return grade === noGrade ? "不予评定等级" : `${grade}A 级`;
}

/** The last day a grade awarded on a day is valid: five years, to the day before the fifth anniversary. */
export function gradeValidUntil(awardedOn: string): string {
  return addDays(addMonths(awardedOn, 60), -1);
}

export interface Awarded {
  grade: number | null;
  awardedOn: string | null;
  validUntil: string | null;
}

/** The grade an organization holds today: the latest awarded that is still valid, or null. */
export function currentGrade<T extends Awarded>(evaluations: T[], today: string): (T & { grade: Grade; awardedOn: string; validUntil: string }) | null {
  const valid = evaluations.filter((e): e is T & { grade: Grade; awardedOn: string; validUntil: string } => !!e.grade && !!e.awardedOn && !!e.validUntil && e.awardedOn <= today && today <= e.validUntil);
  return valid.sort((a, b) => b.awardedOn.localeCompare(a.awardedOn))[0] ?? null;
}

/** Why an organization cannot apply to a round, or null: registered, its round open, once. */
export function applicationProblem(org: { type: string; status: string; registeredOn: string }, round: { applyUntil: string }, today: string, applied: boolean): string | null {
  if (org.type === "community") return "社区社会组织为备案管理，不参加本评估。";
  if (org.status !== "normal") return "列入活动异常名录、被撤销或注销的组织不能申请评估。";
  if (today > round.applyUntil) return `本轮评估已于 ${round.applyUntil} 截止申请。`;
  // Two full years after registration (《社会组织评估管理办法》: 取得登记证书满两个年度).
  const [y] = org.registeredOn.split("-");
  if (Number(today.slice(0, 4)) - Number(y) < 3) return "取得登记证书满两个年度的社会组织方可申请评估。";
  if (applied) return "已经申请参加本轮评估。";
  return null;
}
