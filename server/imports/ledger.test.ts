import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blindIndex, generateKeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { openTestDb } from "../test/harness.ts";
import { type ImportOptions, ImportRefused, runImport } from "./import.ts";
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

void COUNTY;
