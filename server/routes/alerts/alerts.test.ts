import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
const s = new Map<string, Session>();
/** registered (the registrar accepts), awaiting the bureau leader's and the leader in charge's signature. */
const ids = { registered: "", bleaderSigns: "", leaderSigns: "" };

interface Alert {
  caseId: string;
  kind: string;
  mine: boolean;
}
interface AlertList {
  items: Alert[];
  total: number;
  breaches: number;
  warnings: number;
  mine: number;
}
const alertsOf = async (user: string, query = ""): Promise<AlertList> => {
  const res = await as(t.app, s.get(user)!).get(`/api/alerts${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function alert(caseId: string, kind: "warning" | "breach", dueOn: string, step = "first_handling") {
  await t.db.query(
    `INSERT INTO case_alerts (case_id, clock, step, kind, due_on, unit_id, raised_at)
     VALUES ($1, 'statutory', $2, $3, $4, NULL, now())`,
    [caseId, step, kind, dueOn],
  );
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of ["reg", "office", "bleader", "leader", "rsj", "analyst"]) s.set(u, await login(t.app, u));
  const register = async () =>
    (await as(t.app, s.get("reg")!).post("/api/cases", caseInput())).json().id as string;
  const step = async (user: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);
    expect(res.statusCode, res.body).toBe(200);
  };
  ids.registered = await register();
  for (const key of ["bleaderSigns", "leaderSigns"] as const) {
    ids[key] = await register();
    await step("reg", ids[key], "accept");
    await step("office", ids[key], "draft-opinion", { opinion: "交人社局" });
  }
  await step("bleader", ids.leaderSigns, "sign");
  // The county's alerts: two breaches due early on the registered case, a later warning on each signing case.
  await alert(ids.registered, "breach", "2026-03-01");
  await alert(ids.registered, "breach", "2026-03-02", "acceptance");
  await alert(ids.bleaderSigns, "warning", "2026-03-20");
  await alert(ids.leaderSigns, "warning", "2026-03-25");
});
afterAll(() => t.close());

describe("the deadline alerts", () => {
  it("count over every alert, not the page: total = breaches + warnings", async () => {
    const page = await alertsOf("office", "?pageSize=1");
    expect(page.items).toHaveLength(1);
    expect(page).toMatchObject({ total: 4, breaches: 2, warnings: 2 });
    const next = await alertsOf("office", "?pageSize=1&page=2");
    expect(next.items).toHaveLength(1);
    expect(next.items[0]).not.toEqual(page.items[0]);
    const breachesOnly = await alertsOf("office", "?kind=breach");
    expect(breachesOnly).toMatchObject({ total: 2, breaches: 2, warnings: 0 });
  });

  it("show the leader in charge the case waiting for their signature first, then the county's", async () => {
    const list = await alertsOf("leader");
    expect(list.items.map((a) => [a.caseId, a.kind, a.mine])).toEqual([
      [ids.leaderSigns, "warning", true],
      [ids.registered, "breach", false],
      [ids.registered, "breach", false],
      [ids.bleaderSigns, "warning", false],
    ]);
    expect(list.mine).toBe(1);
  });

  it("show the bureau leader the case whose signature is theirs, not the one past them", async () => {
    const list = await alertsOf("bleader", "?pageSize=2");
    expect(list.items[0]).toMatchObject({ caseId: ids.bleaderSigns, mine: true });
    expect(list.items[1]).toMatchObject({ caseId: ids.registered, kind: "breach", mine: false });
    expect(list.mine).toBe(1);
  });

  it("show the registrar the registered case to accept as theirs, breaches first", async () => {
    const list = await alertsOf("reg");
    expect(list.items.slice(0, 2).map((a) => [a.caseId, a.mine])).toEqual([
      [ids.registered, true],
      [ids.registered, true],
    ]);
    expect(list.mine).toBe(2);
  });

  it("list the county's alerts for a user who owes no step (the analyst), none of them theirs", async () => {
    const list = await alertsOf("analyst");
    expect(list).toMatchObject({ total: 4, breaches: 2, warnings: 2, mine: 0 });
    expect(list.items.every((a) => !a.mine)).toBe(true);
  });

  it("show a handling unit nothing of alerts it does not answer for", async () => {
    expect(await alertsOf("rsj")).toMatchObject({ items: [], total: 0, breaches: 0, warnings: 0, mine: 0 });
  });
});
