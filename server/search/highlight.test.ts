import { describe, expect, it } from "vitest";
import { findRanges, snippet } from "./highlight.ts";

describe("highlighting", () => {
  it("marks every occurrence, longest term first, merging overlaps", () => {
    expect(findRanges("拖欠工资，工资", ["工资", "拖欠工资"])).toEqual([
      [0, 4],
      [5, 7],
    ]);
    expect(findRanges("ABC abc", ["abc"])).toEqual([
      [0, 3],
      [4, 7],
    ]);
    expect(findRanges("无关", ["工资"])).toEqual([]);
  });

  it("cuts a window around the hits with ellipses and shifted ranges", () => {
    const text = `${"前".repeat(100)}拖欠工资${"后".repeat(100)}`;
    const s = snippet(text, ["工资"], 40);
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
    expect(s.ranges).toHaveLength(1);
    const [a, b] = s.ranges[0]!;
    expect(s.text.slice(a, b)).toBe("工资");
  });

  it("returns a short text whole", () => {
    expect(snippet("拖欠工资", ["工资"])).toEqual({ text: "拖欠工资", ranges: [[2, 4]] });
  });
});
