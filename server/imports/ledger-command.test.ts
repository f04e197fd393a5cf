import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { DEEP } from "../test/depth.ts";
import { openTestDb } from "../test/harness.ts";
import { importCommand, templateCommand } from "./import-command.ts";
import { readTable } from "./read-table.ts";
import { csv, setUpBureau } from "./test-files.ts";

/** `xinfang template ledger` and `xinfang import ledger` at the console, and the files that try to break them. */
let db: Db;
let dir: string;
const lines: string[] = [];
const progress: string[] = [];
const io = {
  log: (l: string) => void lines.push(l),
  progress: (l: string) => void progress.push(l),
};
const keyRing = generateKeyRing();
const base = {
  dryRun: false,
  skipInvalid: false,
  grantRoles: false,
  passwords: undefined,
  yes: true,
  keyRing,
};
const cases = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0]!.n;

beforeAll(async () => {
  db = await openTestDb();
  await setUpBureau(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-ledger-"));
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function reportRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.getWorksheet("导入报告")!.eachRow((r) => {
    out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? "")));
  });
  return out;
}

describe("xinfang import ledger", () => {
  it("writes the ledger template, whose headers the import maps to every field", async () => {
    const file = path.join(dir, "台账模板.xlsx");
    expect(await templateCommand("ledger", file, io)).toBe(0);
    const t = await readTable(fs.readFileSync(file), file);
    expect(t.sheet).toBe("信访台账");
    expect(t.header).toContain("登记日期");
    expect(t.header).toContain("原编号（可不填）");
  });

  it("dry-runs with the mapping and a report, imports with progress, and the second run adds nothing", async () => {
    const file = path.join(dir, "2025年台账.csv");
    fs.writeFileSync(
      file,
      csv([
        ["登记日期", "信访人", "身份证号", "反映问题", "原编号"],
        ["2025-01-02", "王五", "110105194912310021", "村道破损", "A-1"],
        ["2025-01-03", "赵六", "", "低保未发放", "A-2"],
        ["2025-13-03", "孙七", "", "日期错误", "A-3"],
      ]),
    );
    lines.length = 0;
    expect(await importCommand(db, "ledger", file, { ...base, dryRun: true }, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/登记日期\* ← 登记日期/);
    expect(lines.join("\n")).toMatch(/「CSV」工作表第4行「登记日期（A）」列：日期「2025-13-03」无法识别/);
    const report = path.join(dir, "2025年台账.导入报告.xlsx");
    expect((await reportRows(report)).map((r) => r.slice(0, 3))).toEqual([
      ["行号", "结果", "原编号"],
      ["2", "将导入（试运行）", "A-1"],
      ["3", "将导入（试运行）", "A-2"],
      ["4", "有错误，跳过", ""],
    ]);
    expect(await cases()).toBe(0);

    lines.length = 0;
    expect(await importCommand(db, "ledger", file, base, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/导入未写入任何数据/);
    expect(await cases()).toBe(0);

    lines.length = 0;
    const own = path.join(dir, "own-report.xlsx");
    expect(await importCommand(db, "ledger", file, { ...base, skipInvalid: true, report: own }, io)).toBe(0);
    expect(await cases()).toBe(2);
    expect(progress.at(-1)).toMatch(/3\/3 行 \d+ 行\/秒 剩余约 0 秒/);
    expect(lines.join("\n")).toMatch(/身份证号未通过校验 1（已保留并标记）/);
    expect((await reportRows(own)).slice(1).map((r) => r[1])).toEqual(["已导入", "已导入", "有错误，跳过"]);

    lines.length = 0;
    expect(await importCommand(db, "ledger", file, { ...base, skipInvalid: true }, io)).toBe(0);
    expect(lines.join("\n")).toMatch(/导入 0，已存在 2/);
    expect(await cases()).toBe(2);
  });

  it("asks to confirm an automatic mapping on a terminal and imports nothing on no", async () => {
    const file = path.join(dir, "ask.csv");
    fs.writeFileSync(
      file,
      csv([
        ["日期", "事由"],
        ["2024-05-06", "问一下"],
      ]),
    );
    lines.length = 0;
    const asked: string[] = [];
    const no = {
      ...io,
      confirm: async (q: string) => {
        asked.push(q);
        return false;
      },
    };
    expect(await importCommand(db, "ledger", file, { ...base, yes: false }, no)).toBe(1);
    expect(asked).toHaveLength(1);
    expect(await cases()).toBe(2);
    const yes = { ...io, confirm: async () => true };
    expect(await importCommand(db, "ledger", file, { ...base, yes: false }, yes)).toBe(0);
    expect(await cases()).toBe(3);
  });

  it("refuses empty sheets and files with no data rows, with a reason and nothing written", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("空");
    const empty = path.join(dir, "empty.xlsx");
    fs.writeFileSync(empty, Buffer.from(await wb.xlsx.writeBuffer()));
    lines.length = 0;
    expect(await importCommand(db, "ledger", empty, base, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/文件中没有任何数据/);
    const headerOnly = path.join(dir, "header.csv");
    fs.writeFileSync(headerOnly, csv([["登记日期", "反映问题"]]));
    lines.length = 0;
    expect(await importCommand(db, "ledger", headerOnly, base, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/表中没有数据行/);
    expect(await cases()).toBe(3);
  });

  it("takes a merged cell's value for every row it spans, and numbers typed where text belongs", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["登记日期", "信访人", "反映问题", "问题类别", "原编号", "人数"]);
    ws.addRow([new Date(Date.UTC(2024, 2, 5)), "甲", "合并单元格一", "劳资纠纷", 1001, 3]);
    ws.addRow([new Date(Date.UTC(2024, 2, 6)), "乙", "合并单元格二", null, 1002, "五"]);
    ws.mergeCells("D2:D3");
    const file = path.join(dir, "merged.xlsx");
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    lines.length = 0;
    expect(await importCommand(db, "ledger", file, base, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/第3行「人数（F）」列：应为1到100000之间的整数/);
    expect(await importCommand(db, "ledger", file, { ...base, skipInvalid: true }, io)).toBe(0);
    const r = await db.query<{ ledger_number: string; category: string }>(
      `SELECT c.ledger_number, cat.name_zh AS category FROM cases c JOIN categories cat ON cat.id = c.category_id
        WHERE c.ledger_number IN ('1001', '1002')`,
    );
    expect(r.rows).toEqual([{ ledger_number: "1001", category: "劳资纠纷" }]);
  });

  it(`imports a ${DEEP ? "100,000" : "3,000"}-row ledger in one go, all or nothing, and refuses more than 100,000 rows`, async () => {
    const n = DEEP ? 100_000 : 3_000;
    const rows = [["登记日期", "信访人", "反映问题", "原编号"]];
    for (let i = 0; i < n; i++)
      rows.push([`2023-${1 + (i % 12)}-${1 + (i % 28)}`, `人${i % 997}`, `大表第${i}行的问题`, `BIG-${i}`]);
    const file = path.join(dir, "big.csv");
    fs.writeFileSync(file, csv(rows));
    const before = await cases();
    expect(await importCommand(db, "ledger", file, base, io)).toBe(0);
    expect(await cases()).toBe(before + n);
    const diff = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT * FROM case_stats EXCEPT SELECT * FROM case_stats_source) a)::int
            + (SELECT count(*) FROM (SELECT * FROM case_stats_source EXCEPT SELECT * FROM case_stats) b)::int AS n`,
    );
    expect(diff.rows[0]!.n).toBe(0);
    fs.writeFileSync(file, `登记日期,反映问题\n${"2023-01-01,x\n".repeat(100_001)}`);
    lines.length = 0;
    expect(await importCommand(db, "ledger", file, base, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/行数超过上限 100000/);
    expect(await cases()).toBe(before + n);
  }, 600_000);
});
