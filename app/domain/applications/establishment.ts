/**
 * The legal conditions a 社会团体 must meet to be established (社会团体登记管理条例
 * art. 10): at least 50 individual or 30 unit members, at least 30,000 yuan of
 * funds for a local group, and a supervising unit. Each failure is explained
 * beside the field it concerns.
 */
export interface SocialGroupConditions {
  individualMembers: number;
  unitMembers: number;
  registeredFunds: number;
  supervisingUnit: string;
}

export const socialGroupMinimum = { individualMembers: 50, unitMembers: 30, registeredFunds: 30_000 } as const;

export function socialGroupConditionProblems(c: SocialGroupConditions): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (c.individualMembers < socialGroupMinimum.individualMembers && c.unitMembers < socialGroupMinimum.unitMembers) {
    const message = `社会团体须有 50 个以上个人会员或者 30 个以上单位会员（现为个人会员 ${c.individualMembers} 个、单位会员 ${c.unitMembers} 个）`;
    problems.individualMembers = [message];
    problems.unitMembers = [message];
  }
  if (c.registeredFunds < socialGroupMinimum.registeredFunds) {
    problems.registeredFunds = [`地方性社会团体须有 3 万元以上活动资金（现为 ${c.registeredFunds.toLocaleString("zh-CN")} 元）`];
  }
  if (!c.supervisingUnit.trim()) problems.supervisingUnit = ["社会团体须有业务主管单位"];
  return problems;
}
