import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { openTestDb } from "../test/harness.ts";
import { type ImportOptions, ImportRefused, previewLedgerMapping, runImport } from "./import.ts";
import { csv, setUpBureau } from "./test-files.ts";

/**
 * The ledger import as a stream: rows read, checked and written batch by batch (small batches
 * here, so a small file has many), one transaction, and a refusal found after the first batches
 * were written leaves nothing.
 */
const keyRing = generateKeyRing();
const HEADER = ["受理日期", "信访人", "信访事项", "问题类别", "原编号"];
const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  kind: "ledger",
  mode: "accounts",
  apply: true,
  skipInvalid: false,
  actor: { id: null, role: "cli", ip: null },
  now: new Date("2026-03-02T02:00:00Z"),
  keyRing,
  ledger: { yes: true },
  ledgerBatch: 10,
  ...o,
});

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
  await setUpBureau(db);
});
afterAll(async () => {
  await db.close();
});

const count = async (sql: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]!.n;

/** An .xlsx as Excel writes it: shared strings, date cells with a date style, a merged range. */
async function streamedXlsx(rows: ExcelJS.CellValue[][], merge?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(1).numFmt = "yyyy年m月d日";
  if (merge) ws.mergeCells(merge);
  return Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: true } as ExcelJS.XlsxWriteOptions));
}

const rowsOf = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => [
    new Date(Date.UTC(2021, i % 12, 1 + (i % 28))),
    `流${i}`,
    `分批读取的第${i}行`,
    i % 2 ? "劳资纠纷" : "",
    `${prefix}-${i}`,
  ]);

describe("a ledger read and written as a stream", () => {
  it("imports a file in many batches with progress, a merged range's value in each row it spans", async () => {
    const rows = rowsOf(35, "S");
    rows[20]![3] = "城乡建设";
    const file = await streamedXlsx(rows, "D22:D24");
    const seen: [number, number][] = [];
    const r = await runImport(db, file, "流.xlsx", opts({ onProgress: (d, t) => void seen.push([d, t]) }));
    expect(r.applied).toBe(true);
    expect(r.summary).toMatchObject({ rows: 35, created: 35, invalidRows: 0, unchanged: 0 });
    expect(r.ledger?.rows.map((x) => x.row)).toEqual(Array.from({ length: 35 }, (_, i) => i + 2));
    expect(r.ledger?.rows.every((x) => x.outcome === "imported" && x.caseNumber)).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.at(-1)).toEqual([35, 35]);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
    expect(await count("cases WHERE ledger_number LIKE 'S-%'")).toBe(35);
    const merged = await db.query<{ ledger_number: string; category: string }>(
      `SELECT c.ledger_number, cat.name_zh AS category FROM cases c JOIN categories cat ON cat.id = c.category_id
        WHERE c.ledger_number IN ('S-20', 'S-21', 'S-22') ORDER BY c.ledger_number`,
    );
    expect(merged.rows.map((x) => x.category)).toEqual(["城乡建设", "城乡建设", "城乡建设"]);
    const dates = await db.query<{ d: string }>(
      `SELECT to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d FROM cases WHERE ledger_number = 'S-13'`,
    );
    expect(dates.rows[0]?.d).toBe("2021-02-14");

    const again = await runImport(db, file, "流.xlsx", opts({ apply: false }));
    expect(again.summary).toMatchObject({ created: 0, unchanged: 35 });
    expect(await count("cases WHERE ledger_number LIKE 'S-%'")).toBe(35);
  });

  it("refuses a file whose bad row comes after batches were written, and leaves none of them", async () => {
    const before = await count("cases");
    const rows = rowsOf(35, "B");
    rows[32]![0] = "2021-02-30";
    const file = await streamedXlsx(rows);
    const err = await runImport(db, file, "坏.xlsx", opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    const result = (err as ImportRefused).result;
    expect(result.applied).toBe(false);
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([[34, "受理日期（A）"]]);
    expect(result.ledger?.rows.some((x) => x.outcome === "imported" || x.caseNumber)).toBe(false);
    expect(await count("cases")).toBe(before);
    expect(await count("audit_log WHERE action = 'import_ledger' AND detail->>'file' = '坏.xlsx'")).toBe(0);

    const skipped = await runImport(db, file, "坏.xlsx", opts({ skipInvalid: true }));
    expect(skipped.summary).toMatchObject({ created: 34, invalidRows: 1 });
    expect(await count("cases")).toBe(before + 34);
  });

  it("refuses, writing nothing, when a category that matches nothing first appears late in the file", async () => {
    const before = await count("cases");
    const rows = rowsOf(30, "U").map((r) =>
      r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)),
    );
    rows[27]![3] = "无此类别";
    const file = csv([HEADER, ...(rows as string[][])]);
    const mapping = {
      receivedOn: "受理日期",
      name: "信访人",
      content: "信访事项",
      category: "问题类别",
      ledgerNumber: "原编号",
    };
    const err = await runImport(db, file, "晚.csv", opts({ ledger: { yes: false, mapping } })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportRefused);
    expect((err as ImportRefused).result.issues.map((i) => i.zh)).toEqual([
      expect.stringContaining("问题类别无法对应：无此类别"),
    ]);
    expect(await count("cases")).toBe(before);
  });

  it("maps from the head of a file too long to import, which the import then refuses before any row", async () => {
    const big = Buffer.from(`登记日期,反映问题\n${"2023-01-01,太多了\n".repeat(100_001)}`, "utf8");
    const head = await previewLedgerMapping(db, big, "大.csv", { yes: false });
    expect(head.info.mapping).toMatchObject({ receivedOn: "登记日期", content: "反映问题" });
    expect(head.sample).toHaveLength(5);
    expect(head.sample[0]).toEqual(["2023-01-01", "太多了"]);
    const before = await count("cases");
    await expect(runImport(db, big, "大.csv", opts())).rejects.toThrow(/行数超过上限 100000/);
    expect(await count("cases")).toBe(before);
  });
});
