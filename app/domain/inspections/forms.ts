/**
 * The inspection's forms, shared by the server (authoritative) and the
 * browser: the organization's annual report, opening a year, its deadlines,
 * returning or concluding a report, publishing conclusions, and keeping the
 * abnormal-activity list.
 */
import { z } from "zod";
import { inspectionConclusions, preliminaryDecisions } from "../../../vocabulary";
import { maxRowId } from "../shared/ids";
import { parseIsoDate } from "../shared/time";
import { verificationFields } from "../spot-checks/forms";
import { inspectionYearRange, partyCoverages } from "./rules";

const staleForm = "页面已过期，请刷新后重试。";
const unknownIntent = "未知的操作。";

const rowId = (message: string) => z.coerce.number({ error: message }).int(message).positive(message).max(maxRowId, message);
const version = rowId(staleForm);

const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(10, { error: `${label}不是有效日期，请按 2026-05-31 的格式填写`, abort: true })
    .refine((v) => parseIsoDate(v) !== null, `${label}不是有效日期，请按 2026-05-31 的格式填写`);

const reasonText = (what: string, min = 2, max = 500) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, `请写明${what}（至少 ${min} 个字）`)
    .max(max, `${what}不能超过 ${max} 个字`);

/* ------------------------------------------------------------------ the annual report */

const money = z.coerce
  .number({ error: "请填写金额（元）" })
  .min(0, "金额不能为负数")
  .max(1e12, "金额过大")
  // Compared with a tolerance: 4.35 * 100 is 434.99999999999994 in floating point.
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "金额最多保留两位小数")
  .optional();
const whole = z.coerce.number({ error: "请填写整数" }).int("请填写整数").min(0, "不能为负数").max(1_000_000, "数字过大").optional();
const text = (max: number) => z.string({ error: "请填写文字" }).trim().max(max, `不超过 ${max} 个字`).optional();

/** The report's fields by section. A draft may leave any of them empty. */
export const reportSchema = z.object({
  // 一、登记事项变动情况
  recordChanged: z.enum(["yes", "no"], { error: "请选择" }).optional(),
  recordChanges: text(1000),
  // 二、财务情况（元）
  incomeDonations: money,
  incomeGrants: money,
  incomeServices: money,
  incomeFees: money,
  incomeOther: money,
  incomeTotal: money,
  expenditurePrograms: money,
  expenditureAdministration: money,
  expenditureOther: money,
  expenditureTotal: money,
  netAssetsStart: money,
  netAssetsEnd: money,
  donationsReceived: money,
  // 三、业务活动
  activitiesCount: whole,
  mainActivities: text(2000),
  // 四、人员和负责人
  fullTimeStaff: whole,
  volunteers: whole,
  officers: text(500),
  // 五、党建情况
  partyFormalMembers: whole,
  partyProbationaryMembers: whole,
  partyCoverage: z.enum(partyCoverages, { error: "请选择党组织覆盖方式" }).optional(),
  // 六、声明
  declaration: z.literal("on", { error: "请确认声明" }).optional(),
});
export type Report = z.output<typeof reportSchema>;

/** The report's form: save the draft, or save and submit it (again, after a return). An empty version: the page was loaded before the report existed. */
const reportPost = z.object({
  intent: z.enum(["save", "submit", "resubmit"], { error: unknownIntent }),
  version: version.optional(),
  ...reportSchema.shape,
});
export type ReportPost = z.output<typeof reportPost>;

const removeFilePost = z.object({ intent: z.literal("remove-file", { error: unknownIntent }), fileId: rowId("找不到该文件。") });

/** What the organization's report page posts (besides uploads); a form without an intent saves the draft. */
export const reportFormSchema = z.preprocess(
  (value) => (value && typeof value === "object" && !Array.isArray(value) && (value as { intent?: unknown }).intent === undefined ? { ...value, intent: "save" } : value),
  z.discriminatedUnion("intent", [reportPost, removeFilePost], { error: unknownIntent }),
);

/** An upload carries only files, which `readUploads` reads; nothing else of the form is kept. */
export const uploadSchema = z.object({});

/* ------------------------------------------------------------------ the registry's forms */

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

/** Opening the campaign on year Y, whose reports are filed during Y+1. */
export const openYearSchema = z
  .object({
    year: z.coerce
      .number({ error: "请填写年度（四位数字，如 2026）" })
      .int("年度应为四位数字，如 2026")
      .min(inspectionYearRange.min, `年度应在 ${inspectionYearRange.min} 到 ${inspectionYearRange.max} 之间`)
      .max(inspectionYearRange.max, `年度应在 ${inspectionYearRange.min} 到 ${inspectionYearRange.max} 之间`),
    ...deadlineFields,
  })
  // Which year the registry's deadline falls in is the domain's rule (`deadlineProblems`), checked by the command.
  .refine((v) => v.supervisingDeadline <= v.registryDeadline, deadlineOrder);

/** The registry's forms on a year's page, one per intent. */
export const yearPageSchema = z.discriminatedUnion(
  "intent",
  [
    z
      .object({ intent: z.literal("deadlines"), ...deadlineFields, reason: reasonText("调整原因"), version })
      .refine((v) => v.supervisingDeadline <= v.registryDeadline, deadlineOrder),
    /** Publishing one conclusion from its row. */
    z.object({ intent: z.literal("publish"), reportId: rowId("找不到该年度报告") }),
    /**
     * Publishing every concluded conclusion the officer was shown: the ids travel
     * with the form, so a conclusion made meanwhile is not published unseen.
     */
    z.object({
      intent: z.literal("publish-all"),
      reportIds: z.array(rowId("找不到该年度报告"), { error: "没有待公布的年检结论" }).min(1, "没有待公布的年检结论"),
    }),
    /**
     * Listing non-filers on the abnormal-activity list: those ticked, or the one
     * whose own button was pressed, with one reason and date for the batch.
     */
    z.object({
      intent: z.literal("abnormal"),
      organizationIds: z.array(rowId("所选组织无效"), { error: "所选组织无效" }).optional().default([]),
      only: rowId("所选组织无效").optional(),
      reason: reasonText("列入原因", 4),
      listedOn: isoDate("列入日期"),
    }),
  ],
  { error: unknownIntent },
);
export type YearPagePost = z.output<typeof yearPageSchema>;
export type AbnormalBatch = Extract<YearPagePost, { intent: "abnormal" }>;

/** The registry's decision on a report: sent back with a reason, or concluded; 基本合格 names the corrections required, 不合格 the reasons. */
export const reportDecisionSchema = z.discriminatedUnion(
  "decision",
  [
    z.object({ decision: z.literal("return"), reason: reasonText("退回理由", 4), version }),
    z
      .object({
        decision: z.literal("conclude"),
        conclusion: z.enum(inspectionConclusions, { error: "请选择年检结论" }),
        note: z.string({ error: "说明应为文字" }).trim().max(1000, "说明不能超过 1000 个字").optional(),
        version,
      })
      .superRefine((v, ctx) => {
        if (v.conclusion === "basic_pass" && !v.note) {
          ctx.addIssue({ code: "custom", path: ["note"], message: "结论为基本合格时，请写明需要整改的事项" });
        }
        if (v.conclusion === "fail" && !v.note) {
          ctx.addIssue({ code: "custom", path: ["note"], message: "结论为不合格时，请写明理由" });
        }
      }),
    // Once a published 基本合格 has ordered corrections: the registry verifies what the organization reported.
    z.object({ decision: z.literal("verify"), ...verificationFields }),
  ],
  { error: unknownIntent },
);
export type ReviewPost = z.output<typeof reportDecisionSchema>;
export type ReportDecision = Exclude<ReviewPost, { decision: "verify" }>;
export type CorrectionVerification = Extract<ReviewPost, { decision: "verify" }>;

/** The 业务主管单位's 初审: agree (an opinion optional) or return (the reason required). */
export const preliminarySchema = z
  .object({
    decision: z.enum(preliminaryDecisions, { error: "请选择初审意见" }),
    opinion: z.string({ error: "意见应为文字" }).trim().max(500, "意见不能超过 500 个字").optional(),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.decision === "returned" && !v.opinion) ctx.addIssue({ code: "custom", path: ["opinion"], message: "退回修改须写明理由" });
  });
export type PreliminaryPost = z.output<typeof preliminarySchema>;

