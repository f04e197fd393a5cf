import { describe, expect, it } from "vitest";
import { labelMatches, likeness, rankOptions } from "./ledger-parts.tsx";

/** The value drop-downs of the ledger's mapping step: typed Chinese filters, the likely match first. */
describe("the ledger's value choices", () => {
  const units = [
    { value: "a", label: "县公安局" },
    { value: "b", label: "县人力资源和社会保障局" },
    { value: "c", label: "县自然资源局" },
    { value: "d", label: "城关镇" },
  ];

  it("shows an option when its label holds what was typed, full-width and spaces ignored", () => {
    expect(units.filter((o) => labelMatches("资源", o)).map((o) => o.value)).toEqual(["b", "c"]);
    expect(labelMatches(" 城关 ", units[3])).toBe(true);
    expect(labelMatches("公安", units[2])).toBe(false);
    expect(labelMatches("", units[0])).toBe(true);
    expect(labelMatches("ｃｉｔｙ", { label: "City" })).toBe(true);
  });

  it("puts the options most like the ledger's name first and keeps the fixed choice on top", () => {
    const ranked = rankOptions("自然资源局", [{ value: "none", label: "不指定" }], units);
    expect(ranked.map((o) => o.value)).toEqual(["none", "c", "b", "a", "d"]);
    expect(rankOptions("", [], units).map((o) => o.value)).toEqual(["a", "b", "c", "d"]);
    expect(likeness("劳资", "劳资纠纷")).toBeGreaterThan(likeness("劳资", "征地拆迁"));
    expect(likeness("人社局", "人社局")).toBeGreaterThan(likeness("人社局", "县人力资源和社会保障局"));
  });
});
