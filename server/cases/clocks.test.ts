import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../test/harness.ts";

let t: TestContext;
let reg: Session;

beforeAll(async () => {
  // The harness clock starts at 2026-03-02 10:00 Shanghai; the default pack is county-internal.
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
});
afterAll(() => t.close());

type Clock = { clock: string; step: string; dueOn: string; state: string };
const find = (clocks: Clock[], clock: string, step: string) =>
  clocks.find((c) => c.clock === clock && c.step === step);

describe("the clocks of a case", () => {
  it("start at registration with due dates stored from the rule pack", async () => {
    const res = await as(t.app, reg).post("/api/cases", caseInput());
    const clocks = res.json().clocks as Clock[];
    // 15 days after 2026-03-02, the start day not counted: Tuesday 2026-03-17.
    expect(find(clocks, "statutory", "firstDisposal")).toMatchObject({
      dueOn: "2026-03-17",
      state: "running",
    });
    expect(find(clocks, "statutory", "acceptanceNotice")).toMatchObject({ dueOn: "2026-03-17" });
    // The county's own target for a general case: one month, counted as 30 days → 2026-04-01.
    expect(find(clocks, "internal", "resolution")).toMatchObject({ dueOn: "2026-04-01" });
    const stored = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM case_clocks WHERE case_id = $1",
      [res.json().id],
    );
    expect(stored.rows[0]!.n).toBe(clocks.length);
  });

  it("count from the day the item was received for the acceptance notice", async () => {
    const res = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ receivedAt: "2026-02-20T09:00:00+08:00" }),
    );
    // 15 days after 2026-02-20 is Sunday 2026-03-07 → rolls to Monday 2026-03-09.
    expect(find(res.json().clocks, "statutory", "acceptanceNotice")).toMatchObject({ dueOn: "2026-03-09" });
  });

  it("on acceptance stop the notice clock as met and start the 60-day handling clock, rolled past May Day", async () => {
    const created = await as(t.app, reg).post("/api/cases", caseInput());
    const accepted = await as(t.app, reg).post(`/api/cases/${created.json().id}/accept`, {});
    const clocks = accepted.json().clocks as Clock[];
    expect(find(clocks, "statutory", "acceptanceNotice")).toMatchObject({ state: "met" });
    expect(find(clocks, "statutory", "firstDisposal")).toMatchObject({ state: "running" });
    // 60 days after 2026-03-02 is 2026-05-01, inside the Labour Day holiday (05-01..05-05) → 2026-05-06.
    expect(find(clocks, "statutory", "handling")).toMatchObject({ dueOn: "2026-05-06", state: "running" });
  });

  it("record a step done after its due day as breached", async () => {
    const created = await as(t.app, reg).post("/api/cases", caseInput());
    t.clock.now = new Date("2026-03-20T02:00:00Z");
    const later = await login(t.app, "reg"); // 18 days on, the old session has long timed out
    const declined = await as(t.app, later).post(`/api/cases/${created.json().id}/decline`, {
      reason: "court_matter",
    });
    t.clock.now = new Date("2026-03-02T02:00:00Z");
    const clocks = declined.json().clocks as Clock[];
    expect(find(clocks, "statutory", "firstDisposal")).toMatchObject({ state: "breached" });
    expect(clocks.every((c) => c.state !== "running")).toBe(true);
  });
});
