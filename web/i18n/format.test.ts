import { describe, expect, it } from "vitest";
import { format } from "./locale.tsx";

describe("format", () => {
  it("puts a value in as typed, even one with a replacement pattern's dollar signs", () => {
    expect(format("当前文件：{file}（{n} 个区域）", { file: "边界$&$'$`.geojson", n: 3 })).toBe(
      "当前文件：边界$&$'$`.geojson（3 个区域）",
    );
  });

  it("keeps a placeholder it has no value for, and fills every occurrence", () => {
    expect(format("{a}{b}{a}", { a: "甲" })).toBe("甲{b}甲");
  });
});
