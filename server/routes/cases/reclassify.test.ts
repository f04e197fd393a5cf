import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

/**
 * 调整分类: the bureau office corrects nature, legal class, category and problem region after
 * registration — an online petition arrives unclassified — with an event and an audit row, and the
 * statistics and who may read the case follow at once. Every other user, and every bad request,
 * changes nothing.
 */
let t: TestContext;
const s = new Map<string, Session>();
const category = async (code: string) =>
  (await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = $1", [code])).rows[0]!.id;
const caseRow = async (id: string) =>
  (
    await t.db.query<Record<string, unknown>>(
      `SELECT nature, legal_class, category_id, problem_region_code, region_path, is_confidential, updated_at
         FROM cases WHERE id = $1`,
      [id],
    )
  ).rows[0]!;
const audits = async (id: string) =>
  Number(
    (
      await t.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'case_reclassify' AND object_id = $1",
        [id],
      )
    ).rows[0]!.n,
  );
const reclassify = (user: string, id: string, body: Record<string, unknown>) =>
  as(t.app, s.get(user)!).put(`/api/cases/${id}/classification`, body);

async function unclassified(): Promise<string> {
  const input = caseInput({ channel: "letter" });
  delete input.nature;
  delete input.legalClass;
  const res = await as(t.app, s.get("reg")!).post("/api/cases", input);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function total(user: string, query: string): Promise<number> {
  const res = await as(t.app, s.get(user)!).get(`/api/stats/summary?period=year&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().totals.items as number;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of ["reg", "office", "town1", "rsj", "leader"]) s.set(u, await login(t.app, u));
});
afterAll(() => t.close());

describe("reclassifying a case (调整分类)", () => {
  it("sets what registration left blank, with an event, an audit row and the statistics following", async () => {
    const id = await unclassified();
    const requestsBefore = await total("leader", "nature=request");
    const wages = await category("labor.wage_arrears");
    const res = await reclassify("office", id, {
      nature: "request",
      legalClass: "appeal_request",
      categoryId: wages,
      reason: "来信内容为追讨工资，按求决类登记",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ nature: "request", legalClass: "appeal_request", categoryId: wages });
    expect(res.json().events.at(-1)).toMatchObject({
      action: "reclassified",
      note: "来信内容为追讨工资，按求决类登记",
    });
    expect(await audits(id)).toBe(1);
    expect(await total("leader", "nature=request")).toBe(requestsBefore + 1);
    // The same request again changes nothing and writes nothing.
    const again = await reclassify("office", id, { nature: "request", reason: "重复提交" });
    expect(again.statusCode).toBe(200);
    expect(again.json().events.filter((e: { action: string }) => e.action === "reclassified")).toHaveLength(
      1,
    );
    expect(await audits(id)).toBe(1);
  });

  it("moves the problem region within the county, and the township that now owns it reads it", async () => {
    const id = await unclassified();
    expect((await as(t.app, s.get("town1")!).get(`/api/cases/${id}`)).statusCode).toBe(200);
    const res = await reclassify("office", id, {
      problemRegionCode: "990001002001",
      reason: "问题发生地在乙村",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await caseRow(id)).toMatchObject({ problem_region_code: "990001002001", region_path: "c.t2.v1" });
    expect((await as(t.app, s.get("town1")!).get(`/api/cases/${id}`)).statusCode).toBe(404);
  });

  it("makes a case confidential when it becomes an accusation, so the township no longer reads it", async () => {
    const id = await unclassified();
    expect((await as(t.app, s.get("town1")!).get(`/api/cases/${id}`)).statusCode).toBe(200);
    const res = await reclassify("office", id, { nature: "accusation", reason: "实为检举村干部" });
    expect(res.statusCode, res.body).toBe(200);
    expect(await caseRow(id)).toMatchObject({
      nature: "accusation",
      legal_class: "accusation",
      is_confidential: true,
    });
    expect((await as(t.app, s.get("town1")!).get(`/api/cases/${id}`)).statusCode).toBe(404);
    // An accusation keeps its class: another class alongside is refused.
    const mismatch = await reclassify("office", id, { legalClass: "appeal_request", reason: "改类" });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.code).toBe("ACCUSATION_CLASS_MISMATCH");
  });

  it("refuses everyone but the bureau office, and every bad request, with nothing changed", async () => {
    const id = await unclassified();
    const before = await caseRow(id);
    const wages = await category("labor.wage_arrears");
    const attempts: [string, Record<string, unknown>, number, string][] = [
      ["reg", { nature: "request", reason: "登记员改" }, 403, "FORBIDDEN"],
      ["rsj", { nature: "request", reason: "承办单位改" }, 403, "FORBIDDEN"],
      ["town1", { nature: "request", reason: "乡镇改" }, 403, "FORBIDDEN"],
      ["leader", { categoryId: wages, reason: "领导改" }, 403, "FORBIDDEN"],
      ["office", { reason: "什么也没改" }, 400, "VALIDATION_FAILED"],
      ["office", { nature: "request", reason: "   " }, 400, "VALIDATION_FAILED"],
      ["office", { nature: "gossip", reason: "无此性质" }, 400, "VALIDATION_FAILED"],
      [
        "office",
        { categoryId: "7d444840-9dc0-4f3b-9a1e-2b0c4d6f0e11", reason: "无此类别" },
        422,
        "CATEGORY_UNKNOWN",
      ],
      ["office", { problemRegionCode: "110101", reason: "外县" }, 422, "REGION_UNKNOWN"],
    ];
    for (const [user, body, status, code] of attempts) {
      const res = await reclassify(user, id, body);
      expect(res.statusCode, `${user} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json().error.code, `${user} ${JSON.stringify(body)}`).toBe(code);
    }
    expect(await caseRow(id)).toEqual(before);
    expect(await audits(id)).toBe(0);
    const ghost = await reclassify("office", "7d444840-9dc0-4f3b-9a1e-2b0c4d6f0e11", {
      nature: "request",
      reason: "无",
    });
    expect(ghost.statusCode).toBe(404);
  });

  it("leaves a closed case as it was decided", async () => {
    const id = await unclassified();
    const declined = await as(t.app, s.get("reg")!).post(`/api/cases/${id}/decline`, {
      reason: "court_matter",
      note: "属法院职权",
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const res = await reclassify("office", id, { nature: "request", reason: "补分类" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("RECLASSIFY_CLOSED");
    expect(await audits(id)).toBe(0);
  });

  it("corrects 初信初访 / 重复信访 with a reason, and the repeat figures follow", async () => {
    // The same person twice in nearly the same words: registration marks the second a repeat; on
    // checking, the bureau office finds it is another matter and corrects it, with the reason.
    const first = caseInput({ channel: "letter" });
    const person = (first.petitioners as { idNumber: string }[])[0]!;
    const a = await as(t.app, s.get("reg")!).post("/api/cases", first);
    expect(a.statusCode, a.body).toBe(201);
    const other = caseInput({
      channel: "letter",
      petitioners: [
        {
          name: "张三",
          idNumber: person.idNumber,
          phone: "13800138000",
          address: "甲村一号",
          isRepresentative: false,
        },
      ],
    });
    const b = await as(t.app, s.get("reg")!).post("/api/cases", other);
    expect(b.statusCode, b.body).toBe(201);
    const id = b.json().id as string;
    const flag = async () =>
      (await t.db.query<{ f: boolean }>("SELECT is_first_petition AS f FROM cases WHERE id = $1", [id]))
        .rows[0]!.f;
    expect(await flag()).toBe(false);
    const repeatsBefore = await total("leader", "isFirstPetition=false");

    // A department's handler may not; no reason is refused; neither changes anything.
    expect((await reclassify("rsj", id, { isFirstPetition: true, reason: "另一事项" })).statusCode).toBe(403);
    expect((await reclassify("office", id, { isFirstPetition: true })).statusCode).toBe(400);
    expect((await reclassify("office", id, { isFirstPetition: "yes", reason: "x" })).statusCode).toBe(400);
    expect(await flag()).toBe(false);

    const res = await reclassify("office", id, { isFirstPetition: true, reason: "与前案非同一事项，属初信" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().isFirstPetition).toBe(true);
    expect(await flag()).toBe(true);
    expect(await total("leader", "isFirstPetition=false")).toBe(repeatsBefore - 1);
    const event = await t.db.query<{ note: string; detail: { changes: Record<string, unknown> } }>(
      "SELECT note, detail FROM case_events WHERE case_id = $1 AND action = 'reclassified'",
      [id],
    );
    expect(event.rows).toHaveLength(1);
    expect(event.rows[0]!.note).toBe("与前案非同一事项，属初信");
    expect(event.rows[0]!.detail.changes).toEqual({ isFirstPetition: { from: "false", to: "true" } });
    expect(await audits(id)).toBe(1);

    // The same value again changes nothing and writes nothing.
    expect((await reclassify("office", id, { isFirstPetition: true, reason: "再次" })).statusCode).toBe(200);
    expect(await audits(id)).toBe(1);
  });
});
