/**
 * What applicants fill in, per kind of application. A draft may be incomplete
 * (it is saved as typed); submitting checks everything, including the legal
 * conditions of a 社会团体. Shared by server and browser.
 */
import { z } from "zod";
import { communityCategories } from "../../../vocabulary";
import type { ApplicationKind } from "./rules";
import { socialGroupConditionProblems } from "./establishment";

const text = (max: number) => z.string().trim().max(max, `不超过 ${max} 个字`).optional();
const count = z.coerce.number({ error: "请填写数字" }).int("请填写整数").min(0, "不能为负数").max(10_000_000).optional();
const placeId = z.coerce.number().int().positive().max(2_147_483_647, "编号无效").optional();

/** Every field an applicant may propose; which ones a kind uses is in `kindFields`. */
export const proposalSchema = z.object({
  name: text(60),
  type: z.enum(["social_group", "private_non_enterprise", "foundation"], { error: "请选择组织类型" }).optional(),
  category: z.enum(communityCategories, { error: "请选择类别" }).optional(),
  supervisingUnit: text(60),
  legalRepresentative: text(30),
  address: text(120),
  registeredFunds: count,
  businessScope: text(500),
  placeId,
  individualMembers: count,
  unitMembers: count,
  membersCount: count,
  contactPhone: z.string().trim().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, "请填写手机号码或带区号的固定电话").optional(),
  changeReason: text(500),
  cancellationReason: text(500),
});
export type Proposal = z.output<typeof proposalSchema>;

export const kindFields: Record<ApplicationKind, readonly (keyof Proposal)[]> = {
  establishment: [
    "name", "type", "supervisingUnit", "legalRepresentative", "address", "registeredFunds", "businessScope",
    "placeId", "individualMembers", "unitMembers", "contactPhone",
  ],
  change: ["name", "supervisingUnit", "legalRepresentative", "address", "registeredFunds", "businessScope", "contactPhone", "changeReason"],
  cancellation: ["cancellationReason"],
  filing: ["name", "category", "legalRepresentative", "address", "placeId", "membersCount", "contactPhone"],
};

/** The record fields a change application may alter (the rest of `kindFields.change` explains it). */
export const changeableFields = ["name", "supervisingUnit", "legalRepresentative", "address", "registeredFunds", "businessScope", "contactPhone"] as const;

export const proposalLabels: Record<keyof Proposal, string> = {
  name: "名称",
  type: "组织类型",
  category: "类别",
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
};

const required: Record<ApplicationKind, readonly (keyof Proposal)[]> = {
  establishment: ["name", "type", "legalRepresentative", "address", "registeredFunds", "businessScope", "placeId", "contactPhone"],
  change: ["changeReason"],
  cancellation: ["cancellationReason"],
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
 */
export function submissionProblems(
  kind: ApplicationKind,
  proposal: Proposal,
  current?: Record<string, unknown> | null,
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
        supervisingUnit: proposal.supervisingUnit ?? "",
      }),
    );
  }
  if (kind === "filing" && (proposal.membersCount ?? 0) < 3) {
    problems.membersCount = [...(problems.membersCount ?? []), "社区社会组织至少应有 3 名成员"];
  }
  if (kind === "change" && current) {
    const changed = changeableFields.some(
      (f) => proposal[f] !== undefined && JSON.stringify(proposal[f]) !== JSON.stringify(current[f] ?? undefined),
    );
    if (!changed) problems.name = [...(problems.name ?? []), "变更申请须至少修改一项登记事项"];
  }
  return problems;
}
