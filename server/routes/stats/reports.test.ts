import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, freshIdNumber, makeNetwork, TEST_USERS } from "../../test/factories.ts";
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
const idNumbers: string[] = [];

async function register(overrides: Record<string, unknown>) {
  const idNumber = freshIdNumber();
  idNumbers.push(idNumber);
  const res = await as(t.app, s.get("reg")!).post(
    "/api/cases",
    caseInput({
      petitioners: [
        {
          name: "王小明",
          idNumber,
          phone: "13912345678",
          householdRegionCode: "990001001001",
          isRepresentative: false,
        },
      ],
      ...overrides,
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  // The seed report's online table: 16 online items, 求决类 10, 意见建议类 3, 申诉类 1, 揭发控告类 2.
  const online = [
    ...Array<string>(10).fill("request"),
    ...Array<string>(3).fill("suggestion"),
    "appeal",
    "accusation",
    "accusation",
  ];
  for (const [i, nature] of online.entries()) {
    await register({
      channel: "online",
      nature,
      legalClass:
        nature === "accusation" ? "accusation" : nature === "suggestion" ? "suggestion" : "appeal_request",
      receivedAt: `2025-0${(i % 9) + 1}-15T10:00:00+08:00`,
    });
  }
  // Visits: two individual visits (one person each) and one collective visit of 3 batches, 30 people.
  await register({ channel: "visit", destinationLevel: "county", receivedAt: "2025-05-01T10:00:00+08:00" });
  await register({
    channel: "visit",
    destinationLevel: "provincial",
    receivedAt: "2025-05-02T10:00:00+08:00",
  });
  await register({
    channel: "visit",
    headcount: 30,
    batchCount: 3,
    destinationLevel: "county",
    problemRegionCode: "990001002001",
    receivedAt: "2025-06-01T10:00:00+08:00",
  });
});
afterAll(() => t.close());

async function documentXml(user: string, query: string): Promise<string> {
  const res = await as(t.app, s.get(user)!).get(`/api/stats/report.docx?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toContain("wordprocessingml");
  const zip = await JSZip.loadAsync(res.rawPayload);
  return zip.file("word/document.xml")!.async("string");
}

/** The text of the document with the XML tags removed, paragraph by paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => m[0].replace(/<[^>]+>/g, ""));
}

describe("the work report (.docx)", () => {
  it("prints the seed document's online table: the counts and the percentages to one decimal", async () => {
    const text = paragraphs(await documentXml("analyst", "period=year&year=2025"));
    expect(text).toContain(
      "接到网上信访件16件，其中求决类10件，占62.5%；意见建议类3件，占18.8%；申诉类1件，占6.3%；揭发控告类2件，占12.5%。",
    );
    // The same figures in the table, cell by cell, and the table's total.
    const cells = text.join("|");
    // Online petitions have no 批次 or 人次 (those are the visits'): items and shares only.
    expect(cells).toContain("|项目|件次|占比|求决类|10|62.5%|");
    expect(cells).toContain("|意见建议类|3|18.8%|");
    expect(cells).toContain("|申诉类|1|6.3%|");
    expect(cells).toContain("|揭发控告类|2|12.5%|");
    expect(cells).toContain("|合计|16|100%|");
    // 62.5 + 18.8 + 6.3 + 12.5 = 100.1: the note under the table says why.
    expect(text.some((p) => p.includes("合计为100.1%"))).toBe(true);
  });

  it("states visits with person-visits, individual and collective adding up, and by destination level", async () => {
    const text = paragraphs(await documentXml("analyst", "period=year&year=2025"));
    expect(text).toContain(
      "接待群众来访3件32人次，其中个体访2件2人次，集体访3批30人次。按去向层级分：赴省1批1人次，来县4批31人次。",
    );
    // 人次 goes with the visits, not the 19 cases (the seed: "受理群众信访事项839件，其中……接待群众来访684件6859人次").
    expect(
      text.some(
        (p) => p.startsWith("2025年，共受理群众信访事项19件，与上年同期相比") && p.includes("来访3件32人次"),
      ),
    ).toBe(true);
    // In the table over all channels the columns say whose batches and person-visits they are.
    expect(text.join("|")).toContain("|项目|件次|来访批次|来访人次|占比|");
    expect(text[0]).toBe("测试县2025年信访工作情况报告");
  });

  it("fills an analyst's own wording with the same numbers, and refuses unknown placeholders", async () => {
    const before = await as(t.app, s.get("analyst")!).get("/api/stats/report-templates/work_report");
    expect(before.statusCode).toBe(200);
    expect(before.json().placeholders.map((p: { name: string }) => p.name)).toContain("{{online.items}}");
    const body =
      "# 网上信访专报\n本年度网上信访{{online.items}}件，其中{{online.byNature}}。\n{{table:onlineByNature}}";
    const put = await as(t.app, s.get("analyst")!).put("/api/stats/report-templates/work_report", {
      name: "网上信访专报",
      body,
    });
    expect(put.statusCode, put.body).toBe(200);
    const text = paragraphs(await documentXml("bleader", "period=year&year=2025"));
    expect(text[0]).toBe("网上信访专报");
    expect(text[1]).toBe(
      "本年度网上信访16件，其中求决类10件，占62.5%；意见建议类3件，占18.8%；申诉类1件，占6.3%；揭发控告类2件，占12.5%。",
    );

    const bad = await as(t.app, s.get("analyst")!).put("/api/stats/report-templates/work_report", {
      name: "x",
      body: "共{{total.items}}件，{{total.money}}元 {{table:nothing}}",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({
      code: "REPORT_TEMPLATE_INVALID",
      details: { unknown: ["total.money", "table:nothing"] },
    });
    const after = await as(t.app, s.get("analyst")!).get("/api/stats/report-templates/work_report");
    expect(after.json().body).toBe(body);
  });

  it("lets only analysts and bureau staff edit the template", async () => {
    const counts = await snapshotCounts(t.db);
    for (const user of ["town1", "leader", "rsj", "sysadmin"]) {
      const res = await as(t.app, s.get(user)!).put("/api/stats/report-templates/work_report", {
        name: "x",
        body: "{{total.items}}",
      });
      expect(res.statusCode, user).toBe(403);
    }
    expect(await snapshotCounts(t.db)).toEqual(counts);
    expect(
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM report_templates WHERE body = '{{total.items}}'",
        )
      ).rows[0]!.n,
    ).toBe(0);
  });
});

async function workbook(user: string, url: string): Promise<ExcelJS.Workbook> {
  const res = await as(t.app, s.get(user)!).get(url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

describe("the ledger (.xlsx)", () => {
  it("lists the cases of a filter with the bureau's columns and masked personal data", async () => {
    const wb = await workbook(
      "office",
      "/api/stats/ledger.xlsx?from=2025-01-01&to=2025-12-31&channel=online",
    );
    const ws = wb.getWorksheet("信访事项台账")!;
    expect(ws.rowCount).toBe(17);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(["信访编号", "身份证号（脱敏）", "联系电话（脱敏）", "主办单位"]),
    );
    const all = JSON.stringify(ws.getSheetValues());
    for (const id of idNumbers) expect(all).not.toContain(id);
    expect(all).not.toContain("13912345678");
    expect(all).not.toContain("王小明");
    expect(all).toContain("王**");
    const row2 = ws.getRow(2);
    expect(row2.getCell(4).value).toBe("网上信访");
    expect(String(row2.getCell(6).value)).toMatch(/\*/);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'ledger_export'",
    );
    expect(audit.rows[0]!.n).toBeGreaterThan(0);
  });

  it("holds only the cases the user may read", async () => {
    // 乙乡 has the collective visit only.
    const wb = await workbook("town2", "/api/stats/ledger.xlsx?from=2025-01-01&to=2025-12-31");
    const ws = wb.getWorksheet("信访事项台账")!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(8).value).toBe(30);
    const denied = await as(t.app, s.get("rsj")!).get("/api/stats/ledger.xlsx");
    expect(denied.statusCode).toBe(403);
  });

  it("exports the dashboard's figures as a workbook", async () => {
    const wb = await workbook("analyst", "/api/stats/summary.xlsx?period=year&year=2025");
    const ws = wb.getWorksheet("渠道")!;
    const rows = (ws.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1, 3));
    expect(rows).toContainEqual(["网上信访", 16]);
    expect(rows).toContainEqual(["来访", 3]);
  });
});
