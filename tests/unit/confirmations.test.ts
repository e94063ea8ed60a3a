import { describe, expect, test } from "vitest";
import { z } from "zod";
import { applicationFacts, decisionConfirmation, submitConfirmation } from "../../app/domain/applications/confirmations";
import { applicantSchema } from "../../app/domain/applications/forms";
import { listingConfirmation, removalConfirmation } from "../../app/domain/credit/confirmations";
import { filingConfirmation, publishConfirmation as conclusionsConfirmation } from "../../app/domain/inspections/confirmations";
import { publishConfirmation } from "../../app/domain/postings/confirmations";
import { reasonProblem, reasonMessages } from "../../app/domain/postings/forms";
import {
  confirmedField,
  confirmedValue,
  isConfirmed,
  namedBatch,
  pendingOf,
  pendingValues,
  postedList,
  postedText,
  type Confirmation,
} from "../../app/domain/shared/confirmation";
import { pendingConfirmation } from "../../app/domain/shared/form-submission";

const posted = (entries: Array<[string, string]>) => new URLSearchParams(entries);
/** Everything a summary says, as one text: what the user reads. */
const text = (c: Confirmation) => [c.action, ...c.facts.flat(), ...c.effects, c.irreversible].join("\n");

describe("the confirmation field and what is carried", () => {
  test("only the exact field and value confirm", () => {
    expect(isConfirmed(posted([[confirmedField, confirmedValue]]))).toBe(true);
    expect(isConfirmed(posted([[confirmedField, "on"]]))).toBe(false);
    expect(isConfirmed(posted([["confirm", "on"]]))).toBe(false);
    expect(isConfirmed(posted([]))).toBe(false);
  });

  test("an unconfirmed post carries the schema's fields, bounded, and never the confirmation, a password or unknown fields", () => {
    const form = new FormData();
    form.append("intent", "submit");
    form.append("version", "3");
    form.append("name", "鲤城区书法协会");
    form.append("reverifySecret", "demo-pass-2026");
    form.append("junk", "x");
    form.append("businessScope", "字".repeat(5000));
    form.append("attachment", new File(["%PDF"], "a.pdf"));
    const pending = pendingConfirmation(form, applicantSchema)!;
    const names = pending.fields.map(([name]) => name);
    expect(names).toEqual(["intent", "version", "name", "businessScope"]);
    expect(pending.fields.find(([name]) => name === "businessScope")![1]).toHaveLength(501);
    form.append(confirmedField, confirmedValue);
    expect(pendingConfirmation(form, applicantSchema)).toBeNull();
  });

  test("indexed and repeated fields survive the round trip", () => {
    const schema = z.object({ intent: z.string(), reportIds: z.array(z.string()), keys: z.array(z.string()) });
    const pending = pendingConfirmation(posted([["intent", "publish-all"], ["reportIds[0]", "3"], ["reportIds[1]", "5"], ["keys", "a"], ["keys", "b"]]), schema)!;
    const values = pendingValues(pending);
    expect(postedList(values, "reportIds")).toEqual(["3", "5"]);
    expect(postedList(values, "keys")).toEqual(["a", "b"]);
    expect(postedText(values, "intent")).toBe("publish-all");
    expect(postedText(values, "missing")).toBe("");
  });

  test("an action's answer names a pending confirmation only when it has one", () => {
    expect(pendingOf({ confirm: { fields: [["a", "b"]] } })).toEqual({ fields: [["a", "b"]] });
    expect(pendingOf({ notice: "已保存" })).toBeNull();
    expect(pendingOf({ confirm: "yes" })).toBeNull();
    expect(pendingOf(undefined)).toBeNull();
  });

  test("a batch is named, the first few in full", () => {
    expect(namedBatch(["甲", "乙"], "个组织")).toBe("2 个组织：甲、乙");
    expect(namedBatch(["1", "2", "3", "4", "5", "6"], "个组织", 5)).toBe("6 个组织：1、2、3、4、5 等");
  });
});

describe("applications", () => {
  const establishment = applicationFacts({
    application: { kind: "establishment", state: "accepted", title: "鲤城区闽南童谣传唱协会成立登记" },
    proposal: { name: "鲤城区闽南童谣传唱协会", type: "social_group", legalRepresentative: "郑海燕" },
    organization: null,
    files: [{}, {}],
  });

  test("准予 says what the register will hold, with the code and certificate typed in the form, and that it cannot be undone", () => {
    const c = decisionConfirmation(establishment, posted([["decision", "approve"], ["uscc", "51350502MJ0010371X"], ["certificateNumber", "社证字第500101号"]]));
    expect(c.action).toBe("准予成立登记");
    expect(c.facts).toEqual(
      expect.arrayContaining([
        ["名称", "鲤城区闽南童谣传唱协会"],
        ["类型", "社会团体"],
        ["统一社会信用代码", "51350502MJ0010371X"],
        ["登记证书编号", "社证字第500101号"],
      ]),
    );
    expect(text(c)).toContain("写入登记簿");
    expect(c.irreversible).toContain("不可撤销");
  });

  test("a refusal is named by when it is made and carries the reason and the right of review", () => {
    const before = decisionConfirmation({ ...establishment, state: "submitted" }, posted([["decision", "reject"], ["reason", "不属于本机关职权范围"]]));
    expect(before.action).toBe("不予受理");
    expect(before.facts).toContainEqual(["理由", "不属于本机关职权范围"]);
    expect(text(before)).toContain("行政复议");
    expect(decisionConfirmation(establishment, posted([["decision", "reject"]])).action).toBe("不予登记");
    expect(decisionConfirmation({ ...establishment, kind: "filing" }, posted([["decision", "reject"]])).action).toBe("不予备案");
  });

  test("a change lists each field it changes, from the register's value to the new one", () => {
    const change = applicationFacts({
      application: { kind: "change", state: "accepted" },
      proposal: { name: "鲤城区老年人体育协会", address: "鲤城区新华路 1 号", changeReason: "搬迁" },
      organization: { name: "鲤城区老年人体育协会", address: "鲤城区中山路 2 号" },
      files: [],
    });
    const c = decisionConfirmation(change, posted([["decision", "approve"]]));
    expect(c.action).toBe("准予变更登记");
    expect(c.facts).toContainEqual(["住所（活动场所）", "鲤城区中山路 2 号 → 鲤城区新华路 1 号"]);
    expect(c.facts.map(([label]) => label)).not.toContain("名称");
  });

  test("a cancellation names what was handed back", () => {
    const c = decisionConfirmation(
      applicationFacts({ application: { kind: "cancellation", state: "accepted" }, proposal: {}, organization: { name: "鲤城区书画院", uscc: "52350502MJ0000001X" }, files: [] }),
      posted([["decision", "approve"], ["returned", "certificate"], ["returned", "seals"]]),
    );
    expect(c.facts).toContainEqual(["已收缴", "登记证书正本、副本、印章"]);
    expect(c.facts).toContainEqual(["统一社会信用代码", "52350502MJ0000001X"]);
    expect(text(c)).toContain("已注销");
  });

  test("submitting names the organization as typed, the files, and who reviews it first", () => {
    const draft = { ...establishment, state: "draft" as const };
    const c = submitConfirmation(draft, posted([["intent", "submit"], ["name", "鲤城区南音社"], ["type", "social_group"], ["registrationRoute", "supervised"], ["supervisingUnit", "鲤城区文化体育和旅游局"]]));
    expect(c.action).toBe("提交申请");
    expect(c.facts).toContainEqual(["组织名称", "鲤城区南音社"]);
    expect(c.facts).toContainEqual(["已上传材料", "2 个文件"]);
    expect(text(c)).toContain("业务主管单位（鲤城区文化体育和旅游局）");
    expect(c.irreversible).toContain("不能再修改");
    expect(submitConfirmation({ ...draft, state: "returned" }, posted([["intent", "resubmit"]])).action).toBe("补正后重新提交");
    expect(submitConfirmation({ ...draft, kind: "filing" }, posted([["intent", "submit"]])).action).toBe("提交备案");
  });
});

describe("annual reports and conclusions", () => {
  test("报送 names the year, the figures as typed and who reviews it", () => {
    const c = filingConfirmation(
      { year: 2025, organizationName: "鲤城区老年人体育协会", unitName: "鲤城区体育局", files: [{}] },
      posted([["intent", "submit"], ["incomeTotal", "120000"], ["expenditureTotal", "98000.5"], ["netAssetsEnd", ""]]),
    );
    expect(c.action).toBe("报送");
    expect(c.facts).toContainEqual(["收入合计", `${(120000).toLocaleString("zh-CN")} 元`]);
    expect(c.facts).toContainEqual(["年末净资产", "未填写"]);
    expect(text(c)).toContain("业务主管单位（鲤城区体育局）初审");
    expect(filingConfirmation({ year: 2025, organizationName: "甲", unitName: null, files: [] }, posted([["intent", "resubmit"]])).action).toBe("修改后重新报送");
  });

  test("公布 names one organization's conclusion, or counts and names a batch", () => {
    expect(conclusionsConfirmation(2025, [{ name: "甲协会", conclusion: "合格" }]).facts).toContainEqual(["年检结论", "2025 年度：合格"]);
    const all = conclusionsConfirmation(2025, [{ name: "甲协会", conclusion: "合格" }, { name: "乙协会", conclusion: "基本合格" }]);
    expect(all.action).toBe("公布 2 个组织的年检结论");
    expect(text(all)).toContain("乙协会（基本合格）");
    expect(all.irreversible).toContain("不能撤回");
  });
});

describe("postings", () => {
  const posting = { title: "大良村2026年10月财务收支公开", category: "finance" as const, period: "2026-10", number: 1, files: [] };

  test("审核通过并公开 says who will see it, with the opinion typed, and that it can only be corrected by a new version", () => {
    const c = publishConfirmation(posting, posted([["intent", "approve"], ["opinion", "经核对票据，金额无误，同意公开。"]]));
    expect(c.facts).toContainEqual(["审核意见", "经核对票据，金额无误，同意公开。"]);
    expect(c.facts).toContainEqual(["类别", "财务"]);
    expect(text(c)).toContain("全体村民");
    expect(c.irreversible).toContain("只能以新版本更正");
    expect(publishConfirmation({ ...posting, number: 3 }, posted([])).facts).toContainEqual(["版本", "第 3 版（更正第 2 版）"]);
  });

  test("an approval still needs an opinion of the committee's own (the box starts empty); a return its reason", () => {
    expect(reasonProblem("", reasonMessages.approve.label, reasonMessages.approve.missing)).toContain("写明核对了哪些内容");
    expect(reasonProblem("同意公开", reasonMessages.approve.label, reasonMessages.approve.missing)).toBeNull();
    expect(reasonProblem("", reasonMessages.return.label, reasonMessages.return.missing)).toBe("请填写退回的理由");
  });
});

describe("credit lists", () => {
  test("列入 names who goes on which list, from when and why", () => {
    const c = listingConfirmation({ entries: [{ name: "甲协会", list: "abnormal" }], listedOn: "2026-06-01", ground: "未按期完成整改", evidence: "整改通知书（鲤民〔2026〕3号）" });
    expect(c.action).toBe("列入活动异常名录");
    expect(c.facts).toContainEqual(["列入活动异常名录", "1 个组织：甲协会"]);
    expect(c.facts).toContainEqual(["列入日期", "2026-06-01"]);
    expect(text(c)).toContain("公开的活动异常名录");
    const mixed = listingConfirmation({ entries: [{ name: "甲", list: "abnormal" }, { name: "乙", list: "serious" }], listedOn: "2026-06-01" });
    expect(mixed.action).toBe("列入名录");
    expect(mixed.facts.map(([label]) => label)).toEqual(["列入活动异常名录", "列入严重违法失信名单", "列入日期"]);
  });

  test("移出 names the listing, the removal and its public reason", () => {
    const c = removalConfirmation({ name: "甲协会", list: "abnormal", ground: "未按照规定时限和要求报送年度工作报告", removal: "已履行义务或完成整改，经核实移出", reason: "已补报" });
    expect(c.action).toBe("移出活动异常名录");
    expect(c.facts).toContainEqual(["移出原因", "已补报"]);
    expect(text(c)).toContain("登记状态恢复为正常");
    expect(removalConfirmation({ name: "乙", list: "serious", ground: "x", reason: "" }).facts).toContainEqual(["移出原因", "（未填写）"]);
  });
});
