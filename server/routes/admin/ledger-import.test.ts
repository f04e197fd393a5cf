import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TImportResult, TLedgerMappingStep } from "../../../domain/schemas/import.ts";
import { runImport } from "../../imports/import.ts";
import { csv, NETWORK_HEADER, NETWORK_ROWS, setUpBureau, USERS_HEADER } from "../../imports/test-files.ts";
import { multipartBody } from "../../test/fuzz-arbitraries.ts";
import { login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

/**
 * 批量导入 → 历史台账 through the API: who may, the mapping by query, and what an imported case is
 * everywhere a case is shown — list, detail, search, statistics (同比 in the first year), to-dos.
 */
const BOUNDARY = "----xf-ledger-boundary";
const PASSWORDS = { xtgly: "Qz7#harbour-lamp", aqgly: "Wm4$ferry-orchid" };
const LEDGER = csv([
  [
    "序号",
    "来访日期",
    "姓名",
    "身份证号",
    "主要内容",
    "类别",
    "乡镇",
    "承办单位",
    "办结日期",
    "满意度",
    "信访编号",
  ],
  [
    "1",
    "2025/3/5",
    "王建国",
    "11010519491231002X",
    "拖欠工资三个月未发放",
    "劳资纠纷",
    "城关镇",
    "县人力资源和社会保障局",
    "2025/4/1",
    "满意",
    "LJ-1",
  ],
  ["2", "2025年6月7日", "李秀英", "", "征地补偿标准过低", "征地拆迁", "", "", "2025-07-01", "不满意", "LJ-2"],
  ["3", "2025.9.10", "张三", "", "小区噪音扰民严重", "", "西关村", "", "", "", "LJ-3"],
]);

let t: TestContext;
let sys: Session;
let sec: Session;
let analyst: Session;
let registrar: Session;

function upload(s: Session, data: Buffer, query: string, path = ""): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: "POST",
    url: `/api/admin/imports/ledger${path}${query}`,
    headers: {
      cookie: s.cookie,
      "x-csrf-token": s.csrf,
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    },
    payload: multipartBody(BOUNDARY, [{ name: "file", filename: "台账.csv", contentType: "text/csv", data }]),
  });
}

beforeAll(async () => {
  t = await startTestApp();
  t.clock.now = new Date("2026-06-15T02:00:00Z");
  await setUpBureau(t.db);
  const cli = { id: null, role: "cli", ip: null };
  await runImport(t.db, csv([NETWORK_HEADER, ...NETWORK_ROWS]), "n.csv", {
    kind: "network",
    mode: "accounts",
    apply: true,
    skipInvalid: false,
    actor: cli,
    now: t.clock.now,
  });
  const users = await runImport(
    t.db,
    csv([
      USERS_HEADER,
      ["fxry", "分析员", "临江县信访局", "330127", "分析研判人员"],
      ["djy", "登记员", "临江县信访局", "330127", "登记员"],
    ]),
    "u.csv",
    { kind: "users", mode: "all", apply: true, skipInvalid: false, actor: cli, now: t.clock.now },
  );
  await t.db.query("UPDATE users SET must_change_password = false");
  sys = await login(t.app, "xtgly", PASSWORDS.xtgly);
  sec = await login(t.app, "aqgly", PASSWORDS.aqgly);
  const pw = (u: string) => users.passwords.find((p) => p.username === u)!.password;
  analyst = await login(t.app, "fxry", pw("fxry"));
  registrar = await login(t.app, "djy", pw("djy"));
});
afterAll(() => t.close());

describe("历史台账 through the API", () => {
  it("is the system administrator's only, and a bad mapping parameter is a 400 that writes nothing", async () => {
    expect((await upload(sec, LEDGER, "")).statusCode).toBe(403);
    expect((await upload(analyst, LEDGER, "")).statusCode).toBe(403);
    const bad = await upload(sys, LEDGER, "?apply=true&mapping=%7Bnot-json");
    expect(bad.statusCode).toBe(400);
    expect((await t.db.query("SELECT 1 FROM cases")).rows).toHaveLength(0);
  });

  it("gives the mapping step the headers, their mapping and the first rows, writing nothing", async () => {
    expect((await upload(sec, LEDGER, "", "/mapping")).statusCode).toBe(403);
    const res = await upload(sys, LEDGER, "", "/mapping");
    expect(res.statusCode).toBe(200);
    const head = res.json<TLedgerMappingStep>();
    expect(head.mappingSource).toBe("automatic");
    expect(head.mapping).toMatchObject({
      receivedOn: "来访日期",
      content: "主要内容",
      ledgerNumber: "信访编号",
    });
    expect(head.headers[4]).toBe("主要内容");
    expect(head.sample.map((r) => r[4])).toEqual([
      "拖欠工资三个月未发放",
      "征地补偿标准过低",
      "小区噪音扰民严重",
    ]);
    const broken = await upload(sys, Buffer.from("PK\u0003\u0004broken"), "", "/mapping");
    expect(broken.statusCode).toBe(422);
    expect(broken.json<{ error: { code: string } }>().error.code).toBe("IMPORT_FILE_UNREADABLE");
    expect((await t.db.query("SELECT 1 FROM cases")).rows).toHaveLength(0);
  });

  it("previews with the automatic mapping, refuses an unconfirmed one with 422, imports the confirmed one", async () => {
    const preview = (await upload(sys, LEDGER, "")).json<TImportResult>();
    expect(preview.applied).toBe(false);
    expect(preview.ledger?.mapping.receivedOn).toBe("来访日期");
    const refused = await upload(sys, LEDGER, "?apply=true");
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json())).toContain("列的对应关系尚未确认");
    const mapping = encodeURIComponent(JSON.stringify(preview.ledger!.mapping));
    const done = await upload(sys, LEDGER, `?apply=true&yes=true&mapping=${mapping}`);
    expect(done.statusCode).toBe(200);
    const r = done.json<TImportResult>();
    expect(r.summary.created).toBe(3);
    expect(r.ledger?.rows.every((x) => x.outcome === "imported" && x.caseNumber)).toBe(true);
    const report = await t.app.inject({
      method: "POST",
      url: "/api/admin/imports/ledger/report",
      headers: { cookie: sys.cookie, "x-csrf-token": sys.csrf },
      payload: r,
    });
    expect(report.statusCode).toBe(200);
    expect(report.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("shows the imported cases as such in the list, the detail and search, with no to-do", async () => {
    const list = await t.app.inject({
      method: "GET",
      url: "/api/cases?pageSize=50",
      headers: { cookie: analyst.cookie },
    });
    expect(list.statusCode).toBe(200);
    const items = list.json<{
      items: { id: string; isImported: boolean; ledgerNumber: string | null; status: string }[];
    }>().items;
    expect(items.map((c) => [c.ledgerNumber, c.isImported, c.status]).sort()).toEqual([
      ["LJ-1", true, "closed"],
      ["LJ-2", true, "closed"],
      ["LJ-3", true, "closed"],
    ]);
    const detail = await t.app.inject({
      method: "GET",
      url: `/api/cases/${items[0]!.id}`,
      headers: { cookie: analyst.cookie },
    });
    expect(detail.json<{ isImported: boolean; clocks: unknown[] }>()).toMatchObject({
      isImported: true,
      clocks: [],
    });
    const search = await t.app.inject({
      method: "GET",
      url: `/api/search/cases?q=${encodeURIComponent("拖欠工资")}`,
      headers: { cookie: analyst.cookie },
    });
    const hits = search.json<{ items: { ledgerNumber: string | null; isImported: boolean }[] }>().items;
    expect(hits.map((h) => [h.ledgerNumber, h.isImported])).toEqual([["LJ-1", true]]);
    const todos = await t.app.inject({ method: "GET", url: "/api/todos", headers: { cookie: sys.cookie } });
    expect(JSON.stringify(todos.json())).not.toContain("LJ-");
  });

  it("finds last year's petitioner in the repeat check of a new registration", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/search/repeats/check",
      headers: { cookie: registrar.cookie, "x-csrf-token": registrar.csrf },
      payload: {
        petitioners: [{ name: "王建国", idNumber: "11010519491231002X" }],
        problemRegionCode: "330127001",
        content: "工资还是没有发",
      },
    });
    expect(res.statusCode).toBe(200);
    const numbers = res.json<{ candidates: { caseNumber: string }[] }>().candidates.map((c) => c.caseNumber);
    const lj1 = await t.db.query<{ case_number: string }>(
      "SELECT case_number FROM cases WHERE ledger_number = 'LJ-1'",
    );
    expect(numbers).toContain(lj1.rows[0]!.case_number);
  });

  it("counts last year's ledger in this year's 同比", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/stats/summary?period=year",
      headers: { cookie: analyst.cookie },
    });
    expect(res.statusCode).toBe(200);
    const sm = res.json<{
      comparison: { lastYear: { items: number }; items: { yoy: { previous: number } } };
    }>();
    expect(sm.comparison.lastYear.items).toBe(3);
    expect(sm.comparison.items.yoy.previous).toBe(3);
  });
});
