/**
 * What listing an organization on, or removing it from, the 活动异常名录 or the
 * 严重违法失信名单 will do, for the confirmation asked before either
 * (app/domain/shared/confirmation.ts). Pure.
 */
import { namedBatch, type Confirmation } from "../shared/confirmation";

export type CreditList = "abnormal" | "serious";

export const creditListLabels: Record<CreditList, string> = { abnormal: "活动异常名录", serious: "严重违法失信名单" };

const publicPlace: Record<CreditList, string> = {
  abnormal: "公开的活动异常名录",
  serious: "公开的严重违法失信名单",
};

/** 列入: who goes on which list, from when, on what ground. */
export function listingConfirmation(input: {
  entries: ReadonlyArray<{ name: string; list: CreditList }>;
  listedOn: string;
  /** The ground as chosen or typed (列入情形, 列入原因). */
  ground?: string;
  evidence?: string;
}): Confirmation {
  const lists = (["abnormal", "serious"] as const).filter((list) => input.entries.some((e) => e.list === list));
  const only = lists.length === 1 ? lists[0]! : null;
  const facts: Array<readonly [string, string]> = lists.map(
    (list) => [`列入${creditListLabels[list]}`, namedBatch(input.entries.filter((e) => e.list === list).map((e) => e.name), "个组织")] as const,
  );
  if (!facts.length) facts.push(["列入", "（未选择组织）"]);
  facts.push(["列入日期", input.listedOn || "（未填写）"]);
  if (input.ground !== undefined) facts.push(["列入事由", input.ground || "（未填写）"]);
  if (input.evidence !== undefined) facts.push(["事实和证据", input.evidence || "（未填写）"]);
  const effects = [
    `列入后在${lists.map((l) => publicPlace[l]).join("和") || "公开名录"}及该组织的公开信用信息中向社会公示，注明事由和依据。`,
    ...(lists.includes("abnormal") ? ["该组织登记状态标注为“列入活动异常名录”；列入满 2 年的，将被建议移入严重违法失信名单。"] : []),
    "列入记入该组织的变更记录和审计日志。",
  ];
  return {
    action: only ? `列入${creditListLabels[only]}` : "列入名录",
    facts,
    effects,
    irreversible: "列入决定不能撤销；只能在已履行义务、完成整改或列入有误等法定情形下移出，列入记录始终保留。",
  };
}

/** 移出: one listing taken off its list, with the reason shown in public. */
export function removalConfirmation(input: { name: string; list: CreditList; ground: string; removal?: string; reason: string }): Confirmation {
  const facts: Array<readonly [string, string]> = [
    ["组织", input.name],
    ["名录", creditListLabels[input.list]],
    ["列入事由", input.ground],
  ];
  if (input.removal !== undefined) facts.push(["移出情形", input.removal]);
  facts.push(["移出原因", input.reason || "（未填写）"]);
  return {
    action: `移出${creditListLabels[input.list]}`,
    facts,
    effects: [
      `${publicPlace[input.list]}中显示移出日期和原因，原列入记录仍可查阅。`,
      ...(input.list === "abnormal" ? ["该组织不再有其他列入事由的，登记状态恢复为正常。"] : []),
      "移出记入变更记录和审计日志。",
    ],
    irreversible: "移出后不能恢复；如需再列入，须重新作出列入决定。",
  };
}
