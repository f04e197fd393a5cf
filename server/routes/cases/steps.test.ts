import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pauseClocksForHearing } from "../../commands/hearing.ts";
import { scanDeadlines } from "../../jobs/deadline-scan.ts";
import { caseInput, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

/**
 * Reports up (条例 第二十五条), hearings and mediation agreements as real records: who may take
 * each step, the report-up clock in hours from the rule pack, the hearing pause moving the handling
 * clock, the documents, and what the petitioner does not see. Every refusal changes nothing.
 */
let t: TestContext;
const s = new Map<string, Session>();
const unit = new Map<string, string>();
/** Moves the clock; sessions expire over months, so the users of these tests log in again. */
async function at(iso: string) {
  t.clock.now = new Date(iso);
  for (const u of USERS) s.set(u, await login(t.app, u));
}
const USERS = ["reg", "office", "bleader", "leader", "rsj", "gaj", "town1", "town2"];
const post = (user: string, url: string, body: unknown = {}) => as(t.app, s.get(user)!).post(url, body);
/** The bureau office schedules a hearing at the bureau with the petitioner 张三. */
const scheduleHearing = (caseId: string, startsAt: string) =>
  post("office", `/api/cases/${caseId}/hearings`, {
    startsAt,
    place: "信访局",
    host: "局长",
    participants: [{ role: "petitioner", name: "张三" }],
  });
const get = (user: string, url: string) => as(t.app, s.get(user)!).get(url);

async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
}

async function stepRows(caseId: string) {
  const n = async (table: string) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [caseId]))
      .rows[0]!.n;
  return {
    reports: await n("case_reports_up"),
    instructions: await n("case_report_instructions"),
    hearings: await n("case_hearings"),
    mediations: await n("case_mediations"),
    documents: await n("case_documents"),
    events: await n("case_events"),
    clocks: (
      await t.db.query<{ due: string }>(
        "SELECT string_agg(step || '=' || to_char(due_on, 'YYYY-MM-DD'), ',' ORDER BY step) AS due FROM case_clocks WHERE case_id = $1",
        [caseId],
      )
    ).rows[0]!.due,
  };
}

/** A case registered now, taken to handling by the 人社局 (the 公安局 assists). */
async function inHandling(): Promise<{ id: string; caseNumber: string; queryCode: string }> {
  const res = await post("reg", "/api/cases", caseInput());
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json();
  for (const [user, action, body] of [
    ["reg", "accept", {}],
    ["office", "simplify", {}],
    [
      "office",
      "assign",
      {
        leadUnitId: unit.get("c.rsj"),
        assistUnitIds: [unit.get("c.gaj")],
        instructions: "依法处理",
        dueDays: 30,
      },
    ],
    ["rsj", "receive", {}],
  ] as const) {
    const r = await post(user, `/api/cases/${c.id}/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  }
  return c;
}

beforeAll(async () => {
  t = await startTestApp({ rateLimitAllowLoopback: true, sessionIdleMinutes: 60 * 24 * 365 });
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  for (const r of (await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows)
    unit.set(r.path, r.id);
});
afterAll(() => t.close());

describe("reporting a major or urgent matter up (第二十五条)", () => {
  it("records the report with its 报告单, keeps the case where it is, and counts it on time", async () => {
    await at("2026-03-02T02:00:00Z");
    const c = await inHandling();
    const before = await get("leader", "/api/cases/reports-up/figures?year=2026");
    expect(before.statusCode, before.body).toBe(200);
    await at("2026-03-02T03:00:00Z");
    const res = await post("office", `/api/cases/${c.id}/reports-up`, {
      recipients: ["party_committee", "government", "government"],
      content: "十名工人聚集讨薪，情绪激动，已派员现场处置。",
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json().reportsUp[0];
    expect(report).toMatchObject({ recipients: ["party_committee", "government"], onTime: true });
    // The county pack asks for 2 hours from registration.
    expect(report.dueAt).toBe("2026-03-02T04:00:00.000Z");
    expect(res.json().reportUpClock).toMatchObject({ withinHours: 2, state: "met" });
    expect((await get("office", `/api/cases/${c.id}`)).json().status).toBe("handling");

    const file = await get("office", `/api/cases/${c.id}/documents/${report.document.id}/docx`);
    expect(file.statusCode).toBe(200);
    const text = await docxText(file.rawPayload);
    expect(text).toContain("信访事项报告单");
    expect(text).toContain("中共测试县委员会、测试县人民政府");
    expect(text).toContain("十名工人聚集讨薪");

    // The instruction received back is a later record with its own event.
    await at("2026-03-02T05:00:00Z");
    const ins = await post("bleader", `/api/cases/${c.id}/reports-up/${report.id}/instructions`, {
      instructedBy: "县委副书记",
      instructedAt: "2026-03-02T04:30:00Z",
      content: "请人社局牵头，三日内妥善处置并续报。",
    });
    expect(ins.statusCode, ins.body).toBe(200);
    expect(ins.json().reportsUp[0].instructions[0]).toMatchObject({
      instructedBy: "县委副书记",
      content: "请人社局牵头，三日内妥善处置并续报。",
    });
    const events = (await get("office", `/api/cases/${c.id}`))
      .json()
      .events.map((e: { action: string }) => e.action);
    expect(events).toContain("reported_up");
    expect(events).toContain("report_instruction");
    const audits = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_id = $1 AND action LIKE 'case_report%' ORDER BY id",
      [c.id],
    );
    expect(audits.rows.map((r) => r.action)).toEqual(["case_report_up", "case_report_instruction"]);

    const after = (await get("leader", "/api/cases/reports-up/figures?year=2026")).json();
    // Next year's figures start from nothing.
    expect((await get("leader", "/api/cases/reports-up/figures?year=2027")).json()).toMatchObject({
      reports: 0,
      onTime: 0,
    });
    expect(after.reports - before.json().reports).toBe(1);
    expect(after.onTime - before.json().onTime).toBe(1);
    expect(after.late - before.json().late).toBe(0);
    expect(after.instructed - before.json().instructed).toBe(1);
    expect(after.instructions - before.json().instructions).toBe(1);
    expect(after.withinHours).toBe(2);
    const by = (f: { byRecipient: { recipient: string; reports: number }[] }) =>
      Object.fromEntries(f.byRecipient.map((x) => [x.recipient, x.reports]));
    const was = by(before.json());
    // Named twice in the request, the government counts once; the upper bureau was not told.
    expect(by(after)).toEqual({
      party_committee: (was.party_committee ?? 0) + 1,
      government: (was.government ?? 0) + 1,
      upper_bureau: was.upper_bureau,
    });
  });

  it("marks a late report as not on time, and an unreported case overdue once the hours have passed", async () => {
    await at("2026-03-03T02:00:00Z");
    const c = await inHandling();
    await at("2026-03-03T04:00:01Z");
    expect((await get("office", `/api/cases/${c.id}/steps`)).json().reportUpClock.state).toBe("overdue");
    const before = (await get("analyst", "/api/cases/reports-up/figures?year=2026")).json();
    const res = await post("reg", `/api/cases/${c.id}/reports-up`, {
      recipients: ["upper_bureau"],
      content: "续报",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().reportsUp[0].onTime).toBe(false);
    expect(res.json().reportUpClock.state).toBe("breached");
    // Counted late, for the upper bureau, and the figures still add up.
    const after = (await get("analyst", "/api/cases/reports-up/figures?year=2026")).json();
    expect(after.late - before.late).toBe(1);
    expect(after.onTime - before.onTime).toBe(0);
    expect(after.onTime + after.late).toBe(after.reports);
    const upper = (f: { byRecipient: { recipient: string; reports: number; onTime: number }[] }) =>
      f.byRecipient.find((x) => x.recipient === "upper_bureau")!;
    expect(upper(after).reports - upper(before).reports).toBe(1);
    expect(upper(after).onTime - upper(before).onTime).toBe(0);
  });

  it("makes the workflow's quick 上报 a real report to all three, the case staying where it was", async () => {
    await at("2026-03-03T06:00:00Z");
    const res = await post("reg", "/api/cases", caseInput());
    const c = res.json();
    const quick = await post("reg", `/api/cases/${c.id}/report-up`, { note: "突发群体性事件苗头" });
    expect(quick.statusCode, quick.body).toBe(200);
    expect(quick.json().status).toBe("registered");
    const steps = (await get("office", `/api/cases/${c.id}/steps`)).json();
    expect(steps.reportsUp).toHaveLength(1);
    expect(steps.reportsUp[0]).toMatchObject({
      recipients: ["party_committee", "government", "upper_bureau"],
      content: "突发群体性事件苗头",
      onTime: true,
    });
    expect(steps.reportsUp[0].document.title).toBe("信访事项报告单");
  });

  it("refuses a handling unit, bad input and an instruction from the future, changing nothing", async () => {
    await at("2026-03-04T02:00:00Z");
    const c = await inHandling();
    const before = await stepRows(c.id);
    const unitTry = await post("rsj", `/api/cases/${c.id}/reports-up`, {
      recipients: ["government"],
      content: "x",
    });
    expect(unitTry.statusCode).toBe(403);
    for (const body of [
      { recipients: [], content: "报告" },
      { recipients: ["mayor"], content: "报告" },
      { recipients: ["government"], content: "   " },
    ]) {
      const r = await post("office", `/api/cases/${c.id}/reports-up`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.json().error.messageEn).toBeTruthy();
    }
    expect(await stepRows(c.id)).toEqual(before);
    const ok = await post("office", `/api/cases/${c.id}/reports-up`, {
      recipients: ["government"],
      content: "报告",
    });
    const reportId = ok.json().reportsUp[0].id;
    const mid = await stepRows(c.id);
    const future = await post("office", `/api/cases/${c.id}/reports-up/${reportId}/instructions`, {
      instructedBy: "县长",
      instructedAt: "2026-03-05T02:00:00Z",
      content: "批示",
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe("STEP_TIME_INVALID");
    const registrar = await post("reg", `/api/cases/${c.id}/reports-up/${reportId}/instructions`, {
      instructedBy: "县长",
      instructedAt: "2026-03-04T02:00:00Z",
      content: "批示",
    });
    expect(registrar.statusCode).toBe(403);
    expect(await stepRows(c.id)).toEqual(mid);
    // Figures are for the bureau and the leaders, not for a handling unit.
    expect((await get("rsj", "/api/cases/reports-up/figures?year=2026")).statusCode).toBe(403);
  });
});

describe("hearings (听证)", () => {
  it("lets the lead unit schedule and record a hearing, and the handling clock moves by the hearing days", async () => {
    // Accepted Friday 2026-09-04: 60 days → Tuesday 2026-11-03.
    await at("2026-09-04T02:00:00Z");
    const c = await inHandling();
    const handling = async () =>
      (
        await t.db.query<{ due: string; paused: number }>(
          `SELECT to_char(due_on, 'YYYY-MM-DD') AS due, paused_days AS paused FROM case_clocks
            WHERE case_id = $1 AND clock = 'statutory' AND step = 'handling'`,
          [c.id],
        )
      ).rows[0]!;
    expect((await handling()).due).toBe("2026-11-03");
    // Scheduled Friday 2026-09-25, held Friday 2026-10-09: over two weekends and 国庆 (10-01…07).
    await at("2026-09-25T02:00:00Z");
    const scheduled = await post("rsj", `/api/cases/${c.id}/hearings`, {
      startsAt: "2026-10-09T01:30:00Z",
      place: "县人社局三楼会议室",
      host: "人社局副局长",
      participants: [
        { role: "petitioner", name: "张三" },
        { role: "unit", name: "某建筑公司" },
        { role: "third_party", name: "律师李四" },
      ],
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const hearing = scheduled.json().hearings[0];
    expect(hearing).toMatchObject({ status: "scheduled", scheduledOn: "2026-09-25" });
    const notice = await get("rsj", `/api/cases/${c.id}/documents/${hearing.notice.id}/docx`);
    const noticeText = await docxText(notice.rawPayload);
    expect(noticeText).toContain("听证通知书");
    expect(noticeText).toContain("2026年10月9日09时30分");
    expect(noticeText).toContain("律师李四（第三方）");

    // A second hearing cannot be scheduled while this one waits.
    const again = await scheduleHearing(c.id, "2026-10-10T01:30:00Z");
    expect(again.statusCode).toBe(409);

    await at("2026-10-09T08:00:00Z");
    const before = await stepRows(c.id);
    const early = await post("rsj", `/api/cases/${c.id}/hearings/${hearing.id}/record`, {
      heldOn: "2026-09-24",
      record: "…",
      outcome: "…",
    });
    expect(early.statusCode).toBe(422);
    const tomorrow = await post("rsj", `/api/cases/${c.id}/hearings/${hearing.id}/record`, {
      heldOn: "2026-10-10",
      record: "…",
      outcome: "…",
    });
    expect(tomorrow.statusCode).toBe(422);
    expect(await stepRows(c.id)).toEqual(before);

    const held = await post("rsj", `/api/cases/${c.id}/hearings/${hearing.id}/record`, {
      heldOn: "2026-10-09",
      record: "信访人陈述欠薪经过；公司承认拖欠并提出分期支付。",
      outcome: "公司于十日内结清工资",
    });
    expect(held.statusCode, held.body).toBe(200);
    // 09-25 … 10-09, both counted: 15 calendar days → 2026-11-18 (Wednesday).
    expect(held.json().hearings[0].clockMoves).toEqual([
      { clock: "statutory", step: "handling", days: 15, fromDue: "2026-11-03", toDue: "2026-11-18" },
    ]);
    expect(await handling()).toEqual({ due: "2026-11-18", paused: 15 });
    const paused = await t.db.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM case_events WHERE case_id = $1 AND action = 'clock_paused'",
      [c.id],
    );
    expect(paused.rows).toHaveLength(1);
    expect(paused.rows[0]!.detail).toMatchObject({ from: "2026-09-25", to: "2026-10-09" });
    const record = held.json().hearings[0].recordDocument;
    const recordText = await docxText(
      (await get("office", `/api/cases/${c.id}/documents/${record.id}/docx`)).rawPayload,
    );
    expect(recordText).toContain("公司承认拖欠并提出分期支付");
    // Held once: recording it again is refused.
    const twice = await post("rsj", `/api/cases/${c.id}/hearings/${hearing.id}/record`, {
      heldOn: "2026-10-09",
      record: "x",
      outcome: "y",
    });
    expect(twice.statusCode).toBe(409);
    expect((await handling()).due).toBe("2026-11-18");
  });

  it("refuses an assisting unit (403) and bad input (400), and a cancelled hearing moves no clock", async () => {
    await at("2026-03-09T02:00:00Z");
    const c = await inHandling();
    const before = await stepRows(c.id);
    const body = {
      startsAt: "2026-03-12T02:00:00Z",
      place: "信访局接待室",
      host: "局长",
      participants: [{ role: "petitioner", name: "张三" }],
    };
    expect((await post("gaj", `/api/cases/${c.id}/hearings`, body)).statusCode).toBe(403);
    expect((await post("town2", `/api/cases/${c.id}/hearings`, body)).statusCode).toBe(404);
    const bad = await post("office", `/api/cases/${c.id}/hearings`, { ...body, participants: [] });
    expect(bad.statusCode).toBe(400);
    const badRole = await post("office", `/api/cases/${c.id}/hearings`, {
      ...body,
      participants: [{ role: "judge", name: "王" }],
    });
    expect(badRole.statusCode).toBe(400);
    const past = await post("office", `/api/cases/${c.id}/hearings`, {
      ...body,
      startsAt: "2026-03-01T02:00:00Z",
    });
    expect(past.statusCode).toBe(422);
    expect(await stepRows(c.id)).toEqual(before);

    const ok = await post("office", `/api/cases/${c.id}/hearings`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    const id = ok.json().hearings[0].id;
    const clocks = (await stepRows(c.id)).clocks;
    const cancelled = await post("office", `/api/cases/${c.id}/hearings/${id}/cancel`, {
      reason: "信访人撤回申请",
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().hearings[0]).toMatchObject({ status: "cancelled", clockMoves: [] });
    expect((await stepRows(c.id)).clocks).toBe(clocks);
  });

  it("lets only one of two hearings scheduled at the same moment through", async () => {
    await at("2026-03-16T02:00:00Z");
    const c = await inHandling();
    const body = (place: string) => ({
      startsAt: "2026-03-20T02:00:00Z",
      place,
      host: "局长",
      participants: [{ role: "petitioner", name: "张三" }],
    });
    const [a, b] = await Promise.all([
      post("office", `/api/cases/${c.id}/hearings`, body("甲会议室")),
      post("rsj", `/api/cases/${c.id}/hearings`, body("乙会议室")),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await stepRows(c.id)).hearings).toBe(1);
  });

  it("raises no breach of the handling clock while a hearing waits, and the held hearing moves it past the gap", async () => {
    // Accepted 2026-04-01: 60 days → Sunday 05-31, rolled over to Monday 06-01.
    await at("2026-04-01T02:00:00Z");
    const c = await inHandling();
    await at("2026-05-29T02:00:00Z");
    const h = await scheduleHearing(c.id, "2026-06-05T02:00:00Z");
    expect(h.statusCode, h.body).toBe(200);
    const handlingAlerts = async () =>
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM case_alerts WHERE case_id = $1 AND step = 'handling'",
          [c.id],
        )
      ).rows[0]!.n;
    await scanDeadlines(t.db, t.app.deps.clocks, new Date("2026-06-03T02:00:00Z"));
    expect(await handlingAlerts()).toBe(0);
    await at("2026-06-05T08:00:00Z");
    const held = await post("office", `/api/cases/${c.id}/hearings/${h.json().hearings[0].id}/record`, {
      heldOn: "2026-06-05",
      record: "听证记录",
      outcome: "结论",
    });
    // 05-29 … 06-05: eight days → Tuesday 06-09.
    expect(held.json().hearings[0].clockMoves[0]).toMatchObject({
      fromDue: "2026-06-01",
      toDue: "2026-06-09",
    });
    await scanDeadlines(t.db, t.app.deps.clocks, new Date("2026-06-05T09:00:00Z"));
    expect(
      (
        await t.db.query<{ kind: string }>(
          "SELECT kind FROM case_alerts WHERE case_id = $1 AND step = 'handling' AND cleared_at IS NULL",
          [c.id],
        )
      ).rows.map((r) => r.kind),
    ).toEqual(["warning"]);
    await scanDeadlines(t.db, t.app.deps.clocks, new Date("2026-06-10T02:00:00Z"));
    expect(
      (
        await t.db.query<{ kind: string }>(
          "SELECT kind FROM case_alerts WHERE case_id = $1 AND step = 'handling' ORDER BY raised_at",
          [c.id],
        )
      ).rows.map((r) => r.kind),
    ).toEqual(["warning", "breach"]);
  });

  it("marks the handling clock paused on the case page while a hearing waits; a cancelled hearing moves nothing and the mark goes", async () => {
    // Accepted 2026-07-01: 60 days → 08-30 (Sunday) → Monday 08-31.
    await at("2026-07-01T02:00:00Z");
    const c = await inHandling();
    const clocksOf = async (user = "office") => {
      const res = await get(user, `/api/cases/${c.id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().clocks as {
        step: string;
        clock: string;
        dueOn: string;
        paused: { reason: string; since: string; hearingOn: string } | null;
      }[];
    };
    const handling = async (user = "office") => (await clocksOf(user)).find((k) => k.step === "handling")!;
    expect(await handling()).toMatchObject({ dueOn: "2026-08-31", paused: null });
    await at("2026-07-10T02:00:00Z");
    const h = await scheduleHearing(c.id, "2026-07-20T02:00:00Z");
    expect(h.statusCode, h.body).toBe(200);
    const marked = { reason: "hearing", since: "2026-07-10", hearingOn: "2026-07-20" };
    // The lead unit sees the same mark; only clocks whose limit leaves hearing time out have one.
    for (const user of ["office", "rsj"])
      expect(await handling(user), user).toMatchObject({ dueOn: "2026-08-31", paused: marked });
    for (const k of await clocksOf()) if (k.step !== "handling") expect(k.paused, k.step).toBeNull();

    await at("2026-07-15T02:00:00Z");
    const cancelled = await post("office", `/api/cases/${c.id}/hearings/${h.json().hearings[0].id}/cancel`, {
      reason: "信访人撤回听证申请",
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    // 条例: only hearing time is left out; a hearing that did not take place moves no due date.
    expect(await handling()).toMatchObject({ dueOn: "2026-08-31", paused: null });
    const moved = await t.db.query<{ n: number; paused: number }>(
      `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1 AND action = 'clock_paused') AS n,
              (SELECT paused_days FROM case_clocks WHERE case_id = $1 AND step = 'handling') AS paused`,
      [c.id],
    );
    expect(moved.rows[0]).toEqual({ n: 0, paused: 0 });
  });

  it("keeps a rescheduled hearing counted from its first scheduling: held, the clock moves once by its days", async () => {
    await at("2026-07-01T02:00:00Z");
    const c = await inHandling();
    await at("2026-07-10T02:00:00Z");
    const h = await scheduleHearing(c.id, "2026-07-20T02:00:00Z");
    const id = h.json().hearings[0].id as string;
    await at("2026-07-16T02:00:00Z");
    const before = await stepRows(c.id);
    // Refused: another unit, a time in the past, no reason; nothing changes.
    expect(
      (
        await post("gaj", `/api/cases/${c.id}/hearings/${id}/reschedule`, {
          startsAt: "2026-07-24T02:00:00Z",
          reason: "改期",
        })
      ).statusCode,
    ).toBe(403);
    const past = await post("office", `/api/cases/${c.id}/hearings/${id}/reschedule`, {
      startsAt: "2026-07-15T02:00:00Z",
      reason: "改期",
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe("DATE_IN_PAST");
    const noReason = await post("office", `/api/cases/${c.id}/hearings/${id}/reschedule`, {
      startsAt: "2026-07-24T02:00:00Z",
    });
    expect(noReason.statusCode).toBe(400);
    expect(await stepRows(c.id)).toEqual(before);

    const moved = await post("office", `/api/cases/${c.id}/hearings/${id}/reschedule`, {
      startsAt: "2026-07-24T02:00:00Z",
      place: "县人社局会议室",
      reason: "主持人公务冲突",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().hearings).toHaveLength(1);
    expect(moved.json().hearings[0]).toMatchObject({
      id,
      status: "scheduled",
      scheduledOn: "2026-07-10",
      startsAt: "2026-07-24T02:00:00.000Z",
      place: "县人社局会议室",
      host: "局长",
    });
    const after = await stepRows(c.id);
    // The change and the new 听证通知书 (with its own event); the clocks have not moved.
    expect(after).toMatchObject({
      events: before.events + 2,
      documents: before.documents + 1,
      clocks: before.clocks,
    });
    const last = await t.db.query<{ action: string; note: string }>(
      "SELECT action, note FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 2",
      [c.id],
    );
    expect(last.rows.map((e) => e.action).sort()).toEqual(["document_issued", "hearing_rescheduled"]);
    const detail = (await get("office", `/api/cases/${c.id}`)).json();
    expect(detail.clocks.find((k: { step: string }) => k.step === "handling").paused).toEqual({
      reason: "hearing",
      since: "2026-07-10",
      hearingOn: "2026-07-24",
    });

    await at("2026-07-24T08:00:00Z");
    const held = await post("office", `/api/cases/${c.id}/hearings/${id}/record`, {
      heldOn: "2026-07-24",
      record: "听证记录",
      outcome: "结论",
    });
    expect(held.statusCode, held.body).toBe(200);
    // 07-10 … 07-24, both counted: 15 days, once → 08-31 + 15 = 09-15.
    expect(held.json().hearings[0].clockMoves).toEqual([
      { clock: "statutory", step: "handling", days: 15, fromDue: "2026-08-31", toDue: "2026-09-15" },
    ]);
    const handling = (await get("office", `/api/cases/${c.id}`))
      .json()
      .clocks.find((k: { step: string }) => k.step === "handling");
    expect(handling).toMatchObject({ dueOn: "2026-09-15", paused: null });
    const once = await t.db.query<{ n: number; paused: number }>(
      `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1 AND action = 'clock_paused') AS n,
              (SELECT paused_days FROM case_clocks WHERE case_id = $1 AND step = 'handling') AS paused`,
      [c.id],
    );
    expect(once.rows[0]).toEqual({ n: 1, paused: 15 });
    // A held hearing is not rescheduled.
    const late = await post("office", `/api/cases/${c.id}/hearings/${id}/reschedule`, {
      startsAt: "2026-07-30T02:00:00Z",
      reason: "改期",
    });
    expect(late.statusCode).toBe(409);
  });

  it("moves no clock when the rule pack does not leave hearing time out", async () => {
    await at("2026-03-10T02:00:00Z");
    const c = await inHandling();
    const base = t.app.deps.clocks.pack;
    const { pausesOn: _dropped, ...handling } = base.limits.handling;
    const noPause = { ...base, limits: { ...base.limits, handling } };
    expect(base.limits.handling.pausesOn).toEqual(["hearing"]);
    const clocks = (await stepRows(c.id)).clocks;
    const moves = await t.db.transaction((tx) =>
      pauseClocksForHearing(tx, c.id, noPause, t.app.deps.clocks.calendar, "2026-03-10", "2026-03-20"),
    );
    expect(moves).toEqual([]);
    expect((await stepRows(c.id)).clocks).toBe(clocks);
  });
});

describe("mediation agreements (调解协议书)", () => {
  it("records the parties and terms with a document, and refuses another unit and a one-party agreement", async () => {
    await at("2026-03-11T02:00:00Z");
    const c = await inHandling();
    const before = await stepRows(c.id);
    const body = {
      parties: [
        { name: "张三", role: "信访人" },
        { name: "某建筑公司", role: "用工单位" },
      ],
      terms: "一、公司于2026年3月20日前支付拖欠工资十二万元；\n二、信访人不再就此事信访。",
      signedOn: "2026-03-11",
      mediator: "县人民调解委员会王五",
    };
    expect((await post("gaj", `/api/cases/${c.id}/mediations`, body)).statusCode).toBe(403);
    expect(
      (await post("rsj", `/api/cases/${c.id}/mediations`, { ...body, parties: [body.parties[0]] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await post("rsj", `/api/cases/${c.id}/mediations`, { ...body, signedOn: "2026-03-12" })).statusCode,
    ).toBe(422);
    expect(
      (
        await post("rsj", `/api/cases/${c.id}/mediations`, {
          ...body,
          disputeId: "00000000-0000-4000-8000-000000000000",
        })
      ).statusCode,
    ).toBe(422);
    expect(await stepRows(c.id)).toEqual(before);
    const res = await post("rsj", `/api/cases/${c.id}/mediations`, body);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().mediations[0];
    expect(m).toMatchObject({ mediator: "县人民调解委员会王五", signedOn: "2026-03-11", disputeId: null });
    const text = await docxText(
      (await get("rsj", `/api/cases/${c.id}/documents/${m.document.id}/docx`)).rawPayload,
    );
    expect(text).toContain("调解协议书");
    expect(text).toContain("某建筑公司（用工单位）");
    expect(text).toContain("支付拖欠工资十二万元");
  });
});

describe("a mediation agreement and the dispute ledger", () => {
  it("points the dispute to its agreement and its case; a dispute the actor cannot read is refused", async () => {
    await at("2026-03-13T02:00:00Z");
    const c = await inHandling();
    const report = await post("office", "/api/bureau/disputes/reports", {
      areaUnitId: unit.get("c.t1"),
      period: "2026-03",
      disputes: [
        {
          kind: "wages",
          parties: "张三等十人与某建筑公司",
          place: "甲镇工地",
          summary: "拖欠工资",
          riskLevel: "high",
          measure: "people_mediation",
        },
      ],
    });
    expect(report.statusCode, report.body).toBe(201);
    const disputeId = report.json().disputes[0].id as string;
    const body = {
      parties: [
        { name: "张三", role: "信访人" },
        { name: "某建筑公司", role: "用工单位" },
      ],
      terms: "公司分两期结清工资",
      signedOn: "2026-03-13",
      mediator: "甲镇人民调解委员会",
      disputeId,
    };
    // The 人社局 handles the case but does not read the township's ledger.
    const before = await stepRows(c.id);
    const blind = await post("rsj", `/api/cases/${c.id}/mediations`, body);
    expect(blind.statusCode).toBe(422);
    expect(blind.json().error.code).toBe("DISPUTE_UNKNOWN");
    expect(await stepRows(c.id)).toEqual(before);
    const res = await post("office", `/api/cases/${c.id}/mediations`, body);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().mediations[0];
    expect(m.disputeId).toBe(disputeId);
    const d = await t.db.query<{ case_id: string; agreement_case_id: string; agreement_id: string }>(
      "SELECT case_id, agreement_case_id, agreement_id FROM disputes WHERE id = $1",
      [disputeId],
    );
    expect(d.rows[0]).toEqual({ case_id: c.id, agreement_case_id: c.id, agreement_id: m.id });
  });

  it("shows the agreement in the dispute ledger (list and detail) to a reader of its case, with its 调解协议书", async () => {
    await at("2026-03-13T02:00:00Z");
    const c = await inHandling();
    const report = await post("office", "/api/bureau/disputes/reports", {
      areaUnitId: unit.get("c.t1"),
      period: "2026-02",
      disputes: [
        {
          kind: "neighbour",
          parties: "王五与赵六",
          place: "甲村",
          summary: "宅基地边界",
          riskLevel: "medium",
          measure: "people_mediation",
        },
      ],
    });
    expect(report.statusCode, report.body).toBe(201);
    const disputeId = report.json().disputes[0].id as string;
    // Before an agreement: none in the ledger.
    expect((await get("office", `/api/bureau/disputes/${disputeId}`)).json().agreement).toBeNull();
    const terms = `双方确认以界桩为准，${"赵六拆除越界围墙并恢复原状，".repeat(12)}王五不再主张赔偿。`;
    const res = await post("office", `/api/cases/${c.id}/mediations`, {
      parties: [
        { name: "王五", role: "申请人" },
        { name: "赵六", role: "被申请人" },
      ],
      terms,
      signedOn: "2026-03-13",
      mediator: "甲村人民调解委员会",
      disputeId,
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().mediations.at(-1);
    const expected = {
      id: m.id,
      number: `${c.caseNumber}-${res.json().mediations.length}`,
      signedOn: "2026-03-13",
      parties: [
        { name: "王五", role: "申请人" },
        { name: "赵六", role: "被申请人" },
      ],
      termsSummary: `${terms.slice(0, 120)}…`,
      mediator: "甲村人民调解委员会",
      case: { id: c.id, caseNumber: c.caseNumber, title: expect.any(String), status: "handling" },
      document: {
        id: m.document.id,
        title: expect.stringContaining("调解协议书"),
        hasPdf: expect.any(Boolean),
      },
    };
    const detail = await get("office", `/api/bureau/disputes/${disputeId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().agreement).toEqual(expected);
    const list = await get("office", "/api/bureau/disputes?pageSize=100");
    const row = list.json().items.find((d: { id: string }) => d.id === disputeId);
    expect(row.agreement).toEqual(expected);
    // The document downloads through the case it belongs to.
    const file = await get("office", `/api/cases/${c.id}/documents/${m.document.id}/docx`);
    expect(file.statusCode).toBe(200);
    expect(await docxText(file.rawPayload)).toContain("甲村人民调解委员会");

    // The township reads its ledger; once the case is confidential it no longer reads the case,
    // and then neither the agreement's terms nor its case.
    expect((await get("town1", `/api/bureau/disputes/${disputeId}`)).json().agreement).toEqual(expected);
    await t.db.query("UPDATE cases SET is_confidential = true WHERE id = $1", [c.id]);
    const hidden = await get("town1", `/api/bureau/disputes/${disputeId}`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).toMatchObject({ agreement: null, case: null });
  });
});

describe("what the petitioner sees", () => {
  it("shows the hearing notice and the agreement on the portal, never the report up or the hearing record", async () => {
    await at("2026-03-12T02:00:00Z");
    const c = await inHandling();
    await post("office", `/api/cases/${c.id}/reports-up`, {
      recipients: ["government"],
      content: "内部报告内容",
    });
    const h = await scheduleHearing(c.id, "2026-03-12T06:00:00Z");
    const hid = h.json().hearings[0].id;
    await post("office", `/api/cases/${c.id}/hearings/${hid}/record`, {
      heldOn: "2026-03-12",
      record: "内部听证记录",
      outcome: "结论",
    });
    const med = await post("office", `/api/cases/${c.id}/mediations`, {
      parties: [
        { name: "张三", role: "信访人" },
        { name: "公司", role: "用工单位" },
      ],
      terms: "条款",
      signedOn: "2026-03-12",
      mediator: "调解员",
    });
    expect(med.statusCode, med.body).toBe(200);
    const all = (await get("office", `/api/cases/${c.id}/documents`))
      .json()
      .issued.map((d: { kind: string }) => d.kind);
    expect(all).toEqual(
      expect.arrayContaining(["report_up", "hearing_notice", "hearing_record", "mediation"]),
    );
    const portal = await as(t.app, null).post("/api/public/status", {
      caseNumber: c.caseNumber,
      queryCode: c.queryCode,
    });
    expect(portal.statusCode, portal.body).toBe(200);
    const kinds = portal
      .json()
      .documents.map((d: { kind: string }) => d.kind)
      .sort();
    expect(kinds).toEqual(["hearing_notice", "mediation"]);
    expect(portal.body).not.toContain("内部报告内容");
    expect(portal.body).not.toContain("内部听证记录");
    const internal = (await get("office", `/api/cases/${c.id}/steps`)).json().reportsUp[0].document.id;
    const fetched = await as(t.app, null).post("/api/public/documents", {
      caseNumber: c.caseNumber,
      queryCode: c.queryCode,
      documentId: internal,
      format: "docx",
    });
    expect(fetched.statusCode).toBe(404);
  });
});
