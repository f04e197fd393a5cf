import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alsoCount, type BureauTest, bureauCounts, startBureauTest } from "../../../bureau/test-support.ts";
import { as } from "../../../test/harness.ts";

let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);
const T2_REGION = "990001002001";

beforeAll(async () => {
  b = await startBureauTest();
  alsoCount([
    "conferences",
    "conference_attendees",
    "conference_agenda",
    "conference_cases",
    "conference_decisions",
    "conference_decision_notes",
  ]);
});
afterAll(() => b.t.close());

describe("joint conferences", () => {
  let c1 = "";
  let c2 = "";
  let meetingId = "";
  let rsjDecision = "";
  let gajDecision = "";

  it("convenes a county meeting with attendees and an agenda of cases, each case getting an event", async () => {
    c1 = await b.newCase("reg");
    c2 = await b.newCase("reg", { title: "反映征地补偿问题" });
    const res = await api("office").post("/api/bureau/conferences", {
      areaUnitId: await b.unit("c"),
      title: "2026年第一季度信访工作联席会议",
      meetingOn: "2026-03-02",
      place: "县政府三楼会议室",
      chairName: "周建华副县长",
      attendees: [
        { unitId: await b.unit("c.rsj"), name: "张明 副局长" },
        { unitId: await b.unit("c.gaj"), name: "刘强 政委" },
        { name: "县司法局 陈华 科长" },
      ],
      agenda: [
        { topic: "研究拖欠农民工工资问题", caseId: c1 },
        { topic: "研究征地补偿问题", caseId: c2 },
        { topic: "通报一季度信访形势" },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    meetingId = res.json().id;
    expect(res.json()).toMatchObject({
      status: "planned",
      areaName: "测试县",
      attendees: [{ unitName: "人社局", name: "张明 副局长" }, { unitName: "公安局" }, { unitId: null }],
      agenda: [{ case: { id: c1 } }, { case: { id: c2 } }, { case: null, topic: "通报一季度信访形势" }],
    });
    expect((await b.events(c1)).at(-1)).toMatchObject({
      action: "conference_agenda",
      note: expect.stringContaining("2026年第一季度信访工作联席会议"),
    });
  });

  it("refuses bad requests and changes nothing", async () => {
    const before = await bureauCounts(b.t.db);
    const base = {
      areaUnitId: await b.unit("c"),
      title: "x",
      meetingOn: "2026-03-02",
      place: "x",
      chairName: "x",
      attendees: [{ name: "x" }],
      agenda: [{ topic: "x" }],
    };
    const post = (who: string, body: unknown) => api(who).post("/api/bureau/conferences", body);
    expect((await post("analyst", base)).statusCode).toBe(403);
    expect((await post("rsj", base)).statusCode).toBe(403);
    // A township convenes only for its own area.
    expect((await post("town1", base)).json().error.code).toBe("UNIT_UNKNOWN");
    const noUnit = { unitId: "00000000-0000-4000-8000-000000000000", name: "x" };
    expect((await post("office", { ...base, attendees: [noUnit] })).statusCode).toBe(422);
    // The first agenda case is fine, the second does not exist: nothing is written, not even the first event.
    const missing = await post("office", {
      ...base,
      agenda: [
        { topic: "x", caseId: c1 },
        { topic: "y", caseId: "00000000-0000-4000-8000-000000000000" },
      ],
    });
    expect(missing.statusCode).toBe(404);
    expect((await post("office", { ...base, attendees: [] })).statusCode).toBe(400);

    const decision = { text: "x", unitId: await b.unit("c.rsj"), dueOn: "2026-03-10" };
    const minutes = (who: string, body: unknown, id = meetingId) =>
      api(who).post(`/api/bureau/conferences/${id}/minutes`, body);
    expect((await minutes("analyst", { summary: "x", decisions: [decision] })).statusCode).toBe(403);
    expect((await minutes("town2", { summary: "x", decisions: [decision] })).statusCode).toBe(404);
    const early = await minutes("office", {
      summary: "x",
      decisions: [{ ...decision, dueOn: "2026-03-01" }],
    });
    expect(early.json().error.code).toBe("DATE_RANGE_INVALID");
    const accusation = await b.newCase("reg", {
      nature: "accusation",
      legalClass: "accusation",
      accusedUnitId: await b.unit("c.rsj"),
    });
    const accused = await minutes("office", {
      summary: "x",
      decisions: [{ ...decision, caseId: accusation }],
    });
    expect(accused.json().error.code).toBe("RESPONSIBLE_UNIT_ACCUSED");
    const future = await post("office", { ...base, meetingOn: "2026-03-20" });
    expect(future.statusCode).toBe(201);
    const notYet = await minutes("office", { summary: "x", decisions: [] }, future.json().id);
    expect(notYet.json().error.code).toBe("CONFERENCE_NOT_YET_HELD");
    expect(notYet.json().error.message).toContain("会议日期未到");
    const after = await bureauCounts(b.t.db);
    // Only the accusation case and the future meeting were written (with their audit rows).
    expect(after).toEqual({
      ...before,
      cases: before.cases! + 1,
      case_events: before.case_events! + 1,
      case_petitioners: before.case_petitioners! + 1,
      audit_log: before.audit_log! + 2,
      conferences: before.conferences! + 1,
      conference_attendees: before.conference_attendees! + 1,
      conference_agenda: before.conference_agenda! + 1,
    });
    expect(
      (
        await api("office").post(`/api/bureau/conferences/${future.json().id}/cancel`, { reason: "改期" })
      ).json().status,
    ).toBe("cancelled");
  });

  it("records the minutes with decisions; cases get events; each unit sees only its own decisions", async () => {
    const res = await api("office").post(`/api/bureau/conferences/${meetingId}/minutes`, {
      summary: "会议听取了人社局、公安局关于两件信访事项的情况汇报，研究议定如下事项。",
      decisions: [
        {
          text: "督促建筑公司十日内兑付拖欠工资",
          unitId: await b.unit("c.rsj"),
          dueOn: "2026-03-12",
          caseId: c1,
        },
        {
          text: "核查征地补偿款发放情况并书面答复",
          unitId: await b.unit("c.gaj"),
          dueOn: "2026-03-05",
          caseId: c2,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: "held",
      decisions: [{ unitName: "人社局" }, { unitName: "公安局" }],
    });
    rsjDecision = res.json().decisions[0].id;
    gajDecision = res.json().decisions[1].id;
    expect((await b.events(c1)).at(-1)).toMatchObject({
      action: "conference_decision",
      note: expect.stringContaining("人社局负责督促建筑公司十日内兑付拖欠工资（2026-03-12前）"),
    });
    expect(
      (
        await api("office").post(`/api/bureau/conferences/${meetingId}/minutes`, {
          summary: "x",
          decisions: [],
        })
      ).statusCode,
    ).toBe(409);

    const rsjView = await api("rsj").get(`/api/bureau/conferences/${meetingId}`);
    expect(rsjView.statusCode).toBe(200);
    expect(rsjView.json().decisions.map((d: { id: string }) => d.id)).toEqual([rsjDecision]);
    const rsjRes = await api("rsj").get("/api/bureau/conferences/decisions");
    expect(rsjRes.statusCode, rsjRes.body).toBe(200);
    const rsjList = rsjRes.json().items;
    expect(rsjList.map((d: { id: string }) => d.id)).toEqual([rsjDecision]);
    // The registrar reads the county's meeting; gaj reads only its decision.
    expect((await api("gaj").get("/api/bureau/conferences/decisions")).json().items).toHaveLength(1);
    // Another department's decision is out of reach: 404, nothing written.
    const before = await bureauCounts(b.t.db);
    expect(
      (await api("gaj").post(`/api/bureau/conferences/decisions/${rsjDecision}/progress`, { text: "x" }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api("analyst").post(`/api/bureau/conferences/decisions/${rsjDecision}/progress`, { text: "x" }))
        .statusCode,
    ).toBe(403);
    expect(await bureauCounts(b.t.db)).toEqual(before);
  });

  it("follows each decision until done; overdue ones show; figures count them", async () => {
    const note = await api("rsj").post(`/api/bureau/conferences/decisions/${rsjDecision}/progress`, {
      text: "已约谈建筑公司负责人，已兑付五万元。",
    });
    expect(note.statusCode, note.body).toBe(200);
    expect(note.json().decisions[0]).toMatchObject({ status: "open", notes: [{ seq: 1, isDone: false }] });
    await b.setNow("2026-03-09T02:00:00Z");
    const overdue = (await api("office").get("/api/bureau/conferences/decisions?overdue=true")).json().items;
    expect(overdue.map((d: { id: string }) => d.id)).toEqual([gajDecision]);
    const done = await api("rsj").post(`/api/bureau/conferences/decisions/${rsjDecision}/progress`, {
      text: "工资已全部兑付。",
      done: true,
    });
    expect(done.json().decisions[0]).toMatchObject({ status: "done", isDoneLate: false, isOverdue: false });
    expect((await b.events(c1)).map((e) => e.action).slice(-3)).toEqual([
      "conference_decision",
      "conference_progress",
      "conference_decision_done",
    ]);
    expect(
      (await api("rsj").post(`/api/bureau/conferences/decisions/${rsjDecision}/progress`, { text: "again" }))
        .statusCode,
    ).toBe(409);
    const f = (await api("office").get("/api/bureau/conferences/figures")).json();
    expect(f).toEqual({
      meetingsHeld: 1,
      meetingsPlanned: 0,
      agendaCases: 2,
      decisions: 2,
      decisionsDone: 1,
      decisionsDoneOnTime: 1,
      decisionsOverdue: 1,
      doneRate: 50,
      onTimeRate: 50,
    });
    // A department's figures count only its own decisions.
    expect((await api("rsj").get("/api/bureau/conferences/figures")).json()).toMatchObject({
      decisions: 1,
      decisionsDone: 1,
      doneRate: 100,
    });
  });

  it("keeps a township's meeting from another township", async () => {
    const res = await api("town1").post("/api/bureau/conferences", {
      areaUnitId: await b.unit("c.t1"),
      title: "甲镇矛盾纠纷联席会议",
      meetingOn: "2026-03-09",
      place: "甲镇政府",
      chairName: "甲镇党委副书记",
      attendees: [{ unitId: await b.unit("c.t1.v1"), name: "甲村支书" }],
      agenda: [{ topic: "甲村土地纠纷", caseId: c1 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await api("town2").get(`/api/bureau/conferences/${id}`)).statusCode).toBe(404);
    expect((await api("town2").get("/api/bureau/conferences")).json().items).toEqual([]);
    expect(
      (await api("town1").get("/api/bureau/conferences")).json().items.map((m: { id: string }) => m.id),
    ).toEqual([id]);
    // The office sees the county meeting, the cancelled one and town1's.
    expect((await api("office").get("/api/bureau/conferences")).json().items).toHaveLength(3);
    // Town2 may not put town1's case on its own agenda (it cannot read it).
    const t2case = await b.newCase("reg", { problemRegionCode: T2_REGION });
    const before = await bureauCounts(b.t.db);
    const foreign = await api("town2").post("/api/bureau/conferences", {
      areaUnitId: await b.unit("c.t2"),
      title: "乙乡联席会议",
      meetingOn: "2026-03-09",
      place: "乙乡",
      chairName: "乙乡乡长",
      attendees: [{ name: "乙村支书" }],
      agenda: [
        { topic: "x", caseId: t2case },
        { topic: "y", caseId: c1 },
      ],
    });
    expect(foreign.statusCode).toBe(404);
    expect(await bureauCounts(b.t.db)).toEqual(before);
    // A township's decision can only go to a unit in its own area.
    const outside = await api("town1").post(`/api/bureau/conferences/${id}/minutes`, {
      summary: "x",
      decisions: [{ text: "x", unitId: await b.unit("c.rsj"), dueOn: "2026-03-20" }],
    });
    expect(outside.json().error.code).toBe("UNIT_UNKNOWN");
    expect(await bureauCounts(b.t.db)).toEqual(before);
  });

  it("lets a township follow up a county decision one of its villages carries, and not another township", async () => {
    const res = await api("office").post("/api/bureau/conferences", {
      areaUnitId: await b.unit("c"),
      title: "县联席会议（村级事项）",
      meetingOn: "2026-03-09",
      place: "县政府",
      chairName: "副县长",
      attendees: [{ unitId: await b.unit("c.t1.v1"), name: "甲村支书" }],
      agenda: [{ topic: "甲村道路修缮" }],
    });
    const minutes = await api("office").post(`/api/bureau/conferences/${res.json().id}/minutes`, {
      summary: "x",
      decisions: [
        { text: "甲村组织村民议事会商定修缮方案", unitId: await b.unit("c.t1.v1"), dueOn: "2026-03-30" },
      ],
    });
    const decisionId = minutes.json().decisions[0].id;
    expect(
      (await api("town1").get(`/api/bureau/conferences/${res.json().id}`)).json().decisions,
    ).toHaveLength(1);
    expect((await api("town2").get(`/api/bureau/conferences/${res.json().id}`)).statusCode).toBe(404);
    const before = await bureauCounts(b.t.db);
    expect(
      (await api("town2").post(`/api/bureau/conferences/decisions/${decisionId}/progress`, { text: "x" }))
        .statusCode,
    ).toBe(404);
    expect(await bureauCounts(b.t.db)).toEqual(before);
    const done = await api("village1").post(`/api/bureau/conferences/decisions/${decisionId}/progress`, {
      text: "已召开村民议事会，方案通过。",
      done: true,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(await bureauCounts(b.t.db)).toMatchObject({
      conference_decision_notes: before.conference_decision_notes! + 1,
      audit_log: before.audit_log! + 1,
    });
  });

  it("hides a meeting about an accusation from the accused unit", async () => {
    const accusation = await b.newCase("reg", {
      nature: "accusation",
      legalClass: "accusation",
      accusedUnitId: await b.unit("c.rsj"),
    });
    const res = await api("office").post("/api/bureau/conferences", {
      areaUnitId: await b.unit("c"),
      title: "检举事项专题会",
      meetingOn: "2026-03-09",
      place: "县信访局",
      chairName: "局长",
      attendees: [{ unitId: await b.unit("c.gaj"), name: "公安局" }],
      agenda: [{ topic: "研究检举事项", caseId: accusation }],
    });
    expect(res.statusCode, res.body).toBe(201);
    await api("office").post(`/api/bureau/conferences/${res.json().id}/minutes`, {
      summary: "x",
      decisions: [
        { text: "依法调查核实", unitId: await b.unit("c.gaj"), dueOn: "2026-03-20", caseId: accusation },
      ],
    });
    expect((await api("rsj").get(`/api/bureau/conferences/${res.json().id}`)).statusCode).toBe(404);
    expect((await api("gaj").get(`/api/bureau/conferences/${res.json().id}`)).statusCode).toBe(200);
  });

  it("prints the minutes as a .docx that holds the decisions", async () => {
    const file = await api("office").get(`/api/bureau/conferences/${meetingId}/minutes/document`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(file.rawPayload);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("督促建筑公司十日内兑付拖欠工资");
    expect(xml).toContain("核查征地补偿款发放情况并书面答复");
    expect(xml).toContain("逾期未落实");
    expect(xml).toContain("2026年第一季度信访工作联席会议纪要");
    expect((await api("town2").get(`/api/bureau/conferences/${meetingId}/minutes/document`)).statusCode).toBe(
      404,
    );
    // A department's copy carries its own decision only.
    const rsj = await JSZip.loadAsync(
      (await api("rsj").get(`/api/bureau/conferences/${meetingId}/minutes/document`)).rawPayload,
    );
    const rsjXml = await rsj.file("word/document.xml")!.async("string");
    expect(rsjXml).toContain("督促建筑公司");
    expect(rsjXml).not.toContain("核查征地补偿款");
  });
});
