/**
 * 异议 (社会组织信用信息管理办法: credit information may be objected to and errors
 * corrected): the registry answers within 30 days of receipt, a last day on a
 * rest day moving to the next working day (民法典 art. 203), and corrects an
 * upheld objection within 5 working days (行政许可法 art. 82: holidays not counted).
 */
import { describe, expect, test } from "vitest";
import { answerDueOn, correctionDueOn, dueOn, isOpen, isOverdue, objectionStepProblem } from "../../app/domain/objections/rules";
import { otherCreditProblems } from "../../app/domain/credit/other-items";

const noHolidays = { off: [], on: [] };
// 2026 National Day: 1–8 October off, 26 September and 10 October worked.
const nationalDay = { off: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08"], on: ["2026-09-26", "2026-10-10"] };

describe("the answer's 30 days", () => {
  test("run to the thirtieth day after receipt, across a month's end", () => {
    expect(answerDueOn("2026-03-02", noHolidays)).toBe("2026-04-01");
    expect(answerDueOn("2026-12-04", noHolidays)).toBe("2027-01-04"); // 3 January 2027 is a Sunday
  });

  test("a last day on a weekend or holiday moves to the next working day", () => {
    expect(answerDueOn("2026-03-08", noHolidays)).toBe("2026-04-07"); // 7 April 2026 is a Tuesday
    expect(answerDueOn("2026-09-04", noHolidays)).toBe("2026-10-05"); // 4 October 2026 is a Sunday
    expect(answerDueOn("2026-09-04", nationalDay)).toBe("2026-10-09"); // through the National Day holiday
  });
});

describe("the correction's 5 working days", () => {
  test("count working days only, the day of upholding not counted", () => {
    expect(correctionDueOn("2026-03-02", noHolidays)).toBe("2026-03-09"); // Monday to the next Monday
    expect(correctionDueOn("2026-09-30", nationalDay)).toBe("2026-10-14"); // 9, 10 (worked), 12, 13, 14: 11 is a Sunday
  });
});

describe("the objection's course", () => {
  const filed = { state: "filed" as const, answerDueOn: "2026-04-01", correctionDueOn: null };
  const upheld = { state: "upheld" as const, answerDueOn: "2026-04-01", correctionDueOn: "2026-03-20" };

  test("the answer is due until its day and overdue the day after", () => {
    expect(dueOn(filed)).toBe("2026-04-01");
    expect(isOverdue(filed, "2026-04-01")).toBe(false);
    expect(isOverdue(filed, "2026-04-02")).toBe(true);
  });

  test("once upheld, the correction's day counts, not the answer's", () => {
    expect(dueOn(upheld)).toBe("2026-03-20");
    expect(isOverdue(upheld, "2026-03-21")).toBe(true);
    expect(isOpen(upheld)).toBe(true);
  });

  test("an objection dismissed or corrected is closed and never overdue", () => {
    for (const state of ["dismissed", "corrected"] as const) {
      expect(isOpen({ state })).toBe(false);
      expect(isOverdue({ ...filed, state }, "2030-01-01")).toBe(false);
    }
  });

  test("each step once, in order", () => {
    expect(objectionStepProblem("filed", "answer")).toBeNull();
    expect(objectionStepProblem("upheld", "answer")).toMatch(/已经答复/);
    expect(objectionStepProblem("filed", "correct")).toMatch(/异议成立/);
    expect(objectionStepProblem("dismissed", "correct")).toMatch(/异议成立/);
    expect(objectionStepProblem("upheld", "correct")).toBeNull();
    expect(objectionStepProblem("corrected", "correct")).toMatch(/已经更正/);
  });
});

describe("other credit information (awards, government service contracts)", () => {
  const today = "2026-06-30";

  test("an award has no amount and no service period", () => {
    expect(otherCreditProblems({ kind: "award", decidedOn: "2026-01-10" }, today)).toEqual({});
    expect(otherCreditProblems({ kind: "award", decidedOn: "2026-01-10", amount: 100, periodUntil: "2026-12-31" }, today)).toEqual({
      amount: ["表彰奖励不填写合同金额"],
      periodUntil: ["表彰奖励不填写服务期限"],
    });
  });

  test("a contract has its amount and a period ending no earlier than it was signed", () => {
    expect(otherCreditProblems({ kind: "service_contract", decidedOn: "2026-03-01", amount: 180000, periodUntil: "2027-02-28" }, today)).toEqual({});
    expect(otherCreditProblems({ kind: "service_contract", decidedOn: "2026-03-01" }, today)).toEqual({
      amount: ["请填写合同金额（元）"],
      periodUntil: ["请填写服务期限截止日期"],
    });
    expect(otherCreditProblems({ kind: "service_contract", decidedOn: "2026-03-01", amount: 1, periodUntil: "2026-02-28" }, today).periodUntil).toEqual([
      "服务期限截止日期不能早于合同签订日期",
    ]);
  });

  test("the date is no later than today and no earlier than 1949", () => {
    expect(otherCreditProblems({ kind: "award", decidedOn: "2026-07-01" }, today).decidedOn?.[0]).toMatch(/表彰日期不能晚于/);
    expect(otherCreditProblems({ kind: "award", decidedOn: "1900-01-01" }, today).decidedOn?.[0]).toMatch(/1949/);
  });
});
