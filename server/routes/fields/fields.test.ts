import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const s = new Map<string, Session>();
let wages = "";
let other = "";

const api = (user: string) => as(t.app, s.get(user)!);
const counts = async () => ({
  ...(await snapshotCounts(t.db)),
  values: Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM case_field_values")).rows[0]!.n),
  payments: Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM case_payments")).rows[0]!.n),
  sets: Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM field_sets")).rows[0]!.n),
});
const audits = async (action: string, id: string) =>
  (
    await t.db.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE action = $1 AND object_id = $2 ORDER BY id",
      [action, id],
    )
  ).rows.map((r) => r.detail);

async function registerWage(fields: Record<string, unknown>, user = "reg"): Promise<string> {
  const res = await api(user).post("/api/cases", caseInput({ categoryId: wages, fields } as never));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of ["reg", "office", "analyst", "town1", "town2", "sysadmin", "leader"])
    s.set(u, await login(t.app, u));
  const cat = async (code: string) =>
    (await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = $1", [code])).rows[0]!.id;
  wages = await cat("labor.wage_arrears");
  other = await cat("labor.project_payment");
});
afterAll(() => t.close());

describe("the shipped wage-arrears fields", () => {
  it("registers a case with employer, project, workers and amount owed, stored as integer fen and audited", async () => {
    const id = await registerWage({
      employer: "宏达建筑公司",
      project: "城南安置房",
      workers: "12",
      amount_owed: "120000.5",
    });
    const stored = await t.db.query<{ field_values: Record<string, unknown>; version: number }>(
      `SELECT v.field_values, s.version FROM case_field_values v JOIN field_sets s ON s.id = v.field_set_id WHERE case_id = $1`,
      [id],
    );
    expect(stored.rows[0]).toEqual({
      field_values: {
        employer: "宏达建筑公司",
        project: "城南安置房",
        workers: "12",
        amount_owed: "12000050",
      },
      version: 1,
    });
    const view = await api("office").get(`/api/cases/${id}/fields`);
    expect(view.statusCode).toBe(200);
    expect(view.json().values).toEqual({
      employer: "宏达建筑公司",
      project: "城南安置房",
      workers: "12",
      amount_owed: "120000.50",
    });
    expect(view.json().payments).toMatchObject({ items: [], total: "0.00", canRecord: true });
    expect((await audits("case_fields_update", id))[0]).toMatchObject({
      version: 1,
      changes: { amount_owed: { from: null, to: "12000050" } },
    });
  });

  it("writes the case and its values together: when the values cannot be stored, no case is left behind", async () => {
    // A database failure between the two writes, made on purpose: the values' insert raises.
    await t.db.query(`CREATE FUNCTION test_fail_field_values() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (test)'; END; $$`);
    await t.db.query(`CREATE TRIGGER test_fail_field_values BEFORE INSERT ON case_field_values
      FOR EACH ROW EXECUTE FUNCTION test_fail_field_values()`);
    try {
      const before = await snapshotCounts(t.db);
      const res = await api("reg").post(
        "/api/cases",
        caseInput({ categoryId: wages, fields: { employer: "宏达建筑公司", amount_owed: "100" } } as never),
      );
      expect(res.statusCode).toBe(500);
      expect(await snapshotCounts(t.db)).toEqual(before);
    } finally {
      await t.db.query("DROP TRIGGER test_fail_field_values ON case_field_values");
      await t.db.query("DROP FUNCTION test_fail_field_values()");
    }
    // Without the fault the same registration goes through.
    await registerWage({ employer: "宏达建筑公司", amount_owed: "100" });
  });

  it("refuses each kind of bad value with a 422 naming the field in Chinese and English, and writes nothing", async () => {
    const before = await counts();
    const bad: [Record<string, unknown>, string][] = [
      [{ employer: "甲公司", amount_owed: "12.345" }, "amount_owed"],
      [{ employer: "甲公司", amount_owed: "-5" }, "amount_owed"],
      [{ employer: "甲公司", amount_owed: 0.3 }, "amount_owed"],
      [{ employer: "甲公司", amount_owed: "1e5" }, "amount_owed"],
      [{ employer: "甲公司", amount_owed: "1000000000000.01" }, "amount_owed"],
      [{ employer: "甲公司", workers: "2.5" }, "workers"],
      [{ employer: "甲公司", workers: "十二" }, "workers"],
      [{ project: "无用工单位" }, "employer"],
      [{ employer: "   " }, "employer"],
      [{ employer: "甲公司", salary: "1" }, ""],
    ];
    for (const [fields, field] of bad) {
      const res = await api("reg").post("/api/cases", caseInput({ categoryId: wages, fields } as never));
      expect(res.statusCode, JSON.stringify(fields)).toBe(422);
      const err = res.json().error;
      expect(err.code).toBe("FIELD_VALUES_INVALID");
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
      expect(err.messageEn).toMatch(/[a-z]/);
      expect(err.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(err.details.fields[0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
    const sent = await api("reg").post(
      "/api/cases",
      caseInput({ categoryId: other, fields: { x: "1" } } as never),
    );
    expect(sent.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("changes values partially by a role that may edit them, refuses clearing a required one, audits each change", async () => {
    const id = await registerWage({ employer: "乙公司", amount_owed: "1000" });
    const before = await counts();
    const clear = await api("office").patch(`/api/cases/${id}/fields`, { values: { employer: null } });
    expect(clear.statusCode).toBe(422);
    const analyst = await api("analyst").patch(`/api/cases/${id}/fields`, {
      values: { project: "看得见改不了" },
    });
    expect(analyst.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
    const ok = await api("office").patch(`/api/cases/${id}/fields`, {
      values: { amount_owed: "2000.10", project: "北区" },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().values).toMatchObject({ employer: "乙公司", amount_owed: "2000.10", project: "北区" });
    const trail = await audits("case_fields_update", id);
    expect(trail.at(-1)).toMatchObject({
      changes: { amount_owed: { from: "100000", to: "200010" }, project: { from: null, to: "北区" } },
    });
    const outsider = await api("town2").patch(`/api/cases/${id}/fields`, { values: { project: "乙乡" } });
    expect(outsider.statusCode).toBe(404);
  });
});

describe("payments recovered", () => {
  it("sums 0.1 + 0.2 as exactly 0.30 yuan, voids a wrong entry with its reason, and audits every payment", async () => {
    const id = await registerWage({ employer: "丙公司", amount_owed: "0.5" });
    for (const amount of ["0.1", "0.2", "7.77"]) {
      const r = await api("office").post(`/api/cases/${id}/payments`, { paidOn: "2026-02-01", amount });
      expect(r.statusCode, r.body).toBe(201);
    }
    const view = (await api("office").get(`/api/cases/${id}/fields`)).json();
    expect(view.payments.total).toBe("8.07");
    const wrong = view.payments.items.find((p: { amount: string }) => p.amount === "7.77");
    const voided = await api("office").post(`/api/cases/${id}/payments/${wrong.id}/void`, {
      reason: "重复录入",
    });
    expect(voided.statusCode).toBe(200);
    expect(voided.json().payments.total).toBe("0.30");
    const again = await api("office").post(`/api/cases/${id}/payments/${wrong.id}/void`, {
      reason: "再作废",
    });
    expect(again.statusCode).toBe(404);
    expect((await audits("case_payment_add", id)).map((d) => d.amountFen)).toEqual(["10", "20", "777"]);
    expect(await audits("case_payment_void", id)).toEqual([
      { paymentId: wrong.id, amountFen: "777", reason: "重复录入" },
    ]);
  });

  it("refuses a zero, negative, three-decimal, numeric or future payment and a role that may not record, changing nothing", async () => {
    const id = await registerWage({ employer: "丁公司" });
    const before = await counts();
    for (const body of [
      { paidOn: "2026-02-01", amount: "0" },
      { paidOn: "2026-02-01", amount: "-3" },
      { paidOn: "2026-02-01", amount: "1.005" },
      { paidOn: "2026-02-01", amount: 1.5 },
      { paidOn: "2026-12-31", amount: "10" },
      { paidOn: "2026-02-30", amount: "10" },
    ]) {
      const r = await api("office").post(`/api/cases/${id}/payments`, body);
      expect([400, 422], JSON.stringify(body)).toContain(r.statusCode);
      expect(r.json().error.messageEn).toBeTruthy();
    }
    expect(
      (await api("analyst").post(`/api/cases/${id}/payments`, { paidOn: "2026-02-01", amount: "1" }))
        .statusCode,
    ).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe("versions of a field set", () => {
  it("keeps an old case on the definition it was recorded with after the administrator changes the fields", async () => {
    const old = await registerWage({ employer: "戊公司", amount_owed: "300" });
    const v1 = (await api("sysadmin").get(`/api/fields/sets/${wages}/versions`)).json().items[0];
    const fields = v1.fields.map((f: { key: string; labelZh: string }) =>
      f.key === "employer" ? { ...f, labelZh: "欠薪单位" } : f,
    );
    fields.push({
      key: "paid_via",
      labelZh: "追讨方式",
      labelEn: "Recovered through",
      type: "choice",
      options: [
        { value: "mediation", labelZh: "调解", labelEn: "Mediation" },
        { value: "guarantee", labelZh: "保证金", labelEn: "Wage guarantee deposit" },
      ],
      viewRoles: ["registrar", "bureau_office", "analyst", "local_staff"],
      editRoles: ["registrar", "bureau_office"],
    });
    const saved = await api("sysadmin").put(`/api/fields/sets/${wages}`, { ...v1, fields });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(2);
    const oldView = (await api("office").get(`/api/cases/${old}/fields`)).json();
    expect(oldView.fieldSet.version).toBe(1);
    expect(oldView.fieldSet.fields.find((f: { key: string }) => f.key === "employer").labelZh).toBe(
      "用工单位",
    );
    expect(oldView.fieldSet.fields.map((f: { key: string }) => f.key)).not.toContain("paid_via");
    const fresh = await registerWage({ employer: "己公司", paid_via: "mediation" });
    const freshView = (await api("office").get(`/api/cases/${fresh}/fields`)).json();
    expect(freshView.fieldSet.version).toBe(2);
    expect(freshView.values.paid_via).toBe("mediation");
    expect(await audits("field_set_version", wages)).toEqual([
      expect.objectContaining({ version: 2, hasPayments: true }),
    ]);
  });

  it("gives two administrators saving at once two consecutive versions, never the same one", async () => {
    const v = (await api("sysadmin").get(`/api/fields/sets/${wages}/versions`)).json().items[0];
    const [a, b] = await Promise.all([
      api("sysadmin").put(`/api/fields/sets/${wages}`, { fields: v.fields, hasPayments: true }),
      api("sysadmin").put(`/api/fields/sets/${wages}`, { fields: v.fields, hasPayments: true }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().version, b.json().version].sort()).toEqual([v.version + 1, v.version + 2]);
  });

  it("refuses a key that changes type, a choice without options, duplicate keys and other roles; no version is written", async () => {
    const before = await counts();
    const v = (await api("sysadmin").get(`/api/fields/sets/${wages}/versions`)).json().items[0];
    const retyped = v.fields.map((f: { key: string }) => (f.key === "employer" ? { ...f, type: "date" } : f));
    const r1 = await api("sysadmin").put(`/api/fields/sets/${wages}`, { ...v, fields: retyped });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().error.code).toBe("FIELD_TYPE_CHANGED");
    const base = { labelZh: "甲", labelEn: "A", viewRoles: ["bureau_office"] };
    for (const fields of [
      [{ ...base, key: "c", type: "choice" }],
      [
        { ...base, key: "d", type: "text" },
        { ...base, key: "d", type: "text" },
      ],
      [{ ...base, key: "e", type: "text", editRoles: ["registrar"] }],
      [{ ...base, key: "Bad Key", type: "text" }],
    ]) {
      const r = await api("sysadmin").put(`/api/fields/sets/${other}`, { fields });
      expect(r.statusCode, JSON.stringify(fields)).toBe(400);
    }
    expect((await api("office").put(`/api/fields/sets/${other}`, { fields: [] })).statusCode).toBe(403);
    expect((await api("office").get(`/api/fields/sets/${other}/versions`)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe("who sees a field", () => {
  it("gives a role that may not see a field no value, and refuses its filter as if the field did not exist", async () => {
    const saved = await api("sysadmin").put(`/api/fields/sets/${other}`, {
      fields: [
        {
          key: "contractor",
          labelZh: "总包单位",
          labelEn: "Main contractor",
          type: "text",
          viewRoles: ["registrar", "bureau_office", "analyst", "local_staff"],
          editRoles: ["registrar"],
        },
        {
          key: "informant_pay",
          labelZh: "内部线索金额",
          labelEn: "Internal lead amount",
          type: "money",
          viewRoles: ["bureau_office"],
          editRoles: ["bureau_office"],
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await api("reg").post(
      "/api/cases",
      caseInput({ categoryId: other, fields: { contractor: "总包甲" } } as never),
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const set = await api("office").patch(`/api/cases/${id}/fields`, { values: { informant_pay: "500" } });
    expect(set.statusCode, set.body).toBe(200);
    const town = (await api("town1").get(`/api/cases/${id}/fields`)).json();
    expect(town.values).toEqual({ contractor: "总包甲" });
    expect(JSON.stringify(town)).not.toContain("informant_pay");
    expect(JSON.stringify(town)).not.toContain("50000");
    expect((await api("office").get(`/api/cases/${id}/fields`)).json().values.informant_pay).toBe("500.00");
    const hidden = await api("analyst").get(
      `/api/cases?fieldFilter=${encodeURIComponent("informant_pay>=1")}`,
    );
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.code).toBe("FIELD_FILTER_INVALID");
    const hiddenSearch = await api("analyst").get(
      `/api/search/cases?fieldFilter=${encodeURIComponent("informant_pay>=1")}`,
    );
    expect(hiddenSearch.statusCode).toBe(400);
    const missing = await api("analyst").get(`/api/cases?fieldFilter=${encodeURIComponent("nosuch=1")}`);
    expect(missing.json().error).toMatchObject({
      code: hidden.json().error.code,
      message: hidden.json().error.message,
    });
    const sets = (await api("town1").get("/api/fields/sets")).json().items;
    expect(JSON.stringify(sets)).not.toContain("informant_pay");
    const ledger = await api("analyst").get(`/api/stats/ledger.xlsx?categoryId=${other}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).map(String);
    expect(header).toContain("总包单位");
    expect(header.join()).not.toContain("内部线索金额");
  });
});

describe("the case list, the ledger and the figures", () => {
  it("filters by amount owed and by employer, exact to the fen", async () => {
    const a = await registerWage({ employer: "庚建设集团", amount_owed: "50000.00" });
    const b = await registerWage({ employer: "辛劳务公司", amount_owed: "49999.99" });
    const ids = async (filter: string) =>
      (await api("office").get(`/api/cases?pageSize=200&fieldFilter=${encodeURIComponent(filter)}`))
        .json()
        .items.map((i: { id: string }) => i.id);
    const rich = await ids("amount_owed>=50000");
    expect(rich).toContain(a);
    expect(rich).not.toContain(b);
    expect(await ids("employer=辛劳务公司")).toEqual([b]);
    expect(await ids("employer~建设;amount_owed<=50000")).toEqual([a]);
    // The full-text search takes the same filter, with or without words.
    const search = async (query: string) =>
      (await api("office").get(`/api/search/cases?${query}`)).json().items.map((i: { id: string }) => i.id);
    expect(await search(`fieldFilter=${encodeURIComponent("employer=辛劳务公司")}`)).toEqual([b]);
    expect(
      await search(`q=${encodeURIComponent("工资")}&fieldFilter=${encodeURIComponent("amount_owed>=50000")}`),
    ).toContain(a);
    expect(
      await search(`q=${encodeURIComponent("工资")}&fieldFilter=${encodeURIComponent("amount_owed>=50000")}`),
    ).not.toContain(b);
    for (const f of ["amount_owed>=abc", "employer>=x", "amount_owed", "workers>=1.23456"]) {
      const r = await api("office").get(`/api/cases?fieldFilter=${encodeURIComponent(f)}`);
      expect(r.statusCode, f).toBe(400);
    }
  });

  it("sums large amounts in SQL without losing a fen, says the year-report sentence and writes the wage ledger", async () => {
    const big = await registerWage({
      employer: "壬集团",
      project: "一号工地",
      workers: "30",
      amount_owed: "999999999999.99",
    });
    const r = await api("office").post(`/api/cases/${big}/payments`, {
      paidOn: "2026-01-15",
      amount: "999999999999.99",
    });
    expect(r.statusCode, r.body).toBe(201);
    // 100 more payments of the largest amount: the total passes 2^53 fen, which a double cannot hold.
    await t.db.query(
      `INSERT INTO case_payments (case_id, paid_on, amount_fen) SELECT $1, '2026-01-16', 99999999999999 FROM generate_series(1, 100)`,
      [big],
    );
    const summary = (await api("analyst").get("/api/fields/wages/summary?period=year&year=2026")).json();
    const expectedFen = 99999999999999n * 101n + 30n; // + the 0.30 of 丙公司
    expect(summary.recoveredFen).toBe(expectedFen.toString());
    expect(BigInt(summary.recoveredFen) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(summary.cases).toBe(2);
    // 10,099,999,999,999,929 fen = 10,099,999,999.999929 万元, rounded half up at 0.01 万元.
    expect(summary.recoveredWan).toBe("10100000000.00");
    expect(summary.sentence).toBe("为农民工讨要工资2件，累计追回10100000000.00万元");
    const none = (await api("analyst").get("/api/fields/wages/summary?period=year&year=2025")).json();
    expect(none.sentence).toBe("为农民工讨要工资0件，累计追回0.00万元");

    const doc = await api("analyst").get("/api/stats/report.docx?period=year&year=2026");
    expect(doc.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml.replace(/<[^>]+>/g, "")).toContain("为农民工讨要工资2件，累计追回10100000000.00万元。");

    const file = await api("analyst").get("/api/fields/wages/ledger.xlsx?period=year&year=2026");
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("欠薪台账")!;
    expect(ws.getCell(1, 1).value).toBe("2026年拖欠农民工工资台账");
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      "序号",
      "用工单位",
      "项目名称",
      "件数",
      "涉及人数",
      "欠薪金额（元）",
      "本期追回（元）",
      "累计追回（元）",
      "尚欠金额（元）",
    ]);
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 2) rows.push((row.values as unknown[]).slice(1));
    });
    const ren = rows.find((x) => x[1] === "壬集团")!;
    expect(ren.slice(2, 5)).toEqual(["一号工地", 1, 30]);
    expect(ren[5]).toBe(999999999999.99);
    expect(ren[8]).toBe(0);
    const bing = rows.find((x) => x[1] === "丙公司")!;
    expect(bing.slice(5)).toEqual([0.5, 0.3, 0.3, 0.2]);
    expect(rows.at(-1)![0]).toBe("合计");
    expect(rows.at(-1)![3]).toBe(rows.slice(0, -1).reduce((n, x) => n + (x[3] as number), 0));
    const audit = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'wage_ledger_export'");
    expect(audit.rows.length).toBe(1);
  });

  it("counts a payment in the year it was paid: 31 December in that year's sentence, not the next", async () => {
    const id = await registerWage({ employer: "跨年公司", amount_owed: "10" });
    const r = await api("office").post(`/api/cases/${id}/payments`, {
      paidOn: "2025-12-31",
      amount: "1234.56",
    });
    expect(r.statusCode, r.body).toBe(201);
    const y2025 = (await api("analyst").get("/api/fields/wages/summary?period=year&year=2025")).json();
    expect(y2025).toMatchObject({ cases: 1, recoveredFen: "123456", recoveredWan: "0.12" });
    const y2026 = (await api("analyst").get("/api/fields/wages/summary?period=year&year=2026")).json();
    expect(y2026.cases).toBe(2);
    // A township sees only the cases of its own area; 乙乡 has none of these.
    const town2 = (await api("town2").get("/api/fields/wages/summary?period=year&year=2025")).json();
    expect(town2.cases).toBe(0);
  });

  it("groups a category's cases by a choice field with the sums of its money fields", async () => {
    const r = await api("analyst").get(
      `/api/fields/stats?categoryId=${wages}&period=year&year=2026&groupBy=paid_via`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const mediation = r.json().rows.find((x: { value: string }) => x.value === "mediation");
    expect(mediation).toMatchObject({ label: "调解", cases: 1 });
    const byNothing = (
      await api("analyst").get(`/api/fields/stats?categoryId=${wages}&period=year&year=2026`)
    ).json();
    const total = byNothing.rows[0];
    expect(byNothing.rows.length).toBe(1);
    expect(total.label).toBe("合计");
    const owed = await t.db.query<{ s: string }>(
      `SELECT sum((field_values->>'amount_owed')::bigint)::text AS s FROM case_field_values v
         JOIN field_sets f ON f.id = v.field_set_id WHERE f.category_id = $1`,
      [wages],
    );
    expect(BigInt(total.sums.amount_owed.replace(".", ""))).toBe(BigInt(owed.rows[0]!.s));
    expect(
      (await api("analyst").get(`/api/fields/stats?categoryId=${wages}&groupBy=employer`)).statusCode,
    ).toBe(400);
  });

  it("shows the new category's fields after 调整分类, keeping the old values under their own version", async () => {
    const id = await registerWage({ employer: "癸公司", amount_owed: "88" });
    const moved = await api("office").put(`/api/cases/${id}/classification`, {
      categoryId: other,
      reason: "实为工程款",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const view = (await api("office").get(`/api/cases/${id}/fields`)).json();
    expect(view.fieldSet.categoryId).toBe(other);
    expect(view.values).toEqual({ contractor: null, informant_pay: null });
    const kept = await t.db.query("SELECT 1 FROM case_field_values WHERE case_id = $1", [id]);
    expect(kept.rows.length).toBe(1);
  });
});
