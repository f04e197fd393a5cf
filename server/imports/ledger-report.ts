/**
 * The ledger import's report: every row of the file, imported or skipped, and why (.xlsx), written
 * as a stream (exceljs's streaming writer: each row is committed to the file as it is added; only
 * the distinct texts are kept, for the shared-string table), so a 100,000-row report is never a
 * workbook in memory.
 */
import { PassThrough, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import type { ImportResult } from "./import.ts";
import { LEDGER_FIELDS } from "./ledger-columns.ts";

const OUTCOME_ZH = {
  imported: "已导入",
  to_import: "将导入（试运行）",
  duplicate: "已存在，跳过",
  skipped: "有错误，跳过",
};

export async function writeLedgerReport(r: ImportResult, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet("导入报告", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [{ width: 8 }, { width: 16 }, { width: 18 }, { width: 22 }, { width: 80 }];
  const head = ws.addRow(["行号", "结果", "原编号", "系统编号", "说明"]);
  head.font = { bold: true };
  head.commit();
  for (const x of r.ledger?.rows ?? [])
    ws.addRow([x.row, OUTCOME_ZH[x.outcome], x.ledgerNumber ?? "", x.caseNumber ?? "", x.note]).commit();
  ws.commit();
  const s = wb.addWorksheet("汇总");
  s.columns = [{ width: 36 }, { width: 70 }];
  const sum = r.summary;
  for (const row of [
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
  ])
    s.addRow(row).commit();
  s.commit();
  const e = wb.addWorksheet("问题");
  const eh = e.addRow(["工作表", "行", "列", "问题", "Problem"]);
  eh.font = { bold: true };
  eh.commit();
  for (const i of r.issues) e.addRow([i.sheet, i.row ?? "", i.column ?? "", i.zh, i.en]).commit();
  e.commit();
  await wb.commit();
  if (!out.writableFinished) await finished(out);
}

/** The report as one buffer (the console's download). */
export async function buildLedgerReport(r: ImportResult): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  await writeLedgerReport(r, sink);
  return Buffer.concat(chunks);
}
