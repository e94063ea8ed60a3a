import { describe, expect, test } from "vitest";
import { addWorkingDays, decisionDueOn, decisionPeriod, holidays2026, materialsNoticeDueOn, shippedHolidays, yearsWithoutArrangement, holidayTableSchema, isWorkingDay, periodText, yearsCovered } from "../../app/domain/applications/periods";

describe("each kind's statutory period", () => {
  test("establishment: 60 days from acceptance (社会团体登记管理条例 art. 12, 民办非企业单位登记管理暂行条例 art. 11)", () => {
    expect(decisionPeriod("establishment", "social_group")).toEqual({ days: 60, unit: "calendar", basis: "《社会团体登记管理条例》第十二条" });
    expect(decisionPeriod("establishment", "private_non_enterprise")).toEqual({ days: 60, unit: "calendar", basis: "《民办非企业单位登记管理暂行条例》第十一条" });
    expect(periodText(decisionPeriod("establishment", "social_group"))).toBe("受理之日起 60 日内（《社会团体登记管理条例》第十二条）");
  });
  test("changes and cancellations: 20 working days (行政许可法 art. 42); filings by the same measure", () => {
    for (const kind of ["change", "cancellation"] as const) {
      expect(decisionPeriod(kind, "social_group")).toEqual({ days: 20, unit: "working", basis: "《中华人民共和国行政许可法》第四十二条" });
    }
    expect(periodText(decisionPeriod("filing", "community"))).toBe("受理之日起 20 个工作日内（参照《中华人民共和国行政许可法》第四十二条）");
  });
});

describe("working days (行政许可法 art. 82: without public holidays)", () => {
  test("weekdays work, holidays do not, weekend days worked instead do", () => {
    expect(isWorkingDay("2026-09-30", holidays2026)).toBe(true);
    expect(isWorkingDay("2026-10-01", holidays2026)).toBe(false);
    expect(isWorkingDay("2026-10-10", holidays2026)).toBe(true); // a Saturday worked for 国庆
    expect(isWorkingDay("2026-10-11", holidays2026)).toBe(false);
    expect(isWorkingDay("2026-02-17", holidays2026)).toBe(false); // 春节
  });
  test("counted from the day after acceptance, across 国庆", () => {
    expect(addWorkingDays("2026-09-28", 1, holidays2026)).toBe("2026-09-29");
    expect(addWorkingDays("2026-09-28", 5, holidays2026)).toBe("2026-10-10");
    expect(decisionDueOn(decisionPeriod("change", "social_group"), "2026-09-28", holidays2026)).toBe("2026-10-30");
    expect(decisionDueOn(decisionPeriod("establishment", "social_group"), "2026-09-28", holidays2026)).toBe("2026-11-27");
  });
  test("a year the table does not cover is counted on weekdays alone", () => {
    expect(yearsCovered(holidays2026)).toEqual([2026]);
    // 2027-01-01 is a Friday.
    expect(addWorkingDays("2026-12-31", 1, holidays2026)).toBe("2027-01-01");
  });
  test("the table as officers enter it: real dates, a day never both off and worked", () => {
    expect(holidayTableSchema.safeParse(holidays2026).success).toBe(true);
    expect(holidayTableSchema.safeParse({ off: ["2027-02-30"], on: [] }).success).toBe(false);
    expect(holidayTableSchema.safeParse({ off: ["2027-01-01"], on: ["2027-01-01"] }).error?.issues[0]?.message).toBe("同一天不能既是放假日又是调休上班日");
  });
});

describe("the notice of missing materials (行政许可法 art. 32(4), art. 82)", () => {
  test("five working days from receipt, holidays not counted", () => {
    expect(materialsNoticeDueOn("2026-12-04", holidays2026)).toBe("2026-12-11");
    expect(materialsNoticeDueOn("2026-09-29", holidays2026)).toBe("2026-10-12"); // 30 Sep, 8, 9, 10 (a Saturday worked) and 12 Oct
  });
  test("the shipped table covers this year and the next: 2027's statutory days (全国年节及纪念日放假办法 art. 2)", () => {
    expect(yearsCovered(shippedHolidays)).toEqual([2026, 2027]);
    expect(isWorkingDay("2027-02-08", shippedHolidays)).toBe(false); // 初三
    expect(isWorkingDay("2027-10-04", shippedHolidays)).toBe(true); // the bridging days are the State Council's to set
    expect(holidayTableSchema.safeParse(shippedHolidays).success).toBe(true);
    expect(yearsWithoutArrangement(shippedHolidays)).toEqual([2027]);
  });
});
