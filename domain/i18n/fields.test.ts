import { describe, expect, it } from "vitest";
import { describeFieldIssues } from "./fields.ts";

describe("naming the fields of a refused request", () => {
  it("says an empty (or spaces-only) title cannot be empty, in both languages", () => {
    expect(
      describeFieldIssues([{ path: "/title", keyword: "too_small", minimum: 1, origin: "string" }]),
    ).toEqual({
      zh: "标题不能为空（只填空格也不行）",
      en: "Title must not be empty (spaces alone do not count)",
    });
  });

  it("names a nested field by its last segment and says too long or not valid", () => {
    expect(
      describeFieldIssues([
        { path: "/petitioners/0/name", keyword: "too_big" },
        { path: "/content", keyword: "custom" },
      ]),
    ).toEqual({ zh: "姓名过长；信访内容填写有误", en: "Name is too long; content is not valid" });
  });

  it("keeps the generic message when no issue names a known field", () => {
    expect(describeFieldIssues([{ path: "/", keyword: "invalid_type" }])).toBeNull();
    expect(describeFieldIssues([{ path: "/receivedAt", keyword: "custom" }])).toBeNull();
  });
});
