import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, startBureauTest } from "../../bureau/test-support.ts";
import { as } from "../../test/harness.ts";

/**
 * The bureau's lists are paged by the server: each answers one page of the whole filtered list
 * under the jurisdiction rule, with the total the filters match (`{ items, total, page, pageSize }`).
 */
let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);

interface Page {
  items: { id: string; riskLevel: string; areaName: string }[];
  total: number;
  page: number;
  pageSize: number;
}
const page = async (who: string, url: string): Promise<Page> => {
  const res = await api(who).get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};

const dispute = (n: number, riskLevel: string) => ({
  kind: "neighbour",
  parties: `甲村村民${n}号与邻居`,
  place: "甲村一组",
  summary: `宅基地界址争议第${n}起`,
  riskLevel,
  measure: "people_mediation",
});

/** 17 high-risk and 8 low-risk disputes in 甲镇 (c.t1), 3 in 乙乡 (c.t2). */
beforeAll(async () => {
  b = await startBureauTest();
  const t1 = await api("town1").post("/api/bureau/disputes/reports", {
    areaUnitId: await b.unit("c.t1"),
    period: "2026-02",
    disputes: Array.from({ length: 25 }, (_, i) => dispute(i, i < 17 ? "high" : "low")),
  });
  expect(t1.statusCode, t1.body).toBe(201);
  const t2 = await api("town2").post("/api/bureau/disputes/reports", {
    areaUnitId: await b.unit("c.t2"),
    period: "2026-02",
    disputes: Array.from({ length: 3 }, (_, i) => dispute(100 + i, "high")),
  });
  expect(t2.statusCode, t2.body).toBe(201);
});
afterAll(() => b.t.close());

describe("bureau lists paged by the server", () => {
  it("answers 20 rows and the total by default, and the pages together are the whole list in its order", async () => {
    const first = await page("office", "/api/bureau/disputes");
    expect(first).toMatchObject({ total: 28, page: 1, pageSize: 20 });
    expect(first.items).toHaveLength(20);

    const pages = [
      await page("office", "/api/bureau/disputes?page=1&pageSize=12"),
      await page("office", "/api/bureau/disputes?page=2&pageSize=12"),
      await page("office", "/api/bureau/disputes?page=3&pageSize=12"),
    ];
    expect(pages.map((p) => p.items.length)).toEqual([12, 12, 4]);
    expect(pages.every((p) => p.total === 28)).toBe(true);
    const all = pages.flatMap((p) => p.items.map((d) => d.id));
    expect(new Set(all).size).toBe(28);
    expect(all.slice(0, 20)).toEqual(first.items.map((d) => d.id));
    // High risk first, across page boundaries.
    expect(pages.flatMap((p) => p.items.map((d) => d.riskLevel)).lastIndexOf("high")).toBe(19);

    const past = await page("office", "/api/bureau/disputes?page=9&pageSize=12");
    expect(past).toMatchObject({ items: [], total: 28, page: 9 });
  });

  it("keeps the filters: the total and the pages count only the matching rows", async () => {
    const low = await page("office", "/api/bureau/disputes?riskLevel=low&pageSize=5&page=2");
    expect(low).toMatchObject({ total: 8, page: 2, pageSize: 5 });
    expect(low.items).toHaveLength(3);
    expect(low.items.every((d) => d.riskLevel === "low")).toBe(true);
  });

  it("counts only what the reader's jurisdiction holds", async () => {
    const town2 = await page("town2", "/api/bureau/disputes?pageSize=2");
    expect(town2.total).toBe(3);
    expect(town2.items).toHaveLength(2);
    expect(town2.items.every((d) => d.areaName === "乙乡")).toBe(true);
    const town1 = await page("town1", "/api/bureau/disputes?riskLevel=high&pageSize=50");
    expect(town1.total).toBe(17);
    const admin = await page("sysadmin", "/api/bureau/disputes");
    expect(admin).toMatchObject({ items: [], total: 0 });
  });

  it("refuses a page below 1 and a page size above 200", async () => {
    for (const q of ["page=0", "pageSize=0", "pageSize=201", "page=x"]) {
      const res = await api("office").get(`/api/bureau/disputes?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("answers every bureau record list in pages", async () => {
    const lists = [
      "/api/bureau/reception/days",
      "/api/bureau/reception/records",
      "/api/bureau/reception/outreach",
      "/api/bureau/ownership",
      "/api/bureau/disputes",
      "/api/bureau/disputes/campaigns",
      "/api/bureau/supervision/items",
      "/api/bureau/supervision/bulletins",
      "/api/bureau/duty/shifts",
      "/api/bureau/backlog",
      "/api/bureau/backlog/suggestions",
      "/api/bureau/conferences",
      "/api/bureau/conferences/decisions",
    ];
    for (const url of lists) {
      const p = await page("office", `${url}?page=2&pageSize=3`);
      expect(p, url).toMatchObject({ page: 2, pageSize: 3 });
      expect(Array.isArray(p.items) && typeof p.total === "number", url).toBe(true);
      // A page past the end still knows the total: it is counted on its own, with the same
      // parameters the list's columns use (a count that dropped them would fail on PostgreSQL).
      const first = await page("office", `${url}?pageSize=200`);
      expect(first.total, url).toBe(first.items.length);
      const past = await page("office", `${url}?page=40&pageSize=200`);
      expect(past, url).toMatchObject({ items: [], total: first.total, page: 40 });
    }
  });
});
