import ExcelJS from "exceljs";
import { canSeeField, type TFieldDefinition } from "../../domain/fields/definitions.ts";
import { formatFen } from "../../domain/fields/money.ts";
import type { StoredValues } from "../../domain/fields/values.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { allFieldSetVersions } from "./store.ts";
import type { WageLedgerRow } from "./wages.ts";

/** Money cells: a number shown with two decimals, made from the exact decimal text of the fen. */
const money = (fen: string) => Number(formatFen(fen));
const MONEY_FMT = "#,##0.00";

export interface ExtraLedgerColumns {
  columns: { header: string; key: string; width: number; money: boolean }[];
  byCase: Map<string, Record<string, string | number>>;
}

/**
 * The category fields as extra columns of the case ledger: each key the actor may see in the
 * version a case was recorded with (money in yuan), and the sum of payments recovered.
 */
export async function ledgerFieldColumns(
  q: Queryable,
  actor: Actor,
  caseIds: readonly string[],
): Promise<ExtraLedgerColumns> {
  const byCase = new Map<string, Record<string, string | number>>();
  if (caseIds.length === 0) return { columns: [], byCase };
  const sets = new Map((await allFieldSetVersions(q)).map((s) => [s.id, s]));
  const { rows } = await q.query<{ case_id: string; field_set_id: string; field_values: StoredValues }>(
    "SELECT case_id, field_set_id, field_values FROM case_field_values WHERE case_id = ANY($1::uuid[])",
    [caseIds],
  );
  const pays = await q.query<{ case_id: string; fen: string }>(
    `SELECT case_id, sum(amount_fen)::text AS fen FROM case_payments
      WHERE case_id = ANY($1::uuid[]) AND voided_at IS NULL GROUP BY case_id`,
    [caseIds],
  );
  const columns = new Map<string, { header: string; key: string; width: number; money: boolean }>();
  for (const r of rows) {
    const set = sets.get(r.field_set_id);
    if (!set) continue;
    const cells = byCase.get(r.case_id) ?? {};
    for (const d of set.fields as TFieldDefinition[]) {
      if (!canSeeField(d, actor.roles)) continue;
      const col = `f_${d.key}`;
      if (!columns.has(col))
        columns.set(col, {
          header:
            d.type === "money" ? `${d.labelZh}（元）` : d.unit ? `${d.labelZh}（${d.unit}）` : d.labelZh,
          key: col,
          width: d.type === "text" ? 20 : 14,
          money: d.type === "money",
        });
      const v = r.field_values[d.key];
      if (v === undefined) continue;
      if (d.type === "money") cells[col] = money(String(v));
      else if (d.type === "number") cells[col] = Number(v);
      else if (d.type === "boolean") cells[col] = v === true ? "是" : "否";
      else if (d.type === "choice") cells[col] = d.options?.find((o) => o.value === v)?.labelZh ?? String(v);
      else cells[col] = String(v);
    }
    byCase.set(r.case_id, cells);
  }
  if (pays.rows.length > 0) {
    columns.set("f__recovered", { header: "已追回金额（元）", key: "f__recovered", width: 14, money: true });
    for (const p of pays.rows) {
      const cells = byCase.get(p.case_id) ?? {};
      cells.f__recovered = money(p.fen);
      byCase.set(p.case_id, cells);
    }
  }
  return { columns: [...columns.values()], byCase };
}

export const WAGE_LEDGER_HEADERS = [
  "序号",
  "用工单位",
  "项目名称",
  "件数",
  "涉及人数",
  "欠薪金额（元）",
  "本期追回（元）",
  "累计追回（元）",
  "尚欠金额（元）",
] as const;

/** The wage-arrears ledger (欠薪台账) by employer and project, with a total row summed from the integers. */
export async function writeWageLedgerXlsx(rows: readonly WageLedgerRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Xinfang";
  wb.title = title;
  const ws = wb.addWorksheet("欠薪台账", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, WAGE_LEDGER_HEADERS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.addRow([...WAGE_LEDGER_HEADERS]).font = { bold: true };
  ws.columns.forEach((c, i) => {
    c.width = [6, 28, 28, 8, 10, 16, 16, 16, 16][i] ?? 12;
  });
  const total = { cases: 0, workers: 0, owed: 0n, period: 0n, all: 0n, out: 0n };
  rows.forEach((r, i) => {
    ws.addRow([
      i + 1,
      r.employer || "（未填写）",
      r.project || "（未填写）",
      r.cases,
      Number(r.workers),
      money(r.owedFen),
      money(r.recoveredPeriodFen),
      money(r.recoveredTotalFen),
      money(r.outstandingFen),
    ]);
    total.cases += r.cases;
    total.workers += Number(r.workers);
    total.owed += BigInt(r.owedFen);
    total.period += BigInt(r.recoveredPeriodFen);
    total.all += BigInt(r.recoveredTotalFen);
    total.out += BigInt(r.outstandingFen);
  });
  const t = ws.addRow([
    "合计",
    "",
    "",
    total.cases,
    total.workers,
    money(total.owed.toString()),
    money(total.period.toString()),
    money(total.all.toString()),
    money(total.out.toString()),
  ]);
  t.font = { bold: true };
  for (const col of [6, 7, 8, 9]) ws.getColumn(col).numFmt = MONEY_FMT;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
