/**
 * What applicants fill in, per kind of application. A draft may be incomplete
 * (it is saved as typed); submitting checks everything, including the legal
 * conditions of a 社会团体. Shared by server and browser.
 */
import { z } from "zod";
import { communityCategories, registrationRoutes, unitDecisions } from "../../../vocabulary";
import type { Permission } from "../../auth/permissions";
import type { ApplicationKind } from "./rules";
import { foundationRefusal, socialGroupConditionProblems, supervisionProblems } from "./establishment";
import { parseIsoDate } from "../shared/time";
import { maxRowId } from "../shared/ids";
import { fieldCharacterProblem } from "../shared/text-input";
import { requestedChanges } from "./changes";

const staleForm = "页面已过期，请刷新后重试。";
const unknownIntent = "未知的操作。";

/** A text of up to `max` characters; a one-line field (`label` given) also refuses invisible and reordering characters. */
const text = (max: number, label?: string) => {
  const bounded = z.string({ error: "请填写文字" }).trim().max(max, `不超过 ${max} 个字`);
  if (!label) return bounded.optional();
  return bounded
    .superRefine((value, ctx) => {
      const problem = fieldCharacterProblem(value, label);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional();
};
const count = z.coerce.number({ error: "请填写数字" }).int("请填写整数").min(0, "不能为负数").max(10_000_000, "数字过大").optional();
const rowId = (message: string) => z.coerce.number({ error: message }).int(message).positive(message).max(maxRowId, message);

/** Checkboxes of one name: none posted is an empty list, one is a list of one. */
const checked = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20, "选择过多"));

/** Every field an applicant may propose; which ones a kind uses is in `kindFields`. */
export const proposalSchema = z.object({
  name: text(60, "名称"),
  type: z.enum(["social_group", "private_non_enterprise", "foundation"], { error: "请选择组织类型" }).optional(),
  category: z.enum(communityCategories, { error: "请选择类别" }).optional(),
  registrationRoute: z.enum(registrationRoutes, { error: "请选择登记方式" }).optional(),
  supervisingUnit: text(60, "业务主管单位"),
  legalRepresentative: text(30, "法定代表人（负责人）"),
  address: text(120, "住所（活动场所）"),
  registeredFunds: count,
  businessScope: text(500),
  placeId: rowId("编号无效").optional(),
  individualMembers: count,
  unitMembers: count,
  membersCount: count,
  contactPhone: z.string({ error: "请填写手机号码或带区号的固定电话" }).trim().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, "请填写手机号码或带区号的固定电话").optional(),
  changeReason: text(500),
  cancellationReason: text(500),
  liquidationCompletedOn: z
    .string({ error: "请填写日期" })
    .trim()
    .refine((v) => parseIsoDate(v) !== null, "日期应为 2026-11-30 的格式")
    .optional(),
  liquidationReport: text(1000),
});
export type Proposal = z.output<typeof proposalSchema>;

/* ------------------------------------------------------------------ the pages' forms */

/** An association starts an application of one of these kinds from its home page. */
export const startSchema = z.object({
  kind: z.enum(["establishment", "change", "cancellation"], { error: "未知的申请类型。" }),
});

/** The applicant's form: save the draft, or save and submit it (again, after a return). */
const proposalPost = z.object({
  intent: z.enum(["save", "submit", "resubmit"], { error: unknownIntent }),
  version: rowId(staleForm),
  ...proposalSchema.shape,
});
export type ProposalPost = z.output<typeof proposalPost>;

const removeFilePost = z.object({ intent: z.literal("remove-file", { error: unknownIntent }), fileId: rowId("找不到该文件。") });

/** The 业务主管单位's review of an establishment: consent, or not with its reasons. */
export const unitReviewSchema = z.object({
  decision: z.enum(unitDecisions, { error: unknownIntent }),
  opinion: text(500),
});

/** The registry's decision on an application; the approval names the code and certificate it registers. */
const decisionPost = z.object({
  intent: z.literal("decide", { error: unknownIntent }),
  decision: z.enum(["accept", "return", "approve", "reject"], { error: unknownIntent }),
  version: rowId(staleForm),
  reason: text(500),
  /** A return: the materials ticked as missing, all told in one notice (行政许可法 art. 32). */
  missing: checked(z.string().trim().max(200, "不超过 200 个字")),
  /** A cancellation's approval: what was handed back. */
  returned: checked(z.enum(["certificate", "seals", "financial_records"], { error: "未知的收缴事项" })),
  uscc: text(40, "统一社会信用代码"),
  certificateNumber: text(60, "登记证书编号"),
  usccAcceptedReason: text(500),
});
export type DecisionPost = z.output<typeof decisionPost>;

/**
 * The buttons of the applicant's form post `intent`; a form posted without one
 * (a script, an older page) saves the draft. A decision form posts `decision`
 * instead, and is read as the intent "decide".
 */
function withIntent(decisions: boolean) {
  return (value: unknown) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return value;
    const posted = value as Record<string, unknown>;
    if (decisions && posted.decision !== undefined && posted.decision !== "") return { ...posted, intent: "decide" };
    return posted.intent === undefined ? { ...posted, intent: "save" } : posted;
  };
}

/** What the association's application page posts (besides uploads). */
export const applicantSchema = z.preprocess(withIntent(false), z.discriminatedUnion("intent", [proposalPost, removeFilePost], { error: unknownIntent }));

/** What the officer's application page posts: a decision, or, for a filing the street officer enters, the applicant's forms. */
export const officerApplicationSchema = z.preprocess(
  withIntent(true),
  z.discriminatedUnion("intent", [proposalPost, removeFilePost, decisionPost], { error: unknownIntent }),
);

export type OfficerApplicationIntent = "decide" | ProposalPost["intent"] | "remove-file" | "upload";

/** The form an officer's post names, read as `officerApplicationSchema` reads it; null for one the page does not have. */
export function officerApplicationIntentOf(posted: { intent?: unknown; decision?: unknown }): Exclude<OfficerApplicationIntent, "upload"> | null {
  if (posted.decision !== undefined && posted.decision !== "") return "decide";
  if (posted.intent === undefined) return "save";
  return posted.intent === "save" || posted.intent === "submit" || posted.intent === "resubmit" || posted.intent === "remove-file" ? posted.intent : null;
}

/** Who may post it: a decision needs application:decide; the applicant's forms (uploads too) are the street officer's filing. */
export function officerApplicationPermission(intent: OfficerApplicationIntent): Permission {
  return intent === "decide" ? "application:decide" : "application:file_community";
}

/** An upload: the files, which `readUploads` reads, and which material of the application's list they are (checked by the command). */
export const uploadSchema = z.object({
  material: z.string({ error: "请选择所上传的是哪一项材料" }).trim().max(40, "请选择所上传的是哪一项材料"),
});

export const kindFields: Record<ApplicationKind, readonly (keyof Proposal)[]> = {
  establishment: [
    "name", "type", "registrationRoute", "supervisingUnit", "legalRepresentative", "address", "registeredFunds", "businessScope",
    "placeId", "individualMembers", "unitMembers", "contactPhone",
  ],
  change: ["name", "supervisingUnit", "legalRepresentative", "address", "registeredFunds", "businessScope", "contactPhone", "changeReason"],
  cancellation: ["cancellationReason", "liquidationCompletedOn", "liquidationReport"],
  filing: ["name", "category", "legalRepresentative", "address", "placeId", "membersCount", "contactPhone"],
};

export { changeableFields } from "./changes";

export const proposalLabels: Record<keyof Proposal, string> = {
  name: "名称",
  type: "组织类型",
  category: "类别",
  registrationRoute: "登记方式",
  supervisingUnit: "业务主管单位",
  legalRepresentative: "法定代表人（负责人）",
  address: "住所（活动场所）",
  registeredFunds: "注册资金（元）",
  businessScope: "业务范围",
  placeId: "所在社区（村）",
  individualMembers: "个人会员数",
  unitMembers: "单位会员数",
  membersCount: "成员人数",
  contactPhone: "联系电话",
  changeReason: "变更理由",
  cancellationReason: "注销理由",
  liquidationCompletedOn: "清算完成日期",
  liquidationReport: "清算报告摘要",
};

const required: Record<ApplicationKind, readonly (keyof Proposal)[]> = {
  establishment: ["name", "type", "legalRepresentative", "address", "registeredFunds", "businessScope", "placeId", "contactPhone"],
  change: ["changeReason"],
  cancellation: ["cancellationReason", "liquidationCompletedOn", "liquidationReport"],
  filing: ["name", "category", "legalRepresentative", "address", "placeId", "membersCount"],
};

/** Keeps only the fields this kind uses, so a draft never carries stray values. */
export function pickProposal(kind: ApplicationKind, proposal: Proposal): Proposal {
  const picked: Record<string, unknown> = {};
  for (const field of kindFields[kind]) if (proposal[field] !== undefined) picked[field] = proposal[field];
  return picked as Proposal;
}

/**
 * Problems that stop a submission, by field. `current` is the organization's
 * record for a change application (a change must change something).
 * 行政许可法 art. 31: the applicant answers for the materials being complete and true; the
 * conditions checked here are the ones the regulations state.
 */
export function submissionProblems(
  kind: ApplicationKind,
  proposal: Proposal,
  current?: Record<string, unknown> | null,
  /** The Shanghai date of the submission, for the dates that may not lie ahead. */
  today?: string,
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  for (const field of required[kind]) {
    const value = proposal[field];
    if (value === undefined || value === "") problems[field] = [`请填写${proposalLabels[field]}`];
  }
  if (proposal.name !== undefined && proposal.name.length < 2) problems.name = ["名称至少 2 个字"];
  if (kind === "establishment" && proposal.type === "social_group") {
    Object.assign(
      problems,
      socialGroupConditionProblems({
        individualMembers: proposal.individualMembers ?? 0,
        unitMembers: proposal.unitMembers ?? 0,
        registeredFunds: proposal.registeredFunds ?? 0,
      }),
    );
  }
  if (kind === "establishment" && (proposal.type === "social_group" || proposal.type === "private_non_enterprise")) {
    for (const [field, messages] of Object.entries(supervisionProblems(proposal.registrationRoute, proposal.supervisingUnit))) {
      problems[field] = [...(problems[field] ?? []), ...messages];
    }
  }
  // 社会团体登记管理条例 art. 20–21: the liquidation comes first, the cancellation after it.
  if (kind === "cancellation" && proposal.liquidationCompletedOn && today && proposal.liquidationCompletedOn > today) {
    problems.liquidationCompletedOn = ["清算完成后方可申请注销登记，清算完成日期不能晚于今天（《社会团体登记管理条例》第二十一条）"];
  }
  if (kind === "establishment" && proposal.type === "foundation") problems.type = [...(problems.type ?? []), foundationRefusal];
  if (kind === "filing" && (proposal.membersCount ?? 0) < 3) {
    problems.membersCount = [...(problems.membersCount ?? []), "社区社会组织至少应有 3 名成员"];
  }
  if (kind === "change" && current) {
    const changed = Object.keys(requestedChanges(proposal, current)).length > 0;
    if (!changed) problems.name = [...(problems.name ?? []), "变更申请须至少修改一项登记事项"];
  }
  return problems;
}
