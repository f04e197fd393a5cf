import { describe, expect, it } from "vitest";
import {
  chineseDate,
  DOCUMENT_KINDS,
  type DocumentKind,
  fillTemplate,
  unknownPlaceholders,
} from "./templates.ts";

describe("document templates", () => {
  it("fills every placeholder and refuses to leave one blank", () => {
    expect(
      fillTemplate("{{petitionerName}}：编号{{ caseNumber }}。", {
        petitionerName: "张三",
        caseNumber: "X-1",
      }),
    ).toBe("张三：编号X-1。");
    expect(() => fillTemplate("{{title}}", {})).toThrow(/title/);
  });

  it("names the placeholders a kind does not supply", () => {
    expect(unknownPlaceholders("decline", "{{declineReason}} {{replyText}} {{bogus}} {{bogus}}")).toEqual([
      "replyText",
      "bogus",
    ]);
    expect(unknownPlaceholders("reply", "{{replyText}}{{reviewUntil}}")).toEqual([]);
  });

  it("refuses whatever stands between braces, however it is spelled, and stray braces", () => {
    expect(
      unknownPlaceholders("decline", "{{unknown_thing}}{{ 姓名 }}{{case-number}}{{ declineReason }}{{}}"),
    ).toEqual(["unknown_thing", "姓名", "case-number", ""]);
    expect(unknownPlaceholders("decline", "编号{{caseNumber}} {{title} 和 {declineRoute}}")).toEqual([
      "{{",
      "}}",
    ]);
    expect(unknownPlaceholders("decline", "{{constructor}}{{toString}}")).toEqual([
      "constructor",
      "toString",
    ]);
  });

  it("uses in each default only the placeholders its kind supplies", () => {
    for (const kind of Object.keys(DOCUMENT_KINDS) as DocumentKind[]) {
      expect(unknownPlaceholders(kind, DOCUMENT_KINDS[kind].body), kind).toEqual([]);
    }
  });

  it("writes dates the way official letters do", () => {
    expect(chineseDate("2026-03-02")).toBe("2026年3月2日");
    expect(chineseDate("2025-10-24")).toBe("2025年10月24日");
    expect(() => chineseDate("3/2/2026")).toThrow(RangeError);
  });
});
