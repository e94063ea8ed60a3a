import { describe, expect, test } from "vitest";
import { campaignOpensOnFormSchema, campaignOpensOnSchema, campaignToOpen, formatMonthDay, nonFilersDue } from "../../app/domain/inspections/calendar";

describe("the campaign the calendar opens (社会团体登记管理条例 art. 28: the report on a year is filed during the next)", () => {
  test("on its day the campaign on last year opens, once", () => {
    expect(campaignToOpen("2027-01-01", "01-01", [2024, 2025])).toBe(2026);
    expect(campaignToOpen("2027-01-01", "01-01", [2024, 2025, 2026])).toBeNull();
    expect(campaignToOpen("2027-12-31", "01-01", [2025])).toBe(2026);
  });
  test("not before the configured day", () => {
    expect(campaignToOpen("2027-01-31", "02-01", [2025])).toBeNull();
    expect(campaignToOpen("2027-02-01", "02-01", [2025])).toBe(2026);
  });
  test("a campaign the registry opened by hand ahead of the day is not opened again", () => {
    expect(campaignToOpen("2027-01-15", "02-01", [2026])).toBeNull();
    expect(campaignToOpen("2027-02-01", "02-01", [2026])).toBeNull();
  });
  test("never a year further back: a registry that skipped one decided so", () => {
    expect(campaignToOpen("2027-03-01", "01-01", [2020])).toBe(2026);
  });
});

describe("a closed campaign's non-filers (社会组织信用信息管理办法 art. 10: listed by the registry's decision)", () => {
  test("put to the registry the day after the registry's deadline, and only once", () => {
    expect(nonFilersDue({ registryDeadline: "2026-05-31", nonFilersProposedAt: null }, "2026-05-31")).toBe(false);
    expect(nonFilersDue({ registryDeadline: "2026-05-31", nonFilersProposedAt: null }, "2026-06-01")).toBe(true);
    expect(nonFilersDue({ registryDeadline: "2026-06-30", nonFilersProposedAt: null }, "2026-06-15")).toBe(false);
    expect(nonFilersDue({ registryDeadline: "2026-05-31", nonFilersProposedAt: new Date("2026-06-01T01:00:00Z") }, "2026-09-01")).toBe(false);
  });
});

describe("the opening day setting", () => {
  test("a day from 1 January to 31 March that every year has", () => {
    for (const ok of ["01-01", "02-28", "03-31", " 01-15 "]) expect(campaignOpensOnSchema.safeParse(ok).success).toBe(true);
    for (const bad of ["02-29", "04-01", "12-31", "1-1", "01-32", "00-10", "", "0101"]) {
      const parsed = campaignOpensOnSchema.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("年检自动开启日期应为 1 月 1 日至 3 月 31 日之间的日期，如 01-01");
    }
  });
  test("the form needs a reason", () => {
    const parsed = campaignOpensOnFormSchema.safeParse({ campaignOpensOn: "02-01", reason: "" });
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
  });
  test("said as the bureau says it", () => {
    expect(formatMonthDay("01-01")).toBe("1月1日");
    expect(formatMonthDay("03-15")).toBe("3月15日");
  });
});
