import { describe, expect, test } from "vitest";
import {
  changedSinceLastYear,
  deadlineProblems,
  defaultDeadlines,
  filingDeadlineOf,
  preliminaryBasis,
  preliminaryLate,
  preliminaryUnitOf,
  inspectionRefusal,
  defaultListingReason,
  isDue,
  nextYearToOpen,
  notDueReason,
  reportProblems,
} from "../../app/domain/inspections/rules";
import { reportSchema } from "../../app/domain/inspections/forms";

describe("who is due for year Y's inspection (the campaign on year Y, filed in Y+1)", () => {
  const org = { type: "social_group" as const, status: "normal" as const, registeredOn: "2025-06-30" };
  test("registered before 1 July of Y: due; from 1 July: from the next year on (the six-month exemption)", () => {
    expect(isDue(org, 2025)).toBe(true);
    expect(isDue({ ...org, registeredOn: "2025-07-01" }, 2025)).toBe(false);
    expect(isDue({ ...org, registeredOn: "2025-07-01" }, 2026)).toBe(true);
    expect(isDue({ ...org, registeredOn: "2026-01-05" }, 2025)).toBe(false);
  });
  test("abnormal ones are due; cancelled, revoked and filed community organizations are not", () => {
    expect(isDue({ ...org, status: "abnormal" }, 2025)).toBe(true);
    expect(isDue({ ...org, status: "cancelled" }, 2025)).toBe(false);
    expect(isDue({ ...org, status: "revoked" }, 2025)).toBe(false);
    expect(isDue({ ...org, type: "community" }, 2025)).toBe(false);
  });
  test("deadlines: the supervising unit's first, the registry's within the year the reports are filed", () => {
    expect(deadlineProblems(2025, defaultDeadlines(2025))).toEqual({});
    expect(deadlineProblems(2025, { supervisingDeadline: "2026-06-01", registryDeadline: "2026-05-31" })).toHaveProperty("supervisingDeadline");
    expect(deadlineProblems(2025, { supervisingDeadline: "2025-03-31", registryDeadline: "2025-05-31" })).toEqual({
      registryDeadline: ["2025 年度年检的登记管理机关截止日期应在 2026 年内"],
    });
  });
  test("the 2025 campaign is filed in 2026: 31 March for the supervising unit, 31 May for the registry (seed 002: 2012年度年检 in 2013)", () => {
    expect(defaultDeadlines(2025)).toEqual({ supervisingDeadline: "2026-03-31", registryDeadline: "2026-05-31" });
  });
  test("the campaign offered to open next is last year's, then the first not yet opened after it", () => {
    expect(nextYearToOpen([], "2026-01-01")).toBe(2025);
    expect(nextYearToOpen([2023, 2024, 2025], "2026-12-04")).toBe(2026);
  });
  test("listing reasons and the exemption name the year reported on", () => {
    expect(defaultListingReason(2025)).toBe("未按规定报送 2025 年度工作报告（2025 年度年检）");
    expect(notDueReason({ type: "social_group", status: "normal", registeredOn: "2025-08-01" }, 2025)).toContain("2025 年 7 月 1 日以后登记的组织不参加本年度年检");
  });
});

describe("a report", () => {
  test("negative money and fractions of a fen are refused when typed", () => {
    const parsed = reportSchema.safeParse({ incomeTotal: "-5", expenditureTotal: "1.005" });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => i.message);
    expect(messages).toContain("金额不能为负数");
    expect(messages).toContain("金额最多保留两位小数");
  });
  test("ordinary amounts in fen are accepted despite floating point", () => {
    for (const amount of ["0.07", "1.13", "4.35", "1234567.89"]) {
      expect(reportSchema.safeParse({ incomeTotal: amount }).success, amount).toBe(true);
    }
  });
  test("totals must add up, to the fen", () => {
    const problems = reportProblems({
      incomeDonations: 0.1, incomeGrants: 0.2, incomeTotal: 0.3,
      expenditurePrograms: 1, expenditureAdministration: 1, expenditureTotal: 3,
      netAssetsStart: 10, netAssetsEnd: 8,
    });
    expect(problems.incomeTotal).toBeUndefined(); // 0.1 + 0.2 is 0.3 in fen
    expect(problems.expenditureTotal?.[0]).toContain("费用合计应等于各项费用之和 2 元");
    expect(problems.netAssetsEnd?.[0]).toContain("7.3");
  });
  test("a missing declaration stops it; three or more party members with no coverage too", () => {
    expect(reportProblems({}).declaration).toEqual(["请阅读并确认声明后再报送"]);
    expect(reportProblems({ partyFormalMembers: 3, partyCoverage: "none" }).partyCoverage?.[0]).toContain("3 名以上正式党员");
  });
  test("what differs from last year is named; the declaration is made anew each year", () => {
    expect(changedSinceLastYear({ activitiesCount: 20, declaration: "on" }, { activitiesCount: 12 })).toEqual(["activitiesCount"]);
    expect(changedSinceLastYear({ activitiesCount: 20 }, null)).toEqual([]);
  });
});

describe("the steps of a report", () => {
  test("only the registry returns and concludes; only the organization submits", () => {
    expect(inspectionRefusal("submitted", "conclude", "association", { conclusion: "pass" })).toContain("角色");
    expect(inspectionRefusal("submitted", "conclude", "street_officer", { conclusion: "pass" })).toContain("角色");
    expect(inspectionRefusal("draft", "submit", "district_officer")).toContain("角色");
    expect(inspectionRefusal("submitted", "conclude", "district_officer", { conclusion: "pass" })).toBeNull();
  });
  test("a concluded report cannot be filed again", () => {
    expect(inspectionRefusal("concluded", "submit", "association")).toBe("该年度报告已作出年检结论，不能再修改或报送。");
  });
  test("基本合格 needs the corrections, 不合格 the reasons, a return its reason", () => {
    expect(inspectionRefusal("submitted", "conclude", "district_officer", { conclusion: "basic_pass", note: " " })).toContain("整改");
    expect(inspectionRefusal("submitted", "conclude", "district_officer", { conclusion: "fail" })).toContain("理由");
    expect(inspectionRefusal("submitted", "return", "district_officer", {})).toBe("退回修改须填写理由。");
  });
});

describe("the 业务主管单位's 初审 (社会团体登记管理条例 art. 28; 民办非企业单位登记管理暂行条例 art. 23)", () => {
  const deadlines = { supervisingDeadline: "2026-03-31", registryDeadline: "2026-05-31" };
  test("an organization with a unit files to it by 31 March; one registered directly, to the registry by 31 May", () => {
    expect(preliminaryUnitOf({ supervisingUnit: " 鲤城区教育局 " })).toBe("鲤城区教育局");
    expect(preliminaryUnitOf({ supervisingUnit: "" })).toBeNull();
    expect(filingDeadlineOf({ supervisingUnit: "鲤城区教育局" }, deadlines)).toBe("2026-03-31");
    expect(filingDeadlineOf({ supervisingUnit: null }, deadlines)).toBe("2026-05-31");
  });
  test("the article by kind", () => {
    expect(preliminaryBasis("social_group")).toBe("《社会团体登记管理条例》第二十八条");
    expect(preliminaryBasis("private_non_enterprise")).toBe("《民办非企业单位登记管理暂行条例》第二十三条");
    expect(preliminaryBasis("foundation")).toBe("《基金会管理条例》第三十六条");
  });
  test("the registry concludes only after the unit agreed; a report with no unit needs none", () => {
    const waiting = { conclusion: "pass" as const, unitName: "鲤城区教育局", unitDecision: null, type: "social_group" as const };
    expect(inspectionRefusal("submitted", "conclude", "district_officer", waiting)).toBe(
      "年度工作报告须经业务主管单位（鲤城区教育局）初审同意后，登记管理机关方可作出年检结论（《社会团体登记管理条例》第二十八条）。",
    );
    expect(inspectionRefusal("submitted", "conclude", "district_officer", { ...waiting, unitDecision: "agreed" })).toBeNull();
    expect(inspectionRefusal("submitted", "conclude", "district_officer", { conclusion: "pass", unitName: null })).toBeNull();
    // The registry may still return it.
    expect(inspectionRefusal("submitted", "return", "district_officer", { ...waiting, reason: "请补充" })).toBeNull();
  });
  test("the unit decides once per submission, a return with its reason, and only as the unit", () => {
    const facts = { unitName: "鲤城区教育局", unitDecision: null };
    expect(inspectionRefusal("submitted", "unit_agree", "supervising_authority", facts)).toBeNull();
    expect(inspectionRefusal("submitted", "unit_agree", "supervising_authority", { ...facts, unitDecision: "agreed" })).toBe("本单位已对本次报送作出初审意见。");
    expect(inspectionRefusal("submitted", "unit_return", "supervising_authority", facts)).toBe("退回修改须填写理由。");
    expect(inspectionRefusal("submitted", "unit_return", "supervising_authority", { ...facts, reason: "请补充审计报告" })).toBeNull();
    expect(inspectionRefusal("submitted", "unit_agree", "supervising_authority", { unitName: null })).toContain("无需业务主管单位初审");
    expect(inspectionRefusal("submitted", "unit_agree", "district_officer", facts)).toContain("角色");
    expect(inspectionRefusal("returned", "unit_agree", "supervising_authority", facts)).toContain("不能");
  });
  test("a filing still waiting after the unit's deadline is late", () => {
    const filing = { state: "submitted" as const, unitName: "鲤城区教育局", unitDecision: null };
    expect(preliminaryLate(filing, "2026-03-31", "2026-03-31")).toBe(false);
    expect(preliminaryLate(filing, "2026-03-31", "2026-04-01")).toBe(true);
    expect(preliminaryLate({ ...filing, unitDecision: "agreed" }, "2026-03-31", "2026-04-01")).toBe(false);
    expect(preliminaryLate({ ...filing, unitName: null }, "2026-03-31", "2026-04-01")).toBe(false);
  });
});
