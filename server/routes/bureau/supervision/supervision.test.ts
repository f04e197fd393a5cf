import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../../../bureau/docx-text.ts";
import { type BureauTest, bureauCounts, startBureauTest } from "../../../bureau/test-support.ts";
import { as } from "../../../test/harness.ts";

let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);

beforeAll(async () => {
  b = await startBureauTest();
});
afterAll(() => b.t.close());

/** A case as if the workflow had assigned it to `unitPath` as lead (set up directly; the workflow has its own tests). */
async function assignedCase(unitPath: string, over: Record<string, unknown> = {}): Promise<string> {
  const id = await b.newCase("reg", over);
  await b.t.db.query("UPDATE cases SET status = 'handling' WHERE id = $1", [id]);
  await b.t.db.query(
    `INSERT INTO case_assignments (case_id, unit_id, role, status, assigned_at, due_at)
     VALUES ($1, (SELECT id FROM org_units WHERE path = $2), 'lead', 'handling', $3, $3)`,
    [id, unitPath, b.t.clock.now],
  );
  return id;
}

describe("supervision", () => {
  let c1 = "";
  let orderId = "";

  it("reminds the lead unit of a case, with an event on the case; the unit sees it, another department does not", async () => {
    c1 = await assignedCase("c.rsj");
    const res = await api("office").post("/api/bureau/supervision/reminders", {
      caseId: c1,
      text: "请加快办理进度",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: "reminder",
      status: "sent",
      unitName: "人社局",
      case: { id: c1 },
    });
    expect((await b.events(c1)).at(-1)).toMatchObject({
      action: "supervision_reminder",
      note: expect.stringContaining("人社局"),
    });
    expect((await api("rsj").get(`/api/bureau/supervision/items/${res.json().id}`)).statusCode).toBe(200);
    expect((await api("gaj").get(`/api/bureau/supervision/items/${res.json().id}`)).statusCode).toBe(404);
    const before = await bureauCounts(b.t.db);
    expect(
      (await api("rsj").post("/api/bureau/supervision/reminders", { caseId: c1, text: "x" })).statusCode,
    ).toBe(403);
    const noLead = await api("office").post("/api/bureau/supervision/reminders", {
      caseId: await b.newCase("reg"),
      text: "x",
    });
    expect(noLead.statusCode).toBe(400);
    expect(await bureauCounts(b.t.db)).toEqual({
      ...before,
      cases: before.cases! + 1,
      case_events: before.case_events! + 1,
      case_petitioners: before.case_petitioners! + 1,
      audit_log: before.audit_log! + 1,
    });
  });

  it("issues an order with the rule pack's reply deadline; only the addressed unit replies; the office accepts", async () => {
    const res = await api("leader").post("/api/bureau/supervision/orders", {
      caseId: c1,
      requirements: "请于限期内书面报告办理结果",
    });
    expect(res.statusCode, res.body).toBe(201);
    orderId = res.json().id;
    // 30 calendar days from 2026-03-02 (national pack, start day not counted).
    expect(res.json()).toMatchObject({
      status: "issued",
      replyDueOn: "2026-04-01",
      orderNumber: expect.stringMatching(/^督字〔2026〕\d+号$/),
    });
    const before = await bureauCounts(b.t.db);
    expect(
      (await api("gaj").post(`/api/bureau/supervision/orders/${orderId}/reply`, { text: "x" })).statusCode,
    ).toBe(404);
    const notMine = await api("town1").post(`/api/bureau/supervision/orders/${orderId}/reply`, { text: "x" });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe("NOT_ADDRESSEE");
    expect(
      (await api("office").post(`/api/bureau/supervision/orders/${orderId}/accept`, { reason: "x" }))
        .statusCode,
    ).toBe(409);
    expect(await bureauCounts(b.t.db)).toEqual(before);

    const replied = await api("rsj").post(`/api/bureau/supervision/orders/${orderId}/reply`, {
      text: "已责令企业限期兑付工资，预计3月20日前办结。",
    });
    expect(replied.json()).toMatchObject({ status: "replied", isReplyLate: false });
    expect(
      (await api("rsj").post(`/api/bureau/supervision/orders/${orderId}/reply`, { text: "again" }))
        .statusCode,
    ).toBe(409);
    const returned = await api("office").post(`/api/bureau/supervision/orders/${orderId}/return`, {
      reason: "请补充兑付凭证",
    });
    expect(returned.json()).toMatchObject({ status: "issued", replyText: null });
    await api("rsj").post(`/api/bureau/supervision/orders/${orderId}/reply`, { text: "补充兑付凭证复印件" });
    const accepted = await api("office").post(`/api/bureau/supervision/orders/${orderId}/accept`, {
      reason: "答复完整",
    });
    expect(accepted.json().status).toBe("closed");
    expect((await b.events(c1)).map((e) => e.action).slice(-6)).toEqual([
      "supervision_reminder",
      "supervision_order",
      "supervision_reply",
      "supervision_return",
      "supervision_reply",
      "supervision_accept",
    ]);
  });

  it("shows an order not answered by its deadline as overdue, and refuses the accused unit as addressee", async () => {
    const c2 = await assignedCase("c.rsj");
    const late = await api("office").post("/api/bureau/supervision/orders", {
      caseId: c2,
      requirements: "限期答复",
      replyDueOn: "2026-03-05",
    });
    expect(late.statusCode).toBe(201);
    const accusation = await assignedCase("c.gaj", {
      nature: "accusation",
      legalClass: "accusation",
      accusedUnitId: await b.unit("c.rsj"),
    });
    const before = await bureauCounts(b.t.db);
    const accused = await api("office").post("/api/bureau/supervision/orders", {
      caseId: accusation,
      unitId: await b.unit("c.rsj"),
      requirements: "x",
    });
    expect(accused.statusCode).toBe(422);
    expect(accused.json().error.code).toBe("RESPONSIBLE_UNIT_ACCUSED");
    expect(await bureauCounts(b.t.db)).toEqual(before);
    await b.setNow("2026-03-10T02:00:00Z");
    const overdue = (await api("office").get("/api/bureau/supervision/items?overdue=true")).json().items;
    expect(overdue.map((i: { id: string }) => i.id)).toEqual([late.json().id]);
    expect(overdue[0].isOverdue).toBe(true);
    const f = (await api("office").get("/api/bureau/supervision/figures")).json();
    expect(f).toMatchObject({
      reminders: 1,
      orders: 2,
      ordersReplied: 1,
      ordersRepliedOnTime: 1,
      ordersOverdue: 1,
      onTimeReplyRate: 50,
    });
  });

  it("lists the items each user may read when no filter is given, and those not overdue with overdue=false", async () => {
    const ids = async (who: string, query = "") => {
      const res = await api(who).get(`/api/bureau/supervision/items${query}`);
      expect(res.statusCode, `${who} ${query} ${res.body}`).toBe(200);
      return res.json().items.map((i: { kind: string; status: string }) => `${i.kind}:${i.status}`);
    };
    // The reminder and the closed order on c1, and the late order on c2: all addressed to 人社局.
    const all = ["order:issued", "order:closed", "reminder:sent"];
    expect((await ids("office")).sort()).toEqual(all.sort());
    expect((await ids("rsj")).sort()).toEqual(all.sort());
    expect(await ids("gaj")).toEqual([]);
    expect((await ids("office", "?overdue=false")).sort()).toEqual(["order:closed", "reminder:sent"]);
  });

  it("flags a case once, and lifts the flag", async () => {
    const flag = await api("leader").post("/api/bureau/supervision/flags", {
      caseId: c1,
      reason: "群众反映强烈，挂牌督办",
      leaderName: "王县长",
    });
    expect(flag.statusCode, flag.body).toBe(201);
    const again = await api("leader").post("/api/bureau/supervision/flags", {
      caseId: c1,
      reason: "x",
      leaderName: "王县长",
    });
    expect(again.json().error.code).toBe("CASE_ALREADY_FLAGGED");
    expect(
      (await api("leader").post(`/api/bureau/supervision/flags/${flag.json().id}/lift`, { reason: "x" }))
        .statusCode,
    ).toBe(403);
    const lifted = await api("office").post(`/api/bureau/supervision/flags/${flag.json().id}/lift`, {
      reason: "已办结",
    });
    expect(lifted.json().status).toBe("lifted");
  });

  it("drafts a bulletin from overdue and satisfaction figures, issues it with a number and events, and prints it as .docx", async () => {
    await b.t.db.query(
      `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, pack, state, stopped_at)
       VALUES ($1, 'assigned', 'assigned', '2026-03-02', '2026-03-06', 'test', 'breached', now())`,
      [c1],
    );
    const praised = await assignedCase("c.gaj");
    await b.t.db.query(
      "UPDATE cases SET bureau_rating = 'satisfied', unit_rating = 'satisfied', rated_at = now() WHERE id = $1",
      [praised],
    );
    const dissatisfied = await assignedCase("c.rsj");
    await b.t.db.query(
      "UPDATE cases SET bureau_rating = 'dissatisfied', unit_rating = 'dissatisfied', rated_at = now() WHERE id = $1",
      [dissatisfied],
    );
    const draft = await api("office").post("/api/bureau/supervision/bulletins", {
      areaUnitId: await b.unit("c"),
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const entries = Object.fromEntries(
      draft.json().entries.map((e: { unitName: string }) => [e.unitName, e]),
    );
    expect(entries.人社局).toMatchObject({
      assigned: 3,
      overdue: 1,
      rated: 1,
      dissatisfied: 1,
      satisfactionRate: 0,
      verdict: "criticism",
    });
    expect(entries.公安局).toMatchObject({
      assigned: 2,
      overdue: 0,
      rated: 1,
      dissatisfied: 0,
      satisfactionRate: 100,
      verdict: "praise",
    });
    expect(
      draft
        .json()
        .cases.map((c: { id: string; reason: string }) => [c.id, c.reason])
        .sort(),
    ).toEqual(
      [
        [c1, "overdue"],
        [dissatisfied, "dissatisfied"],
      ].sort(),
    );
    // The accusation against 人社局 was assigned to 公安局 and counts there; 人社局 never sees it cited.
    const id = draft.json().id;
    expect((await api("office").get(`/api/bureau/supervision/bulletins/${id}/document`)).statusCode).toBe(
      409,
    );
    expect((await api("leader").post(`/api/bureau/supervision/bulletins/${id}/issue`)).statusCode).toBe(403);
    const issued = await api("bleader").post(`/api/bureau/supervision/bulletins/${id}/issue`);
    expect(issued.json()).toMatchObject({
      status: "issued",
      bulletinNumber: expect.stringMatching(/^信访通报〔2026〕\d+号$/),
    });
    expect((await b.events(c1)).at(-1)).toMatchObject({ action: "bulletin_cited" });
    expect((await api("bleader").post(`/api/bureau/supervision/bulletins/${id}/issue`)).statusCode).toBe(409);

    const doc = await api("town2").get(`/api/bureau/supervision/bulletins/${id}/document`);
    expect(doc.statusCode).toBe(404);
    const file = await api("analyst").get(`/api/bureau/supervision/bulletins/${id}/document`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("wordprocessingml");
    const text = docxText(file.rawPayload);
    expect(text).toContain("通报表扬：公安局");
    expect(text).toContain("人社局（超期1件，不满意1件）");
    expect(text).toContain(issued.json().bulletinNumber);
    expect((await api("office").get("/api/bureau/supervision/figures")).json().bulletinsIssued).toBe(1);
  });
});
