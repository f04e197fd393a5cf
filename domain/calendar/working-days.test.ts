import chineseDays from "chinese-days";
import { afterEach, describe, expect, it } from "vitest";
import { addCalendarDays } from "./local-date.ts";
import { type CalendarOverride, createWorkCalendar, PACKAGE_TABLE } from "./working-days.ts";

const calendar = createWorkCalendar();

describe("working days from the package calendar", () => {
  it("counts 15 working days after the 2025-09-28 make-up Sunday to 2025-10-24", () => {
    // 09-28 is the start (not counted). 09-29, 09-30 = 2; 10-01..08 National Day + Mid-Autumn;
    // 10-09, 10-10 = 4; 10-11 make-up Saturday = 5; 10-13..17 = 10; 10-20..24 = 15.
    expect(calendar.addWorkingDays("2025-09-28", 15)).toBe("2025-10-24");
  });

  it("treats 2025 调休 days as the State Council set them", () => {
    expect(calendar.isWorkingDay("2025-09-28")).toBe(true);
    expect(calendar.isWorkingDay("2025-10-11")).toBe(true);
    expect(calendar.isHoliday("2025-10-08")).toBe(true);
    expect(calendar.isHoliday("2025-10-12")).toBe(true);
    expect(calendar.describeDay("2025-10-11")).toMatchObject({ kind: "makeup_workday", source: "package" });
    // The package files 10-06 under Mid-Autumn even though it sits inside the National Day break.
    expect(calendar.describeDay("2025-10-06")).toMatchObject({ kind: "holiday", name: "中秋" });
  });

  it("counts across the 2026 Spring Festival with its two make-up Saturdays", () => {
    // chinese-days 2026: holiday 02-15 (Sun) .. 02-23 (Mon); make-up working days 02-14 (Sat)
    // and 02-28 (Sat). From Tue 02-10: 02-11, 12, 13 = 3; 02-14 make-up = 4; 02-15..23 off;
    // 02-24..27 = 8; 02-28 make-up = 9; 03-01 Sun off; 03-02..06 = 14; 03-09 (Mon) = 15.
    expect(calendar.addWorkingDays("2026-02-10", 15)).toBe("2026-03-09");
    // From Fri 02-13: 02-14 make-up = 1, then 02-24, 25, 26, 27 = 5.
    expect(calendar.addWorkingDays("2026-02-13", 5)).toBe("2026-02-27");
    expect(calendar.describeDay("2026-02-14").kind).toBe("makeup_workday");
    expect(calendar.describeDay("2026-02-23")).toMatchObject({ kind: "holiday", name: "春节" });
    expect(calendar.nextWorkingDay("2026-02-15")).toBe("2026-02-24");
  });

  it("never counts the start day, even when it is a working day", () => {
    expect(calendar.addWorkingDays("2025-06-05", 1)).toBe("2025-06-06");
    expect(calendar.addWorkingDays("2025-06-06", 1)).toBe("2025-06-09");
    expect(calendar.addWorkingDays("2025-06-06", 0)).toBe("2025-06-06");
  });

  it("goes backwards for a negative count and finds the next working day after a holiday run", () => {
    expect(calendar.addWorkingDays("2025-10-09", -1)).toBe("2025-09-30");
    expect(calendar.nextWorkingDay("2025-09-30")).toBe("2025-10-09");
    expect(calendar.nextWorkingDay("2025-10-10")).toBe("2025-10-11");
  });

  it("counts working days in a half-open range, negative when reversed", () => {
    expect(calendar.countWorkingDays("2025-09-30", "2025-10-09")).toBe(1);
    expect(calendar.countWorkingDays("2025-10-09", "2025-09-30")).toBe(-1);
    expect(calendar.countWorkingDays("2025-09-27", "2025-09-28")).toBe(1);
    expect(calendar.countWorkingDays("2025-10-09", "2025-10-09")).toBe(0);
  });

  it("knows the package years, computes 2027's holidays and does not call 2027 confirmed", () => {
    expect(calendar.knowsYear(2004)).toBe(true);
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2003)).toBe(false);
    expect(calendar.knowsYear(2027)).toBe(true);
    expect(calendar.isYearConfirmed(2026)).toBe(true);
    expect(calendar.isYearConfirmed(2027)).toBe(false);
    expect(calendar.lastPackageYear).toBe(2026);
  });

  it("reads the same table the package's own API answers from, for every day it covers", () => {
    // We read the raw JSON to escape the package's time-zone bug; this catches the JSON and the
    // code drifting apart on an upgrade. Local noon Dates are immune to that bug.
    const mismatches: string[] = [];
    for (let day = "2004-01-01"; day <= "2026-12-31"; day = addCalendarDays(day, 1)) {
      const [y, m, d] = day.split("-").map(Number) as [number, number, number];
      if (chineseDays.isWorkday(new Date(y, m - 1, d, 12)) !== calendar.isWorkingDay(day))
        mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("answers do not depend on the process time zone", () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(["America/New_York", "Pacific/Kiritimati", "UTC"])("gives the same days in %s", (tz) => {
    process.env.TZ = tz;
    const cal = createWorkCalendar();
    expect(cal.addWorkingDays("2025-09-28", 15)).toBe("2025-10-24");
    expect(cal.isHoliday("2025-10-01")).toBe(true);
    expect(cal.isWorkingDay("2025-09-30")).toBe(true);
  });
});

describe("admin overrides", () => {
  // A plausible 2027 National Day: 10-01 (Fri) .. 10-07 off, make-up 09-26 (Sun) and 10-09 (Sat).
  const national2027: CalendarOverride[] = [
    ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({
      date: `2027-10-0${d}`,
      kind: "holiday" as const,
      name: "国庆节",
    })),
    { date: "2027-09-26", kind: "workday" },
    { date: "2027-10-09", kind: "workday" },
  ];

  it("works for 2027 from the statutory days alone, then from overrides once entered", () => {
    // Statutory days only: 10-01 (Fri) .. 10-03 off, 10-04, 10-05, 10-06 count.
    expect(calendar.addWorkingDays("2027-09-30", 3)).toBe("2027-10-06");
    expect(calendar.describeDay("2027-10-01")).toMatchObject({ name: "国庆节", source: "statutory" });
    const with2027 = createWorkCalendar(national2027);
    expect(with2027.knowsYear(2027)).toBe(true);
    // With data: 10-08 (Fri) = 1, 10-09 make-up Saturday = 2, 10-11 (Mon) = 3.
    expect(with2027.addWorkingDays("2027-09-30", 3)).toBe("2027-10-11");
    expect(with2027.nextWorkingDay("2027-09-25")).toBe("2027-09-26");
    expect(with2027.describeDay("2027-10-01")).toMatchObject({ name: "国庆节", source: "override" });
  });

  it("beat the package in both directions", () => {
    const cal = createWorkCalendar([
      { date: "2025-10-08", kind: "workday" },
      { date: "2025-10-11", kind: "holiday", name: "本县补休" },
    ]);
    expect(cal.isWorkingDay("2025-10-08")).toBe(true);
    expect(cal.isHoliday("2025-10-11")).toBe(true);
    // Package alone: 09-29, 09-30, 10-09, 10-10, 10-11 → 10-11. With the overrides 10-08 counts
    // as the 3rd day, so the 5th is 10-10.
    expect(calendar.addWorkingDays("2025-09-28", 5)).toBe("2025-10-11");
    expect(cal.addWorkingDays("2025-09-28", 5)).toBe("2025-10-10");
    expect(cal.describeDay("2025-10-11")).toMatchObject({ kind: "holiday", source: "override" });
  });

  it("refuse a date given twice and an impossible date", () => {
    expect(() =>
      createWorkCalendar([
        { date: "2027-10-01", kind: "holiday" },
        { date: "2027-10-01", kind: "workday" },
      ]),
    ).toThrow(/2027-10-01 is given twice/);
    expect(() => createWorkCalendar([{ date: "2027-02-30", kind: "holiday" }])).toThrow();
  });

  it("can replace the package table entirely, e.g. to pin a test to fixed data", () => {
    const cal = createWorkCalendar([], { holidays: { "2025-06-04": "Test,测试,9" }, workdays: {} });
    expect(cal.isHoliday("2025-06-04")).toBe(true);
    expect(cal.isWorkingDay("2025-10-01")).toBe(true);
    // A year after the table's last is computed from the law, and not confirmed.
    expect(cal.knowsYear(2026)).toBe(true);
    expect(cal.isYearConfirmed(2026)).toBe(false);
    expect(PACKAGE_TABLE.holidays["2025-10-01"]).toContain("国庆节");
  });
});
