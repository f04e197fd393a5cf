import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork, TEST_USERS } from "../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../test/harness.ts";
import { scanDeadlines } from "./deadline-scan.ts";
import { startJobs } from "./scheduler.ts";

let t: TestContext;
const s = new Map<string, Session>();
let caseId: string;

const post = (user: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${caseId}/${action}`, body);
const scan = () => scanDeadlines(t.db, t.app.deps.clocks, t.app.deps.now());
/** Moves the test clock; sessions idle out across days, so everyone logs in again. */
async function moveTo(iso: string): Promise<void> {
  t.clock.now = new Date(iso);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
}
const alertsOf = async (user: string) => (await as(t.app, s.get(user)!).get("/api/alerts")).json();

beforeAll(async () => {
  // Everyone logs in again after each move of the clock: the login rate limit is not under test.
  t = await startTestApp({ rateLimitAllowLoopback: true });
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  const unit = async (path: string) =>
    (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path])).rows[0]!.id;
  caseId = (await as(t.app, s.get("reg")!).post("/api/cases", caseInput())).json().id;
  // Monday 2026-03-02: assigned to 人社局 with 10 days (due 03-12); the 5-working-day objection
  // window closes on Monday 03-09.
  await post("reg", "accept");
  await post("office", "draft-opinion", { opinion: "交人社局" });
  await post("bleader", "sign");
  await post("leader", "sign");
  const assigned = await post("office", "assign", {
    leadUnitId: await unit("c.rsj"),
    assistUnitIds: [await unit("c.gaj")],
    instructions: "请按期办结",
    dueDays: 10,
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
});
afterAll(() => t.close());

describe("the deadline scan", () => {
  it("warns the responsible unit within 3 working days of a due date, once", async () => {
    // Thursday 03-05: three working days ahead is Tuesday 03-10, so only the objection window warns.
    await moveTo("2026-03-05T01:00:00Z");
    expect(await scan()).toEqual({ warnings: 1, breaches: 0, cleared: 0 });
    expect(await scan()).toEqual({ warnings: 0, breaches: 0, cleared: 0 });

    const rsj = await alertsOf("rsj");
    expect(rsj.total).toBe(1);
    expect(rsj.items[0]).toMatchObject({ caseId, kind: "warning", step: "objection", dueOn: "2026-03-09" });
    expect(rsj.items[0].unitName).toBe("人社局");
    expect((await alertsOf("office")).total).toBe(1);
    // The assisting unit is not responsible; a township that cannot read the case learns nothing.
    expect((await alertsOf("gaj")).total).toBe(0);
    expect((await alertsOf("town2")).total).toBe(0);

    const events = (await as(t.app, s.get("office")!).get(`/api/cases/${caseId}`)).json().events;
    const warning = events.filter((e: { action: string }) => e.action === "clock_warning");
    expect(warning).toHaveLength(1);
    expect(warning[0].actor).toBe("系统（期限监测）");
  });

  it("marks a breach the day after the due date and warns of the next one", async () => {
    // Tuesday 03-10: the objection window (03-09) has passed; the assigned deadline 03-12 is near.
    await moveTo("2026-03-10T01:00:00Z");
    expect(await scan()).toEqual({ warnings: 1, breaches: 1, cleared: 0 });
    const office = await alertsOf("office");
    expect(office.items.map((a: { kind: string; step: string }) => `${a.kind}/${a.step}`)).toEqual([
      "breach/objection",
      "warning/objection",
      "warning/assigned",
    ]);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'case_deadline_alert' AND object_id = $1",
      [caseId],
    );
    expect(audit.rows[0]!.n).toBe(2);
  });

  it("clears the alerts of a clock that stopped", async () => {
    expect((await post("rsj", "receive")).statusCode).toBe(200);
    expect(await scan()).toEqual({ warnings: 0, breaches: 0, cleared: 2 });
    const rsj = await alertsOf("rsj");
    expect(rsj.items.map((a: { step: string }) => a.step)).toEqual(["assigned"]);
    const all = (await as(t.app, s.get("office")!).get("/api/alerts?includeCleared=true")).json();
    expect(all.total).toBe(3);
  });
});

describe("the scheduled job", () => {
  it("runs the scan through pg-boss on the application's own database", async () => {
    let runs = 0;
    const jobs = await startJobs(
      t.db,
      [
        {
          name: "deadline-scan-test",
          cron: "0 3 * * *",
          run: async () => {
            runs += 1;
          },
        },
      ],
      (err) => {
        throw err;
      },
    );
    try {
      await jobs.runNow("deadline-scan-test");
      for (let i = 0; i < 100 && runs === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(runs).toBe(1);
      const schedule = await t.db.query<{ cron: string }>(
        "SELECT cron FROM pgboss.schedule WHERE name = 'deadline-scan-test'",
      );
      expect(schedule.rows).toEqual([{ cron: "0 3 * * *" }]);
    } finally {
      await jobs.stop();
    }
  });
});
