import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanDeadlines } from "../../jobs/deadline-scan.ts";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

// 2027's holidays are computed from the law until an administrator confirms the year with the
// State Council's notice. The tests give the first-disposal step Zhejiang's kind of limit, in
// working days, 15 of them, so the example of issue #17 runs through a real case.
let t: TestContext;
let admin: Session;
let reg: Session;
let office: Session;

// A plausible notice for National Day 2027: 10-01 … 10-07 off, make-up 09-26 (Sun) and 10-09 (Sat).
const NOTICE_2027 = [
  ...[4, 5, 6, 7].map((d) => ({ date: `2027-10-0${d}`, kind: "holiday", name: "国庆节" })),
  { date: "2027-09-26", kind: "workday", name: "国庆节调休" },
  { date: "2027-10-09", kind: "workday", name: "国庆节调休" },
];

/** Moves the test clock and logs in again: sessions end after the idle timeout. */
async function at(instant: string): Promise<void> {
  t.clock.now = new Date(instant);
  admin = await login(t.app, "sysadmin");
  reg = await login(t.app, "reg");
  office = await login(t.app, "office");
}

const clockOf = async (caseId: string) =>
  (
    await t.db.query<{ due_on: string }>(
      `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM case_clocks
        WHERE case_id = $1 AND clock = 'statutory' AND step = 'firstDisposal'`,
      [caseId],
    )
  ).rows[0]?.due_on;

beforeAll(async () => {
  // The test logs in again at each jump of the clock: more logins than the public budget allows.
  t = await startTestApp({ rateLimitAllowLoopback: true });
  await makeNetwork(t.db);
  const { pack } = t.app.deps.clocks;
  t.app.deps.clocks.pack = {
    ...pack,
    limits: {
      ...pack.limits,
      firstDisposal: { amount: 15, unit: "working", starts: "registration", holidayRollover: true },
    },
  };
  await at("2027-09-28T02:00:00Z");
});
afterAll(() => t.close());

describe("a year after the holiday package", () => {
  let caseId: string;
  let closedId: string;

  it("counts 15 working days from 2027-09-28 without 10-01…03, provisional everywhere it is shown", async () => {
    const res = await as(t.app, reg).post("/api/cases", caseInput({ title: "国庆前登记" }));
    expect(res.statusCode).toBe(201);
    caseId = res.json().id;
    const first = res.json().clocks.find((c: { step: string }) => c.step === "firstDisposal");
    expect(first).toMatchObject({ startedOn: "2027-09-28", dueOn: "2027-10-20", provisional: true });
    expect(await clockOf(caseId)).toBe("2027-10-20");

    const detail = await as(t.app, office).get(`/api/cases/${caseId}`);
    expect(detail.json().clocks.every((c: { provisional: boolean }) => c.provisional)).toBe(true);
    const todos = await as(t.app, office).get("/api/todos");
    const todo = todos.json().items.find((i: { caseId: string }) => i.caseId === caseId);
    expect(todo).toMatchObject({ provisional: true });
    const track = await t.app.inject({
      method: "POST",
      url: "/api/public/status",
      payload: { caseNumber: res.json().caseNumber, queryCode: res.json().queryCode },
    });
    expect(track.json().provisional).toBe(true);

    // Two working days before the due date the scan warns, and the alert says provisional too.
    await at("2027-10-18T02:00:00Z");
    await scanDeadlines(t.db, t.app.deps.clocks, t.app.deps.now());
    const alerts = await as(t.app, office).get("/api/alerts");
    const alert = alerts
      .json()
      .items.find((a: { caseId: string; step: string }) => a.caseId === caseId && a.step === "firstDisposal");
    expect(alert).toMatchObject({ kind: "warning", dueOn: "2027-10-20", provisional: true });
    await at("2027-09-28T02:00:00Z");

    const other = await as(t.app, reg).post("/api/cases", caseInput({ title: "另一件" }));
    closedId = other.json().id;
  });

  it("a case registered in a confirmed year is not provisional", async () => {
    await at("2026-03-02T02:00:00Z");
    const res = await as(t.app, reg).post("/api/cases", caseInput({ title: "2026 年登记" }));
    expect(res.json().clocks.some((c: { provisional: boolean }) => c.provisional)).toBe(false);
    await at("2027-09-28T02:00:00Z");
  });

  it("refuses to confirm a published year, a date outside the year and other roles — nothing changes", async () => {
    const published = await as(t.app, admin).post("/api/settings/calendar/years/2026/confirm", {});
    expect(published.statusCode).toBe(409);
    expect(published.json().error.code).toBe("CALENDAR_YEAR_PUBLISHED");
    const outside = await as(t.app, admin).post("/api/settings/calendar/years/2027/confirm", {
      overrides: [{ date: "2028-01-03", kind: "holiday" }],
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toBe("导入的日期不在所确认的年份内");
    const forbidden = await as(t.app, office).post("/api/settings/calendar/years/2027/confirm", {});
    expect(forbidden.statusCode).toBe(403);
    expect(t.app.deps.clocks.calendar.isYearConfirmed(2027)).toBe(false);
    expect((await t.db.query("SELECT 1 FROM calendar_overrides")).rows).toHaveLength(0);
    expect(await clockOf(caseId)).toBe("2027-10-20");
  });

  it("confirming 2027 with the notice recomputes the stored due date of the open case, with an event and an audit row", async () => {
    // The other case's clocks stopped (its steps were done): a stopped clock keeps its due date.
    await t.db.query("UPDATE case_clocks SET state = 'met', stopped_at = now() WHERE case_id = $1", [
      closedId,
    ]);
    const closedBefore = await clockOf(closedId);

    const res = await as(t.app, admin).post("/api/settings/calendar/years/2027/confirm", {
      overrides: NOTICE_2027,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().years.find((y: { year: number }) => y.year === 2027)).toMatchObject({
      status: "confirmed",
    });
    // 09-29, 09-30, 10-08, 10-09 (make-up), 10-11 … 10-15, 10-18 … 10-22, 10-25.
    expect(await clockOf(caseId)).toBe("2027-10-25");
    expect(await clockOf(closedId)).toBe(closedBefore);

    const events = await t.db.query<{ detail: { clocks: unknown[]; years: number[] }; actor_label: string }>(
      "SELECT detail, actor_label FROM case_events WHERE case_id = $1 AND action = 'clock_recomputed'",
      [caseId],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]!.actor_label).toBe("系统管理员");
    expect(events.rows[0]!.detail.years).toEqual([2027]);
    expect(events.rows[0]!.detail.clocks).toContainEqual({
      clock: "statutory",
      step: "firstDisposal",
      fromDue: "2027-10-20",
      toDue: "2027-10-25",
    });
    const audit = await t.db.query<{ detail: { recomputedCases: number } }>(
      "SELECT detail FROM audit_log WHERE action = 'settings_calendar_confirm_year' AND object_id = '2027'",
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.detail.recomputedCases).toBeGreaterThanOrEqual(1);

    const detail = await as(t.app, office).get(`/api/cases/${caseId}`);
    const first = detail.json().clocks.find((c: { step: string }) => c.step === "firstDisposal");
    expect(first).toMatchObject({ dueOn: "2027-10-25", provisional: false });

    const again = await as(t.app, admin).post("/api/settings/calendar/years/2027/confirm", {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("CALENDAR_YEAR_CONFIRMED");
  });

  it("an override added to a confirmed year recomputes too", async () => {
    const res = await as(t.app, admin).put("/api/settings/calendar/overrides/2027-10-25", {
      kind: "holiday",
      name: "测试补休",
    });
    expect(res.statusCode).toBe(200);
    expect(await clockOf(caseId)).toBe("2027-10-26");
    const events = await t.db.query(
      "SELECT 1 FROM case_events WHERE case_id = $1 AND action = 'clock_recomputed'",
      [caseId],
    );
    expect(events.rows).toHaveLength(2);
  });
});

describe("the banner for next year", () => {
  it("shows from 1 November to the administrator and the bureau office until next year is confirmed", async () => {
    await at("2027-10-31T02:00:00Z");
    expect((await as(t.app, admin).get("/api/settings/calendar/status")).json()).toEqual({
      confirmNextYear: null,
    });
    await at("2027-11-01T02:00:00Z");
    expect((await as(t.app, admin).get("/api/settings/calendar/status")).json()).toEqual({
      confirmNextYear: 2028,
    });
    expect((await as(t.app, office).get("/api/settings/calendar/status")).json()).toEqual({
      confirmNextYear: 2028,
    });
    const rsj = await login(t.app, "rsj");
    expect((await as(t.app, rsj).get("/api/settings/calendar/status")).json()).toEqual({
      confirmNextYear: null,
    });
    const confirmed = await as(t.app, admin).post("/api/settings/calendar/years/2028/confirm", {});
    expect(confirmed.statusCode).toBe(200);
    expect((await as(t.app, admin).get("/api/settings/calendar/status")).json()).toEqual({
      confirmNextYear: null,
    });
  });
});
