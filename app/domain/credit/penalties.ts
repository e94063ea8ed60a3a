/**
 * 行政处罚 as the regulations set them, pure so that pages and tests share them:
 * the kinds a registry may decide on each kind of organization, what a decision
 * must say, and what a decision does to the register and to the organization's
 * credit (社会组织信用信息管理办法, 民政部令第60号).
 */
import type { OrganizationStatus, OrganizationType, PenaltyKind } from "../../../vocabulary";

export type { PenaltyKind };

export const penaltyKindLabels: Record<PenaltyKind, string> = {
  warning: "警告",
  fine: "罚款",
  confiscation: "没收违法所得、非法财产",
  suspension: "限期停止活动",
  revocation: "撤销登记",
  certificate_withdrawal: "吊销登记证书",
};

/** The article that lists the penalties a registry may decide, by kind of organization. */
export function penaltyArticle(type: OrganizationType): string {
  return type === "private_non_enterprise"
    ? "《民办非企业单位登记管理暂行条例》第二十五条"
    : type === "foundation"
      ? "《基金会管理条例》第四十二条"
      : "《社会团体登记管理条例》第三十条";
}

/** A decision that ends the registration: the register's status becomes 已撤销 with it. */
export function endsRegistration(kind: PenaltyKind): boolean {
  return kind === "revocation" || kind === "certificate_withdrawal";
}

/** 50,000 yuan, in fen: the line between a fine for the abnormal list and one for the serious-violation list. */
export const seriousFineFen = 5_000_000;

/**
 * What a penalty means for the organization's credit (社会组织信用信息管理办法):
 * a warning or a fine under 50,000 yuan is a trigger of the 活动异常名录 (art. 10(5));
 * an order to stop activities, a fine of 50,000 yuan or more, and a revocation or a
 * withdrawn certificate are triggers of the 严重违法失信名单 (art. 17(3), (4), (7)).
 * Two or more warnings or smaller fines within three years are one too (art. 17(5)):
 * that counts the organization's history, not one decision. Confiscation alone is neither.
 */
export function creditConsequence(p: { kind: PenaltyKind; amountFen: number | null }): "abnormal" | "serious" | null {
  switch (p.kind) {
    case "warning":
      return "abnormal";
    case "fine":
      return (p.amountFen ?? 0) >= seriousFineFen ? "serious" : "abnormal";
    case "suspension":
    case "revocation":
    case "certificate_withdrawal":
      return "serious";
    case "confiscation":
      return null;
  }
}

export const creditConsequenceLabels = {
  abnormal: "可列入活动异常名录（《社会组织信用信息管理办法》第十条第五项）",
  serious: "可列入严重违法失信名单（《社会组织信用信息管理办法》第十七条）",
} as const;

export interface PenaltyInput {
  kind: PenaltyKind;
  /** Yuan, as typed; required for a fine. */
  amount?: number;
  suspendedFrom?: string;
  suspendedUntil?: string;
  facts: string;
  legalBasis: string;
  decisionNumber: string;
  decidedOn: string;
  authority: string;
}

/**
 * What stops a decision being recorded, by field: a decision is dated no later
 * than today; a fine states its amount; an order to stop activities its period,
 * beginning no earlier than the decision; an organization no longer registered
 * (cancelled or revoked) cannot be penalised, and registration is ended only once.
 */
export function penaltyProblems(input: PenaltyInput, org: { status: OrganizationStatus; type: OrganizationType }, today: string): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] = [...(problems[field] ?? []), message]);
  if (org.type === "community") add("kind", "社区社会组织为备案管理，不适用本条例的行政处罚；请按备案管理办法处理");
  if (org.status === "cancelled" || org.status === "revoked") add("kind", `该组织已${org.status === "cancelled" ? "注销" : "撤销登记"}，不能再作出行政处罚决定`);
  if (input.decidedOn > today) add("decidedOn", "决定日期不能晚于今天");
  if (input.kind === "fine" && !(input.amount && input.amount > 0)) add("amount", "罚款须写明金额");
  if (input.kind === "suspension") {
    if (!input.suspendedFrom) add("suspendedFrom", "限期停止活动须写明起始日期");
    if (!input.suspendedUntil) add("suspendedUntil", "限期停止活动须写明截止日期");
    if (input.suspendedFrom && input.suspendedFrom < input.decidedOn) add("suspendedFrom", "停止活动的起始日期不能早于决定日期");
    if (input.suspendedFrom && input.suspendedUntil && input.suspendedUntil < input.suspendedFrom) add("suspendedUntil", "截止日期不能早于起始日期");
  }
  return problems;
}
