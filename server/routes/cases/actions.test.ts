import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../domain/auth/roles.ts";
import { CASE_STATUSES, type CaseStatus } from "../../../domain/workflow/statuses.ts";
import {
  type CaseAction,
  FIRST_DISPOSAL_ACTIONS,
  TRANSITIONS,
} from "../../../domain/workflow/transitions.ts";
import { caseInput, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
const sessions = new Map<string, Session>();

const VALID_BODY: Partial<Record<CaseAction, Record<string, unknown>>> = {
  screen: {},
  reject_incomplete: { note: "缺少联系方式，无法核实" },
  accept: { note: "符合受理条件" },
  decline: { reason: "in_litigation", note: "已起诉" },
  forward: { forwardedTo: "县人民法院" },
  refuse_again: {},
  report_up: { note: "涉及人数多，报县委县政府" },
};

// Users whose area holds the test case (region 甲村), so they can all read it; the admins cannot.
const READERS = ["reg", "office", "bleader", "leader", "analyst", "town1", "village1"];

async function caseIn(status: CaseStatus): Promise<string> {
  const res = await as(t.app, sessions.get("reg")!).post("/api/cases", caseInput());
  const id = res.json().id as string;
  // Put the case straight into the status under test; the transition tests start from there.
  await t.db.query(
    `UPDATE cases SET status = $2,
       decline_reason = CASE WHEN $2 = 'declined' THEN 'court_matter' END,
       forwarded_to = CASE WHEN $2 = 'forwarded' THEN '某机关' END,
       reply_opinion = CASE WHEN $2 = 'replied' THEN 'explain' END,
       reply_text = CASE WHEN $2 = 'replied' THEN '答复内容' END,
       merged_into_id = CASE WHEN $2 = 'merged' THEN (SELECT min(o.id::text)::uuid FROM cases o WHERE o.id <> $1) END
     WHERE id = $1`,
    [id, status],
  );
  return id;
}

async function state(id: string) {
  const c = await t.db.query<{ status: string; version: number }>(
    "SELECT status, version FROM cases WHERE id = $1",
    [id],
  );
  const e = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_events WHERE case_id = $1", [
    id,
  ]);
  return { ...c.rows[0], events: e.rows[0]!.n };
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) sessions.set(u.username, await login(t.app, u.username));
});
afterAll(() => t.close());

describe("the transition table for first disposal", () => {
  it("allows each action from exactly its source statuses and by exactly its roles; refusals change nothing", async () => {
    let cells = 0;
    for (const action of FIRST_DISPOSAL_ACTIONS) {
      const tr = TRANSITIONS[action];
      for (const status of CASE_STATUSES) {
        const id = await caseIn(status);
        for (const username of [...READERS, "rsj", "sysadmin"]) {
          const roles = TEST_USERS.find((u) => u.username === username)!.roles as Role[];
          const readable = READERS.includes(username);
          const mayAct = roles.some((r) => tr.roles.includes(r));
          const expected = !readable ? 404 : !mayAct ? 403 : tr.from.includes(status) ? 200 : 409;
          const before = await state(id);
          const res = await as(t.app, sessions.get(username)!).post(
            `/api/cases/${id}/${action.replaceAll("_", "-")}`,
            VALID_BODY[action],
          );
          expect(res.statusCode, `${action} from ${status} by ${username}: ${res.body}`).toBe(expected);
          cells += 1;
          if (expected === 200) {
            expect(res.json().status).toBe(tr.to);
            expect(await state(id)).toEqual({
              status: tr.to,
              version: before.version! + 1,
              events: before.events + 1,
            });
            // Put it back for the next user.
            await t.db.query("UPDATE cases SET status = $2 WHERE id = $1", [id, status]);
          } else {
            expect(await state(id)).toEqual(before);
          }
        }
      }
    }
    console.log(`transition table: ${cells} (action, status, user) cells checked`);
    expect(cells).toBe(FIRST_DISPOSAL_ACTIONS.length * CASE_STATUSES.length * (READERS.length + 2));
  });
});

describe("first disposal", () => {
  it("declines with a coded reason kept on the case and in the event, and offers no further intake action", async () => {
    const id = await caseIn("registered");
    const res = await as(t.app, sessions.get("reg")!).post(`/api/cases/${id}/decline`, {
      reason: "court_matter",
      note: "属法院职权",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "declined", declineReason: "court_matter" });
    expect(res.json().events.at(-1)).toMatchObject({
      action: "decline",
      fromStatus: "registered",
      toStatus: "declined",
      note: "属法院职权",
    });
    expect(res.json().abilities).not.toContain("accept");
  });

  it("needs a reason to decline and a target to forward", async () => {
    const id = await caseIn("registered");
    const before = await state(id);
    expect((await as(t.app, sessions.get("reg")!).post(`/api/cases/${id}/decline`, {})).statusCode).toBe(400);
    expect(
      (await as(t.app, sessions.get("reg")!).post(`/api/cases/${id}/decline`, { reason: "because" }))
        .statusCode,
    ).toBe(400);
    expect((await as(t.app, sessions.get("reg")!).post(`/api/cases/${id}/forward`, {})).statusCode).toBe(400);
    expect(await state(id)).toEqual(before);
  });

  it("lists in the abilities exactly the actions the table allows this user now", async () => {
    const id = await caseIn("pending_screening");
    const reg = await as(t.app, sessions.get("reg")!).get(`/api/cases/${id}`);
    expect(reg.json().abilities).toEqual(expect.arrayContaining(["screen", "reject_incomplete"]));
    expect(reg.json().abilities).not.toContain("accept");
    const analyst = await as(t.app, sessions.get("analyst")!).get(`/api/cases/${id}`);
    expect(analyst.json().abilities).toEqual(["read"]);
  });

  it("lets one of two people acting on the same case at once win; the other gets 409", async () => {
    const id = await caseIn("registered");
    const [a, b] = await Promise.all([
      as(t.app, sessions.get("reg")!).post(`/api/cases/${id}/accept`, {}),
      as(t.app, sessions.get("office")!).post(`/api/cases/${id}/decline`, { reason: "level_skipping" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const s = await state(id);
    expect(s.events).toBe(2);
    expect(["accepted", "declined"]).toContain(s.status);
  });
});
