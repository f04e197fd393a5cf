import { describe, expect, it } from "vitest";
import { suppressGroup } from "./suppress.ts";

describe("small-cell suppression", () => {
  it("shows counts from 1 to min−1 as '<', publishes zero and larger counts", () => {
    expect(suppressGroup([0, 1, 4, 5, 12], 5, false)).toEqual([0, "<", "<", 5, 12]);
  });

  it("hides a second cell when exactly one is hidden and the total is published", () => {
    // 3 + 6 + 9 = 18: with 6 and 9 shown, 18 − 15 would give back the 3.
    expect(suppressGroup([3, 9, 6], 5, true)).toEqual(["<", 9, "*"]);
  });

  it("prefers a non-zero complementary cell, and takes a zero only when nothing else is left", () => {
    expect(suppressGroup([0, 2, 7], 5, true)).toEqual([0, "<", "*"]);
    expect(suppressGroup([0, 3], 5, true)).toEqual(["*", "<"]);
  });

  it("adds nothing when two cells are already hidden or the total is hidden itself", () => {
    expect(suppressGroup([2, 3, 8], 5, true)).toEqual(["<", "<", 8]);
    expect(suppressGroup([2, 8], 5, false)).toEqual(["<", 8]);
  });

  it("never leaves a group with exactly one hidden cell when its total is published (all small groups)", () => {
    for (let a = 0; a < 12; a++)
      for (let b = 0; b < 12; b++)
        for (let c = 0; c < 12; c++) {
          const out = suppressGroup([a, b, c], 5, true);
          const hidden = out.filter((v) => typeof v !== "number").length;
          expect(hidden === 0 || hidden >= 2, `${a},${b},${c} → ${out.join(",")}`).toBe(true);
        }
  });
});
