/**
 * What an applicant hands in for each kind of application, as the regulations
 * list it, and the one notice that tells them everything still missing
 * (一次性告知, 行政许可法 art. 32). Pure: the page shows the list to the
 * applicant, and the officer ticks from it when returning for correction.
 */
import type { ApplicationKind, OrganizationType, RegistrationRoute } from "../../../vocabulary";
import { isDirectRegistration } from "./establishment";

export interface Material {
  name: string;
  /** The article that asks for it. */
  basis: string;
}

const groupRegulation = "《社会团体登记管理条例》";
const privateRegulation = "《民办非企业单位登记管理暂行条例》";

/**
 * Establishment: 社会团体登记管理条例 art. 11; 民办非企业单位登记管理暂行条例 art. 9.
 * Change: 社会团体登记管理条例 art. 18, 民办非企业单位登记管理暂行条例 art. 14.
 * Cancellation: 社会团体登记管理条例 art. 21, 民办非企业单位登记管理暂行条例 art. 16.
 * A directly registered organization has no 业务主管单位 and so no document of one.
 */
export function requiredMaterials(
  kind: ApplicationKind,
  type: OrganizationType | null | undefined,
  route: RegistrationRoute | null | undefined,
  hasSupervisingUnit = true,
): Material[] {
  const group = type !== "private_non_enterprise";
  const regulation = group ? groupRegulation : privateRegulation;
  if (kind === "establishment") {
    const article = `${regulation}第${group ? "十一" : "九"}条`;
    const list: Material[] = [
      { name: "登记申请书", basis: article },
      ...(isDirectRegistration(route) ? [] : [{ name: "业务主管单位的批准文件", basis: article }]),
      { name: group ? "验资报告、场所使用权证明" : "场所使用权证明、验资报告", basis: article },
      { name: group ? "发起人和拟任负责人的基本情况、身份证明" : "拟任负责人的基本情况、身份证明", basis: article },
      { name: "章程草案", basis: article },
    ];
    return list;
  }
  if (kind === "change") {
    const article = `${regulation}第${group ? "十八" : "十四"}条`;
    return [
      { name: "变更登记申请书", basis: article },
      ...(hasSupervisingUnit ? [{ name: "业务主管单位审查同意的文件", basis: article }] : []),
      { name: "变更事项的证明材料（如会员（代表）大会或理事会决议）", basis: article },
    ];
  }
  if (kind === "cancellation") {
    const article = `${regulation}第${group ? "二十一" : "十六"}条`;
    return [
      { name: group ? "法定代表人签署的注销登记申请书" : "注销登记申请书", basis: article },
      ...(hasSupervisingUnit ? [{ name: "业务主管单位的审查文件", basis: article }] : []),
      { name: group ? "清算报告书" : "清算报告", basis: article },
    ];
  }
  const filing = "《民政部关于大力培育发展社区社会组织的意见》（民发〔2017〕191号）";
  return [
    { name: "备案申请表", basis: filing },
    { name: "成员名单", basis: filing },
    { name: "负责人身份证明", basis: filing },
    { name: "章程或活动规则", basis: filing },
    { name: "活动场所证明", basis: filing },
  ];
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
