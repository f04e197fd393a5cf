/** The ledger import's report: every row of the file, imported or skipped, and why (.xlsx). */
import ExcelJS from "exceljs";
import type { ImportResult } from "./import.ts";
import { LEDGER_FIELDS } from "./ledger-columns.ts";

const OUTCOME_ZH = {
  imported: "已导入",
  to_import: "将导入（试运行）",
  duplicate: "已存在，跳过",
  skipped: "有错误，跳过",
};

export async function buildLedgerReport(r: ImportResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导入报告");
  ws.addRow(["行号", "结果", "原编号", "系统编号", "说明"]).font = { bold: true };
  for (const x of r.ledger?.rows ?? [])
    ws.addRow([x.row, OUTCOME_ZH[x.outcome], x.ledgerNumber ?? "", x.caseNumber ?? "", x.note]);
  ws.getColumn(5).width = 80;
  ws.getColumn(3).width = 18;
  ws.getColumn(4).width = 22;
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const s = wb.addWorksheet("汇总");
  const sum = r.summary;
  s.addRows([
    ["文件", r.file.name],
    ["SHA-256", r.file.sha256],
    ["是否写入", r.applied ? "是" : "否（试运行或被拒绝）"],
    ["行数", sum.rows],
    ["导入", sum.created],
    ["已存在（跳过）", sum.unchanged],
    ["有错误（跳过）", sum.invalidRows],
    ["身份证号未通过校验（已保留并标记）", r.ledger?.unverifiedIds ?? 0],
    ["记为“其他”的问题类别", (r.ledger?.defaultedCategories ?? []).join("、")],
    ["未指定的责任单位", (r.ledger?.defaultedUnits ?? []).join("、")],
    [],
    ["字段", "对应的列"],
    ...LEDGER_FIELDS.map((f) => [f.zh, r.ledger?.mapping[f.key] ?? "（无）"]),
  ]);
  s.getColumn(1).width = 36;
  s.getColumn(2).width = 70;
  const e = wb.addWorksheet("问题");
  e.addRow(["工作表", "行", "列", "问题", "Problem"]).font = { bold: true };
  for (const i of r.issues) e.addRow([i.sheet, i.row ?? "", i.column ?? "", i.zh, i.en]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
