/**
 * The spot-check forms, shared by the server (authoritative) and the browser:
 * a plan, the officer's work on a drawn check, and the organization's answer.
 */
import { z } from "zod";
import { isoDateField as isoDate, rowIdField as rowId, textField as text, versionField as version } from "../shared/form-fields";
import { parseInspectorPool } from "./draw";
import { checkableTypes } from "./rules";

export const maxInspectors = 200;

export const planSchema = z
  .object({
    title: text("计划名称", 4, 80),
    matters: text("抽查事项", 4, 500),
    types: z.array(z.enum(checkableTypes, { error: "请选择组织类型" }), { error: "请至少选择一种组织类型" }).min(1, "请至少选择一种组织类型"),
    streetIds: z.array(rowId("所选街道（镇）无效")).optional().default([]),
    sampleKind: z.enum(["share", "count"], { error: "请选择抽取方式" }),
    sampleValue: z.coerce.number({ error: "抽取比例或数量应为整数" }).int("抽取比例或数量应为整数").min(1, "抽取比例或数量至少为 1").max(10_000, "抽取数量过大"),
    inspectors: text("检查人员名录", 2, 4000).transform((v, ctx) => {
      const pool = parseInspectorPool(v);
      if (pool.length < 2) ctx.addIssue({ code: "custom", message: "检查人员名录至少需要 2 人（双人检查）" });
      if (pool.length > maxInspectors) ctx.addIssue({ code: "custom", message: `检查人员名录不能超过 ${maxInspectors} 人` });
      if (pool.some((n) => n.length > 20)) ctx.addIssue({ code: "custom", message: "每位检查人员的姓名不能超过 20 个字" });
      return pool;
    }),
    perCheck: z.coerce.number({ error: "每次检查人数应为整数" }).int("每次检查人数应为整数").min(2, "每次检查至少 2 人").max(5, "每次检查不超过 5 人"),
  })
  .superRefine((v, ctx) => {
    if (v.sampleKind === "share" && v.sampleValue > 100) ctx.addIssue({ code: "custom", path: ["sampleValue"], message: "抽取比例不能超过 100%" });
    if (v.inspectors.length && v.perCheck > v.inspectors.length) ctx.addIssue({ code: "custom", path: ["perCheck"], message: "每次检查人数不能多于名录中的人数" });
  });
export type PlanPost = z.output<typeof planSchema>;

/** The registry's verification of a rectification item, wherever the item came from (a check, an annual inspection). */
export const verificationFields = {
  version,
  verdict: z.enum(["done", "not_done"], { error: "请选择核实结果" }),
  note: text("核实情况", 4, 1000),
};

/** The officer's work on a drawn plan, by intent. */
export const planWorkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("draw"), version }),
  z.object({
    intent: z.literal("finding"),
    itemId: rowId("找不到该检查对象"),
    version,
    finding: z.enum(["no_problem", "problems", "not_found"], { error: "请选择检查结果" }),
    findings: text("检查情况", 4, 2000),
    checkedOn: isoDate("检查日期"),
  }),
  z.object({ intent: z.literal("rectification"), itemId: rowId("找不到该检查对象"), problem: text("存在的问题和整改要求", 4, 1000), deadline: isoDate("整改期限") }),
  z.object({ intent: z.literal("verify"), rectificationId: rowId("找不到该整改事项"), ...verificationFields }),
  z.object({ intent: z.literal("publish"), version, summary: text("结果公告", 10, 2000) }),
]);
export type PlanWork = z.output<typeof planWorkSchema>;

/** The organization's report of its correction. */
export const rectificationAnswerSchema = z.object({
  rectificationId: rowId("找不到该整改事项"),
  version,
  answer: text("整改情况", 10, 2000),
});
export type RectificationAnswer = z.output<typeof rectificationAnswerSchema>;
