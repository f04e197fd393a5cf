import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let reg: Session;
let office: Session;
const cat: Record<string, string> = {};
const unit: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  office = await login(t.app, "office");
  for (const r of (await t.db.query<{ id: string; code: string }>("SELECT id, code FROM categories")).rows)
    cat[r.code] = r.id;
  for (const r of (await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows)
    unit[r.path] = r.id;
});
afterAll(() => t.close());

const WAGES = {
  title: "反映拖欠农民工工资",
  content: "我们八名农民工在县城工地干活，包工头拖欠工资三万元，多次讨要无果，请求督促支付血汗钱。",
  problemRegionCode: "990001001001",
};

describe("triage suggestions", () => {
  it("suggests nature, legal class and category with reasons, and the unit from the catalogue", async () => {
    const added = await as(t.app, office).post("/api/triage/routes", {
      categoryId: cat.labor,
      unitId: unit["c.rsj"],
      note: "劳资纠纷交人社局",
    });
    expect(added.statusCode, added.body).toBe(201);
    const res = await as(t.app, reg).post("/api/triage/suggest", WAGES);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.category[0]).toMatchObject({
      value: "labor.wage_arrears",
      categoryId: cat["labor.wage_arrears"],
    });
    expect(s.category[0].ruleHits).toEqual(expect.arrayContaining(["农民工", "工资"]));
    expect(s.category[0].topWords.length).toBeGreaterThan(0);
    expect(s.nature[0].value).toBe("request");
    expect(s.legalClass[0].value).toBe("appeal_request");
    // The rule is on the parent category 劳资纠纷: it routes its sub-categories too.
    expect(s.handlingUnit).toMatchObject({ unitId: unit["c.rsj"], byParentCategory: true });
    expect(s.routeOut).toEqual([]);
  });

  it("prefers a rule for the exact category and the narrower region", async () => {
    const town = await as(t.app, office).post("/api/triage/routes", {
      categoryId: cat["labor.wage_arrears"],
      regionCode: "990001001",
      unitId: unit["c.t1"],
    });
    expect(town.statusCode, town.body).toBe(201);
    const here = (await as(t.app, reg).post("/api/triage/suggest", WAGES)).json();
    expect(here.handlingUnit).toMatchObject({ unitId: unit["c.t1"], byParentCategory: false });
    const elsewhere = (
      await as(t.app, reg).post("/api/triage/suggest", { ...WAGES, problemRegionCode: "990001002001" })
    ).json();
    expect(elsewhere.handlingUnit.unitId).toBe(unit["c.rsj"]);
  });

  it("flags a matter for the courts and an accusation of an official's misconduct", async () => {
    const court = (
      await as(t.app, reg).post("/api/triage/suggest", {
        content: "我对县法院的判决不服，二审维持原判，申请再审被驳回，请求重新审理。",
      })
    ).json();
    expect(court.routeOut.map((r: { route: string }) => r.route)).toContain("legal_channel");
    const graft = (
      await as(t.app, reg).post("/api/triage/suggest", {
        content: "举报村支书截留挪用村民的低保金和粮食直补，请求纪委调查处理。",
      })
    ).json();
    expect(graft.routeOut.map((r: { route: string }) => r.route)).toContain("discipline_inspection");
    expect(graft.nature[0].value).toBe("accusation");
    expect(graft.protectFromAccused).toBe(true);
  });

  it("records the registrar's choice, which the next training reads", async () => {
    const c = await as(t.app, reg).post("/api/cases", caseInput({ ...WAGES }));
    expect(c.statusCode).toBe(201);
    const res = await as(t.app, reg).post(`/api/triage/cases/${c.json().id}/choice`, {
      nature: "request",
      legalClass: "appeal_request",
      categoryId: cat["labor.project_payment"],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ tookTopNature: true, tookTopCategory: false });
    const { loadConfirmedChoices } = await import("../../triage/train.ts");
    expect(await loadConfirmedChoices(t.db)).toEqual([
      expect.objectContaining({ category: "labor.project_payment", nature: "request" }),
    ]);
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'triage_choice' AND object_id = $1",
      [c.json().id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it("keeps another township's case hidden when recording a choice", async () => {
    const c = await as(t.app, reg).post("/api/cases", caseInput({ ...WAGES }));
    const town2 = await login(t.app, "town2");
    const res = await as(t.app, town2).post(`/api/triage/cases/${c.json().id}/choice`, {
      nature: "request",
      legalClass: "appeal_request",
      categoryId: cat.labor,
    });
    expect(res.statusCode).toBe(404);
    expect(
      (await t.db.query("SELECT 1 FROM triage_choices WHERE case_id = $1", [c.json().id])).rows,
    ).toHaveLength(0);
  });
});

describe("the routing catalogue", () => {
  it("is edited by the bureau office and the system admin only, and refuses duplicates", async () => {
    const analyst = await login(t.app, "analyst");
    const denied = await as(t.app, analyst).post("/api/triage/routes", {
      categoryId: cat.land,
      unitId: unit["c.gov"],
    });
    expect(denied.statusCode).toBe(403);
    const sys = await login(t.app, "sysadmin");
    const ok = await as(t.app, sys).post("/api/triage/routes", {
      categoryId: cat.land,
      unitId: unit["c.gov"],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const dup = await as(t.app, sys).post("/api/triage/routes", {
      categoryId: cat.land,
      unitId: unit["c.rsj"],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("ROUTING_RULE_DUPLICATE");
    const del = await t.app.inject({
      method: "DELETE",
      url: `/api/triage/routes/${ok.json().id}`,
      headers: { cookie: sys.cookie, "x-csrf-token": sys.csrf },
    });
    expect(del.statusCode).toBe(204);
    const list = (await as(t.app, reg).get("/api/triage/routes")).json();
    expect(list.items.map((r: { categoryId: string }) => r.categoryId)).not.toContain(cat.land);
  });
});
