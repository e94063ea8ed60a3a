import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  daysBetween,
  formatDate,
  formatDateTime,
  isAcceptedYear,
  parseIsoDate,
  shanghaiDate,
  startOfShanghaiDay,
  timeZone,
} from "../../app/domain/shared/time";

// Every expectation is written against a UTC instant, so it holds whatever TZ the process runs in.

test("the time zone is Asia/Shanghai", () => {
  expect(timeZone).toBe("Asia/Shanghai");
});

describe("formatDate", () => {
  test("half past midnight in Shanghai on 1 June is still 31 May in UTC, and reads as 1 June", () => {
    expect(formatDate(new Date("2026-05-31T16:30:00Z"))).toBe("2026年6月1日");
  });

  test("one millisecond before Shanghai midnight is the previous day", () => {
    expect(formatDate(new Date("2026-05-31T15:59:59.999Z"))).toBe("2026年5月31日");
  });

  test("a calendar date string is taken as that date, not shifted", () => {
    expect(formatDate("2026-05-31")).toBe("2026年5月31日");
  });

  test("months and days are not zero-padded", () => {
    expect(formatDate("2026-01-05")).toBe("2026年1月5日");
  });

  test("an ISO instant string is read in Shanghai", () => {
    expect(formatDate("2026-12-31T16:00:00Z")).toBe("2027年1月1日");
  });

  test.each([null, undefined, ""])("%s formats as empty", (value) => {
    expect(formatDate(value)).toBe("");
  });
});

describe("formatDateTime", () => {
  test("2026-05-31T16:30:00Z is 2026年6月1日 00:30 in Shanghai", () => {
    expect(formatDateTime(new Date("2026-05-31T16:30:00Z"))).toBe("2026年6月1日 00:30");
  });

  test("hours and minutes are zero-padded", () => {
    expect(formatDateTime(new Date("2026-05-31T01:05:00Z"))).toBe("2026年5月31日 09:05");
  });

  test("the afternoon reads on a 24-hour clock", () => {
    expect(formatDateTime("2026-05-31T06:05:00Z")).toBe("2026年5月31日 14:05");
  });

  test.each([null, undefined, ""])("%s formats as empty", (value) => {
    expect(formatDateTime(value)).toBe("");
  });
});

describe("shanghaiDate", () => {
  test("16:00 UTC begins the next Shanghai day", () => {
    expect(shanghaiDate(new Date("2026-05-31T16:00:00Z"))).toBe("2026-06-01");
  });

  test("15:59 UTC is still the same Shanghai day", () => {
    expect(shanghaiDate(new Date("2026-05-31T15:59:00Z"))).toBe("2026-05-31");
  });

  test("the year turns over at 16:00 UTC on 31 December", () => {
    expect(shanghaiDate(new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
  });

  test("a leap day is kept", () => {
    expect(shanghaiDate(new Date("2028-02-28T16:00:00Z"))).toBe("2028-02-29");
  });
});

describe("startOfShanghaiDay", () => {
  test("1 June 2026 begins at 2026-05-31T16:00:00Z", () => {
    expect(startOfShanghaiDay("2026-06-01").toISOString()).toBe("2026-05-31T16:00:00.000Z");
  });

  test("it is the inverse of shanghaiDate", () => {
    expect(shanghaiDate(startOfShanghaiDay("2026-06-01"))).toBe("2026-06-01");
    expect(shanghaiDate(new Date(startOfShanghaiDay("2026-06-01").getTime() - 1))).toBe(
      "2026-05-31",
    );
  });
});

describe("daysBetween", () => {
  test("counts Shanghai calendar days, not 24-hour spans", () => {
    // 23:30 and 00:30 Shanghai: one hour apart, but on consecutive days.
    expect(daysBetween(new Date("2026-05-31T15:30:00Z"), new Date("2026-05-31T16:30:00Z"))).toBe(1);
  });

  test("two instants on the same Shanghai day are zero days apart, though on different UTC days", () => {
    expect(daysBetween(new Date("2026-05-31T16:30:00Z"), new Date("2026-06-01T15:30:00Z"))).toBe(0);
  });

  test("backwards is negative", () => {
    expect(daysBetween(new Date("2026-06-10T04:00:00Z"), new Date("2026-06-01T04:00:00Z"))).toBe(
      -9,
    );
  });

  test("across a leap February", () => {
    expect(daysBetween(startOfShanghaiDay("2028-02-01"), startOfShanghaiDay("2028-03-01"))).toBe(
      29,
    );
  });

  test("across a year", () => {
    expect(daysBetween(startOfShanghaiDay("2026-01-01"), startOfShanghaiDay("2027-01-01"))).toBe(
      365,
    );
  });
});

describe("parseIsoDate", () => {
  test("a real calendar date from 1900 to 2100", () => {
    for (const date of ["1900-01-01", "1949-10-01", "2024-02-29", "2026-12-31", "2100-12-31"]) expect(parseIsoDate(date)).toBe(date);
  });

  test("impossible dates, years no field accepts and other shapes are null", () => {
    for (const bad of ["0000-01-01", "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "20260101", " 2026-01-01", "2026-01-01T00:00", "+02026-01-01", "", null, undefined]) {
      expect(parseIsoDate(bad), String(bad)).toBeNull();
    }
  });

  test("anything it accepts is a date PostgreSQL can hold as a date and as the Shanghai day's start", () => {
    fc.assert(
      fc.property(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.string()), (text) => {
        const date = parseIsoDate(text);
        if (date === null) return;
        expect(isAcceptedYear(Number(date.slice(0, 4)))).toBe(true);
        expect(startOfShanghaiDay(date).toISOString()).toMatch(/^\d{4}-/);
      }),
      { seed: 20260603, numRuns: 3000 },
    );
  });
});
