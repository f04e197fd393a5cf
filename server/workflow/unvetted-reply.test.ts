import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork, simplifiedPath, TEST_USERS, takeSteps } from "../test/factories.ts";
import { as, login, type Session, snapshotCounts, startTestApp, type TestContext } from "../test/harness.ts";

/**
 * A county whose rule pack says the bureau does not vet the lead unit's answer (the national pack:
 * `answers.replyVettedByBureau` false): the lead unit's head serves the answer once the result is
 * reported, in the unit's own name; the bureau has no 审核 step and no to-do for it. The county pack
 * (vetting) is the rest of the suite's default and the transition matrix runs both.
 */

let t: TestContext;
const s = new Map<string, Session>();
const unit = new Map<string, string>();

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);

const REPLY = {
  opinion: "explain",
  text: "经核查，向您解释如下。",
  legalBasis: "《信访工作条例》第三十二条",
};

async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
}

/** A case the 人社局 handled and reported, by the simplified path. */
async function reportedByRsj(): Promise<string> {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await takeSteps(post, id, simplifiedPath(unit.get("c.rsj")!, "rsj", false));
  return id;
}

async function todos(user: string) {
  const res = await as(t.app, s.get(user)!).get("/api/todos");
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { caseId: string; awaitedStep: string }[]; inboxes: Record<string, number> };
}

beforeAll(async () => {
  t = await startTestApp({ rulePack: "national-2022" });
  await makeNetwork(t.db);
  await t.db.query(
    `INSERT INTO users (username, display_name, unit_id, roles, password_hash)
     SELECT 'rsjhead', '人社局局长', (SELECT id FROM org_units WHERE path = 'c.rsj'), '{unit_leader}', password_hash
       FROM users WHERE username = 'reg'`,
  );
  for (const u of [...TEST_USERS.map((x) => x.username), "rsjhead"]) s.set(u, await login(t.app, u));
  for (const r of (await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows)
    unit.set(r.path, r.id);
});
afterAll(() => t.close());

describe("a county where the bureau does not vet the answers (rule pack)", () => {
  it("offers the reported result to the lead unit's head to answer, and no vetting to the bureau, on the page and the to-do list", async () => {
    const id = await reportedByRsj();
    const office = (await as(t.app, s.get("office")!).get(`/api/cases/${id}`)).json();
    expect(office.status).toBe("result_reported");
    expect(office.abilities).not.toContain("vet_accept");
    expect(office.abilities).not.toContain("reply");
    const head = (await as(t.app, s.get("rsjhead")!).get(`/api/cases/${id}`)).json();
    expect(head.abilities).toContain("reply");
    // The unit's staff handle; its head signs and serves.
    expect((await as(t.app, s.get("rsj")!).get(`/api/cases/${id}`)).json().abilities).not.toContain("reply");

    const headTodos = await todos("rsjhead");
    expect(headTodos.items).toContainEqual(expect.objectContaining({ caseId: id, awaitedStep: "reply" }));
    expect(headTodos.inboxes.reply).toBe(headTodos.items.filter((i) => i.awaitedStep === "reply").length);
    const officeTodos = await todos("office");
    expect(officeTodos.items.map((i) => i.caseId)).not.toContain(id);
    expect(officeTodos.inboxes.vetting).toBe(0);
  });

  it("refuses the vetting step and an answer by anyone but the lead unit's head, changing nothing", async () => {
    const id = await reportedByRsj();
    const before = await snapshotCounts(t.db);
    for (const [user, action, body, code] of [
      ["office", "vet-accept", {}, 409],
      ["office", "vet-redo", { reason: "请补充" }, 409],
      ["office", "reply", REPLY, 403],
      ["rsj", "reply", REPLY, 403],
      ["gaj", "reply", REPLY, 404],
    ] as const) {
      const r = await post(user, id, action, body);
      expect(r.statusCode, `${action} by ${user}: ${r.body}`).toBe(code);
    }
    expect(await snapshotCounts(t.db)).toEqual(before);
    const row = await t.db.query<{ status: string }>("SELECT status FROM cases WHERE id = $1", [id]);
    expect(row.rows[0]!.status).toBe("result_reported");
  });

  it("lets the lead unit's head serve the answer and issue the 处理意见书 in the unit's name, with no word of the bureau's vetting", async () => {
    const id = await reportedByRsj();
    const replied = await post("rsjhead", id, "reply", REPLY);
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().status).toBe("replied");
    const events = await t.db.query<{ action: string; actor_label: string }>(
      "SELECT action, actor_label FROM case_events WHERE case_id = $1 ORDER BY seq",
      [id],
    );
    expect(events.rows.map((e) => e.action)).not.toContain("vet_accept");
    expect(events.rows.at(-1)).toEqual({ action: "reply", actor_label: "人社局局长" });

    const doc = await as(t.app, s.get("rsjhead")!).post(`/api/cases/${id}/documents`, { kind: "reply" });
    expect(doc.statusCode, doc.body).toBe(201);
    expect(doc.json()).toMatchObject({ issuer: "测试县人社局" });
    const word = await docxText(
      (await as(t.app, s.get("rsjhead")!).get(`/api/cases/${id}/documents/${doc.json().id}/docx`)).rawPayload,
    );
    expect(word).toContain("测试县人社局");
    expect(word).not.toContain("审核");
    // Its staff member may not issue the unit's answer, and another unit does not read the case.
    for (const user of ["rsj", "gaj"]) {
      const r = await as(t.app, s.get(user)!).post(`/api/cases/${id}/documents`, { kind: "reply" });
      expect(r.statusCode, user).toBe(user === "rsj" ? 403 : 404);
    }
  });
});
