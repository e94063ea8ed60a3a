import type { RegistrationRoute } from "../../../vocabulary";

/**
 * The legal conditions a 社会团体 must meet to be established (社会团体登记管理条例
 * art. 10): its members (item 1), at least 30,000 yuan of funds for a local
 * group (item 5). Each failure is explained beside the
 * field it concerns, with the article it follows.
 */
export interface SocialGroupConditions {
  individualMembers: number;
  unitMembers: number;
  registeredFunds: number;
}

export const socialGroupMinimum = { individualMembers: 50, unitMembers: 30, registeredFunds: 30_000 } as const;

/**
 * 社会团体登记管理条例 art. 10(1): 50 or more individual members, or 30 or more
 * unit members; a membership of both kinds must number at least 50 in all
 * (40 individuals and 15 units qualify; 10 individuals and 30 units do not).
 */
export function membershipProblem(individualMembers: number, unitMembers: number): string | null {
  const now = `现为个人会员 ${individualMembers} 个、单位会员 ${unitMembers} 个`;
  if (individualMembers > 0 && unitMembers > 0) {
    return individualMembers + unitMembers >= socialGroupMinimum.individualMembers
      ? null
      : `个人会员、单位会员混合组成的社会团体，会员总数不得少于 50 个（${now}，共 ${individualMembers + unitMembers} 个；《社会团体登记管理条例》第十条第一项）`;
  }
  return individualMembers >= socialGroupMinimum.individualMembers || unitMembers >= socialGroupMinimum.unitMembers
    ? null
    : `社会团体须有 50 个以上个人会员或者 30 个以上单位会员（${now}；《社会团体登记管理条例》第十条第一项）`;
}

export function socialGroupConditionProblems(c: SocialGroupConditions): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const members = membershipProblem(c.individualMembers, c.unitMembers);
  if (members) {
    problems.individualMembers = [members];
    problems.unitMembers = [members];
  }
  if (c.registeredFunds < socialGroupMinimum.registeredFunds) {
    problems.registeredFunds = [`地方性社会团体须有 3 万元以上活动资金（现为 ${c.registeredFunds.toLocaleString("zh-CN")} 元；《社会团体登记管理条例》第十条第五项）`];
  }
  return problems;
}

/**
 * 基金会管理条例 art. 6 and 8: foundations are registered by the civil-affairs
 * department of a province (or of the State Council), with at least 2 million
 * yuan of original funds for a non-public foundation; a district registry takes
 * no foundation establishment, and says where to go.
 */
export const foundationRefusal =
  "区（县）登记管理机关不受理基金会设立登记：基金会由省、自治区、直辖市人民政府民政部门或者国务院民政部门登记，非公募基金会原始基金不低于 200 万元（《基金会管理条例》第六条、第八条）。请向福建省民政厅申请。";

export const directRegistrationBasis = "《关于改革社会组织管理制度促进社会组织健康有序发展的意见》（中办发〔2016〕46号）";

export const registrationRouteLabels: Record<RegistrationRoute, string> = {
  trade_association: "行业协会商会类（直接登记）",
  science_technology: "科技类（直接登记）",
  charity: "公益慈善类（直接登记）",
  community_service: "城乡社区服务类（直接登记）",
  supervised: "其他（须经业务主管单位审查同意）",
};

export function isDirectRegistration(route: RegistrationRoute | null | undefined): boolean {
  return !!route && route !== "supervised";
}

/**
 * Who must agree before a 社会团体 or 民办非企业单位 is registered. Since the 2016
 * reform (中办发〔2016〕46号) the four kinds above register directly, with no
 * 业务主管单位; any other needs its 业务主管单位's consent first (社会团体登记管理条例
 * art. 3, 9; 民办非企业单位登记管理暂行条例 art. 3, 8). The problem is put beside
 * the field it concerns; null when the two fields agree.
 */
export function supervisionProblems(route: RegistrationRoute | null | undefined, supervisingUnit: string | null | undefined): Record<string, string[]> {
  const unit = (supervisingUnit ?? "").trim();
  if (!route) return { registrationRoute: ["请选择登记方式：属于直接登记的四类社会组织，或须经业务主管单位审查同意"] };
  if (route === "supervised" && !unit) {
    return { supervisingUnit: ["不属于直接登记四类的，须经业务主管单位审查同意后申请登记，请填写业务主管单位（《社会团体登记管理条例》第三条、《民办非企业单位登记管理暂行条例》第三条）"] };
  }
  if (route !== "supervised" && unit) {
    return { supervisingUnit: [`${registrationRouteLabels[route].replace("（直接登记）", "")}社会组织直接登记，不设业务主管单位，请清空此项（${directRegistrationBasis}）`] };
  }
  return {};
}
