import ExcelJS from "exceljs";
import {
  CHANNEL_ZH,
  DESTINATION_ZH,
  LEGAL_CLASS_ZH,
  NATURE_ZH,
  RATE_ZH,
  type RateName,
  STATUS_ZH,
} from "../../domain/metrics/labels.ts";
import { roundingNote } from "../../domain/metrics/percent.ts";
import type { TCaseListQuery } from "../../domain/schemas/case.ts";
import type { TBreakdownRow, TStatsSummary } from "../../domain/schemas/stats.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { resolveFieldFilters } from "../fields/filters.ts";
import type { ExtraLedgerColumns } from "../fields/xlsx.ts";
import { AppError } from "../plugins/errors.ts";
import { listConditions } from "../queries/cases.ts";

/** The most cases one ledger holds; a larger export must be narrowed (by period or region). */
export const LEDGER_MAX_ROWS = 50_000;

interface LedgerRow {
  case_id: string;
  case_number: string;
  received_at: Date;
  channel: keyof typeof CHANNEL_ZH;
  petitioner_name: string | null;
  id_number_masked: string | null;
  phone_masked: string | null;
  petitioner_count: number;
  headcount: number;
  batch_count: number;
  is_collective: boolean;
  is_first_petition: boolean;
  region_name: string;
  problem_region_code: string;
  household_region_code: string | null;
  category_name: string | null;
  nature: keyof typeof NATURE_ZH | null;
  legal_class: keyof typeof LEGAL_CLASS_ZH | null;
  destination_level: keyof typeof DESTINATION_ZH | null;
  title: string;
  lead_unit_name: string | null;
  status: keyof typeof STATUS_ZH;
  handling_due_on: string | null;
  replied_at: Date | null;
  reply_opinion: string | null;
  bureau_rating: string | null;
  unit_rating: string | null;
}

const OPINION_ZH: Record<string, string> = { support: "支持", explain: "解释说明", not_support: "不支持" };
const RATING_ZH: Record<string, string> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  dissatisfied: "不满意",
};

/**
 * Names are shortened to the family name (张**), like the masked ID and phone numbers: a ledger
 * leaves the system as a file, and the full identity stays behind the audited identity endpoint.
 */
export function maskName(name: string | null): string {
  if (!name) return "";
  const chars = [...name];
  return chars[0] + "*".repeat(Math.max(1, chars.length - 1));
}

const shanghai = (d: Date | null) =>
  d ? new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(d) : "";

export const LEDGER_COLUMNS: { header: string; key: string; width: number }[] = [
  { header: "序号", key: "n", width: 6 },
  { header: "信访编号", key: "caseNumber", width: 22 },
  { header: "收到日期", key: "received", width: 12 },
  { header: "信访渠道", key: "channel", width: 10 },
  { header: "信访人", key: "name", width: 10 },
  { header: "身份证号（脱敏）", key: "idNumber", width: 22 },
  { header: "联系电话（脱敏）", key: "phone", width: 15 },
  { header: "人数", key: "headcount", width: 6 },
  { header: "批次", key: "batches", width: 6 },
  { header: "个体/集体", key: "collective", width: 9 },
  { header: "初信初访/重复", key: "first", width: 12 },
  { header: "问题属地", key: "region", width: 14 },
  { header: "户籍地代码", key: "household", width: 14 },
  { header: "问题类别", key: "category", width: 14 },
  { header: "信访性质", key: "nature", width: 11 },
  { header: "法定分类", key: "legalClass", width: 11 },
  { header: "去向层级", key: "destination", width: 9 },
  { header: "信访事项", key: "title", width: 40 },
  { header: "主办单位", key: "leadUnit", width: 14 },
  { header: "办理状态", key: "status", width: 10 },
  { header: "办理期限", key: "due", width: 12 },
  { header: "答复日期", key: "replied", width: 12 },
  { header: "答复意见", key: "opinion", width: 10 },
  { header: "信访部门满意度", key: "bureauRating", width: 12 },
  { header: "承办单位满意度", key: "unitRating", width: 12 },
];

/** The cases of a list filter as ledger rows, oldest first; refuses more than LEDGER_MAX_ROWS. */
export async function loadLedgerRows(
  q: Queryable,
  actor: Actor,
  f: Omit<TCaseListQuery, "page" | "pageSize">,
  asOf: Date,
): Promise<LedgerRow[]> {
  const fieldFilters = await resolveFieldFilters(q, actor, f.fieldFilter);
  const p = new SqlParams();
  const where = listConditions(actor, { ...f, page: 1, pageSize: 1 }, p, asOf, fieldFilters).join(" AND ");
  const limit = p.add(LEDGER_MAX_ROWS + 1);
  const { rows } = await q.query<LedgerRow>(
    `SELECT c.id AS case_id, c.case_number, c.received_at, c.channel, fp.name AS petitioner_name, fp.id_number_masked,
            fp.phone_masked, (SELECT count(*)::int FROM case_petitioners pc WHERE pc.case_id = c.id) AS petitioner_count,
            c.headcount, c.batch_count, c.is_collective, c.is_first_petition, r.name AS region_name,
            c.problem_region_code, fp.household_region_code, cat.name_zh AS category_name, c.nature, c.legal_class,
            c.destination_level, c.title, lu.name AS lead_unit_name, c.status,
            to_char(kh.due_on, 'YYYY-MM-DD') AS handling_due_on, c.replied_at, c.reply_opinion,
            c.bureau_rating, c.unit_rating
       FROM cases c
       JOIN org_units r ON r.id = c.region_unit_id
       LEFT JOIN categories cat ON cat.id = c.category_id
       LEFT JOIN case_petitioners fp ON fp.case_id = c.id AND fp.position = 0
       LEFT JOIN case_assignments la ON la.case_id = c.id AND la.role = 'lead' AND la.status <> 'returned'
       LEFT JOIN org_units lu ON lu.id = la.unit_id
       LEFT JOIN case_clocks kh ON kh.case_id = c.id AND kh.clock = 'statutory' AND kh.step = 'handling'
      WHERE ${where}
      ORDER BY c.received_at, c.case_number
      LIMIT ${limit}`,
    p.values,
  );
  if (rows.length > LEDGER_MAX_ROWS) throw new AppError("STATS_EXPORT_TOO_LARGE", { max: LEDGER_MAX_ROWS });
  return rows;
}

/** The 台账 workbook: one sheet of cases with a frozen, filterable header row. */
export async function writeLedgerXlsx(
  rows: LedgerRow[],
  title: string,
  extra?: ExtraLedgerColumns,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Xinfang";
  const ws = wb.addWorksheet("信访事项台账", { views: [{ state: "frozen", ySplit: 1 }] });
  // The category fields (server/fields/xlsx.ts) follow the fixed columns.
  const columns = [...LEDGER_COLUMNS, ...(extra?.columns ?? [])];
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => {
    ws.addRow({
      n: i + 1,
      caseNumber: r.case_number,
      received: shanghai(r.received_at),
      channel: CHANNEL_ZH[r.channel],
      name: maskName(r.petitioner_name) + (r.petitioner_count > 1 ? `等${r.petitioner_count}人` : ""),
      idNumber: r.id_number_masked ?? "",
      phone: r.phone_masked ?? "",
      headcount: r.headcount,
      batches: r.batch_count,
      collective: r.is_collective ? "集体访" : "个体访",
      first: r.is_first_petition ? "初信初访" : "重复信访",
      region: r.region_name,
      household: r.household_region_code ?? "",
      category: r.category_name ?? "",
      nature: r.nature ? NATURE_ZH[r.nature] : "",
      legalClass: r.legal_class ? LEGAL_CLASS_ZH[r.legal_class] : "",
      destination: r.destination_level ? DESTINATION_ZH[r.destination_level] : "",
      title: r.title,
      leadUnit: r.lead_unit_name ?? "",
      status: STATUS_ZH[r.status] ?? r.status,
      due: r.handling_due_on ?? "",
      replied: shanghai(r.replied_at),
      opinion: r.reply_opinion ? (OPINION_ZH[r.reply_opinion] ?? r.reply_opinion) : "",
      bureauRating: r.bureau_rating ? (RATING_ZH[r.bureau_rating] ?? "") : "",
      unitRating: r.unit_rating ? (RATING_ZH[r.unit_rating] ?? "") : "",
      ...extra?.byCase.get(r.case_id),
    });
  });
  for (const c of extra?.columns ?? []) if (c.money) ws.getColumn(c.key).numFmt = "#,##0.00";
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  wb.title = title;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The dashboard's numbers as a workbook: one sheet per breakdown, with the rates. */
export async function writeSummaryXlsx(s: TStatsSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Xinfang";
  const sheet = (name: string, rows: TBreakdownRow[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [
      { header: "项目", key: "label", width: 20 },
      { header: "件次", key: "items", width: 8 },
      // 批次 and 人次 are the visits' (server/stats/summary.ts VISIT_PERSONS_SQL).
      { header: "来访批次", key: "batches", width: 10 },
      { header: "来访人次", key: "personVisits", width: 10 },
      { header: "占比(%)", key: "share", width: 9 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow({ ...r, share: r.share ?? "" });
    const note = roundingNote(rows.map((r) => r.share));
    if (note) {
      ws.addRow([]);
      ws.addRow([note]).font = { italic: true };
    }
  };
  const names: Record<string, string> = {
    channel: "渠道",
    nature: "性质",
    legalClass: "法定分类",
    category: "问题类别",
    subcategory: "问题细类",
    problemRegion: "问题属地",
    householdRegion: "户籍地",
    destinationLevel: "去向层级",
    collective: "个体集体",
    firstPetition: "初信重复",
    handlingUnit: "承办单位",
    status: "状态",
    month: "月份",
  };
  const rates = wb.addWorksheet("指标");
  rates.columns = [
    { header: "指标", key: "k", width: 18 },
    { header: "分子", key: "n", width: 8 },
    { header: "分母", key: "d", width: 8 },
    { header: "比率(%)", key: "p", width: 9 },
  ];
  for (const k of Object.keys(RATE_ZH) as RateName[]) {
    const r = s.rates[k];
    rates.addRow({ k: RATE_ZH[k], n: r.numerator, d: r.denominator, p: r.percent ?? "" });
  }
  for (const [d, rows] of Object.entries(s.breakdowns)) sheet(names[d] ?? d, rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
