/**
 * Party-building coverage (党组织覆盖) of registered organizations, as rules:
 * how an organization is covered, what its member counts say it should have,
 * and the two coverage rates with their denominators stated.
 */
import { z } from "zod";
import type { BranchKind } from "../../../vocabulary";
import { liveStatuses } from "../organizations/rules";

export type { BranchKind };

export type Coverage = "own_branch" | "joint_branch" | "instructor" | "none";

export const coverageLabels: Record<Coverage, string> = {
  own_branch: "单独组建党支部",
  joint_branch: "联合党支部",
  instructor: "选派党建指导员",
  none: "未覆盖",
};
export const branchKindLabels: Record<BranchKind, string> = { single: "单独组建", joint: "联合党支部" };

/** The registered kinds, in normal or abnormal standing, that both coverages count: community organizations are filed, not registered. */
export const coveredTypes = ["social_group", "private_non_enterprise", "foundation"] as const;
export const coveredStatuses = liveStatuses;
export type CoveredType = (typeof coveredTypes)[number];

/** Three formal members are the minimum for an organization's own branch (《中国共产党支部工作条例》). */
export const ownBranchMinimum = 3;

export const partyCoverageTargetSchema = z
  .number({ error: "请填写 0 到 1 之间的比例，如 0.9" })
  .min(0.5, "覆盖率目标不应低于 50%")
  .max(1, "覆盖率目标不能超过 100%");

export interface PartyRecord {
  formalMembers: number;
  probationaryMembers: number;
  branchKind: BranchKind | null;
  instructor: string | null;
}

export function coverageOf(record: PartyRecord | null): Coverage {
  if (!record) return "none";
  if (record.branchKind === "single") return "own_branch";
  if (record.branchKind === "joint") return "joint_branch";
  return record.instructor ? "instructor" : "none";
}

/** What the member counts call for: its own branch from three formal members; below that a joint branch or an instructor. */
export function expectedCoverage(formalMembers: number): "own_branch" | "joint_or_instructor" {
  return formalMembers >= ownBranchMinimum ? "own_branch" : "joint_or_instructor";
}

/** An organization with enough members for its own branch that is still without one. */
export function shouldFormOwnBranch(record: PartyRecord | null): boolean {
  return !!record && expectedCoverage(record.formalMembers) === "own_branch" && coverageOf(record) !== "own_branch";
}

/** More members than any social organization's party branch holds: a typing slip, not a figure. */
export const partyMembersMax = 10_000;

/** Field errors of an officer's entry; empty when it may be saved. */
export function partyRecordProblems(input: { formalMembers: number; probationaryMembers: number; branchKind: BranchKind | null; instructor: string | null; organizationsInBranch: number }): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const count = (n: number) => Number.isInteger(n) && n >= 0 && n <= partyMembersMax;
  if (!count(input.formalMembers)) problems.formalMembers = ["正式党员人数应为 0 或正整数"];
  if (!count(input.probationaryMembers)) problems.probationaryMembers = ["预备党员人数应为 0 或正整数"];
  if (input.branchKind === "single") {
    if (input.formalMembers < ownBranchMinimum) problems.branchId = [`单独组建党支部需有正式党员 ${ownBranchMinimum} 名以上（现 ${input.formalMembers} 名），请选择联合党支部或选派党建指导员`];
    if (input.organizationsInBranch > 0) problems.branchId = [...(problems.branchId ?? []), "该党支部为单独组建，已覆盖其他组织，不能再覆盖本组织"];
  }
  if (input.instructor !== null && input.instructor.length > 20) problems.instructor = ["党建指导员姓名不超过 20 字"];
  return problems;
}

export interface RateFigure {
  covered: number;
  total: number;
  /** A fraction between 0 and 1; 0 when there is nothing to cover. */
  rate: number;
}

function figure(covered: number, total: number): RateFigure {
  return { covered, total, rate: total ? covered / total : 0 };
}

/**
 * The two coverages over the same denominator: organizations in a branch
 * (organizational coverage), and in a branch or with an instructor (work coverage).
 */
export function coverageRates(coverages: Coverage[]): { organizational: RateFigure; work: RateFigure } {
  const count = (kind: Coverage) => coverages.filter((c) => c === kind).length;
  return coverageRatesOf({ own_branch: count("own_branch"), joint_branch: count("joint_branch"), instructor: count("instructor"), none: count("none") });
}

/** The same from counts of each coverage, as the database tallies them. */
export function coverageRatesOf(counts: Record<Coverage, number>): { organizational: RateFigure; work: RateFigure } {
  const total = counts.own_branch + counts.joint_branch + counts.instructor + counts.none;
  const inBranch = counts.own_branch + counts.joint_branch;
  return { organizational: figure(inBranch, total), work: figure(inBranch + counts.instructor, total) };
}

/** "88.6%" */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
