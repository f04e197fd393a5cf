/**
 * Importing a historical ledger (信访台账): each row becomes a closed historical case with the
 * ledger's own number, dates, outcome and rating, marked imported. Rows are checked first (a
 * preview writes nothing); the write runs in one transaction, in statements of LEDGER_BATCH rows,
 * so an import is all there or not at all. Petitioners' personal data is encrypted and
 * blind-indexed with register-case.ts's own function, so search and the repeat check find them.
 */
import { validateIdNumber } from "../../domain/identity/id-card.ts";
import type { Queryable } from "../db/index.ts";
import { columnLetter, type ImportIssue, textProblem } from "./columns.ts";
import {
  autoMapping,
  headerKey,
  LEDGER_FIELDS,
  type LedgerField,
  type LedgerMapping,
  mappingFromHeaders,
  mappingToHeaders,
} from "./ledger-columns.ts";
import {
  importKey,
  parseChannel,
  parseCount,
  parseLedgerDate,
  parseSatisfaction,
  type Rating,
} from "./ledger-rows.ts";
import type { Table, TableRow } from "./read-table.ts";

export interface LedgerOptions {
  /** Field → header text, as the user confirmed it; absent: the remembered or automatic mapping. */
  mapping?: Partial<Record<LedgerField, string | null>>;
  /** Unknown category / unit names → the chosen category / unit id, or null (其他 / unassigned). */
  values?: { categories?: Record<string, string | null>; units?: Record<string, string | null> };
  /** Accept the automatic mapping; unknown categories become 其他 and unknown units unassigned. */
  yes: boolean;
}

export type LedgerRowOutcome = "imported" | "to_import" | "duplicate" | "skipped";

export interface LedgerReportRow {
  row: number;
  outcome: LedgerRowOutcome;
  ledgerNumber: string | null;
  caseNumber: string | null;
  /** Chinese, then English: why skipped, or what was noted (an unverified ID number, 其他 …). */
  note: string;
}

export interface LedgerInfo {
  headers: string[];
  mapping: Record<LedgerField, string | null>;
  mappingSource: "given" | "remembered" | "automatic";
  /** Category / unit names of the file that match nothing, and were not mapped. */
  unknownCategories: string[];
  unknownUnits: string[];
  /** Of those, what became 其他 / unassigned (with --yes). */
  defaultedCategories: string[];
  defaultedUnits: string[];
  unverifiedIds: number;
  duplicates: number;
  rows: LedgerReportRow[];
}

export interface ParsedRow {
  row: number;
  receivedOn: string;
  closedOn: string | null;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  channel: "letter" | "visit" | "online" | "phone" | "referral";
  headcount: number;
  batches: number;
  content: string;
  category: string;
  region: string;
  unit: string;
  outcome: string;
  rating: Rating | null;
  ledgerNumber: string | null;
  key: string;
}

export interface LedgerPlan {
  issues: ImportIssue[];
  rows: number;
  invalidRows: number;
  info: LedgerInfo;
  parsed: ParsedRow[];
  /** Resolved ids for the parsed rows' names. */
  categoryIds: Map<string, string | null>;
  unitIds: Map<string, string | null>;
  regions: Map<string, { id: string; path: string; code: string }>;
  county: { id: string; path: string; code: string } | null;
  bureauId: string | null;
  otherCategoryId: string | null;
  mapping: LedgerMapping;
  headerKey: string;
  /** Names the user mapped in this import, to remember: [kind, name, id or null]. */
  chosen: ["category" | "unit", string, string | null][];
}

const fileIssue = (table: Table, zh: string, en: string): ImportIssue => ({
  sheet: table.sheet,
  row: null,
  column: null,
  zh,
  en,
});

async function rememberedMapping(q: Queryable, key: string): Promise<Record<string, string | null> | null> {
  const r = await q.query<{ mapping: Record<string, string | null> }>(
    "SELECT mapping FROM ledger_mappings WHERE header_key = $1",
    [key],
  );
  return r.rows[0]?.mapping ?? null;
}

/** Checks every row against the mapping and the database; writes nothing. */
export async function planLedger(q: Queryable, table: Table, o: LedgerOptions): Promise<LedgerPlan> {
  const issues: ImportIssue[] = [];
  const key = headerKey(table.header);
  let mapping: LedgerMapping;
  let source: LedgerInfo["mappingSource"];
  const remembered = o.mapping ? null : await rememberedMapping(q, key);
  if (o.mapping || remembered) {
    const r = mappingFromHeaders(table.header, (o.mapping ?? remembered)!);
    mapping = r.mapping;
    source = o.mapping ? "given" : "remembered";
    for (const h of r.unknown)
      issues.push(
        fileIssue(table, `对应关系中的列「${h}」不在文件中`, `the mapped column "${h}" is not in the file`),
      );
  } else {
    mapping = autoMapping(table.header);
    source = "automatic";
  }
  const used = new Map<number, LedgerField>();
  for (const f of LEDGER_FIELDS) {
    const i = mapping[f.key];
    if (i === null) {
      if (f.required)
        issues.push({
          sheet: table.sheet,
          row: 1,
          column: f.zh,
          zh: `没有与「${f.zh}」对应的列（必填）：请在对应关系中选择`,
          en: `no column is mapped to "${f.zh}" (required): choose one in the mapping`,
        });
      continue;
    }
    const other = used.get(i);
    if (other)
      issues.push(
        fileIssue(
          table,
          `列「${table.header[i]}」同时对应了两个字段`,
          `the column "${table.header[i]}" is mapped to two fields (${other}, ${f.key})`,
        ),
      );
    used.set(i, f.key);
  }
  if (table.rows.length === 0)
    issues.push(
      fileIssue(table, "表中没有数据行（第1行是表头）", "the sheet has no data rows (row 1 is the header)"),
    );

  const units = (
    await q.query<{ id: string; kind: string; name: string; path: string; region_code: string }>(
      "SELECT id, kind, name, path, region_code FROM org_units WHERE is_active ORDER BY length(path), path",
    )
  ).rows;
  const countyRow = units.find((u) => u.kind === "county");
  const county = countyRow ? { id: countyRow.id, path: countyRow.path, code: countyRow.region_code } : null;
  const bureauId = units.find((u) => u.kind === "bureau")?.id ?? null;
  if (!county || !bureauId)
    issues.push(
      fileIssue(
        table,
        "系统中还没有县和信访局：请先运行 npm run xinfang -- setup",
        "there is no county and bureau yet: run npm run xinfang -- setup first",
      ),
    );
  const categories = (
    await q.query<{ id: string; code: string; name_zh: string }>(
      "SELECT id, code, name_zh FROM categories WHERE is_active",
    )
  ).rows;
  const otherCategoryId = categories.find((c) => c.code === "other")?.id ?? null;
  const info: LedgerInfo = {
    headers: table.header,
    mapping: mappingToHeaders(table.header, mapping),
    mappingSource: source,
    unknownCategories: [],
    unknownUnits: [],
    defaultedCategories: [],
    defaultedUnits: [],
    unverifiedIds: 0,
    duplicates: 0,
    rows: [],
  };
  const base = {
    issues,
    rows: table.rows.length,
    info,
    parsed: [] as ParsedRow[],
    categoryIds: new Map<string, string | null>(),
    unitIds: new Map<string, string | null>(),
    regions: new Map<string, { id: string; path: string; code: string }>(),
    county,
    bureauId,
    otherCategoryId,
    mapping,
    headerKey: key,
    chosen: [] as ["category" | "unit", string, string | null][],
  };
  if (issues.length) return { ...base, invalidRows: table.rows.length };

  const label = (f: LedgerField) => {
    const i = mapping[f]!;
    return `${table.header[i] || f}（${columnLetter(i)}）`;
  };
  const cell = (r: TableRow, f: LedgerField) => {
    const i = mapping[f];
    return i === null ? { text: "", isFormula: false } : (r.cells[i] ?? { text: "", isFormula: false });
  };
  const bad = new Map<number, string>();
  const fail = (r: TableRow, f: LedgerField | null, p: { zh: string; en: string }) => {
    issues.push({ sheet: table.sheet, row: r.row, column: f ? label(f) : null, zh: p.zh, en: p.en });
    if (!bad.has(r.row)) bad.set(r.row, `${f ? `${label(f)}：` : ""}${p.zh}（${p.en}）`);
  };
  const parsed: ParsedRow[] = [];
  const seenKeys = new Map<string, number>();
  const text = (r: TableRow, f: LedgerField, max: number, required: boolean): string => {
    const c = cell(r, f);
    const p = textProblem(c, max, required);
    if (p) fail(r, f, p);
    return c.text.trim();
  };
  for (const r of table.rows) {
    const dateCell = cell(r, "receivedOn");
    let receivedOn: string | null = null;
    if (dateCell.isFormula) fail(r, "receivedOn", textProblem(dateCell, 40, true)!);
    else {
      receivedOn = parseLedgerDate(dateCell.text);
      if (!receivedOn)
        fail(r, "receivedOn", {
          zh: `日期「${dateCell.text.trim()}」无法识别（如 2024-03-05、2024/3/5、2024.3.5、2024年3月5日）`,
          en: `cannot read the date "${dateCell.text.trim()}" (e.g. 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日)`,
        });
    }
    const closedCell = cell(r, "closedOn");
    let closedOn: string | null = null;
    if (closedCell.isFormula) fail(r, "closedOn", textProblem(closedCell, 40, false)!);
    else if (closedCell.text.trim()) {
      closedOn = parseLedgerDate(closedCell.text);
      if (!closedOn)
        fail(r, "closedOn", {
          zh: `日期「${closedCell.text.trim()}」无法识别`,
          en: `cannot read the date "${closedCell.text.trim()}"`,
        });
      else if (receivedOn && closedOn < receivedOn)
        fail(r, "closedOn", { zh: "办结日期早于登记日期", en: "closed before it was received" });
    }
    const content = text(r, "content", 20000, true);
    const name = text(r, "name", 50, false);
    const idNumber = text(r, "idNumber", 30, false);
    const phone = text(r, "phone", 30, false);
    const address = text(r, "address", 200, false);
    const category = text(r, "category", 100, false);
    const region = text(r, "region", 100, false);
    const unit = text(r, "unit", 100, false);
    const outcome = text(r, "outcome", 20000, false);
    const ledgerNumberText = text(r, "ledgerNumber", 60, false);
    text(r, "serial", 30, false);
    const ch = parseChannel(cell(r, "channel").text);
    if ("zh" in ch) fail(r, "channel", ch);
    const sat = parseSatisfaction(cell(r, "satisfaction").text);
    if ("zh" in sat) fail(r, "satisfaction", sat);
    const hc = parseCount(cell(r, "headcount").text, 100000);
    if ("zh" in hc) fail(r, "headcount", hc);
    const bc = parseCount(cell(r, "batches").text, 10000);
    if ("zh" in bc) fail(r, "batches", bc);
    if (bad.has(r.row) || !receivedOn) continue;
    const k = importKey({ ledgerNumber: ledgerNumberText || null, receivedOn, name, idNumber, content });
    const first = seenKeys.get(k);
    if (first !== undefined) {
      info.rows.push({
        row: r.row,
        outcome: "duplicate",
        ledgerNumber: ledgerNumberText || null,
        caseNumber: null,
        note: ledgerNumberText
          ? `原编号与第${first}行相同，未重复导入（same ledger number as row ${first}）`
          : `与第${first}行内容相同，未重复导入（same as row ${first}）`,
      });
      continue;
    }
    seenKeys.set(k, r.row);
    parsed.push({
      row: r.row,
      receivedOn,
      closedOn,
      name,
      idNumber,
      phone,
      address,
      channel: "channel" in ch ? ch.channel : "letter",
      headcount: "value" in hc ? hc.value : 1,
      batches: "value" in bc ? bc.value : 1,
      content,
      category,
      region,
      unit,
      outcome,
      rating: "rating" in sat ? sat.rating : null,
      ledgerNumber: ledgerNumberText || null,
      key: k,
    });
  }
  for (const [row, note] of bad)
    info.rows.push({ row, outcome: "skipped", ledgerNumber: null, caseNumber: null, note });

  // Already imported (an earlier import of this or another file): nothing added for them.
  const already = new Set<string>();
  for (let i = 0; i < parsed.length; i += 5000) {
    const keys = parsed.slice(i, i + 5000).map((p) => p.key);
    const r = await q.query<{ import_key: string }>(
      "SELECT import_key FROM cases WHERE import_key = ANY($1::text[])",
      [keys],
    );
    for (const x of r.rows) already.add(x.import_key);
  }
  const fresh: ParsedRow[] = [];
  for (const p of parsed) {
    if (already.has(p.key)) {
      info.duplicates++;
      info.rows.push({
        row: p.row,
        outcome: "duplicate",
        ledgerNumber: p.ledgerNumber,
        caseNumber: null,
        note: "已导入过，未重复导入（already imported）",
      });
    } else fresh.push(p);
  }

  // Categories and units by name, then the remembered and the given value mappings.
  const catByName = new Map<string, string>();
  for (const c of categories) {
    catByName.set(c.name_zh, c.id);
    catByName.set(c.code, c.id);
  }
  const unitByName = new Map<string, string>();
  for (const u of units) if (u.kind !== "group" && !unitByName.has(u.name)) unitByName.set(u.name, u.id);
  const regionByName = new Map<string, { id: string; path: string; code: string }>();
  for (const u of units)
    if (["township", "village"].includes(u.kind) && !regionByName.has(u.name))
      regionByName.set(u.name, { id: u.id, path: u.path, code: u.region_code });
  const rememberedValues = (
    await q.query<{ kind: string; value: string; target_id: string | null }>(
      "SELECT kind, value, target_id FROM ledger_value_mappings",
    )
  ).rows;
  const categoryIds = new Map<string, string | null>();
  const unitIds = new Map<string, string | null>();
  const validCategory = new Set(categories.map((c) => c.id));
  const validUnit = new Set(units.map((u) => u.id));
  const given = (kind: "categories" | "units", v: string) => o.values?.[kind]?.[v];
  for (const p of fresh) {
    if (p.category && !categoryIds.has(p.category)) {
      const byName = catByName.get(p.category);
      const g = given("categories", p.category);
      const rem = rememberedValues.find((x) => x.kind === "category" && x.value === p.category);
      if (byName) categoryIds.set(p.category, byName);
      else if (g !== undefined && (g === null || validCategory.has(g))) {
        categoryIds.set(p.category, g);
        base.chosen.push(["category", p.category, g]);
      } else if (rem && (rem.target_id === null || validCategory.has(rem.target_id)))
        categoryIds.set(p.category, rem.target_id);
      else {
        info.unknownCategories.push(p.category);
        categoryIds.set(p.category, o.yes ? null : "?");
        if (o.yes) info.defaultedCategories.push(p.category);
      }
    }
    if (p.unit && !unitIds.has(p.unit)) {
      const byName = unitByName.get(p.unit);
      const g = given("units", p.unit);
      const rem = rememberedValues.find((x) => x.kind === "unit" && x.value === p.unit);
      if (byName) unitIds.set(p.unit, byName);
      else if (g !== undefined && (g === null || validUnit.has(g))) {
        unitIds.set(p.unit, g);
        base.chosen.push(["unit", p.unit, g]);
      } else if (rem && (rem.target_id === null || validUnit.has(rem.target_id)))
        unitIds.set(p.unit, rem.target_id);
      else {
        info.unknownUnits.push(p.unit);
        unitIds.set(p.unit, o.yes ? null : "?");
        if (o.yes) info.defaultedUnits.push(p.unit);
      }
    }
  }
  const unresolvedCats = info.unknownCategories.filter((c) => categoryIds.get(c) === "?");
  const unresolvedUnits = info.unknownUnits.filter((u) => unitIds.get(u) === "?");
  if (unresolvedCats.length)
    issues.push(
      fileIssue(
        table,
        `问题类别无法对应：${unresolvedCats.join("、")}。请为每个选择系统中的类别（或“其他”），或用 --yes 记为“其他”`,
        `categories that match none: ${unresolvedCats.join(", ")}; choose one for each (or 其他), or --yes for 其他`,
      ),
    );
  if (unresolvedUnits.length)
    issues.push(
      fileIssue(
        table,
        `责任单位无法对应：${unresolvedUnits.join("、")}。请为每个选择系统中的单位（或“不指定”），或用 --yes 不指定`,
        `units that match none: ${unresolvedUnits.join(", ")}; choose one for each (or none), or --yes for none`,
      ),
    );
  for (const p of fresh) {
    const notes: string[] = [];
    if (p.idNumber && !validateIdNumber(p.idNumber).ok) {
      info.unverifiedIds++;
      notes.push("身份证号未通过校验（GB 11643），已保留并标记（ID number fails GB 11643: kept, flagged）");
    }
    if (p.category && categoryIds.get(p.category) === null && !given("categories", p.category))
      notes.push(`问题类别「${p.category}」记为其他（category recorded as 其他）`);
    if (p.unit && unitIds.get(p.unit) === null)
      notes.push(`责任单位「${p.unit}」未指定（unit left unassigned）`);
    if (p.region && !regionByName.has(p.region))
      notes.push(`问题属地「${p.region}」未找到，记为全县（region not found: the county）`);
    info.rows.push({
      row: p.row,
      outcome: "to_import",
      ledgerNumber: p.ledgerNumber,
      caseNumber: null,
      note: notes.join("；"),
    });
  }
  info.rows.sort((a, b) => a.row - b.row);
  return {
    ...base,
    parsed: fresh,
    categoryIds,
    unitIds,
    regions: regionByName,
    invalidRows: bad.size,
  };
}
