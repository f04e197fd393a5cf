import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { TStatsSummary } from "../../domain/schemas/stats.ts";
import { writeSummaryXlsx } from "./ledger.ts";
import { renderTemplate } from "./template.ts";

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

  it("notes under a breakdown whose one-decimal shares add up to 99.9, in the workbook and the report", async () => {
    const row = (label: string, items: number, share: number) => ({
      label,
      items,
      batches: 0,
      personVisits: 0,
      share,
    });
    const thirds = [row("来信", 1, 33.3), row("来访", 1, 33.3), row("网上信访", 1, 33.3)];
    const halves = [row("求决", 1, 50), row("申诉", 1, 50)];
    const rate = { numerator: 0, denominator: 0, percent: null };
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
      breakdowns: { channel: thirds, nature: halves },
      splits: { byCollective: {}, byNature: {}, byDestinationLevel: {} },
      period: { label: "2026年" },
      scope: { name: "示范县" },
      totals: { items: 3, batches: 0, personVisits: 0 },
      comparison: {
        items: { yoy: { current: 3, delta: 0, percent: 0 }, mom: { current: 3, delta: 0, percent: 0 } },
      },
    } as unknown as TStatsSummary;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeSummaryXlsx(summary)) as unknown as ArrayBuffer);
    const texts = (sheet: string) => {
      const out: string[] = [];
      wb.getWorksheet(sheet)!.eachRow((r) => {
        out.push(String(r.getCell(1).value));
      });
      return out;
    };
    expect(texts("渠道").at(-1)).toContain("合计为99.9%");
    expect(texts("性质").some((t) => t.startsWith("注："))).toBe(false);

    const blocks = renderTemplate("{{table:channels}}\n{{table:natures}}", summary);
    const tables = blocks.flatMap((b) => (b.kind === "table" ? [b] : []));
    expect(tables.map((t) => t.name)).toEqual(["channels", "natures"]);
    expect(tables[0]!.note).toContain("系舍入所致");
    expect(tables[1]!.note).toBeUndefined();
  });
});
