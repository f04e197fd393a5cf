import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork, simplifiedPath, TEST_USERS, takeSteps } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  snapshotCounts,
  startTestApp,
  type TestContext,
} from "../../test/harness.ts";

/**
 * 条例 第三十五条: a review is accepted and decided by the body it goes to — its own staff, the
 * office acting for it (a county government's review office, by default the bureau) unless that
 * office gave the answer under review, or a county government's leaders — not by whoever holds
 * the bureau office's role.
 */
let t: TestContext;
const s = new Map<string, Session>();
const unit = new Map<string, string>();

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);
const get = (user: string, url: string) => as(t.app, s.get(user)!).get(url);

async function answeredByRsj(): Promise<{ id: string }> {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json() as { id: string; caseNumber: string; queryCode: string };
  await takeSteps(post, c.id, simplifiedPath(unit.get("c.rsj")!, "rsj", true));
  const asked = await t.app.inject({
    method: "POST",
    url: "/api/public/request-review",
    payload: { caseNumber: c.caseNumber, queryCode: c.queryCode, reason: "不服，申请复查" },
  });
  expect(asked.statusCode, asked.body).toBe(200);
  return c;
}

const todoIds = async (user: string) =>
  ((await get(user, "/api/todos?limit=500")).json().items as { caseId: string }[]).map((x) => x.caseId);
const abilities = async (user: string, id: string) => (await get(user, `/api/cases/${id}`)).json().abilities;
const setReviewer = (of: string, reviewer: string) =>
  t.db.query(
    "UPDATE org_units SET reviewing_unit_id = (SELECT id FROM org_units WHERE path = $2) WHERE path = $1",
    [of, reviewer],
  );
const setOffice = (of: string, office: string | null) =>
  t.db.query(
    "UPDATE org_units SET review_office_id = (SELECT id FROM org_units WHERE path = $2) WHERE path = $1",
    [of, office],
  );

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const [username, name, path] of [
    ["gajhead", "公安局局长", "c.gaj"],
    ["rsjhead", "人社局局长", "c.rsj"],
  ] as const)
    await t.db.query(
      `INSERT INTO users (username, display_name, unit_id, roles, password_hash)
       SELECT $1, $2, (SELECT id FROM org_units WHERE path = $3), '{unit_leader}', password_hash
         FROM users WHERE username = 'reg'`,
      [username, name, path],
    );
  for (const u of [...TEST_USERS.map((x) => x.username), "gajhead", "rsjhead"])
    s.set(u, await login(t.app, u));
  for (const r of (await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows)
    unit.set(r.path, r.id);
});
afterAll(() => t.close());

describe("who accepts and decides a review (条例 第三十五条)", () => {
  it("the county government's review office (the bureau) accepts the review of a department's answer, the county leader decides it, the department may not", async () => {
    const c = await answeredByRsj();
    expect(await todoIds("office")).toContain(c.id);
    expect(await todoIds("rsj")).not.toContain(c.id);
    expect(await abilities("rsj", c.id)).not.toContain("accept_review");
    const before = await snapshotCounts(t.db);
    const refused = await post("rsj", c.id, "accept-review");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe("无权执行此操作");
    expect(await snapshotCounts(t.db)).toEqual(before);
    expect((await post("office", c.id, "accept-review")).statusCode).toBe(200);
    expect(await todoIds("leader")).toContain(c.id);
    expect(
      (await post("rsjhead", c.id, "decide-review", { opinion: "uphold", text: "维持" })).statusCode,
    ).toBe(403);
    const decided = await post("leader", c.id, "decide-review", {
      opinion: "uphold",
      text: "经复查，维持原处理意见",
    });
    expect(decided.statusCode, decided.body).toBe(200);
  });

  it("a reviewer the network names (here the public security bureau) reads, lists, accepts and decides it; the bureau office and the county leaders do not", async () => {
    await setReviewer("c.rsj", "c.gaj");
    try {
      const c = await answeredByRsj();
      // gaj was never assigned the case: it reads it because the review goes to it.
      expect((await get("gaj", `/api/cases/${c.id}`)).statusCode).toBe(200);
      expect(await abilities("gaj", c.id)).toContain("accept_review");
      expect(await todoIds("gaj")).toContain(c.id);
      expect(await todoIds("office")).not.toContain(c.id);
      expect(await abilities("office", c.id)).not.toContain("accept_review");
      expect((await post("office", c.id, "accept-review")).statusCode).toBe(403);
      expect((await post("gaj", c.id, "accept-review")).statusCode).toBe(200);
      expect(
        (await post("leader", c.id, "decide-review", { opinion: "uphold", text: "维持" })).statusCode,
      ).toBe(403);
      expect(await todoIds("gajhead")).toContain(c.id);
      const decided = await post("gajhead", c.id, "decide-review", {
        opinion: "uphold",
        text: "经复查，维持",
      });
      expect(decided.statusCode, decided.body).toBe(200);
      // Another township's staff still cannot read it.
      expect((await get("town2", `/api/cases/${c.id}`)).statusCode).toBe(404);
    } finally {
      await setReviewer("c.rsj", "c");
    }
  });

  it("an office never acts on the review of its own answer: the county leaders do", async () => {
    await setOffice("c", "c.rsj");
    try {
      const c = await answeredByRsj();
      expect(await todoIds("rsj")).not.toContain(c.id);
      expect((await post("rsj", c.id, "accept-review")).statusCode).toBe(403);
      // The bureau is no longer the county's review office either.
      expect((await post("office", c.id, "accept-review")).statusCode).toBe(403);
      expect(await todoIds("leader")).toContain(c.id);
      expect((await post("leader", c.id, "accept-review")).statusCode).toBe(200);
    } finally {
      await setOffice("c", "c.xfj");
    }
  });

  it("a new county gets its bureau as review office when the bureau is created", async () => {
    await t.db.query(
      `INSERT INTO org_units (kind, path, name, region_code) VALUES ('county', 'd', '另一县', '990002')`,
    );
    await t.db.query(
      `INSERT INTO org_units (parent_id, kind, path, name, region_code)
       VALUES ((SELECT id FROM org_units WHERE path = 'd'), 'bureau', 'd.xfj', '另一县信访局', '990002')`,
    );
    const { rows } = await t.db.query<{ office: string }>(
      "SELECT o.path AS office FROM org_units u JOIN org_units o ON o.id = u.review_office_id WHERE u.path = 'd'",
    );
    expect(rows).toEqual([{ office: "d.xfj" }]);
  });
});
