import { describe, expect, test } from "vitest";
import {
  cleanTableRows,
  complianceSummary,
  dueDateOf,
  maskedContent,
  monthPeriod,
  parsePeriod,
  periodProblem,
  periodsOfYear,
  previousMonth,
  quarterPeriod,
  recentDuePeriods,
  sensitiveFindings,
  tableProblems,
  tableSpecs,
  tableTotals,
  type PublishedPeriod,
} from "../../app/domain/postings/rules";

describe("periods", () => {
  test.each([
    ["2025-03", "month", "2025-03-01", "2025-03-31", "2025年3月"],
    ["2024年2月", "month", "2024-02-01", "2024-02-29", "2024年2月"],
    ["2025-Q1", "quarter", "2025-01-01", "2025-03-31", "2025年第一季度"],
    ["2025年第四季度", "quarter", "2025-10-01", "2025-12-31", "2025年第四季度"],
    ["2025", "year", "2025-01-01", "2025-12-31", "2025年度"],
    ["2025-03-14", "date", "2025-03-14", "2025-03-14", "2025年3月14日"],
  ])("%s is a %s from %s to %s", (text, kind, start, end, label) => {
    expect(parsePeriod(text)).toMatchObject({ kind, start, end, label });
  });

  test.each(["2025-13", "2025-Q5", "2025-02-30", "三月", "", "0000", "0000-01", "0000-Q1", "0000-01-01", "1899-12", "9999-Q4", "2101年"])("%s is not a period", (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  test("the month before today's, across the turn of a year", () => {
    expect(previousMonth("2025-03-31").key).toBe("2025-02");
    expect(previousMonth("2026-01-01")).toMatchObject({ kind: "month", key: "2025-12", end: "2025-12-31" });
  });

  test("a kind accepts only its period kinds, and nothing that has not begun", () => {
    expect(periodProblem("finance_monthly", "2025-03", "2025-04-02")).toBeNull();
    expect(periodProblem("finance_monthly", "2025-Q1", "2025-04-02")).toContain("月度");
    expect(periodProblem("finance_monthly", "2025-05", "2025-04-02")).toContain("尚未开始");
    expect(periodProblem("assembly_decision", "2025-04-02", "2025-04-02")).toBeNull();
    expect(periodProblem("general_notice", "明年", "2025-04-02")).toContain("无法识别");
  });
});

describe("tables", () => {
  test("blank rows are dropped and every bad cell is named by row and column", () => {
    const rows = cleanTableRows(tableSpecs.allowance, [
      { name: " 陈阿水 ", idNumber: "", members: "2", amount: "1,660.50", note: "" },
      { name: "", idNumber: "", members: "", amount: "", note: "" },
      { name: "林秀英", idNumber: "", members: "两人", amount: "-5", note: "" },
      { name: "", idNumber: "", members: "1", amount: "830", note: "" },
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.name).toBe("陈阿水");
    expect(tableProblems(tableSpecs.allowance, rows)).toEqual([
      "第 2 行：“保障人数”应为整数（填写了“两人”）",
      "第 2 行：“月保障金（元）”应为不小于 0 的金额，最多两位小数（填写了“-5”）",
      "第 3 行：请填写“姓名”",
    ]);
  });

  test("totals are exact to the fen, and a ledger's balance is income minus expense", () => {
    const rows = [
      { item: "租金", income: "0.10", expense: "" },
      { item: "补助", income: "0.20", expense: "" },
      { item: "保洁", income: "", expense: "0.05" },
    ];
    expect(tableTotals(tableSpecs.ledger, rows)).toEqual({ sums: { income: 30, expense: 5 }, rows: 3, balance: 25 });
    expect(tableTotals(tableSpecs.allowance, [{ name: "a", members: "2", amount: "1660" }, { name: "b", members: "3", amount: "2490.5" }]).sums).toEqual({
      members: 5,
      amount: 415050,
    });
  });
});

describe("compliance", () => {
  const published = (category: PublishedPeriod["category"], key: string, publishedOn: string): PublishedPeriod => {
    const p = parsePeriod(key)!;
    return { category, periodKind: p.kind, periodStart: p.start, periodEnd: p.end, publishedOn };
  };

  test("a month is due by the end of the next, a quarter by the end of the month after it", () => {
    expect(dueDateOf(monthPeriod(2025, 1))).toBe("2025-02-28");
    expect(dueDateOf(monthPeriod(2025, 12))).toBe("2026-01-31");
    expect(dueDateOf(quarterPeriod(2025, 3))).toBe("2025-10-31");
  });

  test("each month and quarter is on time, late, missing, pending or not yet due", () => {
    const { months, quarters } = periodsOfYear(2025);
    const summary = complianceSummary(
      [
        published("finance", "2025-01", "2025-02-10"),
        published("finance", "2025-02", "2025-04-02"),
        published("village", "2025-05-20", "2025-05-21"),
        published("village", "2025", "2025-01-05"),
        published("party", "2025-Q3", "2025-10-02"),
      ],
      { months, quarters },
      "2025-05-25",
    );
    expect(summary.finance.slice(0, 6).map((c) => c.status)).toEqual(["on_time", "late", "missing", "pending", "pending", "not_due"]);
    // A yearly posting does not make up for a quarter; party affairs are not village affairs.
    expect(summary.villageAffairs.map((c) => c.status)).toEqual(["missing", "on_time", "not_due", "not_due"]);
    expect(summary.missing.map((m) => m.label)).toEqual(["2025年3月财务收支", "2025年第一季度村务"]);
    expect(summary.upToDate).toBe(false);
  });

  test("the public window is the twelve months and four quarters whose deadlines have passed", () => {
    const window = recentDuePeriods("2026-11-24");
    expect(window.months.map((m) => m.key)).toEqual([
      "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
    ]);
    expect(window.quarters.map((q) => q.key)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(recentDuePeriods("2026-10-31").months.at(-1)!.key).toBe("2026-08");
  });
});

describe("privacy", () => {
  const id = "11010519491231002X";
  test("findings name where each number is and show only its masked form", () => {
    const findings = sensitiveFindings("subsistence_allowance", {
      title: "名单",
      body: "第一行\n联系 13800138000",
      tableRows: [{ name: "陈", idNumber: id, members: "1", amount: "1" }],
      fileNames: [`${id}.pdf`],
    });
    expect(findings.map((f) => [f.where, f.kind, f.masked])).toEqual([
      ["正文第 2 行", "mobile", "138****8000"],
      ["表格第 1 行“身份证号”", "id_card", "110105********002X"],
      ["附件“110105********002X.pdf”的文件名", "id_card", "110105********002X"],
    ]);
    expect(JSON.stringify(findings)).not.toContain(id);
  });

  test("masked content hides numbers in the title, body and text cells", () => {
    const masked = maskedContent("subsistence_allowance", { title: `关于${id}`, body: `电话 13800138000`, tableRows: [{ note: id }] });
    expect(JSON.stringify(masked)).not.toMatch(/19491231|00138/);
  });

  test("a personal column is masked whatever it holds; amounts are never taken for numbers to hide", () => {
    const rows = [
      { name: "陈", idNumber: "350502196213141239", members: "1", amount: "13512345678.00", note: "" },
      { name: "林", idNumber: "3505021962071 4123", members: "1", amount: "1", note: "" },
      { name: "王", idNumber: "3505021962", members: "1", amount: "1", note: "" },
    ];
    const masked = maskedContent("subsistence_allowance", { title: "", body: "", tableRows: rows });
    expect(masked.tableRows!.map((r) => r.idNumber)).toEqual(["350502********1239", "350502*******4123", "**********"]);
    expect(masked.tableRows![0]!.amount).toBe("13512345678.00");
    const findings = sensitiveFindings("subsistence_allowance", { title: "", body: "", tableRows: rows, fileNames: [] });
    expect(findings.map((f) => [f.where, f.kind])).toEqual([
      ["表格第 1 行“身份证号”", "id_card_suspect"],
      ["表格第 2 行“身份证号”", "id_card_suspect"],
      ["表格第 3 行“身份证号”", "id_card_suspect"],
    ]);
  });
});
