/**
 * Importing a historical ledger (信访台账): each row becomes a closed historical case with the
 * ledger's own number, dates, outcome and rating, marked imported. The file is read once, as a
 * stream: each row is checked as it comes, and every LEDGER_BATCH rows are looked up and (when
 * importing, in the caller's one transaction) written, so an import is all there or not at all and
 * memory does not grow with the file. A preview writes nothing. Petitioners' personal data is
 * encrypted and blind-indexed with register-case.ts's own function, so search and the repeat
 * check find them.
 */
import type { Queryable } from "../db/index.ts";
import type { ImportIssue } from "./columns.ts";
import { rowChecker } from "./ledger-check.ts";
import {
  autoMapping,
  headerKey,
  LEDGER_FIELDS,
  type LedgerField,
  mappingFromHeaders,
  mappingToHeaders,
} from "./ledger-columns.ts";
import type { Rating } from "./ledger-rows.ts";
import { loadLedgerContext, valueResolver } from "./ledger-values.ts";
import { LEDGER_BATCH, type LedgerWriteContext, writeLedgerBatch } from "./ledger-write.ts";
import type { TableSource } from "./read-table.ts";

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

const fileIssue = (table: { sheet: string }, zh: string, en: string): ImportIssue => ({
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

async function resolveMapping(q: Queryable, header: readonly string[], o: LedgerOptions) {
  const key = headerKey(header);
  const remembered = o.mapping ? null : await rememberedMapping(q, key);
  if (o.mapping || remembered) {
    const r = mappingFromHeaders(header, (o.mapping ?? remembered)!);
    return {
      key,
      mapping: r.mapping,
      mappingSource: (o.mapping ? "given" : "remembered") as LedgerInfo["mappingSource"],
      unknown: r.unknown,
    };
  }
  return {
    key,
    mapping: autoMapping(header),
    mappingSource: "automatic" as LedgerInfo["mappingSource"],
    unknown: [] as string[],
  };
}

/** The mapping a file's headers get (given, remembered or automatic), without reading a row. */
export async function ledgerMapping(
  q: Queryable,
  header: string[],
  o: LedgerOptions,
): Promise<Pick<LedgerInfo, "headers" | "mapping" | "mappingSource">> {
  const r = await resolveMapping(q, header, o);
  return { headers: header, mapping: mappingToHeaders(header, r.mapping), mappingSource: r.mappingSource };
}

/** The pass's outcome: every problem, every row's outcome, what was written. */
export interface LedgerCheck {
  issues: ImportIssue[];
  /** Data rows read (empty rows not counted). */
  rows: number;
  invalidRows: number;
  info: LedgerInfo;
  written: number;
  headerKey: string;
  /** Names the user mapped in this import, to remember: [kind, name, id or null]. */
  chosen: ["category" | "unit", string, string | null][];
}

export interface LedgerPassOptions {
  /**
   * Write while checking, in the caller's transaction, batch by batch, for as long as the import
   * can still be accepted; once it cannot (a problem without skipInvalid, a name that matches
   * nothing), only check, so the refusal lists every problem. The caller rolls back a refusal.
   */
  write?: LedgerWriteContext & { skipInvalid: boolean };
  /** Refuse an automatic mapping nobody confirmed (neither --yes nor the console's mapping step). */
  requireConfirmed?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Rows per look-up and per INSERT (LEDGER_BATCH; tests take small ones to see many batches). */
  batchSize?: number;
}

const isFileLevel = (i: ImportIssue) => i.row === null || i.row === 1;

/**
 * Reads the ledger once, row by row: checks each row, resolves its category and unit, and in
 * batches of LEDGER_BATCH looks up which rows were imported before and (when asked) writes the
 * rest. Kept between batches: each row's outcome, the import keys seen (a row twice in the file),
 * the names met — never the rows themselves.
 */
export async function checkLedger(
  q: Queryable,
  source: TableSource,
  o: LedgerOptions,
  pass: LedgerPassOptions = {},
): Promise<LedgerCheck> {
  const table = { sheet: source.sheet, header: source.header };
  const issues: ImportIssue[] = [];
  const resolved = await resolveMapping(q, table.header, o);
  const { key, mapping, mappingSource } = resolved;
  for (const h of resolved.unknown)
    issues.push(
      fileIssue(table, `对应关系中的列「${h}」不在文件中`, `the mapped column "${h}" is not in the file`),
    );
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
  const ctx = await loadLedgerContext(q);
  if (!ctx.county || !ctx.bureauId)
    issues.push(
      fileIssue(
        table,
        "系统中还没有县和信访局：请先运行 npm run xinfang -- setup",
        "there is no county and bureau yet: run npm run xinfang -- setup first",
      ),
    );
  const info: LedgerInfo = {
    headers: table.header,
    mapping: mappingToHeaders(table.header, mapping),
    mappingSource,
    unknownCategories: [],
    unknownUnits: [],
    defaultedCategories: [],
    defaultedUnits: [],
    unverifiedIds: 0,
    duplicates: 0,
    rows: [],
  };
  const chosen: LedgerCheck["chosen"] = [];
  const unconfirmed = () => {
    if (pass.requireConfirmed && mappingSource === "automatic" && !o.yes)
      issues.push({
        sheet: table.sheet,
        row: null,
        column: null,
        zh: "列的对应关系尚未确认：请确认（控制台的对应步骤，或命令行 --yes 接受自动对应）",
        en: "the column mapping is not confirmed: confirm it (the console's mapping step, or --yes)",
      });
  };
  const noRows = () =>
    issues.push(
      fileIssue(table, "表中没有数据行（第1行是表头）", "the sheet has no data rows (row 1 is the header)"),
    );
  const result = (rows: number, invalidRows: number, written: number): LedgerCheck => {
    info.rows.sort((a, b) => a.row - b.row);
    return { issues, rows, invalidRows, info, written, headerKey: key, chosen };
  };
  if (issues.length) {
    // The mapping is wrong: no row can be read. Count them, keep nothing.
    let n = 0;
    for await (const _ of source.rows()) n++;
    if (n === 0) noRows();
    unconfirmed();
    return result(n, n, 0);
  }

  const resolve = valueResolver(ctx, o, info, chosen);
  const check = rowChecker(table.sheet, table.header, mapping);
  const seenKeys = new Map<string, number>();
  const total = pass.onProgress ? await source.estimateRows() : 0;
  const w = pass.write;
  let stopped = !w || (pass.requireConfirmed === true && mappingSource === "automatic" && !o.yes);
  const mayWrite = () => {
    if (
      !stopped &&
      (resolve.unresolved() > 0 || (issues.length > 0 && (!w!.skipInvalid || issues.some(isFileLevel))))
    )
      stopped = true;
    return !stopped;
  };
  let rows = 0;
  let invalid = 0;
  let written = 0;
  let pending: ParsedRow[] = [];
  let reported = "";

  const flush = async (final = false) => {
    const batch = pending;
    pending = [];
    const already = new Set<string>();
    if (batch.length) {
      const r = await q.query<{ import_key: string }>(
        "SELECT import_key FROM cases WHERE import_key = ANY($1::text[])",
        [batch.map((p) => p.key)],
      );
      for (const x of r.rows) already.add(x.import_key);
    }
    const fresh: ParsedRow[] = [];
    const outcomes: LedgerReportRow[] = [];
    for (const p of batch) {
      if (already.has(p.key)) {
        info.duplicates++;
        info.rows.push({
          row: p.row,
          outcome: "duplicate",
          ledgerNumber: p.ledgerNumber,
          caseNumber: null,
          note: "已导入过，未重复导入（already imported）",
        });
        continue;
      }
      resolve.add(p);
      const out: LedgerReportRow = {
        row: p.row,
        outcome: "to_import",
        ledgerNumber: p.ledgerNumber,
        caseNumber: null,
        note: resolve.notes(p),
      };
      info.rows.push(out);
      fresh.push(p);
      outcomes.push(out);
    }
    if (fresh.length && mayWrite()) {
      const numbers = await writeLedgerBatch(q, fresh, resolve, ctx, w!);
      numbers.forEach((caseNumber, i) => {
        const out = outcomes[i]!;
        if (caseNumber) {
          out.outcome = "imported";
          out.caseNumber = caseNumber;
          written++;
        } else {
          // Written by another import between the look-up and this statement.
          out.outcome = "duplicate";
          out.note = "已导入过，未重复导入（already imported）";
        }
      });
    }
    // The total is an estimate (empty rows count in it) until the last step, which is rows of rows.
    const of = final ? rows : Math.max(total, rows);
    if (pass.onProgress && reported !== `${rows}/${of}`) {
      reported = `${rows}/${of}`;
      pass.onProgress(rows, of);
    }
  };

  for await (const r of source.rows()) {
    rows++;
    const c = check(r);
    if (!c.ok) {
      invalid++;
      for (const i of c.issues) issues.push(i);
      info.rows.push({ row: r.row, outcome: "skipped", ledgerNumber: null, caseNumber: null, note: c.note });
      continue;
    }
    const p = c.row;
    const first = seenKeys.get(p.key);
    if (first !== undefined) {
      info.rows.push({
        row: p.row,
        outcome: "duplicate",
        ledgerNumber: p.ledgerNumber,
        caseNumber: null,
        note: p.ledgerNumber
          ? `原编号与第${first}行相同，未重复导入（same ledger number as row ${first}）`
          : `与第${first}行内容相同，未重复导入（same as row ${first}）`,
      });
      continue;
    }
    seenKeys.set(p.key, p.row);
    pending.push(p);
    if (pending.length >= (pass.batchSize ?? LEDGER_BATCH)) await flush();
  }
  // The last rows, and the progress bar's last step (rows = total), however the rows ended.
  await flush(true);
  if (rows === 0) noRows();
  resolve.finish(table, issues);
  unconfirmed();
  if (w && !mayWrite())
    for (const x of info.rows)
      if (x.outcome === "imported") {
        // Refused: what this pass wrote is rolled back by the caller.
        x.outcome = "to_import";
        x.caseNumber = null;
      }
  return result(rows, invalid, written);
}
