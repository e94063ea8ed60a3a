/**
 * The registration workflow as one table: each action, the states it leaves
 * from, the state it leads to, who may take it, and whether a reason is
 * required. Pure, so the browser can show exactly the buttons the server allows.
 */
import type { ApplicationKind, ApplicationState } from "../../../vocabulary";

export { applicationKinds, applicationStates } from "../../../vocabulary";
import type { Role } from "../../auth/roles";
import { daysBetween, startOfShanghaiDay } from "../shared/time";
import { isLive } from "../organizations/rules";

export type { ApplicationKind, ApplicationState };

export type ApplicationAction = "submit" | "accept" | "return" | "resubmit" | "approve" | "reject";

/** Who plays which part for a kind of application. */
export type Party = "applicant" | "decider";

export interface Transition {
  action: ApplicationAction;
  from: readonly ApplicationState[];
  to: ApplicationState;
  party: Party;
  reasonRequired: boolean;
}

export const transitions: readonly Transition[] = [
  { action: "submit", from: ["draft"], to: "submitted", party: "applicant", reasonRequired: false },
  { action: "accept", from: ["submitted"], to: "accepted", party: "decider", reasonRequired: false },
  { action: "return", from: ["submitted"], to: "returned", party: "decider", reasonRequired: true },
  { action: "resubmit", from: ["returned"], to: "submitted", party: "applicant", reasonRequired: false },
  { action: "approve", from: ["accepted"], to: "approved", party: "decider", reasonRequired: false },
  { action: "reject", from: ["submitted", "accepted"], to: "rejected", party: "decider", reasonRequired: true },
];

/**
 * Registrations are applied for by associations and decided by the district
 * registry; a community filing is entered and decided by the street's officer.
 */
export const parties: Record<ApplicationKind, Record<Party, readonly Role[]>> = {
  establishment: { applicant: ["association"], decider: ["district_officer"] },
  change: { applicant: ["association"], decider: ["district_officer"] },
  cancellation: { applicant: ["association"], decider: ["district_officer"] },
  filing: { applicant: ["street_officer"], decider: ["street_officer"] },
};

export const stateLabels: Record<ApplicationState, string> = {
  draft: "草稿",
  submitted: "已提交",
  accepted: "已受理",
  returned: "退回补正",
  approved: "已准予",
  rejected: "不予准予",
};

export const actionLabels: Record<ApplicationAction, string> = {
  submit: "提交申请",
  accept: "受理",
  return: "退回补正",
  resubmit: "补正后重新提交",
  approve: "准予",
  reject: "不予准予",
};

export const kindLabels: Record<ApplicationKind, string> = {
  establishment: "成立登记",
  change: "变更登记",
  cancellation: "注销登记",
  filing: "社区社会组织备案",
};

/**
 * A refusal is one of two decisions, named by when it is made (行政许可法 art. 32,
 * 38): before 受理 the application is not taken up, 不予受理; after it, the
 * registration is refused, 不予登记 (不予备案 for a community filing).
 */
export function decisionLabel(kind: ApplicationKind, action: ApplicationAction | "consented" | "withheld", fromState: ApplicationState | null): string {
  if (action === "consented" || action === "withheld") return unitDecisionLabels[action];
  if (action !== "reject") return actionLabels[action];
  if (fromState === "submitted") return "不予受理";
  return kind === "filing" ? "不予备案" : "不予登记";
}

/**
 * The article a refusal rests on, shown to the officer beside the reason box: 不予受理 under 行政许可法 art. 32(1)–(2) (not this
 * registry's matter, or not a licence at all); 不予登记 on the grounds of
 * 社会团体登记管理条例 art. 13 or 民办非企业单位登记管理暂行条例 art. 12; a change or
 * cancellation refused under 行政许可法 art. 38(2).
 */
export function refusalBasis(kind: ApplicationKind, type: string | null | undefined, fromState: ApplicationState | null): string {
  if (fromState === "submitted") {
    return "不予受理：申请事项依法不属于本机关职权范围，或者依法不需要取得行政许可的，作出不予受理的决定并说明理由（《中华人民共和国行政许可法》第三十二条第一款第一项、第二项）";
  }
  if (kind === "establishment") {
    return type === "private_non_enterprise"
      ? "不予登记的情形：业务范围不符合规定、同一行政区域内已有业务范围相同或相似的、拟任负责人受过剥夺政治权利的刑事处罚或不具有完全民事行为能力、申请登记时弄虚作假等（《民办非企业单位登记管理暂行条例》第十二条）"
      : "不予登记的情形：宗旨、业务范围不符合规定、同一行政区域内已有业务范围相同或相似的社会团体、发起人或拟任负责人受过剥夺政治权利的刑事处罚或不具有完全民事行为能力、筹备时弄虚作假等（《社会团体登记管理条例》第十三条）";
  }
  if (kind === "filing") return "不予备案须说明理由（参照《中华人民共和国行政许可法》第三十八条第二款）";
  return "不予登记须书面说明理由，并告知申请人申请行政复议或者提起行政诉讼的权利（《中华人民共和国行政许可法》第三十八条第二款）";
}

/** Told with every refusal, beside its reason (行政许可法 art. 38; 行政复议法 art. 20; 行政诉讼法 art. 46). */
export const rightOfReview =
  "如不服本决定，可以自收到本决定之日起六十日内向区人民政府申请行政复议，或者自收到本决定之日起六个月内向人民法院提起行政诉讼（《中华人民共和国行政许可法》第三十八条）。";

export function transitionFor(action: ApplicationAction): Transition {
  return transitions.find((t) => t.action === action)!;
}

/** Why an action is not allowed now, or null when it is. */
export function refusal(
  kind: ApplicationKind,
  state: ApplicationState,
  action: ApplicationAction,
  role: Role,
  reason?: string | null,
): string | null {
  const transition = transitionFor(action);
  if (!parties[kind][transition.party].includes(role)) return `您的角色不能对该申请执行“${actionLabels[action]}”。`;
  if (!transition.from.includes(state)) {
    return `申请当前为“${stateLabels[state]}”，不能${actionLabels[action]}。`;
  }
  if (transition.reasonRequired && !(reason ?? "").trim()) return `${decisionLabel(kind, action, state)}须填写理由。`;
  return null;
}

/** The actions a role may take on an application in its state (the buttons to show). */
export function availableActions(kind: ApplicationKind, state: ApplicationState, role: Role): ApplicationAction[] {
  return transitions
    .filter((t) => t.from.includes(state) && parties[kind][t.party].includes(role))
    .map((t) => t.action);
}

/**
 * What an association may apply for from its home page: a registered
 * organization in good standing changes or cancels its registration; an
 * account without an organization (a preparatory group), or one of a
 * community organization filed with its street, applies for establishment.
 * An account stands for one organization: a registered one, even cancelled,
 * founds no other through it.
 */
export function startableKinds(organization: { type: string; status: string } | null | undefined): Array<"establishment" | "change" | "cancellation"> {
  if (!organization || organization.type === "community") return ["establishment"];
  return isLive(organization.status) ? ["change", "cancellation"] : [];
}

/** The states of an application being dealt with: submitted and not yet decided. */
export const openStates: readonly ApplicationState[] = ["submitted", "accepted", "returned"];

/** States in which the applicant may still edit what they ask for. */
export function editableByApplicant(state: ApplicationState): boolean {
  return state === "draft" || state === "returned";
}

/** Why this role may not edit what an application asks for now, or null: only its applicant, while a draft or returned. */
export function applicantEditRefusal(role: Role, app: { kind: ApplicationKind; state: ApplicationState }): string | null {
  if (!parties[app.kind].applicant.includes(role)) return "只有申请人可以修改申请内容。";
  if (!editableByApplicant(app.state)) return "申请已提交，不能再修改；如需修改请等待退回补正。";
  return null;
}

/**
 * Whether an establishment waits for its 业务主管单位 before the registry takes it
 * up: one that names a unit and is not of the four kinds registered directly
 * (社会团体登记管理条例 art. 9; 民办非企业单位登记管理暂行条例 art. 3, 9).
 */
export function unitReviewNeeded(kind: ApplicationKind, proposal: { registrationRoute?: string | null; supervisingUnit?: string | null; type?: string | null }): string | null {
  if (kind !== "establishment" || proposal.type === "foundation") return null;
  const unit = (proposal.supervisingUnit ?? "").trim();
  if (!unit || (proposal.registrationRoute && proposal.registrationRoute !== "supervised")) return null;
  return unit;
}

export function unitReviewBasis(type: string | null | undefined): string {
  return type === "private_non_enterprise" ? "《民办非企业单位登记管理暂行条例》第三条、第九条" : "《社会团体登记管理条例》第九条";
}

/** Why the registry may not take the application up yet for want of its unit's consent; null when it may. */
export function unitReviewRefusal(
  kind: ApplicationKind,
  proposal: { registrationRoute?: string | null; supervisingUnit?: string | null; type?: string | null },
  review: { unitName: string | null; unitDecision: string | null; unitOpinion: string | null },
): string | null {
  const unit = unitReviewNeeded(kind, proposal);
  if (!unit) return null;
  const byThisUnit = review.unitName === unit;
  if (byThisUnit && review.unitDecision === "consented") return null;
  if (byThisUnit && review.unitDecision === "withheld") {
    return `业务主管单位（${unit}）审查不同意（${review.unitOpinion ?? ""}），不能受理；可以作出不予受理的决定并说明理由。`;
  }
  return `须经业务主管单位（${unit}）审查同意后方可受理（${unitReviewBasis(proposal.type)}）。`;
}

export const unitDecisionLabels = { consented: "业务主管单位审查同意", withheld: "业务主管单位审查不同意" } as const;

/** Days left before the statutory deadline of an accepted application (negative once past). */
export function daysLeftOf(app: { state: ApplicationState; dueOn: string | null }, now: Date): number | null {
  return app.dueOn && app.state === "accepted" ? daysBetween(now, startOfShanghaiDay(app.dueOn)) : null;
}
