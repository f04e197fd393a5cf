import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPercent, percentTenths, rate, roundingNote, shares } from "./percent.ts";

describe("percentages", () => {
  it("prints the seed report's online table: 16 items as 10/3/1/2 give 62.5, 18.8, 6.3 and 12.5", () => {
    // By hand: 10/16 = 0.625 → 62.5; 3/16 = 0.1875 → 18.75 → 18.8 (half up); 1/16 = 0.0625 → 6.25 → 6.3;
    // 2/16 = 0.125 → 12.5. Their sum is 100.1, which the documented rule allows.
    const rows = shares([
      { key: "request", items: 10 },
      { key: "suggestion", items: 3 },
      { key: "appeal", items: 1 },
      { key: "accusation", items: 2 },
    ]);
    expect(rows.map((r) => r.share)).toEqual([62.5, 18.8, 6.3, 12.5]);
    expect(rows.map((r) => formatPercent(r.share))).toEqual(["62.5%", "18.8%", "6.3%", "12.5%"]);
  });

  it("rounds half up in integers where floating point would round down", () => {
    // 1/8 = 12.5 exactly; 1/80 = 1.25 → 1.3; 7/80 = 8.75 → 8.8; 3100/6814 = 45.494… → 45.5.
    expect(percentTenths(1, 8)).toBe(125);
    expect(percentTenths(1, 80)).toBe(13);
    expect(percentTenths(7, 80)).toBe(88);
    expect(percentTenths(3100, 6814)).toBe(455);
    expect(percentTenths(2, 3)).toBe(667);
    expect(percentTenths(1, 3)).toBe(333);
  });

  it("has no percentage for an empty base and refuses negative or fractional counts", () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(formatPercent(null)).toBe("—");
    expect(() => percentTenths(-1, 4)).toThrow(RangeError);
    expect(() => percentTenths(1.5, 4)).toThrow(RangeError);
    expect(() => rate(5, 4)).toThrow(RangeError);
  });

  it("keeps the printed shares of any breakdown within the rounding of 100 (±0.05 per part)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5000), { minLength: 1, maxLength: 12 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const rows = shares(counts.map((items) => ({ items })));
        if (total === 0) return rows.every((r) => r.share === null);
        const sum = rows.reduce((s, r) => s + (r.share ?? 0) * 10, 0);
        // Each share is within half a tenth of the exact value, so the sum is within n/2 tenths of 1000.
        return Math.abs(sum - 1000) <= counts.length / 2 + 1e-9;
      }),
    );
  });

  it("notes under a table when its printed shares do not add up to 100.0, and only then", () => {
    // The seed's online table: 62.5 + 18.8 + 6.3 + 12.5 = 100.1.
    const seed = shares([10, 3, 1, 2].map((items) => ({ items }))).map((r) => r.share);
    expect(roundingNote(seed)).toContain("合计为100.1%");
    // Thirds: 33.3 × 3 = 99.9.
    expect(roundingNote(shares([1, 1, 1].map((items) => ({ items }))).map((r) => r.share))).toContain(
      "合计为99.9%",
    );
    expect(roundingNote([50, 25, 25])).toBeNull();
    expect(roundingNote([62.5, 37.5])).toBeNull();
    // Nothing to share: no note.
    expect(roundingNote([])).toBeNull();
    expect(roundingNote([null, null])).toBeNull();
  });
});
