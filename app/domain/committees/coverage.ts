/**
 * "一居多会": every community and village should have at least the district's
 * target number of community social organizations. The pure rules, the
 * counting basis and the settings' forms live here so the browser may use them too.
 */
import { z } from "zod";
import { communityCategories, type CommunityCategory } from "../../../vocabulary";
import { liveStatuses, type OrganizationType } from "../organizations/rules";

export { communityCategories, type CommunityCategory };

/**
 * Only organizations that still exist count toward the target: normal ones and
 * those on the abnormal-activity list. Cancelled and revoked ones stay in the
 * register but no longer serve the community.
 */
export const countedStatuses = liveStatuses;

/**
 * Which community social organizations count (a district setting). The 2017
 * guidance (民政部《关于大力培育发展社区社会组织的意见》) counts registered (登记)
 * and filed (备案) ones alike: a registered social group or private
 * non-enterprise unit counts when it is marked with a community category and
 * belongs to the community or village. A district may count the filed ones only.
 */
export const associationCountings = ["registered_and_filed", "filed_only"] as const;
export type AssociationCounting = (typeof associationCountings)[number];

export const associationCountingLabels: Record<AssociationCounting, string> = {
  registered_and_filed: "登记和备案的社区社会组织均计入（民政部《关于大力培育发展社区社会组织的意见》的口径）",
  filed_only: "仅计入备案的社区社会组织",
};

/** In a sentence or a heading: what is counted. */
export const countedOrganizationsText: Record<AssociationCounting, string> = {
  registered_and_filed: "社区社会组织（含登记和备案）",
  filed_only: "备案的社区社会组织",
};

/** The basis in a few words, for messages, the report and its export. */
export const associationCountingShortLabels: Record<AssociationCounting, string> = {
  registered_and_filed: "登记和备案均计入",
  filed_only: "仅计入备案",
};

export const associationCountingSchema = z.enum(associationCountings, { error: "请选择统计口径" });

/** How the pages say which organizations are counted. */
export function countedStatusesNote(counting: AssociationCounting): string {
  const which =
    counting === "filed_only"
      ? "只计入备案的社区社会组织"
      : "计入备案的社区社会组织，以及标明了社区社会组织类别、属于本社区（村）的登记社会团体和民办非企业单位";
  return `${which}；只统计状态为正常或列入活动异常名录的，已注销、已撤销登记的不计入。`;
}

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

/** The officer's form that changes the counting basis; `intent` tells it from the target forms on the same page. */
export const associationCountingFormSchema = z.object({
  intent: z.literal("counting", { error: "无法识别的操作，请刷新页面后重试。" }),
  associationCounting: associationCountingSchema,
  reason: z.string({ error: "请填写调整原因" }).trim().min(2, "请填写调整原因（至少 2 个字）").max(500, "调整原因不超过 500 个字"),
  /** The basis the officer saw: a change made by someone else in between refuses the write. */
  expected: associationCountingSchema.optional(),
});

export type AssociationCountingForm = z.output<typeof associationCountingFormSchema>;

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

/** One community's or village's counted community social organizations against the target (public). */
export interface PlaceAssociations extends TargetProgress {
  /** Whose target applies: an urban community's or a village's. */
  level: TargetLevel;
  counting: AssociationCounting;
  byCategory: CategoryCounts;
  /** The counted organizations, for the public page to name and link; `type` tells registered ones from filed ones. */
  organizations: Array<{ id: number; name: string; type: OrganizationType; category: CommunityCategory | null; status: (typeof countedStatuses)[number] }>;
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
