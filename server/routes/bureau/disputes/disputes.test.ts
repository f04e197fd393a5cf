import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, bureauCounts, startBureauTest } from "../../../bureau/test-support.ts";
import { as } from "../../../test/harness.ts";

let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);

beforeAll(async () => {
  b = await startBureauTest();
});
afterAll(() => b.t.close());

const dispute = (over: Record<string, unknown> = {}) => ({
  kind: "neighbour",
  parties: "甲村村民张某与李某",
  place: "甲村一组",
  summary: "宅基地界址争议，双方多次发生口角",
  riskLevel: "medium",
  measure: "people_mediation",
  ...over,
});

describe("dispute screening", () => {
  let campaignId = "";
  let reportId = "";

  it("files monthly reports by village and township, one per unit and month, never for a future month", async () => {
    const res = await api("village1").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t1.v1"),
      period: "2026-02",
      disputes: [
        dispute(),
        dispute({
          kind: "wages",
          parties: "务工人员十人与某劳务公司",
          riskLevel: "high",
          summary: "拖欠工资",
        }),
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    reportId = res.json().id;
    expect(res.json().disputes).toHaveLength(2);
    expect(res.json()).toMatchObject({ areaName: "甲村", period: "2026-02" });

    const before = await bureauCounts(b.t.db);
    const twice = await api("town1").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t1.v1"),
      period: "2026-02",
      disputes: [dispute()],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("BUREAU_DUPLICATE");
    const future = await api("town1").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t1"),
      period: "2026-04",
      disputes: [],
    });
    expect(future.json().error.code).toBe("PERIOD_IN_FUTURE");
    const foreign = await api("town1").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t2"),
      period: "2026-02",
      disputes: [dispute()],
    });
    expect(foreign.json().error.code).toBe("UNIT_UNKNOWN");
    expect(
      (
        await api("rsj").post("/api/bureau/disputes/reports", {
          areaUnitId: await b.unit("c.t1"),
          period: "2026-02",
          disputes: [],
        })
      ).statusCode,
    ).toBe(403);
    const badKind = await api("town1").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t1"),
      period: "2026-02",
      disputes: [dispute({ kind: "gossip" })],
    });
    expect(badKind.statusCode).toBe(400);
    expect(await bureauCounts(b.t.db)).toEqual(before);

    const t2 = await api("town2").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t2"),
      period: "2026-02",
      disputes: [dispute({ parties: "乙乡两户村民", place: "乙村", kind: "land" })],
    });
    expect(t2.statusCode).toBe(201);
  });

  it("runs a special campaign that townships report into, and keeps each township to its own disputes", async () => {
    const k = await api("office").post("/api/bureau/disputes/campaigns", {
      areaUnitId: await b.unit("c"),
      name: "全国两会前专项排查",
      occasion: "全国两会",
      startsOn: "2026-02-20",
      endsOn: "2026-03-15",
    });
    expect(k.statusCode, k.body).toBe(201);
    campaignId = k.json().id;
    const r = await api("town1").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t1"),
      period: "2026-03",
      campaignId,
      disputes: [
        dispute({ kind: "village_election", parties: "甲镇某村两委换届候选人支持者", riskLevel: "high" }),
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await api("town2").get("/api/bureau/disputes/campaigns")).json().items[0]).toMatchObject({
      name: "全国两会前专项排查",
      disputes: 0,
    });
    expect((await api("office").get("/api/bureau/disputes/campaigns")).json().items[0].disputes).toBe(1);
    const town1 = (await api("town1").get("/api/bureau/disputes")).json().items;
    const town2 = (await api("town2").get("/api/bureau/disputes")).json().items;
    expect(town1).toHaveLength(3);
    expect(town1[0].riskLevel).toBe("high");
    expect(town2.map((d: { place: string }) => d.place)).toEqual(["乙村"]);
    expect((await api("town2").get(`/api/bureau/disputes/reports/${reportId}`)).statusCode).toBe(404);
    expect((await api("sysadmin").get("/api/bureau/disputes/campaigns")).json().items).toEqual([]);
  });

  it("hands unresolved disputes to units each quarter; the unit then sees and resolves them", async () => {
    const wages = (await api("town1").get("/api/bureau/disputes?riskLevel=high"))
      .json()
      .items.find((d: { kind: string }) => d.kind === "wages");
    const election = (await api("town1").get("/api/bureau/disputes?riskLevel=high"))
      .json()
      .items.find((d: { kind: string }) => d.kind === "village_election");
    expect((await api("rsj").get(`/api/bureau/disputes/${wages.id}`)).statusCode).toBe(404);
    const before = await bureauCounts(b.t.db);
    // Screened in March: not for the fourth quarter of last year.
    const early = await api("office").post("/api/bureau/disputes/handovers", {
      quarter: "2025Q4",
      items: [{ disputeId: election.id, unitId: await b.unit("c.rsj") }],
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe("QUARTER_NOT_ENDED");
    expect(
      (
        await api("town2").post("/api/bureau/disputes/handovers", {
          quarter: "2026Q1",
          items: [{ disputeId: wages.id, unitId: await b.unit("c.rsj") }],
        })
      ).statusCode,
    ).toBe(404);
    expect(await bureauCounts(b.t.db)).toEqual(before);

    const ok = await api("office").post("/api/bureau/disputes/handovers", {
      quarter: "2026Q1",
      items: [{ disputeId: wages.id, unitId: await b.unit("c.rsj") }],
    });
    expect(ok.json()).toEqual({ handedOver: 1 });
    const seen = await api("rsj").get(`/api/bureau/disputes/${wages.id}`);
    expect(seen.json()).toMatchObject({
      status: "handed_over",
      handedUnitName: "人社局",
      handedQuarter: "2026Q1",
    });
    expect((await api("rsj").get("/api/bureau/disputes")).json().items).toHaveLength(1);
    expect(
      (await api("gaj").post(`/api/bureau/disputes/${wages.id}/resolve`, { resolution: "x" })).statusCode,
    ).toBe(404);
    const resolved = await api("rsj").post(`/api/bureau/disputes/${wages.id}/resolve`, {
      resolution: "经行政调解，劳务公司分两期付清工资",
      measure: "administrative_mediation",
    });
    expect(resolved.json()).toMatchObject({ status: "resolved", measure: "administrative_mediation" });
    expect(
      (await api("rsj").post(`/api/bureau/disputes/${wages.id}/resolve`, { resolution: "again" })).statusCode,
    ).toBe(409);
  });

  it("links a dispute that became a petition to its case, with an event, but never to a case the clerk may not read", async () => {
    const d = (await api("town1").get("/api/bureau/disputes?status=open"))
      .json()
      .items.find((x: { kind: string }) => x.kind === "neighbour");
    const hidden = await b.newCase("reg", { problemRegionCode: "990001002001" });
    const before = await bureauCounts(b.t.db);
    expect(
      (await api("town1").post(`/api/bureau/disputes/${d.id}/link-case`, { caseId: hidden })).statusCode,
    ).toBe(404);
    expect(await bureauCounts(b.t.db)).toEqual(before);
    const mine = await b.newCase("reg");
    const linked = await api("town1").post(`/api/bureau/disputes/${d.id}/link-case`, { caseId: mine });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().case).toMatchObject({ id: mine });
    expect((await b.events(mine)).at(-1)).toMatchObject({ action: "dispute_linked" });
    await api("town1").post(`/api/bureau/disputes/${d.id}/resolve`, { resolution: "人民调解达成协议" });
    expect((await b.events(mine)).at(-1)).toMatchObject({ action: "dispute_resolved" });
  });

  it("counts the resolution rate by township and campaign, and signs the year-end clearance once", async () => {
    const f = (await api("office").get("/api/bureau/disputes/figures?year=2026")).json();
    expect(f).toMatchObject({
      screened: 4,
      resolved: 2,
      handedOver: 0,
      open: 2,
      highRisk: 2,
      linkedCases: 1,
      resolutionRate: 50,
    });
    expect(f.byTownship).toEqual([
      { areaName: "乙乡", screened: 1, resolved: 0, resolutionRate: 0 },
      { areaName: "甲镇", screened: 3, resolved: 2, resolutionRate: 66.7 },
    ]);
    expect(f.byCampaign).toEqual([{ campaignId, name: "全国两会前专项排查", screened: 1 }]);
    expect((await api("town2").get("/api/bureau/disputes/figures")).json().screened).toBe(1);

    const before = await bureauCounts(b.t.db);
    const byClerk = await api("town1").post("/api/bureau/disputes/clearances", {
      areaUnitId: await b.unit("c.t1"),
      year: 2026,
    });
    expect(byClerk.statusCode).toBe(403);
    expect(await bureauCounts(b.t.db)).toEqual(before);
    const signed = await api("leader").post("/api/bureau/disputes/clearances", {
      areaUnitId: await b.unit("c.t1"),
      year: 2026,
      note: "已化解纠纷予以销号，未化解的转入下年度",
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ cleared: 2, carriedOver: 1, signedBy: "分管领导" });
    const again = await api("leader").post("/api/bureau/disputes/clearances", {
      areaUnitId: await b.unit("c.t1"),
      year: 2026,
    });
    expect(again.statusCode).toBe(409);
    const cleared = (await api("office").get("/api/bureau/disputes?status=resolved")).json().items;
    expect(cleared.map((d: { clearedYear: number }) => d.clearedYear)).toEqual([2026, 2026]);
  });
});
