/**
 * "一居多会": every community and village should have at least the district's
 * target number of community social organizations. The pure rules and the
 * target form live here so the browser may use them too.
 */
import { z } from "zod";
import { communityCategories, type CommunityCategory } from "../../../vocabulary";
import { liveStatuses } from "../organizations/rules";

export { communityCategories, type CommunityCategory };

/**
 * Only organizations that still exist count toward the target: normal ones and
 * those on the abnormal-activity list. Cancelled and revoked ones stay in the
 * register but no longer serve the community.
 */
export const countedStatuses = liveStatuses;

/** How the pages say which organizations are counted. */
export const countedStatusesNote = "只统计状态为正常或列入活动异常名录的已备案社区社会组织，已注销、已撤销登记的不计入。";

export const associationTargetRange = { min: 1, max: 50 } as const;
const targetMessage = `目标数应为 ${associationTargetRange.min} 到 ${associationTargetRange.max} 之间的整数`;

/** The district's target: how many community social organizations each community or village should have. */
export const associationTargetSchema = z.coerce
  .number({ error: targetMessage })
  .int(targetMessage)
  .min(associationTargetRange.min, targetMessage)
  .max(associationTargetRange.max, targetMessage);

/** Urban communities (社区) and villages (村) each have their own target. */
export const targetLevels = ["community", "village"] as const;
export type TargetLevel = (typeof targetLevels)[number];
export const targetLevelLabels: Record<TargetLevel, string> = { community: "城市社区", village: "村" };

/** The district setting that holds a level's target. */
export function targetSettingOf(level: TargetLevel): "associationTarget" | "villageAssociationTarget" {
  return level === "village" ? "villageAssociationTarget" : "associationTarget";
}

export interface AssociationTargets {
  community: number;
  village: number;
}

/** How a page names the targets: one figure when they agree, both when they differ. */
export function targetsText(targets: AssociationTargets): string {
  return targets.community === targets.village ? `每个社区（村）${targets.community} 个` : `每个城市社区 ${targets.community} 个、每个村 ${targets.village} 个`;
}

/** The officer's form that changes a target: the level's (urban communities when none is sent). */
export const associationTargetFormSchema = z.object({
  level: z.enum(targetLevels, { error: "请选择社区或村" }).optional().default("community"),
  associationTarget: associationTargetSchema,
  reason: z.string({ error: "请填写调整原因" }).trim().min(2, "请填写调整原因（至少 2 个字）").max(500, "调整原因不超过 500 个字"),
  /** The target the officer saw: a change made by someone else in between refuses the write. */
  expected: associationTargetSchema.optional(),
});

export type AssociationTargetForm = z.output<typeof associationTargetFormSchema>;

export type CategoryCounts = Record<CommunityCategory, number>;

export function emptyCategoryCounts(): CategoryCounts {
  return Object.fromEntries(communityCategories.map((c) => [c, 0])) as CategoryCounts;
}

export interface TargetProgress {
  total: number;
  target: number;
  /** How many are still missing; 0 when the target is met. */
  shortfall: number;
  meetsTarget: boolean;
}

export function progressAgainst(total: number, target: number): TargetProgress {
  const shortfall = Math.max(0, target - total);
  return { total, target, shortfall, meetsTarget: shortfall === 0 };
}

/** One community's or village's filed community social organizations against the target (public). */
export interface PlaceAssociations extends TargetProgress {
  /** Whose target applies: an urban community's or a village's. */
  level: TargetLevel;
  byCategory: CategoryCounts;
  /** The counted organizations, for the public page to name and link. */
  organizations: Array<{ id: number; name: string; category: CommunityCategory | null; status: (typeof countedStatuses)[number] }>;
}

/** Those falling short first, the largest shortfall first; then the rest; ties keep their given (place) order. */
export function shortFirst<T extends { shortfall: number }>(rows: readonly T[]): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => b.row.shortfall - a.row.shortfall || a.index - b.index)
    .map(({ row }) => row);
}

/** A share between 0 and 1; 0 when there is nothing to share. */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1).replace(/\.0$/, "")}%`;
}
