/**
 * What submitting an application and deciding one will do, for the
 * confirmation asked before either (app/domain/shared/confirmation.ts). Pure:
 * the dialog builds it from the form in the browser, the confirmation page from
 * the fields posted.
 */
import type { OrganizationType } from "../../../vocabulary";
import { postedList, postedText, type Confirmation, type PostedValues } from "../shared/confirmation";
import { communityCategoryLabels, organizationTypeLabels } from "../organizations/rules";
import { changeableFields, proposalLabels, type Proposal } from "./forms";
import { returnedItemLabels } from "./materials";
import { decisionLabel, kindLabels, rightOfReview, unitReviewNeeded, type ApplicationKind, type ApplicationState } from "./rules";

const typeLabel = (type: string) => organizationTypeLabels[type as OrganizationType] ?? type;

/** The application as both summaries need it. */
export interface ApplicationFacts {
  kind: ApplicationKind;
  state: ApplicationState;
  title?: string;
  /** The applicant's proposal as saved (the applicant's summary reads the form instead). */
  proposal: Proposal;
  /** The register's record, for a change or cancellation. */
  organization: Record<string, unknown> | null;
  /** Files uploaded with it. */
  files: readonly unknown[];
}

/** The facts of an application page's detail. */
export function applicationFacts(detail: {
  application: { kind: ApplicationKind; state: ApplicationState; title?: string };
  proposal: Proposal;
  organization: Record<string, unknown> | null;
  files: readonly unknown[];
}): ApplicationFacts {
  const { kind, state, title } = detail.application;
  return { kind, state, title, proposal: detail.proposal, organization: detail.organization, files: detail.files };
}

/** A field of the register's record as text ("" when empty). */
const recorded = (app: ApplicationFacts, field: string) => {
  const value = app.organization?.[field];
  return value === null || value === undefined ? "" : String(value);
};

/** 提交申请 / 提交备案 / 补正后重新提交: what the applicant's form will send, to whom, and that it is then out of their hands. */
export function submitConfirmation(app: ApplicationFacts, values: PostedValues): Confirmation {
  const resubmit = postedText(values, "intent") === "resubmit" || app.state === "returned";
  const filing = app.kind === "filing";
  const action = resubmit ? "补正后重新提交" : filing ? "提交备案" : "提交申请";
  const name = postedText(values, "name") || recorded(app, "name") || app.proposal.name || (app.title ?? "");
  const unit = unitReviewNeeded(app.kind, {
    type: postedText(values, "type") || app.proposal.type,
    registrationRoute: postedText(values, "registrationRoute") || app.proposal.registrationRoute,
    supervisingUnit: postedText(values, "supervisingUnit"),
  });
  const facts: Array<readonly [string, string]> = [
    ["申请事项", kindLabels[app.kind]],
    ["组织名称", name],
    ["已上传材料", `${app.files.length} 个文件`],
  ];
  const effects = filing
    ? ["提交后由街道（镇）审查，准予备案的记入社区社会组织备案名册并在公开登记信息中显示。"]
    : [
        unit
          ? `提交后先送业务主管单位（${unit}）审查，同意后由登记管理机关受理审查。`
          : "提交后送登记管理机关审查：材料不全的，将一次性告知需补正的全部内容；齐全的予以受理。",
        "审查结果和理由将在本页告知。",
      ];
  return {
    action,
    facts,
    effects,
    irreversible: "提交后不能再修改或撤回申请内容和材料；只有被退回补正时才能修改。",
  };
}

/** The fields a change would write, as "原 → 新". */
function changedFields(app: ApplicationFacts): Array<readonly [string, string]> {
  return changeableFields
    .filter((field) => app.proposal[field] !== undefined && String(app.proposal[field] ?? "") !== recorded(app, field))
    .map((field) => [proposalLabels[field], `${recorded(app, field) || "（空）"} → ${String(app.proposal[field])}`] as const);
}

const approvalLabels: Record<ApplicationKind, string> = {
  establishment: "准予成立登记",
  change: "准予变更登记",
  cancellation: "准予注销登记",
  filing: "准予备案",
};

/** 准予 / 不予登记 (不予受理, 不予备案): what the decision writes, who is told, and that it stands. */
export function decisionConfirmation(app: ApplicationFacts, values: PostedValues): Confirmation {
  const decision = postedText(values, "decision") === "reject" ? "reject" : "approve";
  const label = decision === "reject" ? decisionLabel(app.kind, decision, app.state) : approvalLabels[app.kind];
  const name = app.proposal.name || recorded(app, "name") || (app.title ?? "");
  if (decision === "reject") {
    return {
      action: label,
      facts: [
        ["申请事项", [kindLabels[app.kind], app.title].filter(Boolean).join("：")],
        ["理由", postedText(values, "reason")],
      ],
      effects: [
        `作出${label}的决定，申请人将在申请页面看到决定、理由和救济途径：${rightOfReview}`,
        app.kind === "change" || app.kind === "cancellation" ? "登记簿不作改动。" : "不写入登记簿。",
      ],
      irreversible: `${label}的决定作出后不能撤销，本申请办结；申请人如有需要须重新申请。`,
    };
  }
  const facts: Array<readonly [string, string]> = [["申请事项", [kindLabels[app.kind], app.title].filter(Boolean).join("：")]];
  const effects: string[] = [];
  if (app.kind === "establishment") {
    facts.push(
      ["名称", name],
      ["类型", typeLabel(app.proposal.type ?? "")],
      ["法定代表人", app.proposal.legalRepresentative ?? ""],
      ["统一社会信用代码", postedText(values, "uscc")],
      ["登记证书编号", postedText(values, "certificateNumber")],
    );
    effects.push("准予登记后将写入登记簿，登记状态为正常，并在公开登记信息和开放数据中向社会公示。");
  } else if (app.kind === "filing") {
    facts.push(["名称", name], ["类别", app.proposal.category ? communityCategoryLabels[app.proposal.category] : ""], ["负责人", app.proposal.legalRepresentative ?? ""]);
    effects.push("准予备案后将写入社区社会组织备案名册，生成备案编号，并在公开登记信息中显示。");
  } else if (app.kind === "change") {
    const changes = changedFields(app);
    facts.push(["组织", recorded(app, "name") || name], ...(changes.length ? changes : [["变更事项", "（无）"] as const]));
    effects.push("准予变更后，登记簿中以上事项改为申请的内容，变更记录中保留原登记内容，公开登记信息随之更新。");
  } else {
    const returned = postedList(values, "returned").map((item) => returnedItemLabels[item as keyof typeof returnedItemLabels] ?? item);
    facts.push(["组织", recorded(app, "name") || name], ["统一社会信用代码", recorded(app, "uscc") || recorded(app, "filingNumber")], ["已收缴", returned.join("、") || "（未勾选）"]);
    effects.push("准予注销后，登记簿中该组织的登记状态改为已注销，公开登记信息中显示注销日期；该组织不能再以社会组织名义活动。");
  }
  effects.push("申请人将在申请页面看到准予的决定。");
  return { action: label, facts, effects, irreversible: `${label}后即写入登记簿，此操作不可撤销；如有错误只能通过更正登记处理。` };
}
