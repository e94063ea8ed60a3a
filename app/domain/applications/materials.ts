/**
 * What an applicant hands in for each kind of application, as the regulations
 * list it, and the one notice that tells them everything still missing
 * (一次性告知, 行政许可法 art. 32). Pure: the page shows the list to the
 * applicant, and the officer ticks from it when returning for correction.
 */
import type { ApplicationKind, OrganizationType, RegistrationRoute } from "../../../vocabulary";
import { isDirectRegistration } from "./establishment";
import { requestedChanges } from "./changes";

/** Which material of its application's list a file is; "other" for anything the list does not name. */
export type MaterialKey =
  | "application_form"
  | "unit_approval"
  | "funds_premises"
  | "principals"
  | "charter"
  | "change_form"
  | "unit_consent"
  | "change_resolution"
  | "new_representative"
  | "new_premises"
  | "funds_report"
  | "cancellation_form"
  | "unit_review"
  | "liquidation_report"
  | "filing_form"
  | "member_list"
  | "principal_id"
  | "rules"
  | "premises";

export const otherMaterial = "other";
export const otherMaterialLabel = "其他材料";

export interface Template {
  href: string;
  /** The file's name when downloaded. */
  fileName: string;
}

export interface Material {
  key: MaterialKey;
  name: string;
  /** The article that asks for it. */
  basis: string;
  /** Whether the application may be submitted without it. */
  required: boolean;
  /** When it is asked for, or why it may be left out. */
  note?: string;
  /** A standard text to start from. */
  template?: Template;
}

const groupRegulation = "《社会团体登记管理条例》";
const privateRegulation = "《民办非企业单位登记管理暂行条例》";

/** The standard texts served from public/templates/. */
export const templates = {
  establishmentForm: { href: "/templates/establishment-application.txt", fileName: "成立登记申请书.txt" },
  principals: { href: "/templates/principal-information.txt", fileName: "负责人基本情况表.txt" },
  groupCharter: { href: "/templates/charter-social-group.txt", fileName: "社会团体章程示范文本.txt" },
  privateCharter: { href: "/templates/charter-private-non-enterprise.txt", fileName: "民办非企业单位章程示范文本.txt" },
  changeForm: { href: "/templates/change-application.txt", fileName: "变更登记申请书.txt" },
  cancellationForm: { href: "/templates/cancellation-application.txt", fileName: "注销登记申请书.txt" },
  liquidationReport: { href: "/templates/liquidation-report.txt", fileName: "清算报告书.txt" },
  filingForm: { href: "/templates/community-filing.txt", fileName: "社区社会组织备案申请表.txt" },
} as const satisfies Record<string, Template>;

/**
 * Establishment: 社会团体登记管理条例 art. 11; 民办非企业单位登记管理暂行条例 art. 9.
 * Change: 社会团体登记管理条例 art. 18, 民办非企业单位登记管理暂行条例 art. 14, with
 * what the changed items themselves need (a new legal representative's particulars,
 * a new address's right of use, a new capital's audit). Cancellation: 社会团体登记管理条例
 * art. 21, 民办非企业单位登记管理暂行条例 art. 16. A directly registered
 * organization has no 业务主管单位 and so no document of one; an establishment's
 * unit consents on this platform (rules.ts, unitReviewNeeded), so its paper is optional.
 */
export function requiredMaterials(
  kind: ApplicationKind,
  type: OrganizationType | null | undefined,
  route: RegistrationRoute | null | undefined,
  hasSupervisingUnit = true,
  /** A change: the register fields it changes. */
  changed: readonly string[] = [],
): Material[] {
  const group = type !== "private_non_enterprise";
  const regulation = group ? groupRegulation : privateRegulation;
  if (kind === "establishment") {
    const basis = `${regulation}第${group ? "十一" : "九"}条`;
    return [
      { key: "application_form", name: "登记申请书", basis, required: true, template: templates.establishmentForm },
      ...(isDirectRegistration(route)
        ? []
        : [{ key: "unit_approval" as const, name: "业务主管单位的批准文件", basis, required: false, note: "业务主管单位在本平台出具审查意见；已有书面批准文件的可一并上传" }]),
      { key: "funds_premises", name: group ? "验资报告、场所使用权证明" : "场所使用权证明、验资报告", basis, required: true },
      {
        key: "principals",
        name: group ? "发起人和拟任负责人的基本情况、身份证明" : "拟任负责人的基本情况、身份证明",
        basis,
        required: true,
        template: templates.principals,
      },
      { key: "charter", name: "章程草案", basis, required: true, template: group ? templates.groupCharter : templates.privateCharter },
    ];
  }
  if (kind === "change") {
    const basis = `${regulation}第${group ? "十八" : "十四"}条`;
    const list: Material[] = [
      { key: "change_form", name: "变更登记申请书", basis, required: true, template: templates.changeForm },
      ...(hasSupervisingUnit ? [{ key: "unit_consent" as const, name: "业务主管单位审查同意的文件", basis, required: true }] : []),
      { key: "change_resolution", name: "变更事项的证明材料（如会员（代表）大会或理事会决议）", basis, required: true },
    ];
    if (changed.includes("legalRepresentative")) {
      list.push({ key: "new_representative", name: "拟任法定代表人的基本情况、身份证明", basis, required: true, note: "变更法定代表人的", template: templates.principals });
    }
    if (changed.includes("address")) list.push({ key: "new_premises", name: "新住所的使用权证明", basis, required: true, note: "变更住所的" });
    if (changed.includes("registeredFunds")) list.push({ key: "funds_report", name: "验资报告", basis, required: true, note: "变更注册资金的" });
    return list;
  }
  if (kind === "cancellation") {
    const basis = `${regulation}第${group ? "二十一" : "十六"}条`;
    return [
      { key: "cancellation_form", name: group ? "法定代表人签署的注销登记申请书" : "注销登记申请书", basis, required: true, template: templates.cancellationForm },
      ...(hasSupervisingUnit ? [{ key: "unit_review" as const, name: "业务主管单位的审查文件", basis, required: true }] : []),
      { key: "liquidation_report", name: group ? "清算报告书" : "清算报告", basis, required: true, template: templates.liquidationReport },
    ];
  }
  const basis = "《民政部关于大力培育发展社区社会组织的意见》（民发〔2017〕191号）";
  return [
    { key: "filing_form", name: "备案申请表", basis, required: true, template: templates.filingForm },
    { key: "member_list", name: "成员名单", basis, required: true, note: "备案申请表附有成员名单的，可与申请表合为一份" },
    { key: "principal_id", name: "负责人身份证明", basis, required: true },
    { key: "rules", name: "章程或活动规则", basis, required: true },
    { key: "premises", name: "活动场所证明", basis, required: false, note: "有固定活动场所的提交；在社区公共场所活动的可不交" },
  ];
}

/** What a change's list adds once the draft says what it changes (requiredMaterials, `changed`). */
export const changeMaterialsNote =
  "变更法定代表人、住所或注册资金的，另需拟任法定代表人的基本情况和身份证明、新住所的使用权证明或验资报告；保存草稿后列入清单。";

/** The material each file is, as the applicant said when uploading it. */
export interface AttachedFile {
  material: string | null;
}

/** Each material of the list with the files attached for it. */
export function materialChecklist<F extends AttachedFile>(materials: readonly Material[], files: readonly F[]): Array<Material & { files: F[] }> {
  return materials.map((m) => ({ ...m, files: files.filter((f) => f.material === m.key) }));
}

/** The required materials with no file attached: the application may not be submitted while any is. */
export function missingMaterials(materials: readonly Material[], files: readonly AttachedFile[]): Material[] {
  return materials.filter((m) => m.required && !files.some((f) => f.material === m.key));
}

/** Why a submission is refused for want of materials, naming each; null when none is missing. */
export function missingMaterialsProblem(missing: readonly Pick<Material, "name">[]): string | null {
  if (!missing.length) return null;
  return `尚未上传以下必交材料：${missing.map((m, i) => `${i + 1}. ${m.name}`).join("；")}。请在“申请材料”中逐项上传后再提交。`;
}

/** Whether `key` names a material of the list, or is "other". */
export function isMaterialOf(materials: readonly Material[], key: string): boolean {
  return key === otherMaterial || materials.some((m) => m.key === key);
}

/** The name of what a file was attached as: its material's, 其他材料 otherwise. */
export function materialName(materials: readonly Material[], key: string | null): string {
  return materials.find((m) => m.key === key)?.name ?? otherMaterialLabel;
}

/**
 * The return-for-correction notice: every missing item at once, numbered, and
 * anything else to correct; null when nothing is named (the notice must name what to supply).
 */
export function materialsNotice(missing: readonly string[], other: string | null | undefined): string | null {
  const items = [...new Set(missing.map((m) => m.trim()).filter(Boolean))];
  const rest = (other ?? "").trim();
  if (!items.length && !rest) return null;
  const numbered = items.map((m, i) => `${i + 1}. ${m}`).join("；");
  const parts = [items.length ? `请一次性补正以下材料：${numbered}。` : "", rest ? `${items.length ? "其他需补正的事项：" : ""}${rest}` : ""];
  return parts.filter(Boolean).join("");
}

/**
 * What a cancellation's approval records as handed back (社会团体登记管理条例
 * art. 21: the certificate and seals; 民办非企业单位登记管理暂行条例 art. 16:
 * also the financial vouchers).
 */
export type ReturnedItem = "certificate" | "seals" | "financial_records";

export const returnedItemLabels: Record<ReturnedItem, string> = {
  certificate: "登记证书正本、副本",
  seals: "印章",
  financial_records: "财务凭证",
};

export function itemsToReturn(type: OrganizationType | null | undefined): ReturnedItem[] {
  return type === "private_non_enterprise" ? ["certificate", "seals", "financial_records"] : ["certificate", "seals"];
}

export function handoverBasis(type: OrganizationType | null | undefined): string {
  return type === "private_non_enterprise" ? `${privateRegulation}第十六条` : `${groupRegulation}第二十一条`;
}

/** Why a cancellation cannot be approved yet: something still to be handed back; null once everything is. */
export function handoverProblem(type: OrganizationType | null | undefined, returned: readonly string[]): string | null {
  const missing = itemsToReturn(type).filter((item) => !returned.includes(item));
  if (!missing.length) return null;
  return `准予注销前须收缴${missing.map((m) => returnedItemLabels[m]).join("、")}（${handoverBasis(type)}）`;
}

/** "已收缴登记证书正本、副本、印章": the line kept with the decision. */
export function handoverRecord(type: OrganizationType | null | undefined): string {
  return `已收缴${itemsToReturn(type).map((m) => returnedItemLabels[m]).join("、")}（${handoverBasis(type)}）`;
}

/**
 * The list for one application: its kind, the organization's type and route,
 * whether it has a 业务主管单位, and, for a change, what it changes (from what
 * the applicant started from, as the decision will apply it).
 */
export function applicationMaterials(
  app: { kind: ApplicationKind; proposed: Record<string, unknown>; baseline?: Record<string, unknown> | null },
  organization: { type: OrganizationType; supervisingUnit: string | null } | null | undefined,
): Material[] {
  const proposal = app.proposed as { type?: OrganizationType; registrationRoute?: RegistrationRoute };
  const type = proposal.type ?? organization?.type ?? null;
  const hasUnit = app.kind === "establishment" ? true : !!organization?.supervisingUnit;
  const changed = app.kind === "change" ? Object.keys(requestedChanges(app.proposed, app.baseline ?? (organization as Record<string, unknown> | null | undefined))) : [];
  return requiredMaterials(app.kind, type, proposal.registrationRoute, hasUnit, changed);
}
