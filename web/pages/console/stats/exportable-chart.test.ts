import { describe, expect, it } from "vitest";
import { pngFileName } from "./ExportableChart.tsx";

describe("chart PNG file names", () => {
  it("keep Chinese titles and drop characters file systems refuse", () => {
    expect(pngFileName("按月趋势")).toBe("按月趋势.png");
    expect(pngFileName("问题类别 / 2026")).toBe("问题类别_2026.png");
    expect(pngFileName("  ")).toBe("chart.png");
  });
});
