/**
 * What the supervision committee's 审核通过并公开 will do, for the confirmation
 * asked before it (app/domain/shared/confirmation.ts). Pure.
 */
import type { PostingCategory } from "../../../vocabulary";
import { postedText, type Confirmation, type PostedValues } from "../shared/confirmation";
import { categoryLabels, periodLabel } from "./rules";

export function publishConfirmation(
  posting: { title: string; category: PostingCategory; period: string | null; number: number; files: readonly unknown[] },
  values: PostedValues,
): Confirmation {
  const correction = posting.number > 1;
  return {
    action: "审核通过并公开",
    facts: [
      ["公开事项", posting.title],
      ["类别", categoryLabels[posting.category]],
      ["公开期间", posting.period ? periodLabel(posting.period) : "—"],
      ["版本", correction ? `第 ${posting.number} 版（更正第 ${posting.number - 1} 版）` : `第 ${posting.number} 版`],
      ["附件", `${posting.files.length} 个文件`],
      ["审核意见", postedText(values, "opinion") || "（未填写）"],
    ],
    effects: [
      "公开后全体村民和社会公众可在村务公开栏和网站上看到，内容连同审核意见和审核人一并公开。",
      correction ? `公开页面改为显示第 ${posting.number} 版和更正原因，原版本仍可查阅。` : "公开内容记入本村的公开记录链。",
    ],
    irreversible: "公开后内容不可修改，只能以新版本更正或撤回，原内容始终可查。",
  };
}
