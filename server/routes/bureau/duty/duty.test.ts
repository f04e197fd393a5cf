import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, bureauCounts, startBureauTest } from "../../../bureau/test-support.ts";
import { as } from "../../../test/harness.ts";

let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);
const userId = async (username: string) =>
  (await b.t.db.query<{ id: string }>("SELECT id FROM users WHERE username = $1", [username])).rows[0]!.id;

beforeAll(async () => {
  b = await startBureauTest();
});
afterAll(() => b.t.close());

describe("duty", () => {
  let shiftId = "";

  it("rosters an officer with the duty phone, refuses an overlapping shift or an outsider, and shows who is on duty now", async () => {
    // 2026-03-02 08:30 to 17:30 Shanghai; the test clock is 10:00 that day.
    const res = await api("office").post("/api/bureau/duty/shifts", {
      areaUnitId: await b.unit("c"),
      officerUserId: await userId("reg"),
      dutyPhone: "0371-12345",
      startsAt: "2026-03-02T00:30:00Z",
      endsAt: "2026-03-02T09:30:00Z",
    });
    expect(res.statusCode, res.body).toBe(201);
    shiftId = res.json().id;
    expect(res.json()).toMatchObject({ officerName: "登记员", dutyPhone: "0371-12345", areaName: "测试县" });

    const before = await bureauCounts(b.t.db);
    const overlap = await api("office").post("/api/bureau/duty/shifts", {
      areaUnitId: await b.unit("c"),
      officerUserId: await userId("reg"),
      dutyPhone: "0371-12345",
      startsAt: "2026-03-02T09:00:00Z",
      endsAt: "2026-03-02T12:00:00Z",
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({
      code: "DUTY_OVERLAP",
      message: expect.stringContaining("值班"),
    });
    const backwards = await api("office").post("/api/bureau/duty/shifts", {
      areaUnitId: await b.unit("c"),
      officerUserId: await userId("office"),
      dutyPhone: "0371-12345",
      startsAt: "2026-03-02T09:00:00Z",
      endsAt: "2026-03-02T08:00:00Z",
    });
    expect(backwards.json().error.code).toBe("DATE_RANGE_INVALID");
    const admin = await api("office").post("/api/bureau/duty/shifts", {
      areaUnitId: await b.unit("c"),
      officerUserId: await userId("sysadmin"),
      dutyPhone: "0371-12345",
      startsAt: "2026-03-03T00:30:00Z",
      endsAt: "2026-03-03T09:30:00Z",
    });
    expect(admin.statusCode).toBe(400);
    const outsider = await api("town1").post("/api/bureau/duty/shifts", {
      areaUnitId: await b.unit("c.t1"),
      officerUserId: await userId("town2"),
      dutyPhone: "0371-12345",
      startsAt: "2026-03-03T00:30:00Z",
      endsAt: "2026-03-03T09:30:00Z",
    });
    expect(outsider.statusCode).toBe(400);
    expect(
      (
        await api("rsj").post("/api/bureau/duty/shifts", {
          areaUnitId: await b.unit("c"),
          officerUserId: await userId("rsj"),
          dutyPhone: "0371-1",
          startsAt: "2026-03-03T00:30:00Z",
          endsAt: "2026-03-03T09:30:00Z",
        })
      ).statusCode,
    ).toBe(403);
    expect(await bureauCounts(b.t.db)).toEqual(before);

    const town = await api("town1").post("/api/bureau/duty/shifts", {
      areaUnitId: await b.unit("c.t1"),
      officerUserId: await userId("town1"),
      dutyPhone: "0371-66666",
      startsAt: "2026-03-02T00:00:00Z",
      endsAt: "2026-03-02T12:00:00Z",
    });
    expect(town.statusCode, town.body).toBe(201);
    // The township clerk sees the county's officer and its own; the other township only the county's.
    const t1 = (await api("town1").get("/api/bureau/duty/current"))
      .json()
      .items.map((s: { officerName: string }) => s.officerName);
    const t2 = (await api("town2").get("/api/bureau/duty/current"))
      .json()
      .items.map((s: { officerName: string }) => s.officerName);
    expect(t1).toEqual(["登记员", "甲镇信访办"]);
    expect(t2).toEqual(["登记员"]);
    expect((await api("sysadmin").get("/api/bureau/duty/current")).json().items).toEqual([]);
  });

  it("lets the officer on duty log calls, visits and hand-over notes, with an event on a linked case", async () => {
    const caseId = await b.newCase("reg");
    const call = await api("reg").post(`/api/bureau/duty/shifts/${shiftId}/log`, {
      kind: "call",
      text: "来电询问工资问题办理进度，已告知承办单位和期限",
      caseId,
    });
    expect(call.statusCode, call.body).toBe(200);
    expect(call.json().log[0]).toMatchObject({
      seq: 1,
      kind: "call",
      author: "登记员",
      case: { id: caseId },
    });
    expect((await b.events(caseId)).at(-1)).toMatchObject({
      action: "duty_log",
      note: expect.stringContaining("来电"),
    });
    const before = await bureauCounts(b.t.db);
    const notMine = await api("bleader").post(`/api/bureau/duty/shifts/${shiftId}/log`, {
      kind: "other",
      text: "x",
    });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe("DUTY_NOT_ON_SHIFT");
    expect(
      (await api("town2").post(`/api/bureau/duty/shifts/${shiftId}/log`, { kind: "other", text: "x" }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api("reg").post(`/api/bureau/duty/shifts/${shiftId}/log`, { kind: "rumour", text: "x" }))
        .statusCode,
    ).toBe(400);
    expect(await bureauCounts(b.t.db)).toEqual(before);
    await api("reg").post(`/api/bureau/duty/shifts/${shiftId}/log`, {
      kind: "visit",
      text: "两人来访反映村道问题，已引导至接待大厅登记",
    });
    await api("office").post(`/api/bureau/duty/shifts/${shiftId}/log`, {
      kind: "handover",
      text: "交接：工资问题待人社局回复",
    });
    const log = (await api("office").get(`/api/bureau/duty/shifts/${shiftId}`)).json().log;
    expect(log.map((l: { kind: string }) => l.kind)).toEqual(["call", "visit", "handover"]);
  });

  it("draws a 24-hour roster for a sensitive period with officers in turn, all or nothing, and counts it", async () => {
    const roster = {
      areaUnitId: await b.unit("c"),
      from: "2026-03-04",
      to: "2026-03-07",
      periodName: "全国两会",
      officers: [
        { userId: await userId("office"), dutyPhone: "0371-11111" },
        { userId: await userId("bleader"), dutyPhone: "0371-22222" },
      ],
    };
    const res = await api("office").post("/api/bureau/duty/rosters/24h", roster);
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items;
    expect(items.map((s: { officerName: string; startsAt: string }) => [s.officerName, s.startsAt])).toEqual([
      ["办公室", "2026-03-04T00:30:00.000Z"],
      ["局长", "2026-03-05T00:30:00.000Z"],
      ["办公室", "2026-03-06T00:30:00.000Z"],
      ["局长", "2026-03-07T00:30:00.000Z"],
    ]);
    const before = await bureauCounts(b.t.db);
    const clash = await api("office").post("/api/bureau/duty/rosters/24h", {
      ...roster,
      from: "2026-03-06",
      to: "2026-03-09",
    });
    expect(clash.statusCode).toBe(409);
    expect(await bureauCounts(b.t.db)).toEqual(before);
    const f = (await api("office").get("/api/bureau/duty/figures?from=2026-03-01&to=2026-03-31")).json();
    expect(f).toEqual({
      shifts: 6,
      roundTheClockShifts: 4,
      logEntries: 3,
      calls: 1,
      visits: 1,
      incidents: 0,
      handovers: 1,
    });
    expect((await api("town2").get("/api/bureau/duty/figures")).json().shifts).toBe(0);
    const cancelled = await api("office").post(`/api/bureau/duty/shifts/${items[3].id}/cancel`, {
      reason: "调整",
    });
    expect(cancelled.json().status).toBe("cancelled");
  });
});

describe("who may be put on duty", () => {
  it("lists the staff of the keeper's own area (no administrators, no other township) and refuses a department", async () => {
    const names = async (who: string) =>
      (await api(who).get("/api/bureau/duty/officers"))
        .json()
        .items.map((u: { displayName: string }) => u.displayName);
    expect((await names("town1")).sort()).toEqual(["甲村信息员", "甲镇信访办"]);
    const county = await names("office");
    expect(county).toEqual(expect.arrayContaining(["办公室", "乙乡信访办", "人社承办"]));
    expect(county).not.toContain("系统管理员");
    expect((await api("rsj").get("/api/bureau/duty/officers")).statusCode).toBe(403);
  });

  it("shows the work phone the user screen or the users import gave each officer", async () => {
    await b.t.db.query("UPDATE users SET phone = '13905710001' WHERE display_name = '甲村信息员'");
    const items = (await api("town1").get("/api/bureau/duty/officers")).json().items as {
      displayName: string;
      phone: string | null;
    }[];
    expect(Object.fromEntries(items.map((u) => [u.displayName, u.phone]))).toEqual({
      甲村信息员: "13905710001",
      甲镇信访办: null,
    });
  });
});
