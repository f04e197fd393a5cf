import { describe, expect, it } from "vitest";
import type { TMapRegion } from "../../../../domain/schemas/map.ts";
import { mapQuery, metricRange, metricValue } from "./map-query.ts";

const region = (items: number, onTime: number | null): TMapRegion => ({
  unitId: "u",
  regionCode: "419001001",
  name: "城关镇",
  parentName: null,
  items,
  personVisits: items,
  collective: 0,
  warnings: 0,
  onTime: { numerator: 0, denominator: onTime === null ? 0 : 10, percent: onTime },
  satisfaction: { numerator: 0, denominator: 0, percent: null },
  drillDown: null,
  centroid: null,
  hasBoundary: false,
});

describe("the map's query and colours", () => {
  it("sends the statistics period, the filters chosen and the level", () => {
    expect(
      mapQuery({ period: { kind: "month", year: 2026, index: 3 }, level: "village", channel: "visit" }),
    ).toBe("period=month&year=2026&index=3&level=village&channel=visit");
    expect(mapQuery({ period: { kind: "year", year: 2026 }, level: "township" })).toBe(
      "period=year&year=2026&level=township",
    );
  });

  it("colours by count from zero to the largest, and by rate from 0 to 100 with no value when undefined", () => {
    const rs = [region(3, 50), region(7, null)];
    expect(metricRange(rs, "items")).toEqual([0, 7]);
    expect(metricRange(rs, "onTime")).toEqual([0, 100]);
    expect(rs.map((r) => metricValue(r, "onTime"))).toEqual([50, null]);
    expect(metricRange([region(0, null)], "items")).toEqual([0, 1]);
  });
});
