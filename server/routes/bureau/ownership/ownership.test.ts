import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, bureauCounts, startBureauTest } from "../../../bureau/test-support.ts";
import { as } from "../../../test/harness.ts";

let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);
const DUTIES = ["investigate", "handle", "supervise", "conclude", "stabilise"];

beforeAll(async () => {
  b = await startBureauTest();
});
afterAll(() => b.t.close());

async function body(caseIds: string[], extra: Record<string, unknown> = {}) {
  return {
    caseIds,
    leaderName: "王副县长",
    leaderTitle: "副县长",
    responsibleUnitId: await b.unit("c.rsj"),
    plan: "一、核实欠薪金额；二、约谈施工企业；三、督促限期兑付；四、答复信访人。",
    targetDate: "2026-04-30",
    duties: DUTIES.map((duty, i) => ({
      duty,
      ownerName: `责任人${i}`,
      dueOn: `2026-03-${String(10 + i * 3).padStart(2, "0")}`,
    })),
    milestones: [
      { title: "核实欠薪金额", dueOn: "2026-03-06" },
      { title: "兑付到位", dueOn: "2026-04-20" },
    ],
    ...extra,
  };
}

describe("leader case ownership", () => {
  let ownershipId = "";
  let primary = "";
  let linked = "";

  it("owns a case and a linked case with a plan, the five duties and milestones, and writes an event on each case", async () => {
    primary = await b.newCase("reg");
    linked = await b.newCase("reg");
    const res = await api("leader").post("/api/bureau/ownership", await body([primary, linked]));
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    ownershipId = o.id;
    expect(o).toMatchObject({ status: "open", responsibleUnitName: "人社局", targetDate: "2026-04-30" });
    expect(o.cases.map((c: { id: string; isPrimary: boolean }) => [c.id, c.isPrimary])).toEqual([
      [primary, true],
      [linked, false],
    ]);
    expect(o.duties.map((d: { duty: string }) => d.duty)).toEqual(DUTIES);
    expect((await b.events(primary)).at(-1)).toMatchObject({
      action: "ownership_start",
      note: expect.stringContaining("王副县长"),
    });
    expect((await b.events(linked)).at(-1)!.action).toBe("ownership_start");
  });

  it("refuses a second open ownership of the same case, a duty missing, a closed case, a hidden case, and a clerk without the role — changing nothing", async () => {
    const before = await bureauCounts(b.t.db);
    const again = await api("leader").post("/api/bureau/ownership", await body([linked]));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: "OWNERSHIP_CASE_TAKEN",
      message: expect.stringContaining("包案"),
    });
    const four = await api("leader").post(
      "/api/bureau/ownership",
      await body([await b.newCase("reg")], {
        duties: DUTIES.slice(0, 4).map((duty) => ({ duty, ownerName: "x", dueOn: "2026-03-10" })),
      }),
    );
    expect(four.statusCode).toBe(400);
    const afterCase = await bureauCounts(b.t.db);
    const closed = await b.newCase("reg");
    await b.t.db.query(
      "UPDATE cases SET status = 'declined', decline_reason = 'court_matter' WHERE id = $1",
      [closed],
    );
    const closedRes = await api("leader").post("/api/bureau/ownership", await body([closed]));
    expect(closedRes.json().error.code).toBe("CASE_NOT_OPEN");
    const hidden = await b.newCase("reg", { problemRegionCode: "990001002001" });
    const mid = await bureauCounts(b.t.db);
    expect((await api("town1").post("/api/bureau/ownership", await body([hidden]))).statusCode).toBe(403);
    expect((await api("rsj").post("/api/bureau/ownership", await body([hidden]))).statusCode).toBe(403);
    expect(await bureauCounts(b.t.db)).toEqual(mid);
    expect(afterCase.ownerships).toBe(before.ownerships);
    expect(mid.ownerships).toBe(before.ownerships);
  });

  it("refuses to make the accused unit responsible for an accusation", async () => {
    const accusation = await b.newCase("reg", {
      nature: "accusation",
      legalClass: "accusation",
      accusedUnitId: await b.unit("c.rsj"),
    });
    const before = await bureauCounts(b.t.db);
    const res = await api("leader").post("/api/bureau/ownership", await body([accusation]));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("RESPONSIBLE_UNIT_ACCUSED");
    expect(await bureauCounts(b.t.db)).toEqual(before);
  });

  it("lets the responsible unit report progress but not another department, and shows slipped milestones", async () => {
    // 2026-03-09: the first milestone (03-06) slipped; the first duty (03-10) not yet.
    await b.setNow("2026-03-09T02:00:00Z");
    const list = (await api("office").get("/api/bureau/ownership?slipped=true")).json().items;
    expect(list.map((o: { id: string }) => o.id)).toEqual([ownershipId]);
    expect(list[0].slipped).toBe(1);
    const detail = (await api("rsj").get(`/api/bureau/ownership/${ownershipId}`)).json();
    expect(detail.milestones.map((m: { isSlipped: boolean }) => m.isSlipped)).toEqual([true, false]);
    // The responsible unit sees the ownership, but not cases it may not read through the case policy.
    expect(detail.cases).toEqual([]);
    expect((await api("gaj").get(`/api/bureau/ownership/${ownershipId}`)).statusCode).toBe(404);
    const before = await bureauCounts(b.t.db);
    expect(
      (await api("gaj").post(`/api/bureau/ownership/${ownershipId}/notes`, { text: "x" })).statusCode,
    ).toBe(404);
    expect(
      (await api("analyst").post(`/api/bureau/ownership/${ownershipId}/notes`, { text: "x" })).statusCode,
    ).toBe(403);
    expect(await bureauCounts(b.t.db)).toEqual(before);

    const m = await api("rsj").post(`/api/bureau/ownership/${ownershipId}/milestones/0/done`, {
      note: "已核实欠薪28万元",
    });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().milestones[0]).toMatchObject({ isSlipped: false, doneNote: "已核实欠薪28万元" });
    expect(
      (await api("rsj").post(`/api/bureau/ownership/${ownershipId}/milestones/0/done`, { note: "再次" }))
        .statusCode,
    ).toBe(409);
    const note = await api("rsj").post(`/api/bureau/ownership/${ownershipId}/notes`, {
      text: "已约谈施工企业负责人",
    });
    expect(note.json().notes).toEqual([
      expect.objectContaining({ seq: 1, author: "人社承办", text: "已约谈施工企业负责人" }),
    ]);
    expect((await api("office").get("/api/bureau/ownership?slipped=true")).json().items).toEqual([]);
  });

  it("resolves only when all five duties are done, releases the cases and counts the resolution rate", async () => {
    const early = await api("leader").post(`/api/bureau/ownership/${ownershipId}/resolve`, {
      resolution: "已化解",
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("OWNERSHIP_DUTIES_OPEN");
    for (const duty of DUTIES) {
      const r = await api("rsj").post(`/api/bureau/ownership/${ownershipId}/duties/${duty}/done`, {
        note: "已落实",
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect(
      (await api("rsj").post(`/api/bureau/ownership/${ownershipId}/resolve`, { resolution: "x" })).statusCode,
    ).toBe(403);
    const done = await api("leader").post(`/api/bureau/ownership/${ownershipId}/resolve`, {
      resolution: "欠薪全部兑付，信访人息诉",
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe("resolved");
    expect((await b.events(primary)).at(-1)).toMatchObject({ action: "ownership_resolved" });
    expect(
      (await api("rsj").post(`/api/bureau/ownership/${ownershipId}/notes`, { text: "x" })).statusCode,
    ).toBe(409);

    // Released: the case may be owned again; a second ownership is withdrawn, and does not count as owned.
    const second = await api("office").post(
      "/api/bureau/ownership",
      await body([primary], { leaderName: "李县长" }),
    );
    expect(second.statusCode, second.body).toBe(201);
    const third = await api("office").post(
      "/api/bureau/ownership",
      await body([await b.newCase("reg")], { leaderName: "李县长" }),
    );
    await api("office").post(`/api/bureau/ownership/${second.json().id}/withdraw`, {
      resolution: "转由乡镇包案",
    });
    const f = (await api("office").get("/api/bureau/ownership/figures")).json();
    expect(f).toMatchObject({ owned: 2, open: 1, resolved: 1, withdrawn: 1, resolutionRate: 50 });
    expect(f.byLeader).toEqual([
      { leaderName: "李县长", owned: 1, resolved: 0, resolutionRate: 0 },
      { leaderName: "王副县长", owned: 1, resolved: 1, resolutionRate: 100 },
    ]);
    expect(third.statusCode).toBe(201);
    const town2 = (await api("town2").get("/api/bureau/ownership/figures")).json();
    expect(town2.owned).toBe(0);
    // The audit log has a row for every change made to ownerships here.
    const audits = await b.t.db.query<{ action: string; n: number }>(
      "SELECT action, count(*)::int AS n FROM audit_log WHERE object_type = 'ownership' GROUP BY action ORDER BY action",
    );
    expect(Object.fromEntries(audits.rows.map((r) => [r.action, r.n]))).toEqual({
      ownership_create: 3,
      ownership_duty_done: 5,
      ownership_milestone_done: 1,
      ownership_note: 1,
      ownership_resolved: 1,
      ownership_withdrawn: 1,
    });
  });
});
