import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { CsvParser, openTable, parseCsv, readTable, TableError } from "./read-table.ts";

describe("reading an import file", () => {
  it("reads CSV cells with commas, quotes and line breaks, and CRLF lines", () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\r\nx,y\r\n')).toEqual([
      ["a", "b,c", 'say "hi"', "two\nlines"],
      ["x", "y"],
    ]);
  });

  it("gives a merged range's value to every cell of it, and numbers and dates as text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("组织网络");
    ws.addRow(["单位名称", "单位类型", "行政区划代码"]);
    ws.addRow(["东湖村", "村（社区）", 330127001201]);
    ws.addRow(["西关村", null, 330127001202]);
    ws.mergeCells("B2:B3");
    ws.addRow([new Date("2024-03-05T00:00:00Z"), { richText: [{ text: "部" }, { text: "门" }] }, "330127"]);
    const t = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), "n.xlsx");
    expect(t.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["东湖村", "村（社区）", "330127001201"],
      ["西关村", "村（社区）", "330127001202"],
      ["2024-03-05", "部门", "330127"],
    ]);
  });

  it("marks formula cells instead of taking their cached value", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(["a"]);
    ws.addRow([{ formula: 'HYPERLINK("http://evil","x")', result: "x" }]);
    const t = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), "f.xlsx");
    expect(t.rows[0]?.cells[0]).toEqual({ text: "", isFormula: true });
  });

  it("refuses an empty workbook, a damaged one and other file types with zh/en reasons", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("空");
    await expect(readTable(Buffer.from(await wb.xlsx.writeBuffer()), "e.xlsx")).rejects.toThrow(
      /没有任何数据/,
    );
    await expect(readTable(Buffer.from("PK\u0003\u0004garbage"), "d.xlsx")).rejects.toBeInstanceOf(
      TableError,
    );
    await expect(readTable(Buffer.from("%PDF-1.4"), "a.pdf")).rejects.toThrow(/only .xlsx or .csv/);
    await expect(readTable(Buffer.from(""), "e.csv")).rejects.toThrow(/no data/);
  });
});

describe("reading an import file as a stream", () => {
  it('parses CSV fed a character at a time exactly as whole (quotes, "" and CRLF split across pieces)', () => {
    const text = 'a,"b,c","say ""hi""","two\r\nlines"\r\nx,"",y\r\n"z"\r\n,\n';
    const p = new CsvParser();
    for (const ch of text) p.feed(ch);
    p.end();
    expect(p.out).toEqual(parseCsv(text));
    expect(p.out).toEqual([["a", "b,c", 'say "hi"', "two\r\nlines"], ["x", "", "y"], ["z"], ["", ""]]);
  });

  it("decodes a GBK CSV larger than one piece, with characters split across pieces", async () => {
    // GBK of 「登记日期,反映问题」 and of 「2022-05-06,低保」; 5,000 rows ≈ 85 KB, read 64 KB at a time.
    const header = Buffer.from("b5c7bcc7c8d5c6da2cb7b4d3b3cecacce20d0a", "hex");
    const row = Buffer.from("323032322d30352d30362cb5cdb1a30d0a", "hex");
    const data = Buffer.concat([header, ...Array<Buffer>(5000).fill(row)]);
    const t = await openTable(data, "gbk.csv");
    expect(t.header).toEqual(["登记日期", "反映问题"]);
    let n = 0;
    for await (const r of t.rows()) {
      expect(r.cells.map((c) => c.text)).toEqual(["2022-05-06", "低保"]);
      n++;
    }
    expect(n).toBe(5000);
    expect(await t.estimateRows()).toBe(5000);
  });

  it("reads shared and inline strings, booleans, errors and date styles, and starts again on each pass", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明为空");
    const ws = wb.addWorksheet("数据");
    ws.addRow(["文本", "真假", "日期", "错误"]);
    ws.addRow(["甲 & <乙>", true, new Date("2024-02-29T00:00:00Z"), { error: "#N/A" }]);
    ws.addRow(["丙", false, 45356, null]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const t = await openTable(file, "s.xlsx");
    expect(t.sheet).toBe("数据");
    expect(t.header).toEqual(["文本", "真假", "日期", "错误"]);
    const read = async () => {
      const out: string[][] = [];
      for await (const r of t.rows()) out.push(r.cells.map((c) => c.text));
      return out;
    };
    const first = await read();
    expect(first).toEqual([
      ["甲 & <乙>", "true", "2024-02-29", "#N/A"],
      ["丙", "false", "45356"],
    ]);
    expect(await read()).toEqual(first);
    expect((await t.head(1)).map((r) => r.row)).toEqual([2]);
  });

  it("refuses a damaged or truncated workbook with a reason instead of crashing", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    for (let i = 0; i < 200; i++) ws.addRow([`第${i}行`, i]);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    for (const bad of [good.subarray(0, good.length - 30), good.subarray(0, good.length >> 1)])
      await expect(
        (async () => {
          const t = await openTable(bad, "t.xlsx");
          for await (const _ of t.rows());
        })(),
      ).rejects.toThrow(/无法读取该 Excel 文件/);
  });
});
