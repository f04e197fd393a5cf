import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChainedAuditEntry, entryHash } from "../../audit/hash-chain.ts";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";
import { AUDIT_XLSX_COLUMNS, loadAuditExport } from "./export.ts";

let t: TestContext;
let auditor: Session;
let caseNumbers: string[];

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  const reg = await login(t.app, "reg");
  caseNumbers = [];
  for (let i = 0; i < 2; i++) {
    caseNumbers.push((await as(t.app, reg).post("/api/cases", caseInput())).json().caseNumber);
  }
  await t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username: "nobody", password: "x" },
  });
  auditor = await login(t.app, "auditadmin");
});
afterAll(() => t.close());

async function download(url: string) {
  const res = await as(t.app, auditor).get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

async function sheet(body: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.getWorksheet("审计日志")!;
}

const lastExportRow = async () =>
  (
    await t.db.query<{ detail: Record<string, unknown>; actor_role: string }>(
      "SELECT detail, actor_role FROM audit_log WHERE action = 'audit_export' ORDER BY id DESC LIMIT 1",
    )
  ).rows[0];

describe("the audit log's export", () => {
  it("writes the filtered log as a workbook in Chinese: names, labels and labelled details", async () => {
    const res = await download("/api/audit/export.xlsx?action=case_register");
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toMatch(
      /审计日志-\d{8}-\d{6}\.xlsx$/,
    );
    const ws = await sheet(res.rawPayload);
    expect(ws.getRow(1).values).toEqual([undefined, ...AUDIT_XLSX_COLUMNS.map((c) => c.header)]);
    expect(ws.rowCount).toBe(3);
    const row = (n: number) =>
      Object.fromEntries(AUDIT_XLSX_COLUMNS.map((c, i) => [c.key, ws.getRow(n).getCell(i + 1).value]));
    expect(row(2)).toMatchObject({
      actor: "登记员",
      username: "reg",
      role: "登记员",
      action: "登记信访事项",
      object: "信访事项",
      detail: `信访编号：${caseNumbers[0]}；信访渠道：来访`,
      raw: "",
    });
    expect(row(3).detail).toBe(`信访编号：${caseNumbers[1]}；信访渠道：来访`);
    expect(String(row(2).at)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await lastExportRow()).toEqual({
      actor_role: "audit_admin",
      detail: { format: "xlsx", filter: { action: "case_register" }, rows: 2, lastHash: expect.any(String) },
    });
  });

  it("names a refused sign-in's reason and outcome rather than its codes", async () => {
    const ws = await sheet((await download("/api/audit/export.xlsx?outcome=failure")).rawPayload);
    expect(ws.rowCount).toBe(2);
    const cells = AUDIT_XLSX_COLUMNS.map((_, i) => ws.getRow(2).getCell(i + 1).value);
    expect(cells).toEqual(
      expect.arrayContaining(["登录失败", "用户名：nobody；原因：用户名不存在", "失败", "用户"]),
    );
  });

  it("writes the CLI's JSON lines, each checkable against its hash and linked to the one before", async () => {
    const res = await download("/api/audit/export.jsonl");
    expect(res.headers["content-type"]).toContain("application/x-ndjson");
    const lines = res.body
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as ChainedAuditEntry & { id: string });
    const sealed = (
      await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE chain_pos < $1", [
        Number(lines.at(-1)!.seq) + 1,
      ])
    ).rows[0]!.n;
    expect(lines).toHaveLength(sealed);
    lines.forEach((line, i) => {
      expect(line.seq).toBe(String(i + 1));
      expect(entryHash(line.prevHash, line)).toBe(line.hash);
      if (i > 0) expect(line.prevHash).toBe(lines[i - 1]!.hash);
    });
    expect(Object.keys(lines[0]!).sort()).toEqual(
      [
        "seq",
        "at",
        "actorId",
        "actorRole",
        "ip",
        "action",
        "objectType",
        "objectId",
        "detail",
        "id",
        "prevHash",
        "hash",
      ].sort(),
    );
  });

  it("filters the JSON lines like the list", async () => {
    const res = await download(`/api/audit/export.jsonl?caseNumber=${encodeURIComponent(caseNumbers[1]!)}`);
    const lines = res.body
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as ChainedAuditEntry);
    expect(lines.map((l) => l.action)).toEqual(["case_register"]);
    expect(entryHash(lines[0]!.prevHash, lines[0]!)).toBe(lines[0]!.hash);
    expect((await lastExportRow())?.detail).toMatchObject({ format: "jsonl", rows: 1 });
  });

  it("refuses more rows than one download may hold", async () => {
    await expect(loadAuditExport(t.db, {}, 3)).rejects.toMatchObject({ code: "AUDIT_EXPORT_TOO_LARGE" });
    expect(await loadAuditExport(t.db, { action: "case_register" }, 3)).toHaveLength(2);
  });

  it("is for the audit administrator alone, and a refusal leaves no row", async () => {
    const count = async () =>
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit_export'",
        )
      ).rows[0]!.n;
    const before = await count();
    for (const username of ["sysadmin", "secadmin", "office"]) {
      const s = await login(t.app, username);
      for (const format of ["xlsx", "jsonl"]) {
        expect((await as(t.app, s).get(`/api/audit/export.${format}`)).statusCode, username).toBe(403);
      }
    }
    expect(
      (await as(t.app, auditor).get("/api/audit/export.xlsx?from=2026-03-02&to=2026-03-01")).statusCode,
    ).toBe(400);
    expect(await count()).toBe(before);
  });
});
