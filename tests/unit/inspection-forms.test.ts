import { describe, expect, test } from "vitest";
import {
  openYearSchema,
  reportDecisionSchema,
  reportFormSchema,
  reportSchema,
  uploadSchema,
  yearPageSchema,
} from "../../app/domain/inspections/forms";
import { errorsOf, valueOf, refusesClearly } from "../setup/form-properties";

describe("the annual report's form", () => {
  test("a draft keeps what was typed: amounts with two decimals, whole counts, and no version before the report exists", () => {
    expect(valueOf(reportFormSchema, { intent: "save", version: "", incomeTotal: "35000.50", activitiesCount: "24", mainActivities: " 健身操比赛 " })).toEqual({
      intent: "save",
      incomeTotal: 35000.5,
      activitiesCount: 24,
      mainActivities: "健身操比赛",
    });
    expect(valueOf(reportFormSchema, { intent: "submit", version: "7" })).toEqual({ intent: "submit", version: 7 });
  });
  test("a form without an intent saves the draft", () => {
    expect(valueOf(reportFormSchema, {})).toEqual({ intent: "save" });
  });
  test("each figure is refused beside itself", () => {
    expect(
      errorsOf(reportFormSchema, { intent: "save", expenditureOther: "-500", incomeFees: "4.355", volunteers: "3.5", incomeOther: "一百", partyCoverage: "some", declaration: "yes" }),
    ).toMatchObject({
      expenditureOther: ["金额不能为负数"],
      incomeFees: ["金额最多保留两位小数"],
      volunteers: ["请填写整数"],
      incomeOther: ["请填写金额（元）"],
      partyCoverage: ["请选择党组织覆盖方式"],
      declaration: ["请确认声明"],
    });
  });
  test("a version no row can have is a stale page; an unknown intent is refused", () => {
    expect(errorsOf(reportFormSchema, { intent: "save", version: "0" })?.version).toEqual(["页面已过期，请刷新后重试。"]);
    expect(errorsOf(reportFormSchema, { intent: "publish" })?.intent).toEqual(["未知的操作。"]);
  });
  test("removing a file names it by its row id", () => {
    expect(valueOf(reportFormSchema, { intent: "remove-file", fileId: "12" })).toEqual({ intent: "remove-file", fileId: 12 });
    expect(errorsOf(reportFormSchema, { intent: "remove-file", fileId: "NaN" })?.fileId).toEqual(["找不到该文件。"]);
  });
});

describe("the registry's forms on a year's page", () => {
  test("deadlines in order, with the reason and the version seen", () => {
    expect(valueOf(yearPageSchema, { intent: "deadlines", supervisingDeadline: "2026-03-31", registryDeadline: "2026-05-31", reason: " 按市局通知顺延 ", version: "2" })).toEqual({
      intent: "deadlines",
      supervisingDeadline: "2026-03-31",
      registryDeadline: "2026-05-31",
      reason: "按市局通知顺延",
      version: 2,
    });
    expect(errorsOf(yearPageSchema, { intent: "deadlines", supervisingDeadline: "2026-03-31", registryDeadline: "2026-05-31", reason: "", version: "2" })?.reason).toEqual([
      "请填写调整原因",
    ]);
    expect(errorsOf(yearPageSchema, { intent: "deadlines", supervisingDeadline: "2026-06-30", registryDeadline: "2026-05-31", version: "2" })?.supervisingDeadline).toEqual([
      "业务主管单位初审截止日期应早于登记管理机关截止日期",
    ]);
    expect(errorsOf(yearPageSchema, { intent: "deadlines", supervisingDeadline: "2026-02-30", registryDeadline: "2026-05-31", version: "2" })?.supervisingDeadline).toEqual([
      "业务主管单位初审截止日期不是有效日期，请按 2026-05-31 的格式填写",
    ]);
  });
  test("publishing all needs the ids shown (the confirmation is asked by the page, app/ui/confirm.tsx)", () => {
    expect(valueOf(yearPageSchema, { intent: "publish-all", "reportIds[0]": "3", "reportIds[1]": "5" })).toEqual({
      intent: "publish-all",
      reportIds: [3, 5],
    });
    expect(errorsOf(yearPageSchema, { intent: "publish-all" })?.reportIds).toEqual(["没有待公布的年检结论"]);
  });
  test("listing takes the ticked organizations or the one whose button was pressed, with a reason and a date", () => {
    expect(valueOf(yearPageSchema, { intent: "abnormal", organizationIds: ["4", "9"], reason: "未按规定报送年度报告", listedOn: "2025-06-02" })).toEqual({
      intent: "abnormal",
      organizationIds: [4, 9],
      reason: "未按规定报送年度报告",
      listedOn: "2025-06-02",
    });
    expect(valueOf(yearPageSchema, { intent: "abnormal", only: "4", reason: "未按规定报送年度报告", listedOn: "2025-06-02" })).toMatchObject({ only: 4, organizationIds: [] });
    expect(errorsOf(yearPageSchema, { intent: "abnormal", only: "4", reason: "未报", listedOn: "2025-06-02" })).toMatchObject({
      reason: ["请写明列入原因（至少 4 个字）"],
    });
  });
  test("an unknown intent is refused", () => {
    expect(errorsOf(yearPageSchema, { intent: "unpublish" })?.intent).toEqual(["未知的操作。"]);
  });
});

describe("the registry's decision on a report", () => {
  test("a return needs its reason; 基本合格 and 不合格 their note", () => {
    expect(errorsOf(reportDecisionSchema, { decision: "return", version: "3", reason: "" })?.reason).toEqual(["请填写退回理由"]);
    expect(errorsOf(reportDecisionSchema, { decision: "conclude", version: "3", conclusion: "basic_pass" })?.note).toEqual(["结论为基本合格时，请写明需要整改的事项"]);
    expect(valueOf(reportDecisionSchema, { decision: "conclude", version: "3", conclusion: "pass" })).toEqual({ decision: "conclude", version: 3, conclusion: "pass" });
    expect(errorsOf(reportDecisionSchema, { decision: "approve", version: "3" })?.decision).toEqual(["未知的操作。"]);
  });
});

describe("malformed input gives a clear refusal, never an exception", () => {
  test("the report", () => refusesClearly(reportSchema));
  test("the report's form", () => refusesClearly(reportFormSchema, [{ name: "intent", values: ["save", "submit", "resubmit", "remove-file"] }]));
  test("an upload", () => refusesClearly(uploadSchema));
  test("opening a year", () => refusesClearly(openYearSchema));
  test("a year's page", () => refusesClearly(yearPageSchema, [{ name: "intent", values: ["deadlines", "publish", "publish-all", "abnormal"] }]));
  test("a decision on a report", () => refusesClearly(reportDecisionSchema, [{ name: "decision", values: ["return", "conclude"] }]));
});
