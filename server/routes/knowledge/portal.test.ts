import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

/**
 * The portal's 常见问题 (issue #19 §2): a citizen who picks a category sees its public answers —
 * never an internal entry, a template or an expired one — and the bureau sees how many visits read
 * an answer and then did not submit, counted with nothing but a random per-visit token that is
 * erased after a day.
 */
let t: TestContext;
let office: Session;
let wages = "";
let labor = "";
let land = "";
const anon = () => as(t.app, null);

async function add(over: Record<string, unknown>): Promise<string> {
  const res = await as(t.app, office).post("/api/knowledge/entries", {
    categoryId: wages,
    kind: "policy",
    title: "工资被拖欠可以向哪里投诉",
    body: "可向劳动保障监察机构投诉，也可申请劳动争议仲裁。",
    isPublic: true,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const figure = async () => {
  const res = await as(t.app, office).get("/api/knowledge/portal-figure");
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ visits: number; submitted: number; viewedNotSubmitted: number; inProgress: number }>();
};

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  office = await login(t.app, "office");
  const cats = await t.db.query<{ id: string; code: string }>("SELECT id, code FROM categories");
  const byCode = new Map(cats.rows.map((r) => [r.code, r.id]));
  wages = byCode.get("labor.wage_arrears")!;
  labor = byCode.get("labor")!;
  land = byCode.get("land.compensation")!;
});
afterAll(() => t.close());

describe("public answers on the portal", () => {
  it("shows only public answers in force for the category picked (and its family), never internal, template or expired ones", async () => {
    const open = await add({});
    const parentLevel = await add({
      categoryId: labor,
      title: "劳动争议仲裁时效",
      body: "仲裁时效期间为一年。",
    });
    const internal = await add({ title: "内部口径：欠薪案件处置流程", isPublic: false });
    const expired = await add({ title: "已废止的欠薪政策", validUntil: "2026-01-31" });
    const archivedId = await add({ title: "撤下的问答" });
    await as(t.app, office).put(`/api/knowledge/entries/${archivedId}`, {
      categoryId: wages,
      kind: "policy",
      title: "撤下的问答",
      body: "撤下",
      isPublic: true,
      isArchived: true,
      version: 1,
    });
    const template = await as(t.app, office).post("/api/knowledge/entries", {
      categoryId: wages,
      kind: "model_reply",
      title: "答复范本（内部）",
      body: "经调查……",
      isPublic: false,
    });
    expect(template.statusCode).toBe(201);
    const other = await add({ categoryId: land, title: "征地补偿标准", body: "按区片综合地价执行。" });

    const res = await anon().get(`/api/public/knowledge/answers?categoryId=${wages}`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining([open, parentLevel]));
    for (const hidden of [internal, expired, archivedId, template.json().id, other])
      expect(ids).not.toContain(hidden);
    // Nothing internal leaks in the answer's shape either.
    expect(Object.keys(res.json().items[0]).sort()).toEqual([
      "body",
      "id",
      "legalBasis",
      "title",
      "updatedOn",
    ]);
    expect(res.body).not.toContain("内部口径");

    const cats = (await anon().get("/api/public/knowledge/categories")).json().items as {
      id: string;
      answers: number;
    }[];
    expect(cats.find((c) => c.id === wages)?.answers).toBe(2);
    expect(cats.find((c) => c.id === land)?.answers).toBe(1);

    const bad = await anon().get("/api/public/knowledge/answers?categoryId=劳资纠纷");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("counting answers read without a petition", () => {
  it("counts a visit that opened answers and did not submit, once settled; a visit that submitted is not counted as such", async () => {
    const answer = await add({
      title: "欠薪投诉需要哪些材料",
      body: "身份证明、劳动关系证明和欠薪数额说明。",
    });
    const before = await figure();
    const leaving = randomUUID();
    const staying = randomUUID();
    for (let i = 0; i < 3; i++)
      expect(
        (await anon().post("/api/public/knowledge/opened", { visitToken: leaving, entryId: answer }))
          .statusCode,
      ).toBe(204);
    expect(
      (await anon().post("/api/public/knowledge/opened", { visitToken: staying, entryId: answer }))
        .statusCode,
    ).toBe(204);
    expect((await anon().post("/api/public/knowledge/submitted", { visitToken: staying })).statusCode).toBe(
      204,
    );

    // Within the two-hour window the leaving visit may still submit: in progress, not yet counted.
    let f = await figure();
    expect(f.visits - before.visits).toBe(2);
    expect(f.submitted - before.submitted).toBe(1);
    expect(f.inProgress - before.inProgress).toBe(1);
    expect(f.viewedNotSubmitted - before.viewedNotSubmitted).toBe(0);

    t.clock.now = new Date(t.clock.now.getTime() + 3 * 3_600_000);
    office = await login(t.app, "office");
    f = await figure();
    expect(f.viewedNotSubmitted - before.viewedNotSubmitted).toBe(1);
    expect(f.inProgress).toBe(0);
    const row = await t.db.query<{ answers_opened: number }>(
      "SELECT answers_opened FROM knowledge_portal_visits WHERE visit_token = $1",
      [leaving],
    );
    expect(row.rows[0]?.answers_opened).toBe(3);
  });

  it("refuses to count an internal, expired or unknown entry, or a malformed token, and writes nothing", async () => {
    const internal = await add({ title: "内部处置口径", isPublic: false });
    const expired = await add({ title: "过期问答", validUntil: "2026-01-01" });
    const n = async () =>
      (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM knowledge_portal_visits")).rows[0]!.n;
    const before = await n();
    for (const entryId of [internal, expired, randomUUID()]) {
      const res = await anon().post("/api/public/knowledge/opened", { visitToken: randomUUID(), entryId });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("KNOWLEDGE_NOT_FOUND");
    }
    const bad = await anon().post("/api/public/knowledge/opened", {
      visitToken: "user-13800138000",
      entryId: internal,
    });
    expect(bad.statusCode).toBe(400);
    expect(await n()).toBe(before);
    // Marking an unknown visit as submitted reveals nothing and writes nothing.
    expect(
      (await anon().post("/api/public/knowledge/submitted", { visitToken: randomUUID() })).statusCode,
    ).toBe(204);
    expect(await n()).toBe(before);
  });

  it("keeps no personal data: no address or browser column, the token erased after a day, the row deleted after two years", async () => {
    const cols = await t.db.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'knowledge_portal_visits' ORDER BY column_name",
    );
    expect(cols.rows.map((r) => r.column_name)).toEqual([
      "answers_opened",
      "category_id",
      "id",
      "opened_on",
      "started_at",
      "submitted",
      "visit_token",
    ]);
    const answer = await add({ title: "保留期限测试问答" });
    const token = randomUUID();
    await anon().post("/api/public/knowledge/opened", { visitToken: token, entryId: answer });
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 3_600_000);
    // Any later visit purges: the old token is gone, its count stays.
    await anon().post("/api/public/knowledge/opened", { visitToken: randomUUID(), entryId: answer });
    const left = await t.db.query("SELECT 1 FROM knowledge_portal_visits WHERE visit_token = $1", [token]);
    expect(left.rows).toHaveLength(0);
    // The same token arriving later starts a fresh, unlinked visit rather than reviving the old one.
    expect((await anon().post("/api/public/knowledge/submitted", { visitToken: token })).statusCode).toBe(
      204,
    );
    office = await login(t.app, "office");
    const f = await figure();
    expect(f.visits).toBeGreaterThanOrEqual(2);
    t.clock.now = new Date(t.clock.now.getTime() + 731 * 86_400_000);
    await anon().post("/api/public/knowledge/submitted", { visitToken: randomUUID() });
    office = await login(t.app, "office");
    expect((await figure()).visits).toBe(0);
  });

  it("shows the figure only to the bureau, and refuses a reversed date range", async () => {
    for (const u of ["rsj", "town1", "sysadmin"]) {
      const res = await as(t.app, await login(t.app, u)).get("/api/knowledge/portal-figure");
      expect(res.statusCode, u).toBe(403);
    }
    const reversed = await as(t.app, office).get(
      "/api/knowledge/portal-figure?from=2026-05-01&to=2026-04-01",
    );
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().error.code).toBe("DATE_RANGE_INVALID");
  });
});
