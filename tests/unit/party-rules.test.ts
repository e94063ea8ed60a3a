import { describe, expect, test } from "vitest";
import { coverageOf, coverageRates, expectedCoverage, partyRecordProblems, percent, shouldFormOwnBranch } from "../../app/domain/party/rules";

const rec = (formalMembers: number, branchKind: "single" | "joint" | null, instructor: string | null = null) => ({ formalMembers, probationaryMembers: 0, branchKind, instructor });

describe("coverage of one organization", () => {
  test("own branch, joint branch, instructor or none", () => {
    expect(coverageOf(rec(3, "single"))).toBe("own_branch");
    expect(coverageOf(rec(1, "joint", "x"))).toBe("joint_branch");
    expect(coverageOf(rec(0, null, "张指导员"))).toBe("instructor");
    expect(coverageOf(rec(0, null))).toBe("none");
    expect(coverageOf(null)).toBe("none");
  });

  test("three formal members call for an own branch", () => {
    expect(expectedCoverage(2)).toBe("joint_or_instructor");
    expect(expectedCoverage(3)).toBe("own_branch");
    expect(shouldFormOwnBranch(rec(3, "joint"))).toBe(true);
    expect(shouldFormOwnBranch(rec(3, "single"))).toBe(false);
    expect(shouldFormOwnBranch(rec(2, "joint"))).toBe(false);
  });

  test("an entry is checked", () => {
    const base = { formalMembers: 2, probationaryMembers: 0, branchKind: "single" as const, instructor: null, organizationsInBranch: 0 };
    expect(partyRecordProblems(base).branchId?.[0]).toContain("3 名以上");
    expect(partyRecordProblems({ ...base, formalMembers: 3, organizationsInBranch: 1 }).branchId?.[0]).toContain("已覆盖其他组织");
    expect(partyRecordProblems({ ...base, formalMembers: -1, branchKind: "joint" as const }).formalMembers).toBeDefined();
    expect(partyRecordProblems({ ...base, formalMembers: 3 })).toEqual({});
  });
});

describe("the two coverages", () => {
  test("share one denominator; work coverage adds instructors", () => {
    expect(coverageRates(["own_branch", "joint_branch", "instructor", "none"])).toEqual({
      organizational: { covered: 2, total: 4, rate: 0.5 },
      work: { covered: 3, total: 4, rate: 0.75 },
    });
    expect(coverageRates([])).toEqual({ organizational: { covered: 0, total: 0, rate: 0 }, work: { covered: 0, total: 0, rate: 0 } });
    expect(percent(0.8857)).toBe("88.6%");
  });
});
