import { describe, expect, test } from "vitest";
import { creditConsequence, endsRegistration, penaltyArticle, penaltyProblems, seriousFineFen, type PenaltyInput } from "../../app/domain/credit/penalties";

const warning: PenaltyInput = {
  kind: "warning",
  facts: "未按规定办理负责人变更登记",
  legalBasis: "《社会团体登记管理条例》第三十条第一款第（六）项",
  decisionNumber: "鲤民罚决字〔2026〕1号",
  decidedOn: "2026-11-20",
  authority: "鲤城区民政局",
};
const registered = { status: "normal" as const, type: "social_group" as const };

describe("the penalties a registry may decide (社会团体登记管理条例 art. 30; 民办非企业单位登记管理暂行条例 art. 25; 基金会管理条例 art. 42)", () => {
  test("the article by kind of organization", () => {
    expect(penaltyArticle("social_group")).toBe("《社会团体登记管理条例》第三十条");
    expect(penaltyArticle("private_non_enterprise")).toBe("《民办非企业单位登记管理暂行条例》第二十五条");
    expect(penaltyArticle("foundation")).toBe("《基金会管理条例》第四十二条");
  });
  test("a decision is dated no later than today; a fine states its amount; an order to stop activities its period", () => {
    expect(penaltyProblems(warning, registered, "2026-12-04")).toEqual({});
    expect(penaltyProblems({ ...warning, decidedOn: "2026-12-05" }, registered, "2026-12-04")).toEqual({ decidedOn: ["决定日期不能晚于今天"] });
    expect(penaltyProblems({ ...warning, kind: "fine" }, registered, "2026-12-04")).toEqual({ amount: ["罚款须写明金额"] });
    expect(penaltyProblems({ ...warning, kind: "fine", amount: 20_000 }, registered, "2026-12-04")).toEqual({});
    expect(penaltyProblems({ ...warning, kind: "suspension" }, registered, "2026-12-04")).toEqual({
      suspendedFrom: ["限期停止活动须写明起始日期"],
      suspendedUntil: ["限期停止活动须写明截止日期"],
    });
    expect(penaltyProblems({ ...warning, kind: "suspension", suspendedFrom: "2026-11-19", suspendedUntil: "2026-11-18" }, registered, "2026-12-04")).toEqual({
      suspendedFrom: ["停止活动的起始日期不能早于决定日期"],
      suspendedUntil: ["截止日期不能早于起始日期"],
    });
    expect(penaltyProblems({ ...warning, kind: "suspension", suspendedFrom: "2026-11-21", suspendedUntil: "2027-02-20" }, registered, "2026-12-04")).toEqual({});
  });
  test("an organization no longer registered, or a filed community organization, is not penalised under the regulations", () => {
    expect(penaltyProblems(warning, { ...registered, status: "revoked" }, "2026-12-04").kind).toEqual(["该组织已撤销登记，不能再作出行政处罚决定"]);
    expect(penaltyProblems(warning, { ...registered, status: "cancelled" }, "2026-12-04").kind).toEqual(["该组织已注销，不能再作出行政处罚决定"]);
    expect(penaltyProblems(warning, { ...registered, status: "abnormal" }, "2026-12-04")).toEqual({});
    expect(penaltyProblems(warning, { status: "normal", type: "community" }, "2026-12-04").kind?.[0]).toContain("备案管理");
  });
  test("撤销登记 and 吊销登记证书 end the registration; the others do not", () => {
    expect(endsRegistration("revocation")).toBe(true);
    expect(endsRegistration("certificate_withdrawal")).toBe(true);
    for (const kind of ["warning", "fine", "confiscation", "suspension"] as const) expect(endsRegistration(kind)).toBe(false);
  });
});

describe("a penalty's credit consequence (社会组织信用信息管理办法, 民政部令第60号)", () => {
  test("a warning or a fine under 50,000 yuan: the abnormal list (art. 10(5))", () => {
    expect(creditConsequence({ kind: "warning", amountFen: null })).toBe("abnormal");
    expect(creditConsequence({ kind: "fine", amountFen: seriousFineFen - 1 })).toBe("abnormal");
  });
  test("an order to stop activities, a fine of 50,000 yuan or more, a revocation: the serious-violation list (art. 17(3), (4), (7))", () => {
    expect(creditConsequence({ kind: "fine", amountFen: 5_000_000 })).toBe("serious");
    expect(creditConsequence({ kind: "suspension", amountFen: null })).toBe("serious");
    expect(creditConsequence({ kind: "revocation", amountFen: null })).toBe("serious");
    expect(creditConsequence({ kind: "certificate_withdrawal", amountFen: null })).toBe("serious");
  });
  test("confiscation alone is neither", () => {
    expect(creditConsequence({ kind: "confiscation", amountFen: 100_000 })).toBeNull();
  });
});
