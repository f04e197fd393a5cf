import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, bureauCounts, startBureauTest } from "../../../bureau/test-support.ts";
import { as } from "../../../test/harness.ts";

let b: BureauTest;
// The test clock starts on Monday 2026-03-02 (Shanghai): Tuesday is a working day, Saturday is not.
const TUESDAY = "2026-03-03";
const SATURDAY = "2026-03-07";

beforeAll(async () => {
  b = await startBureauTest();
});
afterAll(() => b.t.close());

const api = (who: string) => as(b.t.app, b.s[who]!);

async function day(who: string, areaPath: string, extra: Record<string, unknown> = {}) {
  return api(who).post("/api/bureau/reception/days", {
    areaUnitId: await b.unit(areaPath),
    date: TUESDAY,
    leaderName: "王县长",
    leaderTitle: "副县长",
    place: "县信访接待大厅",
    capacity: 5,
    ...extra,
  });
}

describe("the reception schedule", () => {
  it("puts a leader on a working day, refuses a Saturday, a past day and a second slot for the same leader, and changes nothing when it refuses", async () => {
    const ok = await day("office", "c");
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ date: TUESDAY, leaderName: "王县长", areaName: "测试县", booked: 0 });

    const before = await bureauCounts(b.t.db);
    const saturday = await day("office", "c", { date: SATURDAY, leaderName: "李县长" });
    expect(saturday.statusCode).toBe(422);
    expect(saturday.json().error).toMatchObject({
      code: "NOT_A_WORKING_DAY",
      message: expect.stringContaining("工作日"),
    });
    const past = await day("office", "c", { date: "2026-02-27", leaderName: "李县长" });
    expect(past.json().error.code).toBe("DATE_IN_PAST");
    const twice = await day("office", "c");
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("BUREAU_DUPLICATE");
    expect((await day("rsj", "c")).statusCode).toBe(403);
    // A township may keep its own schedule, but not the county's; an unknown unit is the same answer.
    const town = await day("town1", "c", { leaderName: "赵镇长" });
    expect(town.statusCode).toBe(422);
    expect(town.json().error.code).toBe("UNIT_UNKNOWN");
    expect(await bureauCounts(b.t.db)).toEqual(before);

    expect(
      (await day("town1", "c.t1", { leaderName: "赵镇长", leaderTitle: "镇长", place: "甲镇群众工作站" }))
        .statusCode,
    ).toBe(201);
  });

  it("shows each area its own days: the county sees all, a township only its own", async () => {
    const county = (await api("office").get("/api/bureau/reception/days")).json().items;
    const town1 = (await api("town1").get("/api/bureau/reception/days")).json().items;
    const town2 = (await api("town2").get("/api/bureau/reception/days")).json().items;
    expect(county.map((d: { leaderName: string }) => d.leaderName).sort()).toEqual(["王县长", "赵镇长"]);
    expect(town1.map((d: { leaderName: string }) => d.leaderName)).toEqual(["赵镇长"]);
    expect(town2).toEqual([]);
    expect((await api("sysadmin").get("/api/bureau/reception/days")).json().items).toEqual([]);
    const bad = await api("office").get("/api/bureau/reception/days?from=2026-04-01&to=2026-03-01");
    expect(bad.json().error.code).toBe("DATE_RANGE_INVALID");
  });
});

describe("appointments", () => {
  it("lets a citizen book without an account and answers without any personal data; the phone is stored encrypted and shown masked", async () => {
    const days = (await b.t.app.inject({ method: "GET", url: "/api/public/reception/days" })).json().items;
    const county = days.find((d: { leaderName: string }) => d.leaderName === "王县长");
    expect(county).toMatchObject({ remaining: 5, place: "县信访接待大厅" });
    const res = await b.t.app.inject({
      method: "POST",
      url: "/api/public/reception/appointments",
      payload: {
        dayId: county.id,
        name: "刘预约",
        phone: "13912345678",
        matter: "反映村道损毁长期未修",
        headcount: 2,
        consentPrivacy: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json();
    expect(answer).toMatchObject({ status: "booked", date: TUESDAY, leaderTitle: "副县长" });
    expect(res.body).not.toContain("刘预约");
    expect(res.body).not.toContain("1391");
    const stored = await b.t.db.query<{ row: string }>("SELECT t::text AS row FROM reception_appointments t");
    expect(stored.rows[0]!.row).not.toContain("13912345678");

    const wrong = await b.t.app.inject({
      method: "POST",
      url: "/api/public/reception/appointments/status",
      payload: { appointmentNumber: answer.appointmentNumber, queryCode: "WRONGCODE" },
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe("APPOINTMENT_CODE_INVALID");
    const status = await b.t.app.inject({
      method: "POST",
      url: "/api/public/reception/appointments/status",
      payload: { appointmentNumber: answer.appointmentNumber, queryCode: answer.queryCode },
    });
    expect(status.json()).toEqual({
      appointmentNumber: answer.appointmentNumber,
      status: "booked",
      date: TUESDAY,
      place: "县信访接待大厅",
      leaderTitle: "副县长",
    });
    const staff = (await api("office").get(`/api/bureau/reception/days/${county.id}/appointments`)).json()
      .items;
    expect(staff).toHaveLength(1);
    expect(staff[0]).toMatchObject({ name: "刘预约", phone: "139****5678", source: "public", headcount: 2 });
  });

  it("refuses a booking once the day is full, and the staff of another township cannot see or touch the day", async () => {
    const small = await day("office", "c", { leaderName: "孙部长", leaderTitle: "县委常委", capacity: 1 });
    const dayId = small.json().id;
    const book = (who: string) =>
      api(who).post("/api/bureau/reception/appointments", {
        dayId,
        name: "周来访",
        phone: "13700001111",
        matter: "咨询低保政策",
      });
    const first = await book("reg");
    expect(first.statusCode, first.body).toBe(201);
    const before = await bureauCounts(b.t.db);
    const second = await book("reg");
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("RECEPTION_DAY_FULL");
    expect((await book("town2")).statusCode).toBe(404);
    expect((await book("rsj")).statusCode).toBe(403);
    expect(await bureauCounts(b.t.db)).toEqual(before);
    // Cancelling frees the place; the citizen's own cancel works with number and code.
    const cancelled = await api("reg").post(`/api/bureau/reception/appointments/${first.json().id}/cancel`);
    expect(cancelled.json().status).toBe("cancelled");
    expect((await book("reg")).statusCode).toBe(201);
  });

  it("ties a staff booking to a case the clerk may read, with an event on the case; a case in another township is 404", async () => {
    const dayId = (await api("office").get("/api/bureau/reception/days"))
      .json()
      .items.find((d: { leaderName: string }) => d.leaderName === "赵镇长").id;
    const caseT1 = await b.newCase("reg");
    const caseT2 = await b.newCase("reg", { problemRegionCode: "990001002001" });
    const before = await bureauCounts(b.t.db);
    const hidden = await api("town1").post("/api/bureau/reception/appointments", {
      dayId,
      name: "吴来访",
      phone: "13700002222",
      matter: "工资问题",
      caseId: caseT2,
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe("CASE_NOT_FOUND");
    expect(await bureauCounts(b.t.db)).toEqual(before);
    const ok = await api("town1").post("/api/bureau/reception/appointments", {
      dayId,
      name: "吴来访",
      phone: "13700002222",
      matter: "工资问题",
      caseId: caseT1,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().case).toMatchObject({ id: caseT1 });
    expect((await b.events(caseT1)).map((e) => e.action)).toEqual(["register", "reception_appointment"]);
  });
});

describe("reception records", () => {
  it("opens a new case through registration, links an existing one, records outcomes, marks the appointment received and audits it", async () => {
    const dayId = (await api("office").get("/api/bureau/reception/days"))
      .json()
      .items.find((d: { leaderName: string }) => d.leaderName === "王县长").id;
    const appointment = (await api("office").get(`/api/bureau/reception/days/${dayId}/appointments`)).json()
      .items[0];
    const existing = await b.newCase("reg");
    await b.setNow("2026-03-03T02:00:00Z");
    const audits = (await b.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log")).rows[0]!.n;
    const res = await api("office").post("/api/bureau/reception/records", {
      dayId,
      areaUnitId: await b.unit("c"),
      receivedOn: TUESDAY,
      leaderName: "王县长",
      leaderTitle: "副县长",
      place: "县信访接待大厅",
      batchCount: 2,
      personVisits: 5,
      summary: "接待群众两批五人次",
      petitioners: [
        { name: "刘预约", phone: "13912345678" },
        { name: "陈来访", idNumber: undefined },
      ],
      appointmentIds: [appointment.id],
      matters: [
        {
          summary: "村道损毁",
          outcome: "assigned",
          assignedUnitId: await b.unit("c.rsj"),
          instruction: "请人社局牵头，十五日内答复",
          newCase: {
            title: "反映村道损毁长期未修",
            content: "甲村村道损毁两年未修，影响出行。",
            problemRegionCode: "990001001001",
            petitioners: [0],
          },
        },
        { summary: "工资问题复访", outcome: "resolved_on_spot", caseId: existing },
        { summary: "咨询养老保险", outcome: "explained" },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const record = res.json();
    expect(record).toMatchObject({ batchCount: 2, personVisits: 5, areaName: "测试县" });
    expect(record.petitioners[0]).toMatchObject({ name: "刘预约", phone: "139****5678" });
    expect(record.matters.map((m: { caseOrigin: string }) => m.caseOrigin)).toEqual([
      "new",
      "linked",
      "none",
    ]);
    const newId = record.matters[0].case.id;
    const created = await api("office").get(`/api/cases/${newId}`);
    expect(created.json()).toMatchObject({
      channel: "visit",
      status: "registered",
      title: "反映村道损毁长期未修",
      // The record's only new case carries the record's 2批5人次.
      batchCount: 2,
      headcount: 5,
    });
    expect(created.json().petitioners[0]).toMatchObject({ name: "刘预约", phone: "139****5678" });
    expect((await b.events(newId)).map((e) => e.action)).toEqual(["register", "leader_reception"]);
    expect((await b.events(existing)).at(-1)).toMatchObject({
      action: "leader_reception",
      note: expect.stringContaining("当场解决"),
    });
    const ap = await b.t.db.query<{ status: string; record_id: string }>(
      "SELECT status, record_id FROM reception_appointments WHERE id = $1",
      [appointment.id],
    );
    expect(ap.rows[0]).toEqual({ status: "received", record_id: record.id });
    const auditRows = await b.t.db.query<{ action: string }>(
      "SELECT action FROM audit_log ORDER BY id OFFSET $1",
      [audits],
    );
    expect(auditRows.rows.map((r) => r.action).sort()).toEqual(["case_register", "reception_record_create"]);

    // The full number of a received person: registrar and office only, and each view is audited.
    expect(
      (await api("bleader").get(`/api/bureau/reception/records/${record.id}/petitioners/0/identity`))
        .statusCode,
    ).toBe(403);
    const reveal = await api("office").get(
      `/api/bureau/reception/records/${record.id}/petitioners/0/identity`,
    );
    expect(reveal.json()).toEqual({ idNumber: null, phone: "13912345678" });
  });

  it("gives each new case of a reception its 批次 and 人次, never more than the reception's", async () => {
    const record = async (batchCount: number, personVisits: number, figures: object[]) =>
      api("office").post("/api/bureau/reception/records", {
        areaUnitId: await b.unit("c"),
        // February: out of the March figures another test adds up.
        receivedOn: "2026-02-27",
        leaderName: "李县长",
        leaderTitle: "县长",
        place: "县信访接待大厅",
        batchCount,
        personVisits,
        summary: `接待群众${batchCount}批${personVisits}人次`,
        petitioners: [{ name: "甲" }, { name: "乙" }, { name: "丙" }],
        matters: figures.map((f, i) => ({
          summary: `事项${i + 1}`,
          outcome: "pending",
          newCase: {
            title: `反映事项${i + 1}`,
            content: "村民集体反映征地补偿标准过低。",
            problemRegionCode: "990001001001",
            petitioners: i === 0 ? [0, 1] : [2],
            ...f,
          },
        })),
      });
    const caseOf = async (res: Awaited<ReturnType<typeof record>>, i: number) =>
      (await api("office").get(`/api/cases/${res.json().matters[i].case.id}`)).json();

    // Two new cases without figures: one batch each, one person-visit per petitioner.
    const two = await record(2, 9, [{}, {}]);
    expect(two.statusCode, two.body).toBe(201);
    expect(await caseOf(two, 0)).toMatchObject({ batchCount: 1, headcount: 2 });
    expect(await caseOf(two, 1)).toMatchObject({ batchCount: 1, headcount: 1 });

    // Figures given per case: the 9 person-visits split 7 + 2.
    const split = await record(2, 9, [{ personVisits: 7 }, { personVisits: 2 }]);
    expect(split.statusCode, split.body).toBe(201);
    expect(await caseOf(split, 0)).toMatchObject({ batchCount: 1, headcount: 7 });

    // More than the reception counted, or fewer person-visits than petitioners: refused, nothing written.
    const cases = async () =>
      (await b.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0]!.n;
    const before = await cases();
    for (const bad of [
      await record(2, 9, [{ personVisits: 8 }, { personVisits: 2 }]),
      await record(2, 9, [{ batchCount: 2 }, {}]),
      await record(1, 9, [{ personVisits: 1 }]),
    ]) {
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().error.code).toBe("VALIDATION_FAILED");
    }
    expect(await cases()).toBe(before);
  });

  it("refuses a matter naming a petitioner not on the record, or a case the clerk may not read, and leaves no trace", async () => {
    const caseT2 = await b.newCase("reg", { problemRegionCode: "990001002001" });
    const body = async (matter: Record<string, unknown>) => ({
      areaUnitId: await b.unit("c.t1"),
      receivedOn: TUESDAY,
      leaderName: "赵镇长",
      leaderTitle: "镇长",
      place: "甲镇群众工作站",
      batchCount: 1,
      personVisits: 1,
      summary: "接待",
      petitioners: [{ name: "郑来访" }],
      matters: [{ summary: "事项", outcome: "pending", ...matter }],
    });
    const before = await bureauCounts(b.t.db);
    const unknownPerson = await api("town1").post(
      "/api/bureau/reception/records",
      await body({
        newCase: { title: "标题", content: "内容", problemRegionCode: "990001001001", petitioners: [3] },
      }),
    );
    expect(unknownPerson.statusCode).toBe(422);
    expect(unknownPerson.json().error.code).toBe("RECEPTION_PETITIONER_UNKNOWN");
    const hidden = await api("town1").post("/api/bureau/reception/records", await body({ caseId: caseT2 }));
    expect(hidden.statusCode).toBe(404);
    const badRegion = await api("town1").post(
      "/api/bureau/reception/records",
      await body({
        newCase: { title: "标题", content: "内容", problemRegionCode: "990001002001", petitioners: [0] },
      }),
    );
    expect(badRegion.json().error.code).toBe("REGION_UNKNOWN");
    const assignedWithoutUnit = await api("town1").post("/api/bureau/reception/records", {
      ...(await body({})),
      matters: [{ summary: "事项", outcome: "assigned" }],
    });
    expect(assignedWithoutUnit.statusCode).toBe(400);
    const fewerVisits = await api("town1").post("/api/bureau/reception/records", {
      ...(await body({})),
      batchCount: 3,
      personVisits: 2,
    });
    expect(fewerVisits.statusCode).toBe(400);
    expect((await api("analyst").post("/api/bureau/reception/records", await body({}))).statusCode).toBe(403);
    expect(await bureauCounts(b.t.db)).toEqual(before);
  });

  it("hides a matter about a case the reader may not see, in the record and in the figures", async () => {
    // The office records a reception in 甲镇 about an accusation against 甲镇 itself.
    const accusation = await b.newCase("reg", {
      nature: "accusation",
      legalClass: "accusation",
      accusedUnitId: await b.unit("c.t1"),
    });
    const res = await api("office").post("/api/bureau/reception/records", {
      areaUnitId: await b.unit("c.t1"),
      receivedOn: TUESDAY,
      leaderName: "赵镇长",
      leaderTitle: "镇长",
      place: "甲镇群众工作站",
      batchCount: 1,
      personVisits: 1,
      summary: "接待",
      petitioners: [{ name: "冯检举" }],
      matters: [
        { summary: "检举镇干部", outcome: "pending", caseId: accusation },
        { summary: "咨询", outcome: "explained" },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const asOffice = (await api("office").get(`/api/bureau/reception/records/${res.json().id}`)).json();
    const asTown = (await api("town1").get(`/api/bureau/reception/records/${res.json().id}`)).json();
    expect(asOffice.matters).toHaveLength(2);
    expect(asTown.matters.map((m: { summary: string }) => m.summary)).toEqual(["咨询"]);
    expect(JSON.stringify(asTown)).not.toContain(accusation);
    expect((await api("town2").get(`/api/bureau/reception/records/${res.json().id}`)).statusCode).toBe(404);
    const townFigures = (await api("town1").get("/api/bureau/reception/figures")).json();
    const officeFigures = (await api("office").get("/api/bureau/reception/figures")).json();
    expect(officeFigures.receptions.linkedCases - townFigures.receptions.linkedCases).toBe(2);
  });
});

describe("outreach", () => {
  it("carries cases to a village, records the results on each case, and counts them", async () => {
    const c1 = await b.newCase("reg");
    const c2 = await b.newCase("reg");
    const planned = await api("leader").post("/api/bureau/reception/outreach", {
      areaUnitId: await b.unit("c.t1.v1"),
      visitDate: "2026-03-05",
      leaderName: "分管领导",
      leaderTitle: "副县长",
      purpose: "带案下访，化解村道和工资问题",
      caseIds: [c1, c2],
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const id = planned.json().id;
    expect(planned.json().cases).toHaveLength(2);
    expect((await b.events(c1)).at(-1)!.action).toBe("outreach_planned");
    expect((await api("town2").get(`/api/bureau/reception/outreach/${id}`)).statusCode).toBe(404);

    const before = await bureauCounts(b.t.db);
    const stranger = await b.newCase("reg");
    const afterCase = await bureauCounts(b.t.db);
    expect(afterCase.cases).toBe((before.cases ?? 0) + 1);
    const wrongCase = await api("leader").post(`/api/bureau/reception/outreach/${id}/complete`, {
      batchCount: 1,
      personVisits: 3,
      resultSummary: "结果",
      results: [{ caseId: stranger, result: "x", isResolved: true }],
    });
    expect(wrongCase.statusCode).toBe(400);
    expect(
      (
        await api("town2").post(`/api/bureau/reception/outreach/${id}/complete`, {
          batchCount: 1,
          personVisits: 1,
          resultSummary: "x",
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await api("rsj").post(`/api/bureau/reception/outreach/${id}/complete`, {
          batchCount: 1,
          personVisits: 1,
          resultSummary: "x",
        })
      ).statusCode,
    ).toBe(404);
    expect(await bureauCounts(b.t.db)).toEqual(afterCase);

    const done = await api("leader").post(`/api/bureau/reception/outreach/${id}/complete`, {
      batchCount: 2,
      personVisits: 6,
      resultSummary: "现场化解一件，另一件明确责任单位",
      results: [
        { caseId: c1, result: "现场协调兑付工资，信访人表示满意", isResolved: true },
        { caseId: c2, result: "明确由人社局继续办理", isResolved: false },
      ],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: "done", batchCount: 2, personVisits: 6 });
    expect((await b.events(c1)).at(-1)).toMatchObject({
      action: "outreach_result",
      note: expect.stringContaining("兑付"),
    });
    const again = await api("leader").post(`/api/bureau/reception/outreach/${id}/complete`, {
      batchCount: 1,
      personVisits: 1,
      resultSummary: "x",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("BUREAU_INVALID_STATE");
  });

  it("adds everything up in 批, 人次, on-the-spot and assigned matters, and cases carried and resolved", async () => {
    const f = (await api("office").get("/api/bureau/reception/figures?from=2026-03-01&to=2026-03-31")).json();
    expect(f.receptions).toEqual({
      records: 2,
      batches: 3,
      personVisits: 6,
      matters: 5,
      resolvedOnSpot: 1,
      assigned: 1,
      newCases: 1,
      linkedCases: 2,
    });
    expect(f.outreach).toEqual({
      visits: 1,
      withCases: 1,
      batches: 2,
      personVisits: 6,
      casesCarried: 2,
      casesResolved: 1,
    });
    expect(f.appointments.received).toBe(1);
    const empty = (
      await api("office").get("/api/bureau/reception/figures?from=2026-04-01&to=2026-04-30")
    ).json();
    expect(empty.receptions.batches).toBe(0);
    const town2 = (await api("town2").get("/api/bureau/reception/figures")).json();
    expect(town2.receptions.records).toBe(0);
    expect(town2.outreach.visits).toBe(0);
  });
});
