import { describe, expect, it } from "vitest";
import {
  change,
  evaluationRate,
  onlineShare,
  onTimeCompletionRate,
  repeatRate,
  resolutionRate,
  satisfactionRate,
  timelyAcceptanceRate,
} from "./rates.ts";

describe("the rates of PROCEDURE.md §5", () => {
  it("timely acceptance: 18 timely, 1 late, 1 overdue unaccepted → 18/20 = 90.0 %", () => {
    expect(timelyAcceptanceRate({ timely: 18, late: 1, overdueUnaccepted: 1 })).toEqual({
      numerator: 18,
      denominator: 20,
      percent: 90,
    });
  });

  it("on-time completion counts late, unanswered and overdue-unanswered against it: 7/(7+1+1+3) = 58.3 %", () => {
    // 7/12 = 0.58333… → 58.3
    expect(onTimeCompletionRate({ onTime: 7, late: 1, notReplied: 1, overdueNotReplied: 3 }).percent).toBe(
      58.3,
    );
  });

  it("evaluation rate: 9 rated, 3 windows closed unrated → 9/12 = 75.0 %", () => {
    expect(evaluationRate({ rated: 9, overdueUnrated: 3 }).percent).toBe(75);
  });

  it("satisfaction counts basically satisfied as satisfied: (5+2)/(5+2+1) = 87.5 %", () => {
    expect(satisfactionRate({ satisfied: 5, basicallySatisfied: 2, dissatisfied: 1 })).toEqual({
      numerator: 7,
      denominator: 8,
      percent: 87.5,
    });
  });

  it("repeat rate, online share and resolution rate are simple ratios (seed: 113 of 125 owned cases = 90.4 %)", () => {
    expect(repeatRate(1, 6).percent).toBe(16.7); // 0.1666… → 16.7
    expect(onlineShare(76, 839).percent).toBe(9.1); // 76/839 = 0.090584… → 9.1
    expect(resolutionRate(113, 125).percent).toBe(90.4);
  });

  it("has no rate when nothing was due", () => {
    expect(timelyAcceptanceRate({ timely: 0, late: 0, overdueUnaccepted: 0 }).percent).toBeNull();
    expect(satisfactionRate({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 }).percent).toBeNull();
  });
});

describe("同比 / 环比", () => {
  it("gives the growth in percent with its sign: 839 after 700 is +19.9 %, 650 after 700 is −7.1 %", () => {
    // 139/700 = 0.198571… → 19.9; 50/700 = 0.0714… → 7.1
    expect(change(839, 700)).toEqual({ current: 839, previous: 700, delta: 139, percent: 19.9 });
    expect(change(650, 700)).toEqual({ current: 650, previous: 700, delta: -50, percent: -7.1 });
    expect(change(5, 5).percent).toBe(0);
  });

  it("has no growth percentage after an empty period", () => {
    expect(change(3, 0)).toEqual({ current: 3, previous: 0, delta: 3, percent: null });
  });
});
