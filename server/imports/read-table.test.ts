import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseCsv, readTable, TableError } from "./read-table.ts";

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
