import { describe, expect, it } from "vitest";
import { addCalendarDays, dayOfWeek, diffCalendarDays, isLocalDate, toShanghaiDate } from "./local-date.ts";

describe("local dates", () => {
  it("puts an instant on the Shanghai day it falls on, switching at 16:00 UTC", () => {
    expect(toShanghaiDate(new Date("2025-09-30T15:59:59.999Z"))).toBe("2025-09-30");
    expect(toShanghaiDate(new Date("2025-09-30T16:00:00.000Z"))).toBe("2025-10-01");
    expect(toShanghaiDate(new Date("2025-12-31T16:30:00Z"))).toBe("2026-01-01");
  });

  it("refuses an invalid Date instead of returning a garbage day", () => {
    expect(() => toShanghaiDate(new Date("not a date"))).toThrow(RangeError);
  });

  it("adds calendar days across month ends, leap days and years", () => {
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCalendarDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addCalendarDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addCalendarDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(diffCalendarDays("2025-09-30", "2025-10-09")).toBe(9);
  });

  it("rejects strings that are not real YYYY-MM-DD days", () => {
    for (const bad of ["2025-02-29", "2025-13-01", "2025-1-1", "", "2025-10-01T00:00", "0099-01-01"]) {
      expect(isLocalDate(bad), bad).toBe(false);
      expect(() => addCalendarDays(bad, 1), bad).toThrow(RangeError);
    }
    expect(isLocalDate("2024-02-29")).toBe(true);
  });

  it("knows 2025-09-28 was a Sunday", () => {
    expect(dayOfWeek("2025-09-28")).toBe(0);
    expect(dayOfWeek("2026-02-14")).toBe(6);
  });
});
