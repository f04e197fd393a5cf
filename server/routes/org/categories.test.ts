import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let admin: Session;
const categories = async () =>
  (
    await t.db.query(
      "SELECT code, parent_id, name_zh, name_en, sort, is_active FROM categories ORDER BY code",
    )
  ).rows;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  admin = await login(t.app, "sysadmin");
});
afterAll(() => t.close());

describe("the category taxonomy kept by the system administrator", () => {
  it("adds a child under a top-level category, renames and deactivates it, each audited", async () => {
    const top = await as(t.app, admin).post("/api/categories", {
      code: "t_energy",
      nameZh: "能源",
      nameEn: "Energy",
    });
    expect(top.statusCode).toBe(201);
    const child = await as(t.app, admin).post("/api/categories", {
      parentId: top.json().id,
      code: "t_energy.solar",
      nameZh: "光伏补贴",
      nameEn: "Solar subsidy",
      sort: 5,
    });
    expect(child.statusCode).toBe(201);
    const id = child.json().id as string;
    const renamed = await as(t.app, admin).patch(`/api/categories/${id}`, {
      nameZh: "光伏补贴纠纷",
      isActive: false,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      nameZh: "光伏补贴纠纷",
      nameEn: "Solar subsidy",
      isActive: false,
    });
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_id IN ($1, $2) ORDER BY id",
      [top.json().id, id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      "admin_category_create",
      "admin_category_create",
      "admin_category_update",
    ]);
  });

  it("refuses a third level, a taken code, an empty change and other roles — the taxonomy stays as it was", async () => {
    const before = await categories();
    const child = (
      await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = 't_energy.solar'")
    ).rows[0]!;
    const third = await as(t.app, admin).post("/api/categories", {
      parentId: child.id,
      code: "t_energy.solar.roof",
      nameZh: "屋顶",
      nameEn: "Roof",
    });
    expect(third.statusCode).toBe(422);
    expect(third.json().error.code).toBe("CATEGORY_UNKNOWN");
    const taken = await as(t.app, admin).post("/api/categories", {
      code: "t_energy",
      nameZh: "重",
      nameEn: "Dup",
    });
    expect(taken.statusCode).toBe(409);
    expect((await as(t.app, admin).patch(`/api/categories/${child.id}`, {})).statusCode).toBe(400);
    expect((await as(t.app, admin).patch(`/api/categories/${child.id}`, { nameZh: "" })).statusCode).toBe(
      400,
    );
    for (const who of ["reg", "office", "secadmin"]) {
      const s = await login(t.app, who);
      expect(
        (await as(t.app, s).patch(`/api/categories/${child.id}`, { nameZh: "改" })).statusCode,
        who,
      ).toBe(403);
      expect(
        (await as(t.app, s).post("/api/categories", { code: "t_x", nameZh: "新", nameEn: "New" })).statusCode,
        who,
      ).toBe(403);
    }
    expect(await categories()).toEqual(before);
  });
});
