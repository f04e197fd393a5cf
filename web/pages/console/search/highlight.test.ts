import { describe, expect, it } from "vitest";
import { highlightPieces } from "./highlight.ts";

describe("highlighted snippets", () => {
  it("marks the server's ranges, merging overlaps and ignoring ranges outside the text", () => {
    expect(highlightPieces("拖欠工资问题", [[2, 4]])).toEqual([
      { text: "拖欠", mark: false },
      { text: "工资", mark: true },
      { text: "问题", mark: false },
    ]);
    expect(
      highlightPieces("拖欠工资", [
        [0, 2],
        [1, 3],
        [9, 12],
      ]),
    ).toEqual([
      { text: "拖欠", mark: true },
      { text: "工", mark: true },
      { text: "资", mark: false },
    ]);
    expect(highlightPieces("<b>x</b>", [])).toEqual([{ text: "<b>x</b>", mark: false }]);
  });
});
