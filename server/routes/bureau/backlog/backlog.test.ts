import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, bureauCounts, startBureauTest } from "../../../bureau/test-support.ts";
import { freshIdNumber } from "../../../test/factories.ts";
import { as } from "../../../test/harness.ts";

let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);

beforeAll(async () => {
  b = await startBureauTest();
});
afterAll(() => b.t.close());

describe("backlog cases", () => {
  let old = "";
  let repeated = "";

  it("suggests open cases that are old, repeated or reopened, by settings, and only those the reader may see", async () => {
    old = await b.newCase("reg", { receivedAt: "2025-06-01T02:00:00Z" });
    const person = freshIdNumber();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(
        await b.newCase("reg", {
          petitioners: [{ name: "重复访", idNumber: person }],
          problemRegionCode: "990001002001",
        }),
      );
    }
    repeated = ids[0]!;
    const fresh = await b.newCase("reg");
    const items = (await api("office").get("/api/bureau/backlog/suggestions")).json().items;
    const byId = Object.fromEntries(items.map((s: { case: { id: string } }) => [s.case.id, s]));
    expect(byId[old]).toMatchObject({ reasons: ["long_open"] });
    expect(byId[repeated]).toMatchObject({ reasons: ["repeats"], repeats: 3 });
    expect(byId[fresh]).toBeUndefined();
    // 乙乡's repeats are not 甲镇's business.
    const town1 = (await api("town1").get("/api/bureau/backlog/suggestions")).json().items;
    expect(town1.map((s: { case: { id: string } }) => s.case.id)).toEqual([old]);
    // The thresholds are settings: raise the repeat count and the repeats drop out.
    await b.t.db.query("UPDATE settings SET value = '10' WHERE key = 'backlog.repeat_count'");
    const raised = (await api("office").get("/api/bureau/backlog/suggestions")).json().items;
    expect(raised.map((s: { case: { id: string } }) => s.case.id)).toEqual([old]);
    await b.t.db.query("UPDATE settings SET value = '3' WHERE key = 'backlog.repeat_count'");
  });

  it("marks a case with the rule's reasons and an event, once; refusals change nothing", async () => {
    const res = await api("office").post("/api/bureau/backlog", { caseId: old, note: "历时九个月未结" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ reasons: ["long_open"], status: "open", case: { id: old } });
    expect((await b.events(old)).at(-1)).toMatchObject({
      action: "backlog_marked",
      note: expect.stringContaining("久拖未结"),
    });
    const before = await bureauCounts(b.t.db);
    expect((await api("office").post("/api/bureau/backlog", { caseId: old })).json().error.code).toBe(
      "BUREAU_DUPLICATE",
    );
    expect((await api("town1").post("/api/bureau/backlog", { caseId: old })).statusCode).toBe(403);
    expect(
      (await api("leader").post("/api/bureau/backlog", { caseId: "00000000-0000-4000-8000-000000000000" }))
        .statusCode,
    ).toBe(404);
    expect(await bureauCounts(b.t.db)).toEqual(before);
    expect((await api("leader").post("/api/bureau/backlog", { caseId: repeated })).json().reasons).toEqual([
      "repeats",
    ]);
    expect(
      (await api("town2").get("/api/bureau/backlog"))
        .json()
        .items.map((x: { case: { id: string } }) => x.case.id),
    ).toEqual([repeated]);
  });

  it("records the clearance and its route, and counts year-start stock, new, cleared and year-end stock", async () => {
    expect(
      (
        await api("town1").post(`/api/bureau/backlog/${repeated}/clear`, {
          route: "outreach",
          clearance: "x",
        })
      ).statusCode,
    ).toBe(404);
    const cleared = await api("leader").post(`/api/bureau/backlog/${old}/clear`, {
      route: "outreach",
      clearance: "带案下访，现场协调解决，信访人息访",
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ status: "cleared", clearanceRoute: "outreach" });
    expect((await b.events(old)).at(-1)!.action).toBe("backlog_cleared");
    expect(
      (await api("leader").post(`/api/bureau/backlog/${old}/clear`, { route: "outreach", clearance: "x" }))
        .statusCode,
    ).toBe(409);
    const f2026 = (await api("office").get("/api/bureau/backlog/figures?year=2026")).json();
    expect(f2026).toEqual({
      year: 2026,
      yearStartStock: 0,
      added: 2,
      cleared: 1,
      clearedByRoute: { outreach: 1 },
      yearEndStock: 1,
    });
    await b.setNow("2027-01-05T02:00:00Z");
    const f2027 = (await api("office").get("/api/bureau/backlog/figures")).json();
    expect(f2027).toMatchObject({ year: 2027, yearStartStock: 1, added: 0, cleared: 0, yearEndStock: 1 });
    expect((await api("town1").get("/api/bureau/backlog/figures?year=2026")).json()).toMatchObject({
      added: 1,
      cleared: 1,
      yearEndStock: 0,
    });
  });
});
