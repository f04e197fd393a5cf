import { describe, expect, it } from "vitest";
import { monthsOf, periodLabel, previousPeriod, resolvePeriod, samePeriodLastYear } from "./period.ts";

describe("reporting periods", () => {
  it("resolves months, quarters, halves and years to inclusive Shanghai days", () => {
    expect(resolvePeriod({ kind: "month", year: 2024, index: 2 })).toEqual({
      kind: "month",
      from: "2024-02-01",
      to: "2024-02-29",
    });
    expect(resolvePeriod({ kind: "quarter", year: 2025, index: 4 })).toMatchObject({
      from: "2025-10-01",
      to: "2025-12-31",
    });
    expect(resolvePeriod({ kind: "half", year: 2025, index: 1 })).toMatchObject({
      from: "2025-01-01",
      to: "2025-06-30",
    });
    expect(resolvePeriod({ kind: "year", year: 2023 })).toMatchObject({
      from: "2023-01-01",
      to: "2023-12-31",
    });
  });

  it("refuses impossible periods", () => {
    expect(() => resolvePeriod({ kind: "quarter", year: 2025, index: 5 })).toThrow(RangeError);
    expect(() => resolvePeriod({ kind: "custom", from: "2025-03-01", to: "2025-02-01" })).toThrow(RangeError);
    expect(() => resolvePeriod({ kind: "custom", from: "2025-02-30", to: "2025-03-01" })).toThrow(RangeError);
  });

  it("环比 steps back one period, across the year boundary; a custom range steps back its own length", () => {
    expect(previousPeriod(resolvePeriod({ kind: "month", year: 2025, index: 1 }))).toMatchObject({
      from: "2024-12-01",
      to: "2024-12-31",
    });
    expect(previousPeriod(resolvePeriod({ kind: "quarter", year: 2025, index: 1 }))).toMatchObject({
      from: "2024-10-01",
      to: "2024-12-31",
    });
    expect(previousPeriod(resolvePeriod({ kind: "month", year: 2024, index: 3 }))).toMatchObject({
      to: "2024-02-29",
    });
    // 10 days (1–10 March) → the 10 days before: 20–29 February 2024.
    expect(previousPeriod(resolvePeriod({ kind: "custom", from: "2024-03-01", to: "2024-03-10" }))).toEqual({
      kind: "custom",
      from: "2024-02-20",
      to: "2024-02-29",
    });
  });

  it("同比 is the same days a year earlier, 29 February becoming 28 February", () => {
    expect(samePeriodLastYear(resolvePeriod({ kind: "month", year: 2024, index: 2 }))).toMatchObject({
      from: "2023-02-01",
      to: "2023-02-28",
    });
  });

  it("lists the months of a period and labels it in Chinese", () => {
    expect(monthsOf({ kind: "custom", from: "2024-11-15", to: "2025-02-01" })).toEqual([
      "2024-11",
      "2024-12",
      "2025-01",
      "2025-02",
    ]);
    expect(periodLabel(resolvePeriod({ kind: "quarter", year: 2025, index: 3 }))).toBe("2025年第三季度");
    expect(periodLabel(resolvePeriod({ kind: "half", year: 2025, index: 2 }))).toBe("2025年下半年");
    expect(periodLabel(resolvePeriod({ kind: "year", year: 2023 }))).toBe("2023年");
  });
});
