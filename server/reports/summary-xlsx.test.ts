import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { TStatsSummary } from "../../domain/schemas/stats.ts";
import { writeSummaryXlsx } from "./ledger.ts";

describe("the summary workbook's 指标 sheet", () => {
  it("names every rate in Chinese, never by its code name", async () => {
    const rate = { numerator: 3, denominator: 4, percent: 75 };
    // Only what the sheet reads: the rates and no breakdowns.
    const summary = {
      rates: {
        timelyAcceptance: rate,
        onTimeCompletion: rate,
        evaluation: rate,
        bureauSatisfaction: rate,
        unitSatisfaction: rate,
        repeat: rate,
        onlineShare: rate,
      },
      breakdowns: {},
    } as unknown as TStatsSummary;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeSummaryXlsx(summary)) as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.getWorksheet("指标")!.eachRow((row, i) => {
      if (i > 1) names.push(String(row.getCell(1).value));
    });
    expect(names).toEqual([
      "及时受理率",
      "按期办结率",
      "参评率",
      "信访部门满意率",
      "承办单位满意率",
      "重复信访率",
      "网信占比",
    ]);
  });
});
