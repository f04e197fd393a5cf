/**
 * The fields of a historical ledger (信访台账) and the Chinese headers bureaus give them. A ledger's
 * headers are matched to fields automatically; the user confirms or changes the mapping before
 * anything is written, and the confirmed mapping is remembered by the file's set of headers.
 */
import { createHash } from "node:crypto";

export const LEDGER_FIELDS = [
  { key: "serial", zh: "序号", headers: ["序号", "编号序号"], required: false },
  {
    key: "receivedOn",
    zh: "登记日期",
    headers: ["登记日期", "来信日期", "来访日期", "受理日期", "日期", "登记时间", "来访时间"],
    required: true,
  },
  {
    key: "name",
    zh: "信访人",
    headers: ["信访人", "姓名", "来信人", "来访人", "信访人姓名"],
    required: false,
  },
  {
    key: "idNumber",
    zh: "身份证号",
    headers: ["身份证号", "身份证号码", "证件号码", "身份证"],
    required: false,
  },
  {
    key: "phone",
    zh: "联系电话",
    headers: ["联系电话", "电话", "手机", "手机号码", "联系方式"],
    required: false,
  },
  { key: "address", zh: "住址", headers: ["住址", "地址", "家庭住址", "现住址"], required: false },
  {
    key: "channel",
    zh: "信访形式",
    headers: ["信访形式", "来源", "方式", "信访方式", "渠道"],
    required: false,
  },
  { key: "headcount", zh: "人数", headers: ["人数", "来访人数"], required: false },
  { key: "batches", zh: "批次", headers: ["批次"], required: false },
  {
    key: "content",
    zh: "反映问题",
    headers: ["反映问题", "主要内容", "信访事项", "内容摘要", "事由", "反映内容", "主要诉求"],
    required: true,
  },
  { key: "category", zh: "问题类别", headers: ["问题类别", "类别", "分类", "问题分类"], required: false },
  { key: "region", zh: "问题属地", headers: ["问题属地", "所属乡镇", "乡镇", "属地"], required: false },
  { key: "unit", zh: "责任单位", headers: ["责任单位", "承办单位", "办理单位", "交办单位"], required: false },
  {
    key: "outcome",
    zh: "办理结果",
    headers: ["办理结果", "办结情况", "处理结果", "答复意见"],
    required: false,
  },
  { key: "closedOn", zh: "办结日期", headers: ["办结日期", "答复日期", "办结时间"], required: false },
  { key: "satisfaction", zh: "是否满意", headers: ["是否满意", "满意度", "满意度评价"], required: false },
  {
    key: "ledgerNumber",
    zh: "原编号",
    headers: ["原编号", "信访编号", "台账编号", "案件编号"],
    required: false,
  },
] as const;

export type LedgerField = (typeof LEDGER_FIELDS)[number]["key"];
export const LEDGER_FIELD_KEYS = LEDGER_FIELDS.map((f) => f.key) as LedgerField[];

/** Field → the index of its column in the header row, or null: not in this file. */
export type LedgerMapping = Record<LedgerField, number | null>;

/** The header as compared: no spaces, no bracketed note, no asterisk, full-width folded. */
export function normaliseHeader(h: string): string {
  return h
    .normalize("NFKC")
    .replace(/[（(][^）)]*[）)]/gu, "")
    .replace(/[\s*：:]/gu, "")
    .trim();
}

/** The first column whose header is one of each field's names (a column serves one field). */
export function autoMapping(header: readonly string[]): LedgerMapping {
  const names = header.map((h) => normaliseHeader(h ?? ""));
  const taken = new Set<number>();
  const mapping = {} as LedgerMapping;
  for (const f of LEDGER_FIELDS) {
    // The field's own names in order of preference: 登记日期 before the bare 日期.
    let found: number | null = null;
    for (const name of f.headers) {
      const i = names.findIndex((n, j) => n === name && !taken.has(j));
      if (i >= 0) {
        found = i;
        break;
      }
    }
    if (found !== null) taken.add(found);
    mapping[f.key] = found;
  }
  return mapping;
}

/** The key a confirmed mapping is remembered by: the file's headers, normalised and sorted. */
export function headerKey(header: readonly string[]): string {
  const names = header.map((h) => normaliseHeader(h ?? "")).filter((h) => h !== "");
  return createHash("sha256")
    .update(JSON.stringify([...names].sort()))
    .digest("hex");
}

/** A mapping given by header text (console, CLI file) as column indexes; unknown headers are errors. */
export function mappingFromHeaders(
  header: readonly string[],
  byHeader: Partial<Record<string, string | null>>,
): { mapping: LedgerMapping; unknown: string[] } {
  const names = header.map((h) => normaliseHeader(h ?? ""));
  const mapping = {} as LedgerMapping;
  const unknown: string[] = [];
  for (const key of LEDGER_FIELD_KEYS) {
    const h = byHeader[key];
    if (h === undefined || h === null || h === "") {
      mapping[key] = null;
      continue;
    }
    const i = names.indexOf(normaliseHeader(h));
    if (i < 0) unknown.push(h);
    mapping[key] = i >= 0 ? i : null;
  }
  return { mapping, unknown };
}

/** The mapping as header text by field, as it is stored and shown. */
export function mappingToHeaders(
  header: readonly string[],
  m: LedgerMapping,
): Record<LedgerField, string | null> {
  const out = {} as Record<LedgerField, string | null>;
  for (const key of LEDGER_FIELD_KEYS) out[key] = m[key] === null ? null : (header[m[key]!] ?? null);
  return out;
}
