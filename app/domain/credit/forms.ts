/**
 * The penalty decision's form, shared by the server (authoritative) and the
 * browser. The decision document comes as the form's file.
 */
import { z } from "zod";
import { penaltyKinds } from "../../../vocabulary";
import { parseIsoDate } from "../shared/time";

const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .max(10, { error: `${label}不是有效日期，请按 2026-05-31 的格式填写`, abort: true })
    .refine((v) => parseIsoDate(v) !== null, `${label}不是有效日期，请按 2026-05-31 的格式填写`);
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `请填写${label}（至少 ${min} 个字）`)
    .max(max, `${label}不能超过 ${max} 个字`);

export const penaltySchema = z.object({
  kind: z.enum(penaltyKinds, { error: "请选择处罚种类" }),
  amount: z.coerce
    .number({ error: "金额应为数字（元）" })
    .positive("金额应大于 0")
    .max(1e10, "金额过大")
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "金额最多保留两位小数")
    .optional(),
  suspendedFrom: isoDate("停止活动起始日期").optional(),
  suspendedUntil: isoDate("停止活动截止日期").optional(),
  facts: text("违法事实", 10, 2000),
  legalBasis: text("处罚依据", 4, 500),
  decisionNumber: text("决定书文号", 4, 60),
  decidedOn: isoDate("决定日期"),
  authority: text("作出决定的机关", 2, 60),
});
export type PenaltyPost = z.output<typeof penaltySchema>;
