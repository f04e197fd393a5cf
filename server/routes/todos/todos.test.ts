import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toShanghaiDate } from "../../../domain/calendar/working-days.ts";
import { inboxOf } from "../../../domain/workflow/inboxes.ts";
import { caseInput, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";
import { AWAITED_STEP } from "./index.ts";

let t: TestContext;
const s = new Map<string, Session>();
const unitIds = new Map<string, string>();

interface Todo {
  caseId: string;
  caseNumber: string;
  status: string;
  awaitedStep: string;
  dueOn: string | null;
  dueState: string;
  inbox: string;
}
interface Todos {
  items: Todo[];
  total: number;
  overdue: number;
  dueSoon: number;
  today: string;
  dueSoonUntil: string;
  inboxes: Record<string, number>;
}

async function todos(user: string, query = ""): Promise<Todos> {
  const res = await as(t.app, s.get(user)!).get(`/api/todos${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Todos>();
}

async function post(user: string, id: string, action: string, body: unknown = {}) {
  const res = await as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);
  expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
  return res;
}

async function registered(overrides = {}): Promise<string> {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function loginAll(): Promise<void> {
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
}

const ids = (list: Todos) => list.items.map((i) => i.caseId);

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  await loginAll();
  const { rows } = await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units");
  for (const r of rows) unitIds.set(r.path, r.id);
});
afterAll(() => t.close());

describe("GET /api/todos", () => {
  it("lists a registered case for the registrar to accept, and not for a township or an administrator", async () => {
    const id = await registered();
    const reg = await todos("reg");
    expect(reg.items.find((i) => i.caseId === id)).toMatchObject({
      status: "registered",
      awaitedStep: "accept",
    });
    expect(ids(await todos("town1"))).not.toContain(id);
    expect(ids(await todos("sysadmin"))).not.toContain(id);
    expect((await todos("sysadmin")).total).toBe(0);
  });

  it("asks for a signature only from the signer whose turn it is", async () => {
    const id = await registered();
    await post("reg", id, "accept");
    expect((await todos("office")).items.find((i) => i.caseId === id)?.awaitedStep).toBe("draft_opinion");
    await post("office", id, "draft-opinion", { opinion: "交人社局办理" });
    expect(ids(await todos("office"))).not.toContain(id);
    expect(ids(await todos("bleader"))).toContain(id);
    expect(ids(await todos("leader"))).not.toContain(id);
    await post("bleader", id, "sign");
    expect(ids(await todos("bleader"))).not.toContain(id);
    expect((await todos("leader")).items.find((i) => i.caseId === id)?.awaitedStep).toBe("sign");
    await post("leader", id, "sign");
    expect((await todos("office")).items.find((i) => i.caseId === id)?.awaitedStep).toBe("assign");
  });

  it("gives a handling township its assignment and hides it from another township and other departments", async () => {
    const id = await registered();
    await post("reg", id, "accept");
    await post("office", id, "draft-opinion", { opinion: "交甲镇办理" });
    await post("bleader", id, "sign");
    await post("leader", id, "sign");
    await post("office", id, "assign", {
      leadUnitId: unitIds.get("c.t1"),
      assistUnitIds: [unitIds.get("c.rsj")],
      instructions: "请甲镇牵头办理",
      dueDays: 10,
    });
    const town1 = (await todos("town1")).items.find((i) => i.caseId === id);
    expect(town1).toMatchObject({ awaitedStep: "receive", status: "assigned" });
    // An assisting unit sees the case but owes no receipt; another township cannot even see it.
    expect(ids(await todos("rsj"))).not.toContain(id);
    expect(ids(await todos("town2"))).not.toContain(id);
    expect((await as(t.app, s.get("town2")!).get(`/api/cases/${id}`)).statusCode).toBe(404);
    await post("town1", id, "receive");
    expect((await todos("town1")).items.find((i) => i.caseId === id)?.awaitedStep).toBe("report_result");
  });

  it("never lists an accusation to the accused unit, which cannot even be assigned it", async () => {
    const id = await registered({
      nature: "accusation",
      legalClass: "accusation",
      accusedUnitId: unitIds.get("c.t1"),
    });
    expect(ids(await todos("reg"))).toContain(id);
    await post("reg", id, "accept");
    await post("office", id, "draft-opinion", { opinion: "交甲镇核查" });
    await post("bleader", id, "sign");
    await post("leader", id, "sign");
    const refused = await as(t.app, s.get("office")!).post(`/api/cases/${id}/assign`, {
      leadUnitId: unitIds.get("c.t1"),
      instructions: "核查",
      dueDays: 10,
    });
    expect(refused.json().error.code).toBe("ASSIGNMENT_UNIT_ACCUSED");
    expect(ids(await todos("town1"))).not.toContain(id);
    expect(ids(await todos("village1"))).not.toContain(id);
  });

  it("flags the next due day yellow within the working-day window and red once it has passed", async () => {
    const id = await registered();
    const first = (await todos("reg")).items.find((i) => i.caseId === id)!;
    expect(first.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const dueOn = first.dueOn!;
    const today = toShanghaiDate(t.clock.now);
    const workingDaysLeft = t.app.deps.clocks.calendar.countWorkingDays(today, dueOn);
    expect(workingDaysLeft).toBeGreaterThan(3);
    expect(first.dueState).toBe("ok");
    const wide = await todos("reg", `?dueSoonDays=${workingDaysLeft}`);
    expect(wide.items.find((i) => i.caseId === id)?.dueState).toBe("due_soon");
    expect(wide.dueSoon).toBeGreaterThanOrEqual(1);
    const narrow = await todos("reg", `?dueSoonDays=${workingDaysLeft - 1}`);
    expect(narrow.items.find((i) => i.caseId === id)?.dueState).toBe("ok");

    // On the due day itself the case is still in time; the day after it is overdue.
    t.clock.now = new Date(`${dueOn}T02:00:00Z`);
    s.set("reg", await login(t.app, "reg"));
    const onDue = await todos("reg");
    expect(onDue.today).toBe(dueOn);
    expect(onDue.items.find((i) => i.caseId === id)?.dueState).toBe("due_soon");
    t.clock.now = new Date(new Date(`${dueOn}T02:00:00Z`).getTime() + 86_400_000);
    s.set("reg", await login(t.app, "reg"));
    const late = await todos("reg");
    expect(late.items.find((i) => i.caseId === id)?.dueState).toBe("overdue");
    expect(late.overdue).toBeGreaterThanOrEqual(1);
    // Most urgent first: overdue items lead the list.
    expect(late.items[0]?.dueState).toBe("overdue");
    t.clock.now = new Date("2026-03-02T02:00:00Z");
    s.set("reg", await login(t.app, "reg"));
  });

  it("splits the to-dos into inboxes, counts each over the whole list, and opens one inbox", async () => {
    const waiting = await registered();
    const signing = await registered();
    await post("reg", signing, "accept");
    await post("office", signing, "draft-opinion", { opinion: "交人社局办理" });
    const office = await todos("office");
    const bleader = await todos("bleader");
    expect(bleader.items.find((i) => i.caseId === signing)?.inbox).toBe("approval");
    const reg = await todos("reg");
    expect(reg.items.find((i) => i.caseId === waiting)?.inbox).toBe("intake");
    // Each inbox's count is the number of its items in the whole list.
    for (const list of [office, bleader, reg]) {
      const counted = new Map<string, number>();
      for (const i of list.items) counted.set(i.inbox, (counted.get(i.inbox) ?? 0) + 1);
      for (const [name, n] of Object.entries(list.inboxes)) expect(n, name).toBe(counted.get(name) ?? 0);
      expect(Object.values(list.inboxes).reduce((a, b) => a + b, 0)).toBe(list.total);
    }
    const intake = await todos("reg", "?inbox=intake&limit=1");
    expect(intake.items.every((i) => i.inbox === "intake")).toBe(true);
    expect(intake.total).toBe(reg.inboxes.intake);
    expect(intake.inboxes).toEqual(reg.inboxes);
    const none = await todos("reg", "?inbox=approval");
    expect(none).toMatchObject({ items: [], total: 0 });
    const bad = await as(t.app, s.get("reg")!).get("/api/todos?inbox=everything");
    expect(bad.statusCode).toBe(400);
  });

  it("has an inbox for every step a case can wait for", () => {
    for (const step of Object.values(AWAITED_STEP)) expect(inboxOf(step), step).not.toBeNull();
  });

  it("refuses an anonymous caller and a bad window", async () => {
    expect((await as(t.app, null).get("/api/todos")).statusCode).toBe(401);
    const bad = await as(t.app, s.get("reg")!).get("/api/todos?dueSoonDays=-1");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION_FAILED");
  });
});
