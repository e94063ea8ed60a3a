import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  admissionSchema,
  coverageChoiceOf,
  coverageTargetSchema,
  halfYearOf,
  jointBranchSchema,
  parsePartyPeriod,
  partyRecordSchema,
  periodLabel,
  periodPresets,
  targetPercent,
} from "../../app/domain/party/forms";
import { parseSubmission } from "../../app/domain/shared/form-submission";

/** The fields posted as a browser posts them (a field given a list is posted once per item), read by the schema. */
function reader<Schema extends z.ZodType>(schema: Schema, intent: string) {
  return (fields: Record<string, string | string[] | undefined>) => {
    const form = new FormData();
    form.append("intent", intent);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of value === undefined ? [] : [value].flat()) form.append(name, item);
    }
    const submission = parseSubmission(form, { schema });
    if (submission.status === "success") {
      const { intent: _, ...value } = submission.value as Record<string, unknown>;
      return { value: value as Omit<z.output<Schema>, "intent">, error: undefined };
    }
    return { value: undefined, error: submission.error ?? {} };
  };
}

const parsePartyRecordForm = reader(partyRecordSchema, "party-record");
const parseAdmissionForm = reader(admissionSchema, "party-admission");
const parseJointBranchForm = reader(jointBranchSchema, "joint-branch");
const parseCoverageTargetForm = reader(coverageTargetSchema, "coverage-target");

const record = (fields: Record<string, string>) => ({
  formalMembers: "2",
  probationaryMembers: "0",
  coverage: "none",
  version: "",
  ...fields,
});

describe("parsePartyRecordForm", () => {
  it("reads counts, the coverage choice and the version", () => {
    expect(
      parsePartyRecordForm(
        record({
          formalMembers: " 4 ",
          probationaryMembers: "1",
          coverage: "branch",
          branchId: "12",
          version: "3",
        }),
      ),
    ).toEqual({
      value: {
        formalMembers: 4,
        probationaryMembers: 1,
        branchId: 12,
        newOwnBranch: null,
        instructor: null,
        expectedVersion: 3,
      },
      error: undefined,
    });
    expect(parsePartyRecordForm(record({})).value).toEqual({
      formalMembers: 2,
      probationaryMembers: 0,
      branchId: null,
      newOwnBranch: null,
      instructor: null,
      expectedVersion: null,
    });
  });

  it("reads digits typed with a Chinese input method", () => {
    expect(parsePartyRecordForm(record({ formalMembers: "１２" })).value?.formalMembers).toBe(12);
  });

  it("turns counts that do not parse into field errors", () => {
    const { error } = parsePartyRecordForm(
      record({ formalMembers: "三", probationaryMembers: "-1" }),
    );
    expect(error?.formalMembers?.[0]).toContain("正式党员人数应为 0 至 10000 的整数");
    expect(error?.probationaryMembers?.[0]).toContain("预备党员人数应为 0 至 10000 的整数");
    expect(parsePartyRecordForm(record({ formalMembers: "" })).error?.formalMembers).toEqual([
      "请填写正式党员人数，没有请填 0",
    ]);
    expect(
      parsePartyRecordForm(record({ formalMembers: "2.5" })).error?.formalMembers,
    ).toBeDefined();
    expect(
      parsePartyRecordForm(record({ formalMembers: "10001" })).error?.formalMembers,
    ).toBeDefined();
  });

  it("asks for what the chosen coverage needs", () => {
    expect(parsePartyRecordForm(record({ coverage: "branch" })).error).toEqual({
      branchId: ["请选择党支部"],
    });
    expect(
      parsePartyRecordForm(record({ coverage: "branch", branchId: "x" })).error?.branchId,
    ).toBeDefined();
    expect(
      parsePartyRecordForm(record({ coverage: "instructor", instructor: "  " })).error,
    ).toEqual({ instructor: ["请填写党建指导员姓名"] });
    expect(
      parsePartyRecordForm(record({ coverage: "instructor", instructor: "王".repeat(21) })).error
        ?.instructor,
    ).toBeDefined();
    const missing = parsePartyRecordForm(
      record({ coverage: "new_branch", newBranchFoundedOn: "2026-02-30" }),
    ).error;
    expect(missing?.newBranchName).toEqual(["请填写党支部名称"]);
    expect(missing?.newBranchFoundedOn?.[0]).toContain("不是有效日期");
    expect(parsePartyRecordForm(record({})).error).toBeUndefined();
    expect(parsePartyRecordForm(record({ coverage: "" })).error).toEqual({
      coverage: ["请选择覆盖方式"],
    });
  });

  it("keeps only the chosen coverage's fields", () => {
    const value = parsePartyRecordForm(
      record({
        formalMembers: "3",
        coverage: "new_branch",
        branchId: "9",
        instructor: "李",
        newBranchName: " 某协会党支部 ",
        newBranchFoundedOn: "2026-03-01",
        newBranchSecretary: "",
      }),
    ).value;
    expect(value).toMatchObject({
      branchId: null,
      instructor: null,
      newOwnBranch: { name: "某协会党支部", foundedOn: "2026-03-01", secretary: null },
    });
    expect(
      parsePartyRecordForm(record({ coverage: "instructor", instructor: " 张明 ", branchId: "9" }))
        .value,
    ).toMatchObject({ branchId: null, instructor: "张明" });
  });

  it("refuses a version it cannot read as a stale form", () => {
    expect(parsePartyRecordForm(record({ version: "abc" })).error).toEqual({
      "": ["页面已过期，请刷新后重试。"],
    });
  });

  it("never throws, whatever is posted", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            "formalMembers",
            "probationaryMembers",
            "coverage",
            "branchId",
            "instructor",
            "version",
            "newBranchName",
            "newBranchFoundedOn",
          ),
          fc.oneof(fc.string(), fc.constant(undefined), fc.array(fc.string())),
        ),
        (payload) => {
          const parsed = parsePartyRecordForm(payload);
          expect(parsed.value !== undefined || Object.keys(parsed.error ?? {}).length > 0).toBe(
            true,
          );
        },
      ),
    );
  });

  it("starts from the saved coverage", () => {
    expect(coverageChoiceOf(null)).toBe("none");
    expect(coverageChoiceOf({ branchId: 4, instructor: null })).toBe("branch");
    expect(coverageChoiceOf({ branchId: null, instructor: "张明" })).toBe("instructor");
  });
});

describe("parseAdmissionForm", () => {
  it("reads a date and a count", () => {
    expect(parseAdmissionForm({ admittedOn: "2026-04-01", count: "2" })).toEqual({
      value: { admittedOn: "2026-04-01", count: 2 },
      error: undefined,
    });
  });

  it("names each problem beside its field", () => {
    expect(parseAdmissionForm({ admittedOn: "", count: "两" }).error).toEqual({
      admittedOn: ["请填写接收日期，如 2026-05-20"],
      count: ["接收人数应为 1 至 100 的整数"],
    });
    expect(parseAdmissionForm({ admittedOn: "2026/4/1", count: "0" }).error?.count).toEqual([
      "接收人数应为 1 至 100 的整数",
    ]);
  });
});

describe("parseJointBranchForm", () => {
  it("reads a street's or a district-wide branch", () => {
    expect(
      parseJointBranchForm({
        name: " 开元街道社会组织联合党支部 ",
        foundedOn: "2026-03-01",
        streetCode: "350502001000",
        secretary: "",
      }).value,
    ).toEqual({
      name: "开元街道社会组织联合党支部",
      foundedOn: "2026-03-01",
      streetCode: "350502001000",
      secretary: null,
    });
    expect(
      parseJointBranchForm({ name: "行业联合党支部", foundedOn: "2026-03-01", streetCode: "" })
        .value?.streetCode,
    ).toBeNull();
  });

  it("names each problem beside its field", () => {
    const { error } = parseJointBranchForm({
      name: "",
      foundedOn: "明天",
      streetCode: "kaiyuan",
      secretary: "a\u200bb",
    });
    expect(Object.keys(error ?? {}).sort()).toEqual([
      "foundedOn",
      "name",
      "secretary",
      "streetCode",
    ]);
  });
});

describe("parseCoverageTargetForm", () => {
  it("reads a percentage as a fraction", () => {
    expect(
      parseCoverageTargetForm({
        partyCoverageTarget: "92.5",
        reason: "按年度目标调整",
        expected: "0.9",
      }).value,
    ).toEqual({
      partyCoverageTarget: 0.925,
      reason: "按年度目标调整",
      expected: 0.9,
    });
    expect(
      parseCoverageTargetForm({
        partyCoverageTarget: "９５％",
        reason: "按年度目标调整",
        expected: "0.9",
      }).value?.partyCoverageTarget,
    ).toBe(0.95);
    expect(
      parseCoverageTargetForm({
        partyCoverageTarget: "100%",
        reason: "按年度目标调整",
        expected: "0.9",
      }).value?.partyCoverageTarget,
    ).toBe(1);
  });

  it("refuses what is not a percentage from 50 to 100, or no change", () => {
    const refuse = (value: string) =>
      parseCoverageTargetForm({ partyCoverageTarget: value, reason: "调整", expected: "0.9" }).error
        ?.partyCoverageTarget?.[0];
    expect(refuse("0.9")).toContain("50% 到 100%");
    expect(refuse("101")).toContain("50% 到 100%");
    expect(refuse("九十")).toContain("最多一位小数");
    expect(refuse("90.25")).toContain("最多一位小数");
    expect(refuse("")).toContain("请填写覆盖率目标");
    expect(refuse("90")).toBe("覆盖率目标现为 90%，未作改动");
  });

  it("asks for a reason and the value the officer saw", () => {
    expect(
      parseCoverageTargetForm({ partyCoverageTarget: "95", reason: "", expected: "0.9" }).error
        ?.reason,
    ).toBeDefined();
    expect(
      parseCoverageTargetForm({ partyCoverageTarget: "95", reason: "调整", expected: "" }).error?.[
        ""
      ],
    ).toEqual(["页面已过期，请刷新后重试。"]);
  });

  it("shows a stored fraction as the percentage typed", () => {
    expect(targetPercent(0.9)).toBe("90");
    expect(targetPercent(0.925)).toBe("92.5");
  });
});

describe("the period of /officer/party", () => {
  it("defaults to the current half-year", () => {
    expect(parsePartyPeriod(null, null, "2026-05-20")).toEqual({
      ok: true,
      period: { from: "2026-01-01", to: "2026-06-30" },
    });
    expect(parsePartyPeriod("", " ", "2026-06-30")).toEqual({
      ok: true,
      period: { from: "2026-01-01", to: "2026-06-30" },
    });
    expect(parsePartyPeriod(undefined, undefined, "2026-07-01")).toEqual({
      ok: true,
      period: { from: "2026-07-01", to: "2026-12-31" },
    });
    expect(halfYearOf("2025-12-31")).toEqual({ from: "2025-07-01", to: "2025-12-31" });
  });

  it("reads a chosen period, filling a blank end from the other's half-year", () => {
    expect(parsePartyPeriod("2025-03-01", "2026-02-28", "2026-05-20")).toEqual({
      ok: true,
      period: { from: "2025-03-01", to: "2026-02-28" },
    });
    expect(parsePartyPeriod("2025-03-01", "", "2026-05-20")).toEqual({
      ok: true,
      period: { from: "2025-03-01", to: "2025-06-30" },
    });
    expect(parsePartyPeriod("", "2025-10-15", "2026-05-20")).toEqual({
      ok: true,
      period: { from: "2025-07-01", to: "2025-10-15" },
    });
    expect(parsePartyPeriod("2026-05-20", "2026-05-20", "2026-05-20").ok).toBe(true);
  });

  it("explains a period it cannot use", () => {
    const problem = (from: string, to: string) => {
      const parsed = parsePartyPeriod(from, to, "2026-05-20");
      return parsed.ok ? null : parsed.problem;
    };
    expect(problem("2026-06-30", "2026-01-01")).toBe(
      "统计期间的结束日期（2026年1月1日）早于开始日期（2026年6月30日），请重新选择。",
    );
    expect(problem("2026-02-30", "")).toContain("无法读取开始日期“2026-02-30”");
    expect(problem("2026-01-01", "下周")).toContain("无法读取结束日期“下周”");
    expect(problem("1999-12-31", "2026-01-01")).toContain("2000 年至 2100 年");
  });

  it("never throws on any parameters", () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (from, to) => {
        const parsed = parsePartyPeriod(from, to, "2026-05-20");
        if (parsed.ok) expect(parsed.period.from <= parsed.period.to).toBe(true);
        else expect(parsed.problem.length).toBeGreaterThan(0);
      }),
    );
  });

  it("offers the halves and whole of this year and the last", () => {
    const presets = periodPresets("2026-05-20");
    expect(presets.map((p) => p.label)).toEqual([
      "2026 年上半年",
      "2026 年下半年",
      "2026 年全年",
      "2025 年上半年",
      "2025 年下半年",
      "2025 年全年",
    ]);
    expect(presets[5]).toEqual({ label: "2025 年全年", from: "2025-01-01", to: "2025-12-31" });
  });

  it("names a period", () => {
    expect(periodLabel({ from: "2026-01-01", to: "2026-06-30" })).toBe("2026 年上半年");
    expect(periodLabel({ from: "2025-01-01", to: "2025-12-31" })).toBe("2025 年全年");
    expect(periodLabel({ from: "2025-03-01", to: "2025-06-30" })).toBe(
      "2025年3月1日至2025年6月30日",
    );
  });
});
