/**
 * 其他信用信息 (社会组织信用信息管理办法 art. 5): besides the evaluation grade, the
 * awards an organization received (表彰奖励) and the government services it was
 * contracted for (承接政府购买服务). The registry records them; they are public on
 * the organization's record; one found wrong is withdrawn with the reason.
 */
import { otherCreditKinds, type OtherCreditKind } from "../../../vocabulary";
import { recordDateProblem } from "../shared/time";

export { otherCreditKinds, type OtherCreditKind };

export const otherCreditKindLabels: Record<OtherCreditKind, string> = {
  award: "表彰奖励",
  service_contract: "承接政府购买服务",
};

/** What each field is called for each kind: an award is granted, a contract signed. */
export const otherCreditFieldLabels: Record<OtherCreditKind, { title: string; grantor: string; decidedOn: string; documentNumber: string }> = {
  award: { title: "表彰奖励名称", grantor: "授予机关", decidedOn: "表彰日期", documentNumber: "表彰文号" },
  service_contract: { title: "服务项目名称", grantor: "购买主体", decidedOn: "合同签订日期", documentNumber: "合同编号" },
};

export interface OtherCreditInput {
  kind: OtherCreditKind;
  decidedOn: string;
  amount?: number;
  periodUntil?: string;
}

/** The problems of an entry, beside its fields: the date no later than today; a contract's amount and period; an award has neither. */
export function otherCreditProblems(input: OtherCreditInput, today: string): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const dateProblem = recordDateProblem(input.decidedOn, today, otherCreditFieldLabels[input.kind].decidedOn);
  if (dateProblem) problems.decidedOn = [dateProblem];
  if (input.kind === "award") {
    if (input.amount !== undefined) problems.amount = ["表彰奖励不填写合同金额"];
    if (input.periodUntil !== undefined) problems.periodUntil = ["表彰奖励不填写服务期限"];
    return problems;
  }
  if (input.amount === undefined) problems.amount = ["请填写合同金额（元）"];
  if (input.periodUntil === undefined) problems.periodUntil = ["请填写服务期限截止日期"];
  else if (input.periodUntil < input.decidedOn) problems.periodUntil = ["服务期限截止日期不能早于合同签订日期"];
  return problems;
}
