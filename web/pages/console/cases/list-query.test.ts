import { describe, expect, it } from "vitest";
import {
  parseListState,
  sortFromTable,
  tableOrder,
  toApiUrl,
  toSearchParams,
  withFilters,
} from "./list-query.ts";

const parse = (s: string) => parseListState(new URLSearchParams(s));

describe("the case list's URL", () => {
  it("reads every filter, the sort and the page from the address bar", () => {
    expect(
      parse(
        "q=工资&channel=visit&status=handling&nature=request&regionCode=419001001&from=2026-01-01&to=2026-01-31&isCollective=true&isFirstPetition=false&sort=receivedAt&page=3&pageSize=50",
      ),
    ).toEqual({
      q: "工资",
      channel: "visit",
      status: "handling",
      nature: "request",
      regionCode: "419001001",
      from: "2026-01-01",
      to: "2026-01-31",
      isCollective: true,
      isFirstPetition: false,
      sort: "receivedAt",
      page: 3,
      pageSize: 50,
    });
  });

  it("drops what is not valid instead of sending it to the server", () => {
    expect(
      parse(
        "channel=fax&status=open&regionCode=41a&from=2026-02-30&to=yesterday&isCollective=1&sort=title&page=-2&pageSize=7",
      ),
    ).toEqual({ page: 1, pageSize: 20 });
    expect(parse("page=1.5").page).toBe(1);
  });

  it("swaps a reversed date range", () => {
    expect(parse("from=2026-03-01&to=2026-01-01")).toMatchObject({ from: "2026-01-01", to: "2026-03-01" });
  });

  it("writes a round trip of the same state, leaving defaults out", () => {
    const url = "q=征地&status=assigned&isCollective=false&sort=-headcount&page=2";
    const state = parse(url);
    expect(parse(toSearchParams(state).toString())).toEqual(state);
    expect(toSearchParams({ page: 1, pageSize: 20 }).toString()).toBe("");
    expect(toSearchParams({ page: 1, pageSize: 20, sort: "-receivedAt" }).toString()).toBe("");
  });

  it("asks the API with the page and size always explicit", () => {
    expect(toApiUrl({ page: 1, pageSize: 20 })).toBe("/api/cases?page=1&pageSize=20");
    expect(toApiUrl(parse("q=a b&status=replied&page=4"))).toBe(
      "/api/cases?q=a+b&status=replied&page=4&pageSize=20",
    );
  });

  it("goes back to page 1 when a filter changes and removes cleared filters", () => {
    const state = parse("status=handling&channel=visit&page=5");
    expect(withFilters(state, { status: undefined })).toEqual({ channel: "visit", page: 1, pageSize: 20 });
    expect(withFilters(state, { q: "" })).toEqual({
      channel: "visit",
      status: "handling",
      page: 1,
      pageSize: 20,
    });
  });

  it("maps the table's sorter to the API's sort and back", () => {
    expect(sortFromTable("receivedAt", "ascend")).toBe("receivedAt");
    expect(sortFromTable("headcount", "descend")).toBe("-headcount");
    expect(sortFromTable("title", "ascend")).toBeUndefined();
    expect(sortFromTable("receivedAt", null)).toBeUndefined();
    expect(tableOrder(undefined, "receivedAt")).toBe("descend");
    expect(tableOrder("headcount", "headcount")).toBe("ascend");
    expect(tableOrder("headcount", "receivedAt")).toBeNull();
  });

  it("keeps the statistics drill-down filters from the URL and sends them to the API", () => {
    const s = parseListState(
      new URLSearchParams(
        "bucket=completion.onTime&handlingUnitId=be463461-cce6&from=2026-01-01&evil=1&blank=a b",
      ),
    );
    expect(s.extra).toEqual({ bucket: "completion.onTime", handlingUnitId: "be463461-cce6" });
    expect(toApiUrl(s)).toBe(
      "/api/cases?from=2026-01-01&handlingUnitId=be463461-cce6&bucket=completion.onTime&page=1&pageSize=20",
    );
  });
});
