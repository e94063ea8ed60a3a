/**
 * 双随机一公开: the draw is the published rule and replays from the seed; the
 * rectification's states; 未按期完成整改 (社会组织信用信息管理办法第十条第三项)
 * proposes the abnormal list; the forms refuse clearly.
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { creditProposals } from "../../app/domain/credit/listings";
import { drawChecks, parseInspectorPool, sampleSize } from "../../app/domain/spot-checks/draw";
import { planSchema, planWorkSchema, rectificationAnswerSchema } from "../../app/domain/spot-checks/forms";
import { deadlineProblem, rectificationOverdue, rectificationOverdueSince, rectificationState } from "../../app/domain/spot-checks/rules";
import { refusesClearly } from "../setup/form-properties";

const pool = ["陈志明", "林晓燕", "黄建国", "吴丽华", "郑伟"];

describe("the draw replays from what the plan publishes", () => {
  const input = { seed: "ac678bf137d0f2ae195e537c33630987", population: Array.from({ length: 50 }, (_, i) => i + 1), count: 5, inspectors: pool, perCheck: 2 };

  test("the same seed gives the same draw; another seed another", () => {
    expect(drawChecks(input)).toEqual(drawChecks({ ...input, population: [...input.population].reverse() }));
    expect(drawChecks({ ...input, seed: "another" }).map((d) => d.organizationId)).not.toEqual(drawChecks(input).map((d) => d.organizationId));
  });

  test("it is the rule the public page states, repeated here from the text alone", () => {
    const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
    // 对每个可抽取的组织，计算“种子:组织编号”的 SHA-256，按其值从小到大排列，取前 n 个
    const organizations = input.population
      .map((id) => [id, sha(`${input.seed}:${id}`)] as const)
      .sort((a, b) => a[1].localeCompare(b[1]))
      .slice(0, input.count)
      .map(([id]) => id);
    const drawn = drawChecks(input);
    expect(drawn.map((d) => d.organizationId)).toEqual(organizations);
    // 计算“种子:组织编号:检查人员姓名”的 SHA-256，按其值从小到大排列，取前 k 名
    for (const d of drawn) {
      const inspectors = pool.map((n) => [n, sha(`${input.seed}:${d.organizationId}:${n}`)] as const).sort((a, b) => a[1].localeCompare(b[1])).slice(0, 2).map(([n]) => n);
      expect(d.inspectors).toEqual(inspectors);
    }
  });

  test("each check has distinct inspectors from the pool; never more organizations than there are", () => {
    for (const d of drawChecks(input)) {
      expect(new Set(d.inspectors).size).toBe(2);
      expect(d.inspectors.every((n) => pool.includes(n))).toBe(true);
    }
    expect(drawChecks({ ...input, population: [3, 3, 7], count: 5 }).map((d) => d.organizationId).sort()).toEqual([3, 7]);
  });

  test("a share rounds up, a number is capped by the population", () => {
    expect(sampleSize({ kind: "share", value: 3 }, 400)).toBe(12);
    expect(sampleSize({ kind: "share", value: 3 }, 10)).toBe(1);
    expect(sampleSize({ kind: "count", value: 20 }, 7)).toBe(7);
    expect(sampleSize({ kind: "share", value: 5 }, 0)).toBe(0);
  });

  test("the pool as typed: one per line or separated, each once", () => {
    expect(parseInspectorPool(" 陈志明\n林晓燕，黄建国、陈志明\n\n郑伟, 吴丽华 ")).toEqual(["陈志明", "林晓燕", "黄建国", "郑伟", "吴丽华"]);
  });
});

describe("rectification (限期整改)", () => {
  const ordered = { deadline: "2026-11-30", answeredOn: null, verdict: null, verifiedOn: null };
  test("its state on a day", () => {
    expect(rectificationState(ordered, "2026-11-30")).toBe("open");
    expect(rectificationState(ordered, "2026-12-01")).toBe("overdue");
    expect(rectificationState({ ...ordered, answeredOn: "2026-11-20" }, "2026-12-05")).toBe("answered");
    expect(rectificationState({ ...ordered, answeredOn: "2026-11-20", verdict: "done" }, "2026-12-05")).toBe("done");
  });
  test("overdue (第十条第三项): past the deadline without a report by it, or found not done; a report in time waits for verification", () => {
    expect(rectificationOverdue(ordered, "2026-11-30")).toBe(false);
    expect(rectificationOverdue(ordered, "2026-12-01")).toBe(true);
    expect(rectificationOverdue({ ...ordered, answeredOn: "2026-11-30" }, "2026-12-05")).toBe(false);
    expect(rectificationOverdue({ ...ordered, answeredOn: "2026-12-02" }, "2026-12-05")).toBe(true);
    expect(rectificationOverdue({ ...ordered, answeredOn: "2026-11-20", verdict: "not_done" }, "2026-12-05")).toBe(true);
    expect(rectificationOverdue({ ...ordered, answeredOn: "2026-11-20", verdict: "done" }, "2026-12-05")).toBe(false);
    expect(rectificationOverdueSince(ordered)).toBe("2026-12-01");
    expect(rectificationOverdueSince({ ...ordered, answeredOn: "2026-11-20", verdict: "not_done", verifiedOn: "2026-12-04" })).toBe("2026-12-04");
  });
  test("proposed for the abnormal list once overdue, with the problem and deadline as evidence", () => {
    const org = { organizationId: 9, live: true, penalties: [], abnormal: [], serious: [], letters: [], dismissed: [], rectifications: [{ ...ordered, id: 4, problem: "公示收费依据和标准" }] };
    expect(creditProposals(org, "2026-11-30")).toEqual([]);
    expect(creditProposals(org, "2026-12-01")).toEqual([
      expect.objectContaining({ list: "abnormal", trigger: "rectification_overdue", sourceKey: "rectification:4", arose: "2026-12-01", evidence: expect.stringContaining("公示收费依据和标准（期限 2026-11-30）") }),
    ]);
    expect(creditProposals({ ...org, live: false }, "2026-12-01")).toEqual([]);
  });
  test("a deadline after the order, within a year", () => {
    expect(deadlineProblem("2026-12-05", "2026-12-05")).toContain("晚于");
    expect(deadlineProblem("2027-12-06", "2026-12-05")).toContain("一年");
    expect(deadlineProblem("2027-01-05", "2026-12-05")).toBeNull();
  });
});

describe("the forms refuse clearly", () => {
  test("a plan", () => refusesClearly(planSchema));
  test("the work on a plan", () => refusesClearly(planWorkSchema, [{ name: "intent", values: ["draw", "finding", "rectification", "verify", "publish"] }]));
  test("the organization's answer", () => refusesClearly(rectificationAnswerSchema));
  test("a pool of one, or more per check than the pool holds, is refused beside its field", () => {
    const plan = { title: "抽查计划一", matters: "年度报告真实性", types: ["social_group"], sampleKind: "count", sampleValue: "3", perCheck: "2" };
    const one = planSchema.safeParse({ ...plan, inspectors: "陈志明" });
    expect(one.success ? [] : one.error.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["inspectors", "检查人员名录至少需要 2 人（双人检查）"]);
    const few = planSchema.safeParse({ ...plan, inspectors: "陈志明\n林晓燕", perCheck: "3" });
    expect(few.success ? [] : few.error.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["perCheck", "每次检查人数不能多于名录中的人数"]);
    expect(planSchema.safeParse({ ...plan, inspectors: "陈志明\n林晓燕", sampleKind: "share", sampleValue: "101" }).success).toBe(false);
  });
});
