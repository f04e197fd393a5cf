/**
 * Importing a historical ledger (信访台账): each row becomes a closed historical case with the
 * ledger's own number, dates, outcome and rating, marked imported. Rows are checked first (a
 * preview writes nothing); the write runs in one transaction, in statements of LEDGER_BATCH rows,
 * so an import is all there or not at all. Petitioners' personal data is encrypted and
 * blind-indexed with register-case.ts's own function, so search and the repeat check find them.
 */
import { randomUUID } from "node:crypto";
import { validateIdNumber, validatePhone } from "../../domain/identity/id-card.ts";
import { maskIdNumber, maskPhone } from "../../domain/identity/mask.ts";
import { preparePetitioners } from "../commands/register-case.ts";
import { blindIndex, encryptField, type KeyRing } from "../crypto/field-crypto.ts";
import type { Queryable } from "../db/index.ts";
import { indexText } from "../search/segment.ts";
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
  titleOf,
} from "./ledger-rows.ts";
import type { Table, TableRow } from "./read-table.ts";

/** Rows per INSERT statement: big enough that a statement's fixed cost vanishes, small enough to stream. */
export const LEDGER_BATCH = 1000;

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

interface ParsedRow {
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

/** ISO day in Asia/Shanghai → the instant it starts. */
const dayStart = (d: string) => `${d}T00:00:00+08:00`;

/** Encrypts one row's petitioner the way a registration does; an ID number that fails GB 11643 is kept, flagged. */
function petitionerOf(keyRing: KeyRing, p: ParsedRow) {
  if (!p.name && !p.idNumber && !p.phone && !p.address) return null;
  const idOk = p.idNumber ? validateIdNumber(p.idNumber).ok : false;
  const phoneOk = p.phone ? validatePhone(p.phone).ok : false;
  const [prepared] = preparePetitioners(keyRing, [
    {
      name: p.name || "（台账未记）",
      idNumber: idOk ? p.idNumber : undefined,
      phone: phoneOk ? p.phone : undefined,
      address: p.address || undefined,
      isRepresentative: false,
    },
  ]);
  const x = prepared!;
  let { idEnc, idBidx, idMasked, phoneEnc, phoneBidx, phoneMasked } = x;
  if (p.idNumber && !idOk) {
    const raw = p.idNumber.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
    idEnc = encryptField(keyRing, raw, "case_petitioners.id_number");
    idBidx = blindIndex(keyRing, "id_number", raw);
    idMasked = maskIdNumber(raw);
  }
  if (p.phone && !phoneOk) {
    const raw = p.phone.normalize("NFKC").replace(/\s+/g, "");
    phoneEnc = encryptField(keyRing, raw, "case_petitioners.phone");
    phoneBidx = null;
    phoneMasked = maskPhone(raw);
  }
  return {
    position: 0,
    name: x.input.name,
    id_number_enc: idEnc,
    id_number_bidx: idBidx,
    id_number_masked: idMasked,
    id_number_unverified: Boolean(p.idNumber && !idOk),
    phone_enc: phoneEnc,
    phone_bidx: phoneBidx,
    phone_masked: phoneMasked,
    address: p.address || null,
  };
}

const WRITE_SQL = `WITH i AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(n int, id uuid, import_key text, ledger_number text,
    channel text, category_id uuid, title text, content text, region_code text, region_unit_id uuid,
    region_path text, headcount int, batch_count int, is_collective boolean, received_at timestamptz,
    replied_at timestamptz, reply_text text, rating text, year text, unit_id uuid, search_text text,
    petitioner jsonb, bidx text[])
), c AS (
  INSERT INTO cases (id, case_number, query_code_hash, channel, status, category_id, title, content,
     problem_region_code, region_unit_id, region_path, headcount, batch_count, is_collective, is_first_petition,
     referral_source, received_at, registered_at, registered_by, owner_unit_id, search_text, replied_at,
     reply_text, bureau_rating, rated_at, is_imported, ledger_number, import_key)
  SELECT i.id, $2 || '-' || i.year || '-' || lpad(nextval('case_number_seq')::text, 7, '0'),
         'imported:' || gen_random_uuid()::text, i.channel, 'closed', i.category_id, i.title, i.content,
         i.region_code, i.region_unit_id, i.region_path, i.headcount, i.batch_count, i.is_collective,
         NOT EXISTS (SELECT 1 FROM unnest(i.bidx) AS b(v)
                      WHERE EXISTS (SELECT 1 FROM case_petitioners x WHERE x.id_number_bidx = b.v)),
         CASE WHEN i.channel = 'referral' THEN '台账：转交' END, i.received_at, $3, $4, $5, i.search_text,
         i.replied_at, i.reply_text, i.rating, CASE WHEN i.rating IS NOT NULL THEN COALESCE(i.replied_at, i.received_at) END,
         true, i.ledger_number, i.import_key
    FROM i ORDER BY i.n
  ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING
  RETURNING id, case_number
), p AS (
  INSERT INTO case_petitioners (case_id, position, name, id_number_enc, id_number_bidx, id_number_masked,
     id_number_unverified, phone_enc, phone_bidx, phone_masked, address)
  SELECT c.id, x.position, x.name, x.id_number_enc, x.id_number_bidx, x.id_number_masked, x.id_number_unverified,
         x.phone_enc, x.phone_bidx, x.phone_masked, x.address
    FROM c JOIN i ON i.id = c.id, jsonb_to_recordset(i.petitioner) AS x(position int, name text,
         id_number_enc text, id_number_bidx text, id_number_masked text, id_number_unverified boolean,
         phone_enc text, phone_bidx text, phone_masked text, address text)
), a AS (
  INSERT INTO case_assignments (case_id, unit_id, role, status, assigned_at)
  SELECT c.id, i.unit_id, 'lead', 'accepted', i.received_at FROM c JOIN i ON i.id = c.id WHERE i.unit_id IS NOT NULL
)
SELECT i.n, c.case_number FROM i LEFT JOIN c ON c.id = i.id ORDER BY i.n`;

export interface LedgerWriteContext {
  keyRing: KeyRing;
  now: Date;
  actorId: string | null;
  collectiveThreshold: number;
  onProgress?: (done: number, total: number) => void;
}

/** Writes the plan's rows in statements of LEDGER_BATCH, in the caller's transaction; remembers the mappings. */
export async function applyLedger(tx: Queryable, plan: LedgerPlan, ctx: LedgerWriteContext): Promise<number> {
  const county = plan.county!;
  const byRow = new Map(plan.info.rows.map((r) => [r.row, r]));
  let written = 0;
  for (let lo = 0; lo < plan.parsed.length; lo += LEDGER_BATCH) {
    const slice = plan.parsed.slice(lo, lo + LEDGER_BATCH);
    const inputs = slice.map((p, n) => {
      const region = (p.region && plan.regions.get(p.region)) || county;
      const pet = petitionerOf(ctx.keyRing, p);
      const title = titleOf(p.content);
      const cat = p.category ? plan.categoryIds.get(p.category) : undefined;
      return {
        n,
        id: randomUUID(),
        import_key: p.key,
        ledger_number: p.ledgerNumber,
        channel: p.channel,
        category_id: cat === undefined ? null : (cat ?? plan.otherCategoryId),
        title,
        content: p.content,
        region_code: region.code,
        region_unit_id: region.id,
        region_path: region.path,
        headcount: p.headcount,
        batch_count: p.batches,
        is_collective: p.headcount >= ctx.collectiveThreshold,
        received_at: dayStart(p.receivedOn),
        replied_at: p.closedOn ? dayStart(p.closedOn) : null,
        reply_text: p.outcome || null,
        rating: p.rating,
        year: p.receivedOn.slice(0, 4),
        unit_id: p.unit ? (plan.unitIds.get(p.unit) ?? null) : null,
        search_text: indexText(title, p.content),
        petitioner: pet ? [pet] : [],
        bidx: pet?.id_number_bidx ? [pet.id_number_bidx] : [],
      };
    });
    const { rows } = await tx.query<{ n: number; case_number: string | null }>(WRITE_SQL, [
      JSON.stringify(inputs),
      county.code.slice(0, 6),
      ctx.now,
      ctx.actorId,
      plan.bureauId,
    ]);
    for (const r of rows) {
      const p = slice[r.n]!;
      const out = byRow.get(p.row)!;
      if (r.case_number) {
        out.outcome = "imported";
        out.caseNumber = r.case_number;
        written++;
      } else {
        // Written by another import between the check and this statement.
        out.outcome = "duplicate";
        out.note = "已导入过，未重复导入（already imported）";
      }
    }
    ctx.onProgress?.(Math.min(lo + LEDGER_BATCH, plan.parsed.length), plan.parsed.length);
  }
  await tx.query(
    `INSERT INTO ledger_mappings (header_key, headers, mapping, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (header_key) DO UPDATE SET headers = EXCLUDED.headers, mapping = EXCLUDED.mapping,
       updated_at = EXCLUDED.updated_at`,
    [plan.headerKey, JSON.stringify(plan.info.headers), JSON.stringify(plan.info.mapping), ctx.now],
  );
  const values = plan.chosen;
  if (values.length)
    await tx.query(
      `INSERT INTO ledger_value_mappings (kind, value, target_id, updated_at)
       SELECT x.kind, x.value, x.target_id, $2 FROM jsonb_to_recordset($1::jsonb) AS x(kind text, value text, target_id uuid)
       ON CONFLICT (kind, value) DO UPDATE SET target_id = EXCLUDED.target_id, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(values.map(([kind, value, target_id]) => ({ kind, value, target_id }))), ctx.now],
    );
  return written;
}
