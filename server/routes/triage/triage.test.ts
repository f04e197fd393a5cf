import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../seed/demo-network.ts";
import { seedDemoNetwork } from "../../seed/seed-demo.ts";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  snapshotCounts,
  startTestApp,
  type TestContext,
} from "../../test/harness.ts";

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

  it("says when it cannot tell whether a matter leaves the petition route, and routes nothing for it", async () => {
    const loan = (
      await as(t.app, reg).post("/api/triage/suggest", {
        content: "同村的借了我五万块打了借条，说好年底还，现在人躲着不见，这钱怎么要回来。",
      })
    ).json();
    expect(loan.routeOut).toEqual([]);
    expect(loan.routeOutNotSure).toEqual([
      expect.objectContaining({ route: "legal_channel", bodyZh: expect.stringContaining("政法") }),
    ]);
    expect(loan.routeOutNotSure[0].hits).toContain("借条");
    expect(loan.unitOptions.some((u: { source: string }) => u.source === "route_out")).toBe(false);
    // An accusation of an official told without 举报 is flagged, and kept from the accused.
    const told = (
      await as(t.app, reg).post("/api/triage/suggest", {
        content: "镇上的干部收了开发商的好处，强拆我们的房子，补偿款一分没给。",
      })
    ).json();
    expect(told.routeOut.map((r: { route: string }) => r.route)).toEqual(["discipline_inspection"]);
    expect(told.protectFromAccused).toBe(true);
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

  it("keeps what the registration screen showed with the choice (accepted, changed, no suggestion), and refuses an outcome that does not fit", async () => {
    const c = await as(t.app, reg).post("/api/cases", caseInput({ ...WAGES }));
    const id = c.json().id;
    const shown = {
      outcome: "changed",
      nature: "request",
      categoryId: cat["labor.wage_arrears"],
      unitId: unit["c.gov"],
      notSure: false,
    };
    const body = {
      nature: "request",
      legalClass: "appeal_request",
      categoryId: cat["labor.project_payment"],
    };
    // "accepted" while the category differs from the one suggested: 400, nothing written.
    const counts = async () =>
      (
        await t.db.query<{ c: number; a: number }>(
          "SELECT (SELECT count(*)::int FROM triage_choices) AS c, (SELECT count(*)::int FROM audit_log) AS a",
        )
      ).rows[0];
    const before = await counts();
    const bad = await as(t.app, reg).post(`/api/triage/cases/${id}/choice`, {
      ...body,
      shown: { ...shown, outcome: "accepted" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/不符/);
    expect(bad.body).toMatch(/does not fit/);
    expect(await counts()).toEqual(before);
    const noneButCategory = await as(t.app, reg).post(`/api/triage/cases/${id}/choice`, {
      ...body,
      shown: { ...shown, outcome: "no_suggestion" },
    });
    expect(noneButCategory.statusCode).toBe(400);

    const res = await as(t.app, reg).post(`/api/triage/cases/${id}/choice`, { ...body, shown });
    expect(res.statusCode, res.body).toBe(200);
    const row = (
      await t.db.query<{ suggested: { shown: unknown }; chosen_category_id: string }>(
        "SELECT suggested, chosen_category_id FROM triage_choices WHERE case_id = $1",
        [id],
      )
    ).rows[0]!;
    expect(row.suggested.shown).toEqual(shown);
    expect(row.chosen_category_id).toBe(cat["labor.project_payment"]);
    // Without `shown` (an older client, the API) it is recorded as before, with shown null.
    const plain = await as(t.app, reg).post(`/api/triage/cases/${id}/choice`, body);
    expect(plain.statusCode).toBe(200);
    const again = (
      await t.db.query<{ suggested: { shown: unknown } }>(
        "SELECT suggested FROM triage_choices WHERE case_id = $1",
        [id],
      )
    ).rows[0]!;
    expect(again.suggested.shown).toBeNull();
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

interface UnitOption {
  unitId: string;
  source: string;
  reason: string;
  count: number | null;
}

describe("routing out of the box, for a bureau without the demo", () => {
  it("suggests a department whose name fits the category while the catalogue has no rule for it", async () => {
    const s = (
      await as(t.app, reg).post("/api/triage/suggest", {
        title: "反映小区门口聚众赌博",
        content: "我们小区门口每天晚上都有人聚众赌博，还经常打架斗殴，严重影响治安，请求公安机关依法打击。",
        problemRegionCode: "990001001001",
      })
    ).json();
    expect(s.category[0].value).toBe("security.public_order");
    expect(s.handlingUnit).toMatchObject({ unitId: unit["c.gaj"], source: "names", ruleId: null });
    expect(s.handlingUnit.reason).toContain("公安");
  });

  it("follows the bureau's own assignments once it has made enough of them, with the count as the reason", async () => {
    const contract = {
      title: "公司不签劳动合同还辞退我",
      content:
        "我在乙村的服装厂上班两年，老板一直不和我签劳动合同，上个月突然把我辞退，也不给经济补偿，请求解决。",
      problemRegionCode: "990001002001",
      categoryId: cat["labor.contract"],
    };
    const ask = async () =>
      (
        await as(t.app, reg).post("/api/triage/suggest", {
          title: contract.title,
          content: contract.content,
          problemRegionCode: contract.problemRegionCode,
        })
      ).json();
    const before = await ask();
    expect(before.category[0].value).toBe("labor.contract");
    expect(before.handlingUnit.source).not.toBe("practice");
    const sessions = Object.fromEntries(
      await Promise.all(["bleader", "leader"].map(async (u) => [u, await login(t.app, u)] as const)),
    );
    const step = async (who: Session, id: string, action: string, body: unknown = {}) => {
      const res = await as(t.app, who).post(`/api/cases/${id}/${action}`, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    };
    for (let i = 0; i < 3; i++) {
      const c = await as(t.app, reg).post("/api/cases", caseInput(contract));
      expect(c.statusCode, c.body).toBe(201);
      const id = c.json().id as string;
      await step(reg, id, "accept");
      await step(office, id, "draft-opinion", { opinion: "交公安局办理" });
      await step(sessions.bleader!, id, "sign");
      await step(sessions.leader!, id, "sign");
      await step(office, id, "assign", {
        leadUnitId: unit["c.gaj"],
        instructions: "请公安局办理",
        dueDays: 10,
      });
      const now = await ask();
      if (i < 2) expect(now.handlingUnit.source).not.toBe("practice");
      else {
        expect(now.handlingUnit).toMatchObject({ unitId: unit["c.gaj"], source: "practice", count: 3 });
        expect(now.handlingUnit.reason).toContain("3 件");
      }
    }
    // Practice is per category: wages still follow the catalogue.
    expect((await as(t.app, reg).post("/api/triage/suggest", WAGES)).json().handlingUnit.source).toBe(
      "catalogue",
    );
  });

  it("says it is not sure rather than guessing on a text about nothing it knows", async () => {
    const s = (
      await as(t.app, reg).post("/api/triage/suggest", { content: "今天天气不错，祝你们工作顺利。" })
    ).json();
    expect(s.notSure).toBe(true);
    expect(s.notSureZh).toBe("不确定，请人工判断");
  });

  it("refuses an empty text with a clear error and changes nothing", async () => {
    const before = await snapshotCounts(t.db);
    const res = await as(t.app, reg).post("/api/triage/suggest", { content: "" });
    expect(res.statusCode).toBe(400);
    expect(await snapshotCounts(t.db)).toEqual(before);
  });
});

describe("the demo county's routing catalogue", () => {
  let d: TestContext;
  let demoReg: Session;
  beforeAll(async () => {
    d = await startTestApp();
    expect(await seedDemoNetwork(d.db)).toBe(true);
    demoReg = await login(d.app, "registrar", DEMO_PASSWORD);
  });
  afterAll(() => d.close());

  it("has a rule for every leaf category, and one per township for village matters", async () => {
    const missing = await d.db.query<{ code: string }>(
      `SELECT c.code FROM categories c
        WHERE c.is_active AND NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM routing_rules r WHERE r.category_id = c.id AND r.region_code IS NULL)`,
    );
    expect(missing.rows).toEqual([]);
    const towns = await d.db.query<{ path: string }>(
      `SELECT o.path FROM routing_rules r JOIN categories c ON c.id = r.category_id JOIN org_units o ON o.id = r.unit_id
        WHERE c.code = 'rural.election' AND r.region_code IS NOT NULL ORDER BY o.path`,
    );
    expect(towns.rows.map((r) => r.path)).toEqual(["c.t1", "c.t2", "c.t3"]);
  });

  it("routes a village election to the petitioner's township and pollution to the 生态环境局", async () => {
    const units = Object.fromEntries(
      (await d.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows.map((r) => [
        r.path,
        r.id,
      ]),
    );
    const election = (
      await as(d.app, demoReg).post("/api/triage/suggest", {
        title: "村委会换届选举有人拉票",
        content:
          "我们河口村这次村两委换届选举，有候选人挨家挨户拉票，还许诺选上以后给好处，选举程序不公开，请求重新选举。",
        problemRegionCode: "419001002201",
      })
    ).json();
    expect(election.category[0].value).toBe("rural.election");
    expect(election.handlingUnit).toMatchObject({ unitId: units["c.t2"], source: "catalogue" });
    const smoke = (
      await as(d.app, demoReg).post("/api/triage/suggest", {
        title: "化工厂偷排废水",
        content: "石门镇化工厂晚上偷偷往河里排放废水，河水发黑发臭，鱼都死了，请求环保部门查处。",
        problemRegionCode: "419001003201",
      })
    ).json();
    expect(smoke.category[0].value).toBe("environment.pollution");
    expect(smoke.handlingUnit).toMatchObject({ unitId: units["c.sthjj"], source: "catalogue" });
  });

  it("hands an accusation of an official's graft to the 纪委监委 before any department", async () => {
    const s = (
      await as(d.app, demoReg).post("/api/triage/suggest", {
        title: "实名举报村支书",
        content:
          "我实名举报贾家湾村支书贾某，他虚报冒领我们村的危房改造补助，截留挪用低保金，还收受好处费，请求纪委调查处理。",
        problemRegionCode: "419001003202",
      })
    ).json();
    expect(s.nature[0].value).toBe("accusation");
    expect(s.routeOut.map((r: { route: string }) => r.route)).toContain("discipline_inspection");
    expect(s.handlingUnit.source).toBe("route_out");
    expect(s.handlingUnit.unitName).toBe("县纪委监委");
    const ids = s.unitOptions.map((o: UnitOption) => o.unitId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(s.unitOptions.every((o: UnitOption) => o.reason.length > 0)).toBe(true);
  });
});
