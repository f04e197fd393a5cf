import { describe, expect, it } from "vitest";
import { parseNoticeLines } from "./notice-lines.ts";

describe("the pasted holiday notice", () => {
  it("reads days, ranges, both languages of the kind, and names", () => {
    expect(
      parseNoticeLines("2027-10-04~2027-10-06 放假 国庆节\n\n2027-10-09 上班 国庆节调休\n2027-09-26 workday"),
    ).toEqual({
      days: [
        { date: "2027-10-04", kind: "holiday", name: "国庆节" },
        { date: "2027-10-05", kind: "holiday", name: "国庆节" },
        { date: "2027-10-06", kind: "holiday", name: "国庆节" },
        { date: "2027-10-09", kind: "workday", name: "国庆节调休" },
        { date: "2027-09-26", kind: "workday" },
      ],
      badLines: [],
    });
  });

  it("names the lines it cannot read: no such day, an unknown kind, a range backwards", () => {
    expect(parseNoticeLines("2027-02-30 放假\n2027-10-09 加班\n2027-10-07~2027-10-04 放假").badLines).toEqual(
      [1, 2, 3],
    );
  });
});
