/** 社会组织评估 (《社会组织评估管理办法》): grades 1A to 5A, valid five years; who may apply. */
import { describe, expect, test } from "vitest";
import { applySchema, roundSchema, roundWorkSchema } from "../../app/domain/evaluations/forms";
import { applicationProblem, currentGrade, gradeLabel, gradeValidUntil } from "../../app/domain/evaluations/rules";
import { refusesClearly } from "../setup/form-properties";

describe("grades and their validity", () => {
  test("named 1A to 5A, or not graded", () => {
    expect([1, 5, 0].map(gradeLabel)).toEqual(["1A 级", "5A 级", "不予评定等级"]);
  });
  test("valid five years: to the day before the fifth anniversary", () => {
    expect(gradeValidUntil("2024-06-30")).toBe("2029-06-29");
    expect(gradeValidUntil("2024-02-29")).toBe("2029-02-27");
    expect(gradeValidUntil("2026-01-01")).toBe("2030-12-31");
  });
  test("the grade held today is the latest still valid; an expired grade stops showing", () => {
    const older = { grade: 3, awardedOn: "2020-06-30", validUntil: "2025-06-29" };
    const newer = { grade: 4, awardedOn: "2023-06-30", validUntil: "2028-06-29" };
    expect(currentGrade([older, newer], "2024-01-01")).toMatchObject({ grade: 4 });
    expect(currentGrade([older], "2025-06-29")).toMatchObject({ grade: 3 });
    expect(currentGrade([older], "2025-06-30")).toBeNull();
    expect(currentGrade([{ grade: 0, awardedOn: "2024-06-30", validUntil: null }], "2024-07-01")).toBeNull();
    expect(currentGrade([{ grade: null, awardedOn: null, validUntil: null }], "2024-07-01")).toBeNull();
  });
});

describe("who may apply", () => {
  const round = { applyUntil: "2026-12-31" };
  const org = { type: "social_group", status: "normal", registeredOn: "2023-05-01" };
  test("a registered organization in good standing, two full years after registration, once, until the round closes", () => {
    expect(applicationProblem(org, round, "2026-12-05", false)).toBeNull();
    expect(applicationProblem({ ...org, registeredOn: "2024-01-02" }, round, "2026-12-05", false)).toContain("满两个年度");
    expect(applicationProblem({ ...org, status: "abnormal" }, round, "2026-12-05", false)).toContain("活动异常名录");
    expect(applicationProblem({ ...org, type: "community" }, round, "2026-12-05", false)).toContain("备案");
    expect(applicationProblem(org, round, "2027-01-01", false)).toContain("截止");
    expect(applicationProblem(org, round, "2026-12-05", true)).toContain("已经申请");
  });
});

describe("the forms refuse clearly", () => {
  test("a round", () => refusesClearly(roundSchema));
  test("the work on a round", () => refusesClearly(roundWorkSchema, [{ name: "intent", values: ["apply-for", "grade"] }]));
  test("an application", () => refusesClearly(applySchema));
});
