import { describe, expect, it } from "vitest";
import {
  clockState,
  computeDueDate,
  countPausedDays,
  daysRemaining,
  type TimeLimit,
  ZTimeLimit,
} from "./time-limit.ts";
import { createWorkCalendar } from "./working-days.ts";

const calendar = createWorkCalendar();

function days(amount: number, extra: Partial<TimeLimit> = {}): TimeLimit {
  return ZTimeLimit.parse({ amount, unit: "calendar", starts: "acceptance", ...extra });
}

describe("computeDueDate", () => {
  it("does not count the start day", () => {
    // Mon 2025-03-03 + 15 days: counting starts 03-04, so day 15 is Tue 03-18 (not 03-17).
    expect(computeDueDate(days(15), "2025-03-03", calendar)).toBe("2025-03-18");
    expect(computeDueDate(days(1), "2025-03-03", calendar)).toBe("2025-03-04");
  });

  it("rolls a calendar-day limit ending in a holiday to the next working day", () => {
    // Thu 2026-02-05 + 15 = Fri 02-20, inside Spring Festival (02-15..23) → Tue 02-24.
    expect(computeDueDate(days(15), "2026-02-05", calendar)).toBe("2026-02-24");
    // Mon 2025-09-01 + 30 = 10-01 National Day → first working day after the break is 10-09.
    expect(computeDueDate(days(30), "2025-09-01", calendar)).toBe("2025-10-09");
  });

  it("keeps the holiday as the last day when rollover is off", () => {
    expect(computeDueDate(days(15, { holidayRollover: false }), "2026-02-05", calendar)).toBe("2026-02-20");
  });

  it("rolls a last day on an ordinary weekend to Monday", () => {
    // Fri 2025-06-13 + 15 = Sat 06-28 → Mon 06-30.
    expect(computeDueDate(days(15), "2025-06-13", calendar)).toBe("2025-06-30");
  });

  it("does not roll a last day that falls on a 调休 make-up Saturday", () => {
    // Fri 2026-02-13 + 15 = Sat 02-28, a make-up working day: the office is open, so it stands.
    expect(computeDueDate(days(15), "2026-02-13", calendar)).toBe("2026-02-28");
  });

  it("defaults holidayRollover to on when a limit omits it", () => {
    expect(days(15).holidayRollover).toBe(true);
    expect(computeDueDate({ amount: 15, unit: "calendar" }, "2026-02-05", calendar)).toBe("2026-02-24");
  });

  it("counts working-day limits over 调休 days", () => {
    // 5 working days from Fri 2026-02-13: 02-14 (make-up Sat), then 02-24..27.
    expect(computeDueDate({ amount: 5, unit: "working" }, "2026-02-13", calendar)).toBe("2026-02-27");
  });

  it("extends the period by paused days", () => {
    // Mon 2025-06-02 + 30 = Wed 07-02; a 5-day hearing pushes it to Mon 07-07.
    expect(computeDueDate(days(30), "2025-06-02", calendar)).toBe("2025-07-02");
    expect(computeDueDate(days(30), "2025-06-02", calendar, 5)).toBe("2025-07-07");
    // 10 working days from Mon 2025-06-09 is Mon 06-23; 2 paused working days → Wed 06-25.
    const simplified = { amount: 10, unit: "working" } as const;
    expect(computeDueDate(simplified, "2025-06-09", calendar)).toBe("2025-06-23");
    expect(computeDueDate(simplified, "2025-06-09", calendar, 2)).toBe("2025-06-25");
  });

  it("applies rollover after the pause, not before", () => {
    // 2025-09-01 + 25 = Fri 09-26; 5 paused days land on 10-01, which then rolls to 10-09.
    expect(computeDueDate(days(25), "2025-09-01", calendar)).toBe("2025-09-26");
    expect(computeDueDate(days(25), "2025-09-01", calendar, 5)).toBe("2025-10-09");
  });

  it("refuses negative or fractional paused days", () => {
    expect(() => computeDueDate(days(30), "2025-06-02", calendar, -1)).toThrow(RangeError);
    expect(() => computeDueDate(days(30), "2025-06-02", calendar, 1.5)).toThrow(RangeError);
  });
});

describe("countPausedDays", () => {
  it("counts a hearing over a weekend as 4 calendar days but 2 working days", () => {
    // Fri 2025-06-13 .. Mon 2025-06-16, both ends included.
    expect(countPausedDays("2025-06-13", "2025-06-16", "calendar", calendar)).toBe(4);
    expect(countPausedDays("2025-06-13", "2025-06-16", "working", calendar)).toBe(2);
    expect(countPausedDays("2025-06-13", "2025-06-13", "working", calendar)).toBe(1);
  });

  it("refuses a pause that ends before it starts", () => {
    expect(() => countPausedDays("2025-06-16", "2025-06-13", "calendar", calendar)).toThrow(RangeError);
  });
});

describe("daysRemaining and clockState", () => {
  it("reports calendar or working days left, 0 on the due day and negative after", () => {
    expect(daysRemaining("2025-10-09", "2025-09-30", calendar)).toBe(9);
    expect(daysRemaining("2025-10-09", "2025-09-30", calendar, "working")).toBe(1);
    expect(daysRemaining("2025-10-09", "2025-10-09", calendar)).toBe(0);
    expect(daysRemaining("2025-10-09", "2025-10-13", calendar)).toBe(-4);
    // Past due by 10-10, 10-11 (make-up Sat) and 10-13: three working days.
    expect(daysRemaining("2025-10-09", "2025-10-13", calendar, "working")).toBe(-3);
  });

  it("warns within the warning window, including the due day, and is overdue only after it", () => {
    const due = "2025-07-10";
    expect(clockState(due, "2025-07-06", 3)).toBe("ok");
    expect(clockState(due, "2025-07-07", 3)).toBe("warning");
    expect(clockState(due, "2025-07-10", 3)).toBe("warning");
    expect(clockState(due, "2025-07-11", 3)).toBe("overdue");
    expect(clockState(due, "2025-07-10", 0)).toBe("warning");
    expect(clockState(due, "2025-07-09", 0)).toBe("ok");
  });
});
