import { describe, expect, it } from "vitest";
import { toRepeatCheck } from "./repeat-draft.ts";

describe("the repeat check of a draft registration", () => {
  it("waits for the place and some text", () => {
    expect(toRepeatCheck({ petitioners: [{ name: "张三" }], content: "工资" })).toBeNull();
    expect(toRepeatCheck({ problemRegionCode: "990001001", petitioners: [{ name: "张三" }] })).toBeNull();
  });

  it("sends named petitioners with what was typed, and the title as content until content is typed", () => {
    expect(
      toRepeatCheck({
        problemRegionCode: "990001001",
        title: " 拖欠工资 ",
        petitioners: [{ name: " 张三 ", idNumber: "", phone: "13800000000" }, { name: "" }, undefined],
      }),
    ).toEqual({
      petitioners: [{ name: "张三", phone: "13800000000" }],
      problemRegionCode: "990001001",
      title: "拖欠工资",
      content: "拖欠工资",
    });
  });

  it("leaves out an ID number or phone still being typed", () => {
    const r = toRepeatCheck({
      problemRegionCode: "990001",
      content: "工资",
      petitioners: [{ name: "李四", idNumber: "41900119", phone: "138" }],
    });
    expect(r?.petitioners).toEqual([{ name: "李四" }]);
  });

  it("keeps the category and the content when given", () => {
    const r = toRepeatCheck({
      problemRegionCode: "990001",
      categoryId: "c1",
      content: "某公司拖欠工资三个月",
    });
    expect(r).toMatchObject({ categoryId: "c1", content: "某公司拖欠工资三个月", petitioners: [] });
  });

  it("dates a letter as the registration does, and nothing else", () => {
    const on = { format: (f: string) => (f === "YYYY-MM-DD" ? "2026-11-20" : "?") };
    const base = { problemRegionCode: "990001", content: "工资还没给" };
    expect(toRepeatCheck({ ...base, channel: "letter", receivedOn: on })?.receivedAt).toBe(
      "2026-11-20T09:00:00+08:00",
    );
    expect(toRepeatCheck({ ...base, channel: "visit", receivedOn: on })).not.toHaveProperty("receivedAt");
    expect(toRepeatCheck({ ...base, channel: "letter" })).not.toHaveProperty("receivedAt");
  });
});
