import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import {
  abnormalRemovalSchema,
  openYearSchema,
  reportDecisionSchema,
  reportFormSchema,
  reportSchema,
  uploadSchema,
  yearPageSchema,
} from "../../app/domain/inspections/forms";
import { parseSubmission, schemaFields } from "../../app/domain/shared/form-submission";

const formOf = (entries: Record<string, string | string[]>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) for (const v of [value].flat()) form.append(name, v);
  return form;
};

const errorsOf = (schema: z.ZodType, entries: Record<string, string | string[]>) => {
  const submission = parseSubmission(formOf(entries), { schema });
  return submission.status === "success" ? null : submission.reply().error;
};

const valueOf = (schema: z.ZodType, entries: Record<string, string | string[]>) => {
  const submission = parseSubmission(formOf(entries), { schema });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.reply().error));
  return submission.value;
};

/**
 * Whatever a form posts — any of the schema's fields and unknown ones, text of
 * any length, control characters, full-width digits, numbers where dates
 * belong, the page's intents and made-up ones — parsing never throws, and a
 * refusal says why in Chinese beside a field the form has (or above it).
 */
function refusesClearly(schema: z.ZodType, discriminators: Array<{ name: string; values: readonly string[] }> = []) {
  const known = schemaFields(schema);
  const names = [...known.keys()];
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom("", " ", "\u0000", "\u0007", "名称\u0000", "a\u0007b", "１２３", "２０２６-０５-３１", "-1", "1.5", "0", "2147483648", "1e400", "NaN", "Infinity"),
    fc.constantFrom("2026-02-30", "0000-01-01", "2026-05-31", "13800138000", "on", "yes", "social_group", "pass", "\u202e反向", "x".repeat(10_000), "名".repeat(10_000)),
    fc.integer().map(String),
    fc.double({ noNaN: false }).map(String),
    fc.date({ noInvalidDate: true }).map((d) => String(d.getTime())),
  );
  const field = fc.tuple(fc.constantFrom(...names, "junk", "__proto__", "constructor", "files[0]", `${names[0] ?? "x"}[0]`, `${names[0] ?? "x"}.inner`), text);
  const discriminator = discriminators.map(({ name, values }) =>
    fc.option(fc.tuple(fc.constant(name), fc.constantFrom(...values, "", "garbage", "SAVE", "delete", "decide")), { nil: undefined }),
  );
  const form = fc.tuple(fc.array(field, { maxLength: 25 }), ...discriminator).map(([fields, ...chosen]) => {
    const data = new FormData();
    for (const pair of chosen) if (pair) data.append(pair[0], pair[1]);
    for (const [name, value] of fields) data.append(name, value);
    return data;
  });
  fc.assert(
    fc.property(form, (data) => {
      const submission = parseSubmission(data, { schema });
      if (submission.status === "success") return;
      const errors = Object.entries(submission.reply().error ?? {}).filter(([, messages]) => messages?.length);
      expect(errors.length).toBeGreaterThan(0);
      for (const [key, messages] of errors) {
        expect(key === "" || known.has(/^[^.[]*/.exec(key)![0]), `error key ${key}`).toBe(true);
        for (const message of messages!) {
          expect(typeof message).toBe("string");
          expect(message).toMatch(/\p{Script=Han}/u);
        }
      }
    }),
    { numRuns: 200 },
  );
}

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
  test("deadlines in order, with the version seen", () => {
    expect(valueOf(yearPageSchema, { intent: "deadlines", supervisingDeadline: "2026-03-31", registryDeadline: "2026-05-31", version: "2" })).toEqual({
      intent: "deadlines",
      supervisingDeadline: "2026-03-31",
      registryDeadline: "2026-05-31",
      version: 2,
    });
    expect(errorsOf(yearPageSchema, { intent: "deadlines", supervisingDeadline: "2026-06-30", registryDeadline: "2026-05-31", version: "2" })?.supervisingDeadline).toEqual([
      "业务主管单位初审截止日期应早于登记管理机关截止日期",
    ]);
    expect(errorsOf(yearPageSchema, { intent: "deadlines", supervisingDeadline: "2026-02-30", registryDeadline: "2026-05-31", version: "2" })?.supervisingDeadline).toEqual([
      "业务主管单位初审截止日期不是有效日期，请按 2026-05-31 的格式填写",
    ]);
  });
  test("publishing all needs the ids shown and the confirmation", () => {
    expect(valueOf(yearPageSchema, { intent: "publish-all", "reportIds[0]": "3", "reportIds[1]": "5", confirm: "on" })).toEqual({
      intent: "publish-all",
      reportIds: [3, 5],
      confirm: "on",
    });
    expect(errorsOf(yearPageSchema, { intent: "publish-all", "reportIds[0]": "3" })?.confirm).toEqual(["请勾选确认后再公布"]);
    expect(errorsOf(yearPageSchema, { intent: "publish-all", confirm: "on" })?.reportIds).toEqual(["没有待公布的年检结论"]);
  });
  test("listing takes the ticked organizations or the one whose button was pressed, with a reason and a date", () => {
    expect(valueOf(yearPageSchema, { intent: "abnormal", organizationIds: ["4", "9"], reason: "未按规定报送年度报告", listedOn: "2025-06-02", confirm: "on" })).toEqual({
      intent: "abnormal",
      organizationIds: [4, 9],
      reason: "未按规定报送年度报告",
      listedOn: "2025-06-02",
      confirm: "on",
    });
    expect(valueOf(yearPageSchema, { intent: "abnormal", only: "4", reason: "未按规定报送年度报告", listedOn: "2025-06-02", confirm: "on" })).toMatchObject({ only: 4, organizationIds: [] });
    expect(errorsOf(yearPageSchema, { intent: "abnormal", only: "4", reason: "未报", listedOn: "2025-06-02" })).toMatchObject({
      reason: ["请写明列入原因（至少 4 个字）"],
      confirm: ["请勾选确认后再列入"],
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
  test("removal from the abnormal-activity list", () => refusesClearly(abnormalRemovalSchema));
});
