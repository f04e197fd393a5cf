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

let t: TestContext;
const s = new Map<string, Session>();
const unit = new Map<string, string>();

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);
const publicPost = (url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: `/api/public/${url}`, payload });

/** A case answered by `lead` (a department or a township), on the simplified path. */
async function answeredBy(lead: string, handler: string) {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json() as { id: string; caseNumber: string; queryCode: string };
  await takeSteps(post, c.id, simplifiedPath(unit.get(lead)!, handler, true));
  return c;
}

/** The petitioner asks for a review of `c`'s answer, which the county government's office accepts and upholds. */
async function reviewUpheld(c: { id: string; caseNumber: string; queryCode: string }) {
  await publicPost("request-review", {
    caseNumber: c.caseNumber,
    queryCode: c.queryCode,
    reason: "申请复查",
  });
  expect((await post("office", c.id, "accept-review")).statusCode).toBe(200);
  expect((await post("leader", c.id, "decide-review", { opinion: "uphold", text: "维持" })).statusCode).toBe(
    200,
  );
}

async function appealOf(id: string) {
  return (
    await t.db.query<{ appeal_unit_id: string | null; appeal_body_name: string | null; status: string }>(
      "SELECT appeal_unit_id, appeal_body_name, status FROM cases WHERE id = $1",
      [id],
    )
  ).rows[0]!;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  for (const r of (await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows)
    unit.set(r.path, r.id);
});
afterAll(() => t.close());

describe("where review goes (条例 第三十五条、第三十六条)", () => {
  it("sends the review of a department's and a township's answer to the county government, and tells the citizen so", async () => {
    for (const [lead, handler, answered] of [
      ["c.rsj", "rsj", "测试县人社局"],
      ["c.t1", "town1", "测试县甲镇"],
    ] as const) {
      const c = await answeredBy(lead, handler);
      const status = (
        await publicPost("status", { caseNumber: c.caseNumber, queryCode: c.queryCode })
      ).json();
      expect(status.reply).toMatchObject({
        answeredBy: answered,
        reviewBody: "测试县人民政府",
        reviewDays: 30,
      });
      const asked = await publicPost("request-review", {
        caseNumber: c.caseNumber,
        queryCode: c.queryCode,
        reason: "不服，申请复查",
      });
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json().appeal).toEqual({ body: "测试县人民政府", referredAt: null });
      expect(await appealOf(c.id)).toMatchObject({
        appeal_unit_id: unit.get("c"),
        appeal_body_name: "测试县人民政府",
      });
      // Inside the system: accepted here, and nothing to refer.
      const refer = await post("office", c.id, "refer-appeal", {
        sentOn: "2026-03-02",
        documents: ["复查申请"],
      });
      expect(refer.statusCode).toBe(409);
      expect(refer.json().error.code).toBe("APPEAL_NOT_OUTSIDE");
      expect((await post("office", c.id, "accept-review")).statusCode).toBe(200);
    }
  });

  it("refers the reexamination of the county government's review outside: recorded, closed, every clock stopped", async () => {
    const c = await answeredBy("c.rsj", "rsj");
    await reviewUpheld(c);
    const status = (await publicPost("status", { caseNumber: c.caseNumber, queryCode: c.queryCode })).json();
    expect(status.review).toMatchObject({ reexamBody: "上一级人民政府", reexamDays: 30 });
    const asked = await publicPost("request-reexam", {
      caseNumber: c.caseNumber,
      queryCode: c.queryCode,
      reason: "申请复核",
    });
    expect(asked.json()).toMatchObject({ status: "reexam_requested", appeal: { body: "上一级人民政府" } });

    // The case page offers the office the referral, with the body's name, and nobody else.
    const detail = async (user: string) => (await as(t.app, s.get(user)!).get(`/api/cases/${c.id}`)).json();
    expect((await detail("office")).appealBody).toBe("上一级人民政府");
    expect((await detail("office")).abilities).toContain("refer_appeal");
    expect((await detail("leader")).abilities).not.toContain("refer_appeal");
    // The county cannot accept it: its superior is not in the system.
    const before = await snapshotCounts(t.db);
    const accept = await post("office", c.id, "accept-reexam");
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error).toMatchObject({
      code: "APPEAL_OUTSIDE_SYSTEM",
      messageEn: expect.any(String),
    });
    expect(accept.json().error.message).toMatch(/系统外/);
    // Bad input and the wrong people change nothing.
    const bad = [
      await post("office", c.id, "refer-appeal", { sentOn: "2026-13-40", documents: ["复核申请"] }),
      await post("office", c.id, "refer-appeal", { sentOn: "2026-03-02", documents: [] }),
      await post("office", c.id, "refer-appeal", { sentOn: "2026-03-09", documents: ["复核申请"] }),
      await post("office", c.id, "refer-appeal", { sentOn: "2025-12-31", documents: ["复核申请"] }),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
    for (const r of bad) expect(r.json().error.messageEn).toBeTruthy();
    expect(
      (await post("reg", c.id, "refer-appeal", { sentOn: "2026-03-02", documents: ["x"] })).statusCode,
    ).toBe(403);
    expect(
      (await post("town2", c.id, "refer-appeal", { sentOn: "2026-03-02", documents: ["x"] })).statusCode,
    ).toBe(404);
    expect(await snapshotCounts(t.db)).toEqual(before);

    const referred = await post("office", c.id, "refer-appeal", {
      sentOn: "2026-03-02",
      documents: ["复核申请书", "信访事项处理意见书", "复查意见书"],
      note: "以机要件寄送",
    });
    expect(referred.statusCode, referred.body).toBe(200);
    expect(referred.json()).toEqual({ status: "closed", referredTo: "上一级人民政府", sentOn: "2026-03-02" });
    const running = await t.db.query("SELECT 1 FROM case_clocks WHERE case_id = $1 AND state = 'running'", [
      c.id,
    ]);
    expect(running.rows).toEqual([]);
    const event = await t.db.query<{ detail: unknown; to_status: string }>(
      "SELECT detail, to_status FROM case_events WHERE case_id = $1 AND action = 'appeal_referred'",
      [c.id],
    );
    expect(event.rows).toEqual([
      {
        to_status: "closed",
        detail: {
          to: "上一级人民政府",
          sentOn: "2026-03-02",
          documents: ["复核申请书", "信访事项处理意见书", "复查意见书"],
        },
      },
    ]);
    const after = (await publicPost("status", { caseNumber: c.caseNumber, queryCode: c.queryCode })).json();
    expect(after).toMatchObject({
      status: "closed",
      appeal: { body: "上一级人民政府", referredAt: expect.any(String) },
    });
    expect(after.events.at(-1)).toMatchObject({ action: "appeal_referred", toStatus: "closed" });
    // Once referred, not again.
    expect(
      (await post("office", c.id, "refer-appeal", { sentOn: "2026-03-02", documents: ["x"] })).statusCode,
    ).toBe(409);
  });

  it("sends review to a superior inside the system when the network names one", async () => {
    await t.db.query("UPDATE org_units SET reviewing_unit_id = $1 WHERE path = 'c.t2'", [unit.get("c.gov")]);
    try {
      const res = await as(t.app, s.get("reg")!).post(
        "/api/cases",
        caseInput({ problemRegionCode: "990001002001" }),
      );
      const c = res.json();
      await takeSteps(post, c.id, simplifiedPath(unit.get("c.t2")!, "town2", true));
      const asked = await publicPost("request-review", {
        caseNumber: c.caseNumber,
        queryCode: c.queryCode,
        reason: "申请复查",
      });
      expect(asked.json().appeal.body).toBe("测试县政府办");
      expect(await appealOf(c.id)).toMatchObject({ appeal_unit_id: unit.get("c.gov") });
    } finally {
      await t.db.query("UPDATE org_units SET reviewing_unit_id = $1 WHERE path = 'c.t2'", [unit.get("c")]);
    }
  });

  it("offers only 转交系统外机关 for a request to a body outside the network, on the bureau office's to-do list as that step; inside, 受理", async () => {
    const todos = async (user: string) => {
      const res = await as(t.app, s.get(user)!).get("/api/todos?limit=500");
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: { caseId: string; awaitedStep: string }[];
        inboxes: Record<string, number>;
        total: number;
      };
    };
    const detail = async (user: string, id: string) =>
      (await as(t.app, s.get(user)!).get(`/api/cases/${id}`)).json() as { abilities: string[] };
    // Inside: a review request to the county government, accepted here.
    const inside = await answeredBy("c.rsj", "rsj");
    await publicPost("request-review", {
      caseNumber: inside.caseNumber,
      queryCode: inside.queryCode,
      reason: "申请复查",
    });
    // Outside: the reexamination of the county government's review goes to its superior.
    const outside = await answeredBy("c.rsj", "rsj");
    await reviewUpheld(outside);
    await publicPost("request-reexam", {
      caseNumber: outside.caseNumber,
      queryCode: outside.queryCode,
      reason: "申请复核",
    });
    expect((await appealOf(outside.id)).status).toBe("reexam_requested");

    const office = await detail("office", outside.id);
    expect(office.abilities).toContain("refer_appeal");
    expect(office.abilities).not.toContain("accept_reexam");
    // Nobody else may accept it either (the county leaders would act for an inside body).
    for (const user of ["leader", "rsj"]) {
      const d = await detail(user, outside.id);
      if (d.abilities) expect(d.abilities, user).not.toContain("accept_reexam");
    }
    expect((await detail("office", inside.id)).abilities).toContain("accept_review");

    // Waiting for its referral, it is the bureau office's to-do (never off every list), and nobody
    // else's: a county leader would act for a body inside the network.
    expect((await todos("office")).items).toContainEqual(
      expect.objectContaining({
        caseId: outside.id,
        awaitedStep: "refer_appeal",
        status: "reexam_requested",
      }),
    );
    expect((await todos("leader")).items.map((i) => i.caseId)).not.toContain(outside.id);
    for (const user of ["office", "leader"]) {
      const list = await todos(user);
      // The counts are those of the items the abilities allow.
      expect(list.inboxes.review, user).toBe(
        list.items.filter(
          (i) =>
            i.awaitedStep.endsWith("_review") ||
            i.awaitedStep.endsWith("_reexam") ||
            i.awaitedStep === "refer_appeal",
        ).length,
      );
    }
    expect((await todos("office")).items).toContainEqual(
      expect.objectContaining({ caseId: inside.id, awaitedStep: "accept_review" }),
    );
  });
});
