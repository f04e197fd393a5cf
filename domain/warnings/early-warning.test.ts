import { describe, expect, it } from "vitest";
import { earlyWarnings, type WarningInput } from "./early-warning.ts";

const quiet: WarningInput = {
  headcount: 1,
  collectiveThreshold: 5,
  destinationLevel: "county",
  recentSamePerson: 0,
  repeatWindowDays: 30,
  text: "反映拖欠工资问题",
  safetyWords: ["轻生", "跳楼"],
};

describe("early-warning suggestions", () => {
  it("raises nothing for an ordinary individual petition at the county", () => {
    expect(earlyWarnings(quiet)).toEqual([]);
  });

  it("raises each warning with its reason, from the case's own facts", () => {
    const w = earlyWarnings({
      ...quiet,
      headcount: 12,
      destinationLevel: "provincial",
      recentSamePerson: 2,
      text: "多次反映无果，扬言要跳楼，跳楼",
    });
    expect(w.map((x) => x.code)).toEqual(["collective", "repeated", "level_skipping", "safety"]);
    expect(w[0]!.zh).toContain("12人");
    expect(w[1]!.zh).toContain("30日内已有2件");
    expect(w[2]!.zh).toContain("赴省");
    expect(w[3]!.zh).toContain("（跳楼）");
  });

  it("treats the threshold as reached at exactly the threshold", () => {
    expect(earlyWarnings({ ...quiet, headcount: 5 }).map((x) => x.code)).toEqual(["collective"]);
    expect(earlyWarnings({ ...quiet, headcount: 4 })).toEqual([]);
  });
});
