import { describe, expect, it } from "vitest";
import { countyCodeProblem } from "./region-code.ts";

describe("county region codes", () => {
  it("accepts counties and counties governed directly by the province", () => {
    expect(countyCodeProblem("330106")).toBeNull();
    expect(countyCodeProblem("419001")).toBeNull();
  });
  it("refuses wrong lengths, unknown provinces, provinces and prefectures", () => {
    for (const c of ["33010", "3301060", "33010a", "990001", "330000", "330100", "000000"])
      expect(countyCodeProblem(c), c).not.toBeNull();
  });
});
