/**
 * What filing an annual report and publishing conclusions will do, for the
 * confirmation asked before either (app/domain/shared/confirmation.ts). Pure.
 */
import { postedText, namedBatch, type Confirmation, type PostedValues } from "../shared/confirmation";

/** A typed amount as the page writes amounts: "12,345.6 元"; what is not a number, as typed. */
function amount(text: string): string {
  const value = Number(text.replace(/[,，\s]/g, ""));
  return Number.isFinite(value) && text !== "" ? `${value.toLocaleString("zh-CN")} 元` : text;
}

/** 报送 / 修改后重新报送: the report goes to its reviewer and can no longer be changed. */
export function filingConfirmation(
  report: { year: number; organizationName: string; unitName: string | null; files: readonly unknown[] },
  values: PostedValues,
): Confirmation {
  const again = postedText(values, "intent") === "resubmit";
  const figure = (field: string) => {
    const text = postedText(values, field);
    return text ? amount(text) : "未填写";
  };
  return {
    action: again ? "修改后重新报送" : "报送",
    facts: [
      ["年度报告", `${report.year} 年度`],
      ["组织", report.organizationName],
      ["收入合计", figure("incomeTotal")],
      ["费用合计", figure("expenditureTotal")],
      ["年末净资产", figure("netAssetsEnd")],
      ["附件", `${report.files.length} 个文件`],
    ],
    effects: [
      report.unitName
        ? `报送业务主管单位（${report.unitName}）初审，初审同意后转登记管理机关审查，作出年检结论。`
        : "报送登记管理机关审查，作出年检结论。",
      "年检结论公布后在公开登记信息中显示。",
    ],
    irreversible: "报送后报告不能再修改，也不能撤回；只有被退回修改时才能修改后重新报送。",
  };
}

/** 公布 one conclusion, or all those shown: published for good in the public record and open data. */
export function publishConfirmation(year: number, conclusions: ReadonlyArray<{ name: string; conclusion: string }>): Confirmation {
  const one = conclusions.length === 1 ? conclusions[0]! : null;
  return {
    action: one ? "公布年检结论" : `公布 ${conclusions.length} 个组织的年检结论`,
    facts: one
      ? [
          ["组织", one.name],
          ["年检结论", `${year} 年度：${one.conclusion}`],
        ]
      : [["年检结论", `${year} 年度，${namedBatch(conclusions.map((c) => `${c.name}（${c.conclusion}）`), "个组织")}`]],
    effects: ["公布后，年检结论在公开登记信息和开放数据中向社会公开，组织可在本组织页面看到。"],
    irreversible: "公布后不能撤回。",
  };
}
