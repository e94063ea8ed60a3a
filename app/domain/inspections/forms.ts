/**
 * The registry's inspection forms, shared by the server (authoritative) and
 * the browser: opening a year, its deadlines, returning or concluding a
 * report, publishing conclusions, and keeping the abnormal-activity list.
 */
import { z } from "zod";
import { inspectionConclusions } from "../../../vocabulary";
import { maxRowId } from "../shared/ids";
import { parseIsoDate } from "../shared/time";

const staleForm = "页面已过期，请刷新后重试。";

const rowId = (message: string) => z.coerce.number({ error: message }).int(message).positive(message).max(maxRowId, message);
const version = rowId(staleForm);

const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine((v) => parseIsoDate(v) !== null, `${label}不是有效日期，请按 2026-05-31 的格式填写`);

const reasonText = (what: string, min = 2, max = 500) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, `请写明${what}（至少 ${min} 个字）`)
    .max(max, `${what}不能超过 ${max} 个字`);

export const inspectionYearRange = { min: 2000, max: 2100 } as const;

/** A year from a URL: four digits within the range, or null. */
export function parseInspectionYear(param: string | undefined): number | null {
  if (!param || !/^\d{4}$/.test(param)) return null;
  const year = Number(param);
  return year >= inspectionYearRange.min && year <= inspectionYearRange.max ? year : null;
}


const deadlineOrder = {
  path: ["supervisingDeadline"],
  message: "业务主管单位初审截止日期应早于登记管理机关截止日期",
  when: (payload: { value: unknown }) => {
    const v = payload.value as { supervisingDeadline?: unknown; registryDeadline?: unknown };
    return parseIsoDate(String(v.supervisingDeadline ?? "")) !== null && parseIsoDate(String(v.registryDeadline ?? "")) !== null;
  },
};

const deadlineFields = {
  supervisingDeadline: isoDate("业务主管单位初审截止日期"),
  registryDeadline: isoDate("登记管理机关截止日期"),
};

/** Opening year Y, in which organizations report on Y-1. */
export const openYearSchema = z
  .object({
    year: z.coerce
      .number({ error: "请填写年度（四位数字，如 2026）" })
      .int("年度应为四位数字，如 2026")
      .min(inspectionYearRange.min, `年度应在 ${inspectionYearRange.min} 到 ${inspectionYearRange.max} 之间`)
      .max(inspectionYearRange.max, `年度应在 ${inspectionYearRange.min} 到 ${inspectionYearRange.max} 之间`),
    ...deadlineFields,
  })
  .refine((v) => v.supervisingDeadline <= v.registryDeadline, deadlineOrder)
  .refine((v) => v.registryDeadline.slice(0, 4) >= String(v.year), {
    path: ["registryDeadline"],
    message: "登记管理机关截止日期不应早于该年度 1 月 1 日",
    when: (payload) => {
      const v = payload.value as { year?: unknown; registryDeadline?: unknown };
      return /^\d{4}$/.test(String(v.year ?? "")) && parseIsoDate(String(v.registryDeadline ?? "")) !== null;
    },
  });

export const deadlinesSchema = z
  .object({ ...deadlineFields, version })
  .refine((v) => v.supervisingDeadline <= v.registryDeadline, deadlineOrder);

/** Sending a report back to its organization. */
export const returnReportSchema = z.object({
  reason: reasonText("退回理由", 4),
  version,
});

/** The conclusion; 基本合格 names the corrections required, 不合格 the reasons. */
export const concludeReportSchema = z
  .object({
    conclusion: z.enum(inspectionConclusions, { error: "请选择年检结论" }),
    note: z.string().trim().max(1000, "说明不能超过 1000 个字").optional(),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.conclusion === "basic_pass" && !v.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "结论为基本合格时，请写明需要整改的事项" });
    }
    if (v.conclusion === "fail" && !v.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "结论为不合格时，请写明理由" });
    }
  });

/** Publishing one conclusion from its row. */
export const publishOneSchema = z.object({ reportId: rowId("找不到该年度报告") });

/**
 * Publishing every concluded conclusion the officer was shown: the ids travel
 * with the form, so a conclusion made meanwhile is not published unseen.
 */
export const publishAllSchema = z.object({
  reportIds: z.array(rowId("找不到该年度报告")).min(1, "没有待公布的年检结论"),
  confirm: z.literal("on", { error: "请勾选确认后再公布" }),
});

/**
 * Listing non-filers on the abnormal-activity list: those ticked, or the one
 * whose own button was pressed, with one reason and date for the batch.
 */
export const abnormalBatchSchema = z.object({
  organizationIds: z.array(rowId("所选组织无效")).optional().default([]),
  only: rowId("所选组织无效").optional(),
  reason: reasonText("列入原因", 4),
  listedOn: isoDate("列入日期"),
  confirm: z.literal("on", { error: "请勾选确认后再列入" }),
});

/** Removal after verified correction. */
export const abnormalRemovalSchema = z.object({
  organizationId: rowId("找不到该组织"),
  reason: reasonText("移出原因", 4),
});

/** The reason offered for listing a year's non-filers. */
export function defaultListingReason(year: number): string {
  return `未按规定报送 ${year - 1} 年度工作报告（${year} 年度年检）`;
}

/** Why a listing date cannot be used, or null: after the registry's deadline, and not in the future. */
export function listingDateProblem(listedOn: string, { today, registryDeadline }: { today: string; registryDeadline: string }): string | null {
  if (listedOn <= registryDeadline) return "列入日期应在登记管理机关截止日期之后";
  if (listedOn > today) return "列入日期不能晚于今天";
  return null;
}

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
