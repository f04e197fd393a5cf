import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseStatus } from "../../../domain/workflow/statuses.ts";
import { caseInput, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
const sessions = new Map<string, Session>();

async function caseIn(status: CaseStatus): Promise<string> {
  const res = await as(t.app, sessions.get("reg")!).post("/api/cases", caseInput());
  const id = res.json().id as string;
  // Put the case straight into the status under test (the full matrix, which drives cases through
  // the real steps, is server/workflow/transition-matrix.test.ts).
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
