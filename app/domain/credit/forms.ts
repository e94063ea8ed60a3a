/**
 * The credit forms, shared by the server (authoritative) and the browser: the
 * penalty decision (its document comes as the form's file), the lists' batches,
 * listings by hand, removals and the registered letters.
 */
import { z } from "zod";
import { otherCreditKinds, penaltyKinds } from "../../../vocabulary";
import { isoDateField as isoDate, rowIdField as rowId, textField as text, versionField as version } from "../shared/form-fields";
import { manualAbnormalTriggers, manualSeriousTriggers } from "./listings";

/** An amount in yuan, to the fen. */
const yuan = (label: string) =>
  z.coerce
    .number({ error: `${label}应为数字（元）` })
    .positive(`${label}应大于 0`)
    .max(1e10, `${label}过大`)
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, `${label}最多保留两位小数`);

export const penaltySchema = z.object({
  kind: z.enum(penaltyKinds, { error: "请选择处罚种类" }),
  amount: yuan("金额").optional(),
  suspendedFrom: isoDate("停止活动起始日期").optional(),
  suspendedUntil: isoDate("停止活动截止日期").optional(),
  facts: text("违法事实", 10, 2000),
  legalBasis: text("处罚依据", 4, 500),
  decisionNumber: text("决定书文号", 4, 60),
  decidedOn: isoDate("决定日期"),
  authority: text("作出决定的机关", 2, 60),
});
export type PenaltyPost = z.output<typeof penaltySchema>;

const proposalKeys = z.array(z.string().max(200, "所选建议无效"), { error: "请至少勾选一条建议" }).min(1, "请至少勾选一条建议").max(2000, "一次最多处理 2000 条建议");

/** A reviewed batch of proposals: list them on a date, or dismiss them with the reason. */
export const proposalBatchSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm"), keys: proposalKeys, listedOn: isoDate("列入日期") }),
  z.object({ intent: z.literal("dismiss"), keys: proposalKeys, reason: text("不予列入的理由", 4, 500) }),
]);
export type ProposalBatch = z.output<typeof proposalBatchSchema>;

/** Removing one listing: after a verified correction, or as made in error. */
export const abnormalRemovalSchema = z.object({
  listingId: rowId("找不到该列入记录"),
  kind: z.enum(["corrected", "error"], { error: "请选择移出情形" }),
  reason: text("移出原因", 4, 500),
});
export const seriousRemovalSchema = z.object({
  listingId: rowId("找不到该列入记录"),
  reason: text("移出原因", 4, 500),
});

/** The officer's forms on an organization's record: listing by hand, the letters. */
export const organizationCreditSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("list-abnormal"),
    trigger: z.enum(manualAbnormalTriggers, { error: "请选择列入情形" }),
    listedOn: isoDate("列入日期"),
    evidence: text("事实和证据", 10, 1000),
  }),
  z.object({
    intent: z.literal("list-serious"),
    trigger: z.enum(manualSeriousTriggers, { error: "请选择列入情形" }),
    listedOn: isoDate("列入日期"),
    evidence: text("事实和证据", 10, 1000),
  }),
  z.object({ intent: z.literal("letter"), sentOn: isoDate("寄出日期"), trackingNumber: text("挂号信单号", 6, 40) }),
  z.object({ intent: z.literal("letter-returned"), letterId: rowId("找不到该信函"), returnedOn: isoDate("退回日期") }),
]);
export type OrganizationCreditPost = z.output<typeof organizationCreditSchema>;

/** Other credit information the registry records: an award or a government service contract, and its withdrawal. */
export const otherCreditSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("other-record"),
    kind: z.enum(otherCreditKinds, { error: "请选择信息类别" }),
    title: text("名称", 2, 100),
    grantor: text("授予机关或购买主体", 2, 60),
    decidedOn: isoDate("日期"),
    documentNumber: text("文号或合同编号", 2, 60).optional(),
    amount: yuan("合同金额").optional(),
    periodUntil: isoDate("服务期限截止日期").optional(),
  }),
  z.object({ intent: z.literal("other-withdraw"), itemId: rowId("找不到该条信息"), version, reason: text("撤回原因", 4, 500) }),
]);
export type OtherCreditPost = z.output<typeof otherCreditSchema>;
