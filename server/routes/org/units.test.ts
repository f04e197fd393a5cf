import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let admin: Session;
const unitId = async (path: string) =>
  (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path])).rows[0]!.id;
const units = async () =>
  (
    await t.db.query<{ path: string; name: string; is_active: boolean }>(
      "SELECT path, name, is_active FROM org_units ORDER BY path",
    )
  ).rows;
const auditCount = async () =>
  (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log")).rows[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  admin = await login(t.app, "sysadmin");
});
afterAll(() => t.close());

describe("the org network kept by the system administrator", () => {
  it("sets a unit's reviewing body, review office and number prefix, audited once; refuses a cycle, an unknown unit, a bad prefix and other roles", async () => {
    const rsj = await unitId("c.rsj");
    const t1 = await unitId("c.t1");
    const gov = await unitId("c.gov");
    const xfj = await unitId("c.xfj");
    const office = await login(t.app, "office");
    const put = (session: Session, id: string, body: Record<string, unknown>) =>
      as(t.app, session).put(`/api/org/units/${id}/answering`, body);
    const stored = async (id: string) =>
      (
        await t.db.query<{ r: string | null; o: string | null; p: string | null }>(
          "SELECT reviewing_unit_id AS r, review_office_id AS o, doc_prefix AS p FROM org_units WHERE id = $1",
          [id],
        )
      ).rows[0];
    const was = await stored(rsj);
    const audits = await auditCount();
    const bad = [
      // Reviewed by itself, or by a unit below it (a village of the township under review).
      await put(admin, rsj, { reviewingUnitId: rsj, reviewOfficeId: null, docPrefix: null }),
      await put(admin, t1, {
        reviewingUnitId: await unitId("c.t1.v1"),
        reviewOfficeId: null,
        docPrefix: null,
      }),
      await put(admin, rsj, { reviewingUnitId: gov, reviewOfficeId: rsj, docPrefix: null }),
      await put(admin, rsj, {
        reviewingUnitId: "00000000-0000-4000-8000-000000000000",
        reviewOfficeId: null,
        docPrefix: null,
      }),
      await put(admin, rsj, { reviewingUnitId: gov, reviewOfficeId: null, docPrefix: "示人社〔信复" }),
      await put(admin, rsj, { reviewingUnitId: gov, reviewOfficeId: null, docPrefix: "" }),
      await put(admin, rsj, { reviewingUnitId: gov }),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual([422, 422, 422, 422, 400, 400, 400]);
    expect(bad[0]!.json().error).toMatchObject({ code: "UNIT_ANSWERING_CYCLE" });
    expect(bad[0]!.json().error.message).toContain("复查机关");
    expect(bad[0]!.json().error.messageEn).toContain("reviewing body");
    expect(bad[3]!.json().error.code).toBe("UNIT_UNKNOWN");
    expect(
      (await put(office, rsj, { reviewingUnitId: gov, reviewOfficeId: null, docPrefix: null })).statusCode,
    ).toBe(403);
    expect(await stored(rsj)).toEqual(was);
    expect(await auditCount()).toBe(audits);

    const ok = await put(admin, rsj, { reviewingUnitId: gov, reviewOfficeId: null, docPrefix: "示人社复" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ reviewingUnitId: gov, reviewOfficeId: null, docPrefix: "示人社复" });
    const row = await t.db.query<{ detail: Record<string, { from: unknown; to: unknown }> }>(
      "SELECT detail FROM audit_log WHERE action = 'admin_unit_answering' AND object_id = $1",
      [rsj],
    );
    expect(row.rows).toHaveLength(1);
    expect(row.rows[0]!.detail).toEqual({
      reviewingUnitId: { from: was!.r, to: gov },
      docPrefix: { from: null, to: "示人社复" },
    });
    // The same values again change nothing and write no audit row.
    await put(admin, rsj, { reviewingUnitId: gov, reviewOfficeId: null, docPrefix: "示人社复" });
    expect(await auditCount()).toBe(audits + 1);
    // 县政府办 does its review work through the bureau; back to the defaults afterwards.
    expect(
      (await put(admin, gov, { reviewingUnitId: was!.r, reviewOfficeId: xfj, docPrefix: null })).statusCode,
    ).toBe(200);
    const listed = (await as(t.app, admin).get("/api/org/units/all")).json().items as {
      path: string;
      reviewOfficeId: string | null;
    }[];
    expect(listed.find((u) => u.path === "c.gov")!.reviewOfficeId).toBe(xfj);
    await put(admin, rsj, { reviewingUnitId: was!.r, reviewOfficeId: null, docPrefix: null });
    await put(admin, gov, { reviewingUnitId: was!.r, reviewOfficeId: null, docPrefix: null });
  });

  it("adds a village under a township with its 12-digit code, audited, and lists it", async () => {
    const res = await as(t.app, admin).post("/api/org/units", {
      parentId: await unitId("c.t1"),
      kind: "village",
      code: "v9",
      name: "新村",
      regionCode: "990001001009",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ path: "c.t1.v9", kind: "village", isActive: true, userCount: 0 });
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'admin_unit_create' AND object_id = $1",
      [res.json().id],
    );
    expect(audit.rows).toHaveLength(1);
    const all = await as(t.app, admin).get("/api/org/units/all");
    expect(all.json().items.map((u: { path: string }) => u.path)).toContain("c.t1.v9");
  });

  it("gives a group and a department their parent's region code", async () => {
    const g = await as(t.app, admin).post("/api/org/units", {
      parentId: await unitId("c.t1.v1"),
      kind: "group",
      code: "g2",
      name: "甲村二组",
    });
    expect(g.statusCode).toBe(201);
    expect(g.json().regionCode).toBe("990001001001");
  });

  it("refuses a village under the county, a code not under the parent's, and a taken code — changing nothing", async () => {
    const before = await units();
    const audits = await auditCount();
    const county = await unitId("c");
    const wrongLevel = await as(t.app, admin).post("/api/org/units", {
      parentId: county,
      kind: "village",
      code: "vx",
      name: "错村",
      regionCode: "990001001008",
    });
    expect(wrongLevel.statusCode).toBe(422);
    expect(wrongLevel.json().error.code).toBe("ORG_UNIT_INVALID");
    expect(wrongLevel.json().error.message).toContain("村在乡镇下");
    const wrongCode = await as(t.app, admin).post("/api/org/units", {
      parentId: await unitId("c.t1"),
      kind: "village",
      code: "vy",
      name: "错码村",
      regionCode: "990001002008",
    });
    expect(wrongCode.json().error.code).toBe("ORG_UNIT_INVALID");
    const taken = await as(t.app, admin).post("/api/org/units", {
      parentId: county,
      kind: "department",
      code: "rsj",
      name: "又一个人社局",
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe("ORG_UNIT_CODE_TAKEN");
    const bad = await as(t.app, admin).post("/api/org/units", {
      parentId: county,
      kind: "planet",
      code: "X!",
      name: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(await units()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("renames a unit and records both names", async () => {
    const id = await unitId("c.t2");
    const res = await as(t.app, admin).patch(`/api/org/units/${id}`, { name: "乙镇" });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe("乙镇");
    const { rows } = await t.db.query<{ detail: { from: string; to: string } }>(
      "SELECT detail FROM audit_log WHERE action = 'admin_unit_rename' AND object_id = $1",
      [id],
    );
    expect(rows[0]!.detail).toEqual({ from: "乙乡", to: "乙镇" });
  });

  it("deactivates an empty unit but not one with users or sub-units, and reactivates it", async () => {
    const busy = await as(t.app, admin).post(`/api/org/units/${await unitId("c.rsj")}/deactivate`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe("ORG_UNIT_IN_USE");
    expect((await units()).find((u) => u.path === "c.rsj")!.is_active).toBe(true);
    const id = await unitId("c.t1.v9");
    const off = await as(t.app, admin).post(`/api/org/units/${id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().isActive).toBe(false);
    const visible = await as(t.app, admin).get("/api/org/units");
    expect(visible.json().items.map((u: { path: string }) => u.path)).not.toContain("c.t1.v9");
    const on = await as(t.app, admin).post(`/api/org/units/${id}/activate`);
    expect(on.json().isActive).toBe(true);
  });

  it("refuses every other role, the security admin's writes included, without a change", async () => {
    const before = await units();
    for (const who of ["reg", "office", "secadmin", "auditadmin", "town1"]) {
      const s = await login(t.app, who);
      const res = await as(t.app, s).post("/api/org/units", {
        parentId: await unitId("c"),
        kind: "department",
        code: `d_${who}`,
        name: "部门",
      });
      expect(res.statusCode, who).toBe(403);
      expect(
        (await as(t.app, s).patch(`/api/org/units/${await unitId("c.t1")}`, { name: "改名" })).statusCode,
      ).toBe(403);
    }
    const reg = await login(t.app, "reg");
    expect((await as(t.app, reg).get("/api/org/units/all")).statusCode).toBe(403);
    expect(await units()).toEqual(before);
  });
});
