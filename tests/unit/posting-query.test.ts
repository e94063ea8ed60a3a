import { expect, test } from "vitest";
import { parsePostingQuery, parseVersionParam, postingSearchParams } from "../../app/domain/postings/query";

const parse = (query: string) => parsePostingQuery(new URLSearchParams(query));

test("no parameters: the first page of everything, 20 to a page", () => {
  expect(parse("")).toEqual({ query: { page: 1, pageSize: 20 }, problems: [] });
});

test("every filter is read", () => {
  const { query, problems } = parse("street=350502100000&village=350502100201&category=finance&period=2025-03&q=%20低保%20&page=3&pageSize=50");
  expect(problems).toEqual([]);
  expect(query).toEqual({
    street: "350502100000",
    village: "350502100201",
    category: "finance",
    period: "2025-03",
    q: "低保",
    page: 3,
    pageSize: 50,
  });
});

test("empty parameters, as a form's 全部 sends them, are no filter", () => {
  expect(parse("street=&village=&category=&period=&q=&page=")).toEqual({ query: { page: 1, pageSize: 20 }, problems: [] });
});

test("a period is stored in the domain's own form, whichever way it was written", () => {
  expect(parse("period=2025").query.period).toBe("2025");
  expect(parse("period=2025-q1").query.period).toBe("2025-Q1");
  expect(parse("period=2025年3月").query.period).toBe("2025-03");
  expect(parse("period=2025年第二季度").query.period).toBe("2025-Q2");
  expect(parse("period=2025-3").query.period).toBe("2025-03");
});

test("a period picked on the search form as a year and a quarter, a month or 全年 is the same filter", () => {
  expect(parse("periodYear=2025&periodPart=Q1").query.period).toBe("2025-Q1");
  expect(parse("periodYear=2025&periodPart=03").query.period).toBe("2025-03");
  expect(parse("periodYear=2025&periodPart=year").query.period).toBe("2025");
  expect(parse("periodYear=&periodPart=year")).toEqual({ query: { page: 1, pageSize: 20 }, problems: [] });
  // A link's typed code wins over the lists.
  expect(parse("period=2024-Q4&periodYear=2025&periodPart=03").query.period).toBe("2024-Q4");
  expect(parse("periodYear=&periodPart=Q2")).toEqual({ query: { page: 1, pageSize: 20 }, problems: [{ field: "period", message: "请先选择年份，再选择季度或月份" }] });
  expect(parse("periodYear=2025&periodPart=Q9").problems).toEqual([{ field: "period", message: expect.stringContaining("无法识别公开期间“2025-Q9”") }]);
});

test("a period that is not one gives a Chinese message that shows how to write it, and no filter", () => {
  for (const bad of ["2025-13", "2025-Q5", "去年", "2025-02-30", "x".repeat(30)]) {
    const { query, problems } = parse(`period=${encodeURIComponent(bad)}`);
    expect(query.period).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe("period");
    expect(problems[0]!.message).toMatch(/公开期间/);
  }
  expect(parse("period=2025-13").problems[0]!.message).toContain("2025-Q1");
});

test("bad codes, categories and page numbers are named and left out", () => {
  const { query, problems } = parse("street=3505&village=abc&category=sports&page=0&pageSize=101");
  expect(query).toEqual({ page: 1, pageSize: 20 });
  expect(problems.map((p) => p.field)).toEqual(["street", "village", "category", "page", "pageSize"]);
  expect(problems.find((p) => p.field === "pageSize")!.message).toContain("100");
  expect(problems.find((p) => p.field === "category")!.message).toContain("party");
});

test("a title search longer than 60 characters is refused", () => {
  expect(parse(`q=${"村".repeat(61)}`).problems[0]!.field).toBe("q");
});

test("the filters go back into a URL without the page", () => {
  const { query } = parse("village=350502100201&category=party&period=2025年&page=4");
  expect(postingSearchParams(query).toString()).toBe("village=350502100201&category=party&period=2025");
});

test("version parameter: absent is the current version, rubbish is null", () => {
  expect(parseVersionParam(null)).toBeUndefined();
  expect(parseVersionParam("")).toBeUndefined();
  expect(parseVersionParam("2")).toBe(2);
  expect(parseVersionParam("0")).toBeNull();
  expect(parseVersionParam("two")).toBeNull();
});
