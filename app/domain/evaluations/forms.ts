/** The evaluation forms, shared by the server (authoritative) and the browser. */
import { z } from "zod";
import { isoDateField as isoDate, rowIdField as rowId, textField as text, versionField as version } from "../shared/form-fields";

export const roundSchema = z.object({
  title: text("评估名称", 4, 80),
  applyUntil: isoDate("申请截止日期"),
});

export const roundWorkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("apply-for"), code: z.string({ error: "请填写统一社会信用代码" }).trim().min(18, "统一社会信用代码应为 18 位").max(18, "统一社会信用代码应为 18 位") }),
  z.object({
    intent: z.literal("grade"),
    evaluationId: rowId("找不到该评估申请"),
    version,
    grade: z.coerce.number({ error: "请选择评估等级" }).int("请选择评估等级").min(0, "请选择评估等级").max(5, "请选择评估等级"),
    awardedOn: isoDate("评定日期"),
    note: z.string().trim().max(500, "说明不能超过 500 个字").optional(),
  }),
]);
export type RoundWork = z.output<typeof roundWorkSchema>;

export const applySchema = z.object({ roundId: rowId("找不到该轮评估") });
