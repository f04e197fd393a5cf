import { describe, expect, it } from "vitest";
import { drillHref, indexOptions, periodQuery } from "./stats-query.ts";

describe("the statistics period", () => {
  it("asks for a year, a month, a quarter, and clamps an index the kind cannot have", () => {
    expect(periodQuery({ kind: "year", year: 2026, index: 3 })).toBe("period=year&year=2026");
    expect(periodQuery({ kind: "month", year: 2026, index: 11 })).toBe("period=month&year=2026&index=11");
    expect(periodQuery({ kind: "quarter", year: 2025, index: 7 })).toBe("period=quarter&year=2025&index=4");
    expect(periodQuery({ kind: "half", year: 2025 })).toBe("period=half&year=2025&index=1");
    expect(periodQuery({ kind: "custom", year: 2026, from: "2026-02-01", to: "2026-03-15" })).toBe(
      "period=custom&from=2026-02-01&to=2026-03-15",
    );
    expect(indexOptions("quarter")).toEqual([1, 2, 3, 4]);
    expect(indexOptions("year")).toEqual([]);
  });
  it("drills into the case list with the API's filter, and nowhere for a figure without one", () => {
    expect(drillHref("channel=visit&from=2026-01-01&to=2026-12-31")).toBe(
      "/cases?channel=visit&from=2026-01-01&to=2026-12-31",
    );
    expect(drillHref(null)).toBeNull();
  });
});
