import { describe, expect, it } from "vitest";
import { addCalendarDays } from "./local-date.ts";
import { revisionForYear, STATUTORY_HOLIDAYS, statutoryHolidays } from "./statutory-holidays.ts";
import { computeDueDate } from "./time-limit.ts";
import { type CalendarOverride, createWorkCalendar } from "./working-days.ts";

// Published tables (the State Council's notices as far as they exist, the almanac beyond), written
// out rather than computed, so the lunar library is checked and not trusted.
const PUBLISHED: Record<number, { chunjie: string; qingming: string; duanwu: string; zhongqiu: string }> = {
  2027: { chunjie: "2027-02-06", qingming: "2027-04-05", duanwu: "2027-06-09", zhongqiu: "2027-09-15" },
  2028: { chunjie: "2028-01-26", qingming: "2028-04-04", duanwu: "2028-05-28", zhongqiu: "2028-10-03" },
  2029: { chunjie: "2029-02-13", qingming: "2029-04-04", duanwu: "2029-06-16", zhongqiu: "2029-09-22" },
  2030: { chunjie: "2030-02-03", qingming: "2030-04-05", duanwu: "2030-06-05", zhongqiu: "2030-09-12" },
  2031: { chunjie: "2031-01-23", qingming: "2031-04-05", duanwu: "2031-06-24", zhongqiu: "2031-10-01" },
  2032: { chunjie: "2032-02-11", qingming: "2032-04-04", duanwu: "2032-06-12", zhongqiu: "2032-09-19" },
  2033: { chunjie: "2033-01-31", qingming: "2033-04-04", duanwu: "2033-06-01", zhongqiu: "2033-09-08" },
  2034: { chunjie: "2034-02-19", qingming: "2034-04-05", duanwu: "2034-06-20", zhongqiu: "2034-09-27" },
  2035: { chunjie: "2035-02-08", qingming: "2035-04-05", duanwu: "2035-06-10", zhongqiu: "2035-09-16" },
};

const daysOf = (year: number, name: string) =>
  statutoryHolidays(year)
    .filter((h) => h.name.split("、").includes(name))
    .map((h) => h.date);

describe("the statutory holidays of 全国年节及纪念日放假办法 (2024 revision)", () => {
  it("keeps the revision as data with the day it took effect", () => {
    expect(revisionForYear(2027)?.effectiveFrom).toBe("2025-01-01");
    expect(revisionForYear(2024)).toBeUndefined();
    expect(STATUTORY_HOLIDAYS.revisions[0]?.holidays.reduce((n, h) => n + h.days, 0)).toBe(13);
  });

  it.each(Object.entries(PUBLISHED))("match the published table for %s", (y, published) => {
    const year = Number(y);
    // 春节: 除夕, 初一, 初二, 初三.
    expect(daysOf(year, "春节")).toEqual([
      addCalendarDays(published.chunjie, -1),
      published.chunjie,
      addCalendarDays(published.chunjie, 1),
      addCalendarDays(published.chunjie, 2),
    ]);
    expect(daysOf(year, "清明节")).toEqual([published.qingming]);
    expect(daysOf(year, "端午节")).toEqual([published.duanwu]);
    expect(daysOf(year, "中秋节")).toEqual([published.zhongqiu]);
    expect(daysOf(year, "元旦")).toEqual([`${y}-01-01`]);
    expect(daysOf(year, "劳动节")).toEqual([`${y}-05-01`, `${y}-05-02`]);
    expect(daysOf(year, "国庆节")).toEqual([`${y}-10-01`, `${y}-10-02`, `${y}-10-03`]);
  });

  it("lets 中秋 share 1 October with 国庆 (2031): one day off, both names", () => {
    expect(statutoryHolidays(2031).filter((h) => h.date.startsWith("2031-10"))).toEqual([
      { date: "2031-10-01", name: "中秋节、国庆节", en: "Mid-Autumn Festival, National Day" },
      { date: "2031-10-02", name: "国庆节", en: "National Day" },
      { date: "2031-10-03", name: "国庆节", en: "National Day" },
    ]);
  });
});

describe("the calendar after the package's last year", () => {
  const calendar = createWorkCalendar();

  it("no longer counts 2027-01-01 or the Spring Festival as working days", () => {
    expect(calendar.isHoliday("2027-01-01")).toBe(true);
    // 除夕 02-05 (Fri) … 初三 02-08 (Mon); Tuesday is a working day until a notice says otherwise.
    for (const d of ["2027-02-05", "2027-02-08"]) expect(calendar.isHoliday(d)).toBe(true);
    expect(calendar.isWorkingDay("2027-02-09")).toBe(true);
    // The package's own years keep the package's data.
    expect(calendar.describeDay("2026-10-01").source).toBe("package");
  });

  // A plausible 2027 National Day notice: 10-01 .. 10-07 off, make-up 09-26 (Sun) and 10-09 (Sat).
  const notice2027: CalendarOverride[] = [
    ...[4, 5, 6, 7].map((d) => ({ date: `2027-10-0${d}`, kind: "holiday" as const, name: "国庆节" })),
    { date: "2027-09-26", kind: "workday" },
    { date: "2027-10-09", kind: "workday" },
  ];

  it("counts 15 working days from 2027-09-28 without 10-01…03, provisional until 2027 is confirmed", () => {
    const due = computeDueDate({ amount: 15, unit: "working" }, "2027-09-28", calendar);
    // 09-29, 09-30, then 10-04 … 10-08, 10-11 … 10-15, 10-18 … 10-20.
    expect(due).toBe("2027-10-20");
    expect(calendar.unconfirmedYearsBetween("2027-09-28", due)).toEqual([2027]);

    const entered = createWorkCalendar(notice2027);
    expect(entered.unconfirmedYearsBetween("2027-09-28", due)).toEqual([2027]);
    const confirmed = createWorkCalendar(notice2027, undefined, { confirmedYears: [2027] });
    const dueAfter = computeDueDate({ amount: 15, unit: "working" }, "2027-09-28", confirmed);
    // 09-29, 09-30, 10-08, 10-09 (make-up), 10-11 … 10-15, 10-18 … 10-22, 10-25.
    expect(dueAfter).toBe("2027-10-25");
    expect(confirmed.unconfirmedYearsBetween("2027-09-28", dueAfter)).toEqual([]);
  });

  it("calls a clock provisional when any counted day is in an unconfirmed year, and only then", () => {
    expect(calendar.unconfirmedYearsBetween("2026-11-01", "2026-12-31")).toEqual([]);
    expect(calendar.unconfirmedYearsBetween("2026-12-07", "2027-02-05")).toEqual([2027]);
    // The start day is not counted.
    expect(calendar.unconfirmedYearsBetween("2026-12-31", "2026-12-31")).toEqual([]);
    expect(calendar.unconfirmedYearsBetween("2027-12-31", "2029-01-02")).toEqual([2028, 2029]);
  });
});
