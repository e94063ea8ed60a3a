import { describe, expect, test } from "vitest";
import { closingNetAssets, fenAsInput, fenOf, reportFigures, sumOfItems, incomeItems, withDerivedFigures } from "../../app/domain/inspections/figures";
import { prefillReport, reportProblems, type Report } from "../../app/domain/inspections/rules";

/** Last year's report as an organization filed it: its figures agree, and its net assets grew. */
const lastYear: Report = {
  recordChanged: "yes",
  recordChanges: "住所变更",
  incomeDonations: 20_000,
  incomeGrants: 10_000,
  incomeServices: 30_000,
  incomeFees: 5_000,
  incomeOther: 0,
  incomeTotal: 65_000,
  expenditurePrograms: 40_000,
  expenditureAdministration: 8_000.5,
  expenditureOther: 0,
  expenditureTotal: 48_000.5,
  netAssetsStart: 100_000,
  netAssetsEnd: 116_999.5,
  donationsReceived: 20_000,
  activitiesCount: 24,
  mainActivities: "健身指导进社区",
  fullTimeStaff: 2,
  volunteers: 40,
  officers: "会长 黄建国",
  partyFormalMembers: 4,
  partyProbationaryMembers: 0,
  partyCoverage: "own_branch",
  declaration: "on",
};

describe("the annual report's derived figures, one implementation for the browser and the server", () => {
  test("amounts as stored or as typed become exact fen; blanks and text that is no number are not amounts", () => {
    expect(fenOf(4.35)).toBe(435);
    expect(fenOf(" 0.07 ")).toBe(7);
    expect(fenOf("1234567.89")).toBe(123_456_789);
    expect(fenOf("")).toBeNull();
    expect(fenOf(undefined)).toBeNull();
    expect(fenOf("一万")).toBeNull();
    expect(fenOf(Number.NaN)).toBeNull();
  });

  test("a total is the sum of its items to the fen, and nothing while no item is filled in", () => {
    expect(sumOfItems({ incomeDonations: "0.1", incomeGrants: "0.2" }, incomeItems)).toBe(30);
    expect(sumOfItems({ incomeDonations: 0.1, incomeGrants: "0.2", incomeOther: "" }, incomeItems)).toBe(30);
    expect(sumOfItems({}, incomeItems)).toBeNull();
    expect(sumOfItems({ incomeOther: "0" }, incomeItems)).toBe(0);
  });

  test("closing net assets are opening plus income minus spending, once all three are known", () => {
    expect(closingNetAssets(100_00, 50_00, 20_00)).toBe(130_00);
    expect(closingNetAssets(null, 50_00, 20_00)).toBeNull();
    expect(reportFigures({ incomeDonations: "20000", incomeGrants: "10000", expenditurePrograms: "40000", expenditureAdministration: "8000.5", netAssetsStart: "100000" })).toEqual({
      incomeTotal: 3_000_000,
      expenditureTotal: 4_800_050,
      netAssetsEnd: 8_199_950,
    });
    expect(reportFigures({ incomeDonations: "100" })).toEqual({ incomeTotal: 10_000, expenditureTotal: null, netAssetsEnd: null });
  });

  test("figures worked out for a field read back as the same amounts", () => {
    expect(fenAsInput(8_199_950)).toBe("81999.5");
    expect(fenAsInput(7)).toBe("0.07");
    expect(fenAsInput(null)).toBe("");
    const worked = withDerivedFigures({ incomeDonations: 0.1, incomeGrants: 0.2, netAssetsStart: 1, expenditureOther: 0.3 });
    expect(worked).toMatchObject({ incomeTotal: 0.3, expenditureTotal: 0.3, netAssetsEnd: 1 });
    expect(reportProblems(worked).incomeTotal).toBeUndefined();
  });

  test("figures the browser works out pass the server's check, and a typed total that does not add up is still refused", () => {
    const typed = { incomeDonations: "20000", incomeGrants: "10000", incomeServices: "30000", incomeFees: "5000", expenditurePrograms: "40000", expenditureAdministration: "8000", netAssetsStart: "1234.56" };
    const figures = reportFigures(typed);
    const report: Report = {
      incomeDonations: 20_000, incomeGrants: 10_000, incomeServices: 30_000, incomeFees: 5_000,
      expenditurePrograms: 40_000, expenditureAdministration: 8_000, netAssetsStart: 1234.56,
      incomeTotal: Number(fenAsInput(figures.incomeTotal)),
      expenditureTotal: Number(fenAsInput(figures.expenditureTotal)),
      netAssetsEnd: Number(fenAsInput(figures.netAssetsEnd)),
    };
    const problems = reportProblems(report);
    expect(problems.incomeTotal).toBeUndefined();
    expect(problems.expenditureTotal).toBeUndefined();
    expect(problems.netAssetsEnd).toBeUndefined();
    expect(reportProblems({ ...report, incomeTotal: 60_000 }).incomeTotal).toEqual(["收入合计应等于各项收入之和 65,000 元"]);
  });
});

describe("the report pre-filled from last year's", () => {
  test("opens with last year's closing net assets and agrees with itself: no figure contradicts another", () => {
    const prefilled = prefillReport(lastYear);
    expect(prefilled.netAssetsStart).toBe(116_999.5);
    expect(prefilled.incomeTotal).toBe(65_000);
    expect(prefilled.expenditureTotal).toBe(48_000.5);
    expect(prefilled.netAssetsEnd).toBe(133_999);
    const problems = reportProblems(prefilled);
    // Only the declaration, made anew each year, stands between it and submission.
    expect(problems).toEqual({ declaration: ["请阅读并确认声明后再报送"] });
    expect(prefilled.recordChanged).toBe("no");
    expect(prefilled.recordChanges).toBeUndefined();
    expect(prefilled).not.toHaveProperty("declaration");
  });

  test("a total carried from a report whose items were not filed leaves the closing net assets blank rather than contradicting", () => {
    const { incomeDonations: _a, incomeGrants: _b, incomeServices: _c, incomeFees: _d, incomeOther: _e, ...withoutItems } = lastYear;
    const prefilled = prefillReport(withoutItems);
    expect(prefilled.netAssetsEnd).toBeUndefined();
    expect(reportProblems(prefilled).netAssetsEnd).toEqual(["请填写年末净资产"]);
  });

  test("a first report has nothing carried", () => {
    expect(prefillReport(null)).toEqual({ recordChanged: "no" });
  });

  test("a missing total asks for the items it follows from", () => {
    expect(reportProblems({}).incomeTotal).toEqual(["请填写各项收入（没有的填 0）及收入合计"]);
    expect(reportProblems({}).expenditureTotal).toEqual(["请填写各项费用（没有的填 0）及费用合计"]);
  });
});
