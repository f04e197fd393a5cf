import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blindIndex, generateKeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { openTestDb } from "../test/harness.ts";
import { type ImportOptions, ImportRefused, previewLedgerMapping, runImport } from "./import.ts";
import { COUNTY, csv, NETWORK_HEADER, NETWORK_ROWS, setUpBureau, xlsx } from "./test-files.ts";

/** 信访台账 import: mapping, rows, imported cases, idempotence, refusals — on either database. */
const keyRing = generateKeyRing();
const HEADER = [
  "序号",
  "来访日期",
  "姓名",
  "身份证号码",
  "电话",
  "家庭住址",
  "方式",
  "人数",
  "主要内容",
  "类别",
  "乡镇",
  "承办单位",
  "办结情况",
  "答复日期",
  "满意度",
  "信访编号",
];
// 11010519491231002X passes GB 11643; 110105194912310021 fails its check digit.
const ROWS = [
  [
    "1",
    "2025-03-05",
    "王建国",
    "11010519491231002X",
    "13800138000",
    "城关镇西关村",
    "来访",
    "3",
    "拖欠工资三个月未发。请求协调",
    "劳资纠纷",
    "城关镇",
    "县人力资源和社会保障局",
    "已协调发放",
    "2025/4/1",
    "满意",
    "LJ-2025-001",
  ],
  [
    "2",
    "2025/6/7",
    "李秀英",
    "110105194912310021",
    "",
    "",
    "来信",
    "",
    "征地补偿款标准过低",
    "土地征收",
    "",
    "县自然资源局",
    "已答复",
    "2025年7月1日",
    "基本满意",
    "LJ-2025-002",
  ],
  [
    "3",
    "2025.9.10",
    "张三",
    "",
    "0571-88888888",
    "",
    "网信",
    "",
    "小区噪音扰民",
    "噪声污染",
    "西关村",
    "",
    "",
    "",
    "",
    "",
  ],
  ["4", "45931", "赵六", "", "", "", "领导信箱", "", "路灯不亮", "", "", "", "", "", "", ""],
];
const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  kind: "ledger",
  mode: "accounts",
  apply: true,
  skipInvalid: false,
  actor: { id: null, role: "cli", ip: null },
  now: new Date("2026-03-02T02:00:00Z"),
  keyRing,
  ledger: { yes: true },
  ...o,
});

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
  await setUpBureau(db);
  await runImport(db, csv([NETWORK_HEADER, ...NETWORK_ROWS]), "n.csv", {
    kind: "network",
    mode: "accounts",
    apply: true,
    skipInvalid: false,
    actor: { id: null, role: "cli", ip: null },
    now: new Date("2026-03-02T02:00:00Z"),
  });
});
afterAll(async () => {
  await db.close();
});

const count = async (sql: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]!.n;
const statsDiff = async () =>
  (
    await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT * FROM case_stats EXCEPT SELECT * FROM case_stats_source) a)::int
            + (SELECT count(*) FROM (SELECT * FROM case_stats_source EXCEPT SELECT * FROM case_stats) b)::int AS n`,
    )
  ).rows[0]!.n;

describe("importing a historical ledger", () => {
  it("maps the headers by their Chinese synonyms and previews without writing", async () => {
    const r = await runImport(
      db,
      csv([HEADER, ...ROWS]),
      "台账.csv",
      opts({ apply: false, ledger: { yes: false } }),
    );
    expect(r.ledger?.mappingSource).toBe("automatic");
    expect(r.ledger?.mapping).toMatchObject({
      receivedOn: "来访日期",
      name: "姓名",
      idNumber: "身份证号码",
      content: "主要内容",
      unit: "承办单位",
      closedOn: "答复日期",
      ledgerNumber: "信访编号",
      serial: "序号",
    });
    expect(r.ledger?.unknownCategories.sort()).toEqual(["噪声污染", "土地征收"]);
    expect(r.ledger?.unknownUnits).toEqual(["县自然资源局"]);
    expect(r.issues.some((i) => i.zh.includes("问题类别无法对应"))).toBe(true);
    expect(r.summary.created).toBe(4);
    expect(await count("cases")).toBe(0);
  });

  it("refuses to write an unconfirmed mapping, and --yes without a content column, writing nothing", async () => {
    await expect(
      runImport(db, csv([HEADER, ...ROWS]), "台账.csv", opts({ ledger: { yes: false } })),
    ).rejects.toBeInstanceOf(ImportRefused);
    const noContent = csv([
      HEADER.filter((h) => h !== "主要内容"),
      ...ROWS.map((r) => r.filter((_, i) => i !== 8)),
    ]);
    const err = await runImport(db, noContent, "台账.csv", opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    expect((err as ImportRefused).result.issues[0]?.zh).toMatch(/没有与「反映问题」对应的列/);
    expect(await count("cases")).toBe(0);
    expect(await count("audit_log WHERE action = 'import_ledger'")).toBe(0);
  });

  it("imports closed historical cases with the ledger's numbers, dates and rating; the second import adds nothing", async () => {
    const file = csv([HEADER, ...ROWS]);
    const r = await runImport(db, file, "台账.csv", opts());
    expect(r.applied).toBe(true);
    expect(r.summary.created).toBe(4);
    expect(r.ledger?.unverifiedIds).toBe(1);
    expect(r.ledger?.defaultedCategories.sort()).toEqual(["噪声污染", "土地征收"]);
    expect(r.ledger?.rows.map((x) => x.outcome)).toEqual(["imported", "imported", "imported", "imported"]);
    const cases = (
      await db.query<{
        ledger_number: string | null;
        status: string;
        channel: string;
        received: string;
        replied: string | null;
        bureau_rating: string | null;
        is_imported: boolean;
        headcount: number;
        category: string | null;
        region: string;
      }>(
        `SELECT c.ledger_number, c.status, c.channel, to_char(c.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS received,
                to_char(c.replied_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS replied, c.bureau_rating, c.is_imported,
                c.headcount, cat.name_zh AS category, o.name AS region
           FROM cases c LEFT JOIN categories cat ON cat.id = c.category_id JOIN org_units o ON o.id = c.region_unit_id
          ORDER BY c.received_at`,
      )
    ).rows;
    expect(cases).toEqual([
      {
        ledger_number: "LJ-2025-001",
        status: "closed",
        channel: "visit",
        received: "2025-03-05",
        replied: "2025-04-01",
        bureau_rating: "satisfied",
        is_imported: true,
        headcount: 3,
        category: "劳资纠纷",
        region: "城关镇",
      },
      {
        ledger_number: "LJ-2025-002",
        status: "closed",
        channel: "letter",
        received: "2025-06-07",
        replied: "2025-07-01",
        bureau_rating: "basically_satisfied",
        is_imported: true,
        headcount: 1,
        category: "其他",
        region: "临江县",
      },
      {
        ledger_number: null,
        status: "closed",
        channel: "online",
        received: "2025-09-10",
        replied: null,
        bureau_rating: null,
        is_imported: true,
        headcount: 1,
        category: "其他",
        region: "西关村",
      },
      {
        ledger_number: null,
        status: "closed",
        channel: "online",
        received: "2025-10-01",
        replied: null,
        bureau_rating: null,
        is_imported: true,
        headcount: 1,
        category: null,
        region: "临江县",
      },
    ]);
    // No clocks, so no deadline, to-do or notice; the responsible unit as the accepted lead.
    expect(await count("case_clocks")).toBe(0);
    expect(await count("case_assignments WHERE role = 'lead' AND status = 'accepted'")).toBe(1);
    // Personal data stored like a registration's: encrypted, blind-indexed, masked.
    const pet = (
      await db.query<{
        id_number_enc: string;
        id_number_bidx: string;
        id_number_masked: string;
        id_number_unverified: boolean;
      }>(
        "SELECT id_number_enc, id_number_bidx, id_number_masked, id_number_unverified FROM case_petitioners WHERE name = '王建国'",
      )
    ).rows[0]!;
    expect(pet.id_number_enc).toMatch(/^v1\./);
    expect(pet.id_number_enc).not.toContain("11010519491231002X");
    expect(pet.id_number_bidx).toBe(blindIndex(keyRing, "id_number", "11010519491231002X"));
    expect(pet.id_number_unverified).toBe(false);
    expect(
      (
        await db.query<{ u: boolean }>(
          "SELECT id_number_unverified AS u FROM case_petitioners WHERE name = '李秀英'",
        )
      ).rows[0]?.u,
    ).toBe(true);
    // Counted in the statistics by their dates, and found by full-text search.
    expect(await statsDiff()).toBe(0);
    expect(await count("case_stats WHERE received_at < '2026-01-01'")).toBe(4);
    expect(await count("case_search")).toBe(4);
    expect(await count("audit_log WHERE action = 'import_ledger'")).toBe(1);

    const again = await runImport(db, file, "台账.csv", opts());
    expect(again.summary.created).toBe(0);
    expect(again.summary.unchanged).toBe(4);
    expect(await count("cases")).toBe(4);
    expect(await count("audit_log WHERE action = 'import_ledger'")).toBe(2);
  });

  it("remembers the confirmed mapping and the value choices for the next file with the same headers", async () => {
    const header = ["日期", "来信人", "事由", "分类", "编号"];
    const first = await runImport(
      db,
      csv([header, ["2024-01-02", "孙七", "河道采砂", "非法采砂", "X-1"]]),
      "a.csv",
      opts({
        ledger: {
          yes: false,
          mapping: {
            receivedOn: "日期",
            name: "来信人",
            content: "事由",
            category: "分类",
            ledgerNumber: "编号",
          },
          values: { categories: { 非法采砂: null } },
        },
      }),
    );
    expect(first.applied).toBe(true);
    const next = await runImport(
      db,
      csv([header, ["2024-01-03", "周八", "河道采砂又起", "非法采砂", "X-2"]]),
      "b.csv",
      opts({ apply: false, ledger: { yes: false } }),
    );
    expect(next.ledger?.mappingSource).toBe("remembered");
    expect(next.ledger?.mapping.ledgerNumber).toBe("编号");
    expect(next.ledger?.unknownCategories).toEqual([]);
    expect(next.issues).toEqual([]);
  });

  it("lists bad rows by row and column, skips them only when asked, and never half-writes", async () => {
    const before = await count("cases");
    const rows = [
      ["2024-13-01", "甲", "内容一", "R-1"],
      ["2024-02-03", "乙", "", "R-2"],
      ["2024-02-04", "丙", '=HYPERLINK("x")', "R-3"],
      ["2024-02-05", "丁", "正常的一行", "R-4"],
    ];
    const file = csv([["登记日期", "信访人", "反映问题", "原编号"], ...rows]);
    const err = await runImport(db, file, "bad.csv", opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    const issues = (err as ImportRefused).result.issues;
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [2, "登记日期（A）"],
      [3, "反映问题（C）"],
      [4, "反映问题（C）"],
    ]);
    expect(await count("cases")).toBe(before);
    const r = await runImport(db, file, "bad.csv", opts({ skipInvalid: true }));
    expect(r.summary.created).toBe(1);
    expect(r.ledger?.rows.filter((x) => x.outcome === "skipped").map((x) => x.row)).toEqual([2, 3, 4]);
    expect(await count("cases")).toBe(before + 1);
  });

  it("reads an .xlsx ledger with date cells, Excel serials, merged cells and formulas", async () => {
    const buf = await xlsx("台账", [
      ["受理日期", "信访人", "信访事项", "原编号"],
      [new Date(Date.UTC(2023, 4, 6)), "钱九", "宅基地纠纷", "XL-1"],
      [45000, "钱九", "宅基地纠纷再访", "XL-2"],
      [{ formula: "TODAY()", result: 45001 }, "吴十", "公式日期", "XL-3"],
    ]);
    const r = await runImport(db, buf, "台账.xlsx", opts({ apply: false }));
    expect(r.issues.map((i) => [i.row, i.zh.slice(0, 6)])).toEqual([[4, "单元格是公式"]]);
    expect(r.ledger?.rows.filter((x) => x.outcome === "to_import").map((x) => x.row)).toEqual([2, 3]);
  });

  it("leaves nothing written when the import fails after its first batch of rows", async () => {
    const before = await count("cases");
    const audits = await count("audit_log WHERE action = 'import_ledger'");
    const rows = Array.from({ length: 1500 }, (_, i) => [
      "2022-02-02",
      `某${i}`,
      `中途失败第${i}行`,
      `FAIL-${i}`,
    ]);
    const file = csv([["登记日期", "信访人", "反映问题", "原编号"], ...rows]);
    let batches = 0;
    await expect(
      runImport(db, file, "fail.csv", {
        ...opts(),
        onProgress: () => {
          batches++;
          throw new Error("the process died");
        },
      }),
    ).rejects.toThrow("the process died");
    expect(batches).toBe(1);
    expect(await count("cases")).toBe(before);
    expect(await count("cases WHERE ledger_number LIKE 'FAIL-%'")).toBe(0);
    expect(await count("case_stats")).toBe(before);
    expect(await count("audit_log WHERE action = 'import_ledger'")).toBe(audits);
  });

  it("reads a GBK CSV", async () => {
    const gbk = Buffer.from(
      // 登记日期,信访人,反映问题\r\n2022-05-06,郑一,低保 in GBK
      "b5c7bcc7c8d5c6da2cd0c5b7c3c8cb2cb7b4d3b3cecacce20d0a323032322d30352d30362cd6a3d2bb2cb5cdb1a3",
      "hex",
    );
    const r = await runImport(db, gbk, "gbk.csv", opts({ apply: false }));
    expect(r.ledger?.mapping.content).toBe("反映问题");
    expect(r.issues).toEqual([]);
    expect(r.summary.created).toBe(1);
  });
});

/**
 * The ledger import as a stream: rows read, checked and written batch by batch (small batches
 * here, so a small file has many), one transaction, and a refusal found after the first batches
 * were written leaves nothing.
 */
const small = (o: Partial<ImportOptions> = {}) => opts({ ledgerBatch: 10, ...o });
const STREAM_HEADER = ["受理日期", "信访人", "信访事项", "问题类别", "原编号"];

/** An .xlsx as Excel writes it: shared strings, date cells with a date style, a merged range. */
async function streamedXlsx(rows: ExcelJS.CellValue[][], merge?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow(STREAM_HEADER);
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
    const r = await runImport(db, file, "流.xlsx", small({ onProgress: (d, t) => void seen.push([d, t]) }));
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

    const again = await runImport(db, file, "流.xlsx", small({ apply: false }));
    expect(again.summary).toMatchObject({ created: 0, unchanged: 35 });
    expect(await count("cases WHERE ledger_number LIKE 'S-%'")).toBe(35);
  });

  it("refuses a file whose bad row comes after batches were written, and leaves none of them", async () => {
    const before = await count("cases");
    const rows = rowsOf(35, "B");
    rows[32]![0] = "2021-02-30";
    const file = await streamedXlsx(rows);
    const err = await runImport(db, file, "坏.xlsx", small()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    const result = (err as ImportRefused).result;
    expect(result.applied).toBe(false);
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([[34, "受理日期（A）"]]);
    expect(result.ledger?.rows.some((x) => x.outcome === "imported" || x.caseNumber)).toBe(false);
    expect(await count("cases")).toBe(before);
    expect(await count("audit_log WHERE action = 'import_ledger' AND detail->>'file' = '坏.xlsx'")).toBe(0);

    const skipped = await runImport(db, file, "坏.xlsx", small({ skipInvalid: true }));
    expect(skipped.summary).toMatchObject({ created: 34, invalidRows: 1 });
    expect(await count("cases")).toBe(before + 34);
  });

  it("refuses, writing nothing, when a category that matches nothing first appears late in the file", async () => {
    const before = await count("cases");
    const rows = rowsOf(30, "U").map((r) =>
      r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)),
    );
    rows[27]![3] = "无此类别";
    const file = csv([STREAM_HEADER, ...(rows as string[][])]);
    const mapping = {
      receivedOn: "受理日期",
      name: "信访人",
      content: "信访事项",
      category: "问题类别",
      ledgerNumber: "原编号",
    };
    const err = await runImport(db, file, "晚.csv", small({ ledger: { yes: false, mapping } })).catch(
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

void COUNTY;
