/**
 * What backup and restore need to know about the schema, read from the system catalogs of the
 * database itself (the same queries on PGlite and PostgreSQL), plus the canonical text form of
 * every row that both the backup and the check after a restore hash.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "../db/index.ts";

export interface ColumnInfo {
  name: string;
  /** format_type() text, usable in a cast: "uuid", "text[]", "timestamp with time zone" … */
  type: string;
  /** GENERATED ALWAYS AS IDENTITY: inserting an explicit value needs OVERRIDING SYSTEM VALUE. */
  isIdentityAlways: boolean;
  isIdentity: boolean;
  /** Generated columns (cases.search_tsv) are never copied: the database computes them again. */
  isGenerated: boolean;
  isCollatable: boolean;
}

export interface TableInfo {
  name: string;
  /** Every column in attnum order, generated ones included. */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Other tables this one has foreign keys to; they must be filled first. */
  parents: string[];
  /** Foreign keys from the table to itself (org_units.parent_id): rows must go in parents first. */
  selfReferences: { columns: string[]; refColumns: string[] }[];
  hasUserTriggers: boolean;
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The columns a backup holds, in order: everything the database does not compute itself. */
export function storedColumns(t: TableInfo): ColumnInfo[] {
  return t.columns.filter((c) => !c.isGenerated);
}

interface ColumnRow {
  table_name: string;
  name: string;
  type: string;
  identity: string;
  generated: string;
  collatable: boolean;
}

interface KeyRow {
  table_name: string;
  kind: string;
  name: string;
  ref_table: string | null;
  column_name: string;
  ref_column: string | null;
}

/**
 * Every ordinary table of the public schema, ordered so that a table comes after the tables it
 * references (ties by name, so the order is the same on every database with the same schema).
 */
export async function readCatalog(q: Queryable): Promise<TableInfo[]> {
  const columns = await q.query<ColumnRow>(
    `SELECT c.relname AS table_name, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attidentity::text AS identity, a.attgenerated::text AS generated, ty.typcollation <> 0 AS collatable
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type ty ON ty.oid = a.atttypid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const keys = await q.query<KeyRow>(
    `SELECT c.relname AS table_name, con.contype::text AS kind, con.conname AS name, r.relname AS ref_table,
            a.attname AS column_name, ra.attname AS ref_column
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class r ON r.oid = con.confrelid
       CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
       LEFT JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[k.ord::int]
      WHERE n.nspname = 'public' AND con.contype IN ('p', 'f')
      ORDER BY c.relname, con.conname, k.ord`,
  );
  const triggers = await q.query<{ table_name: string }>(
    `SELECT DISTINCT c.relname AS table_name
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  );
  const withTriggers = new Set(triggers.rows.map((r) => r.table_name));

  const tables = new Map<string, TableInfo>();
  for (const c of columns.rows) {
    let t = tables.get(c.table_name);
    if (!t) {
      t = {
        name: c.table_name,
        columns: [],
        primaryKey: [],
        parents: [],
        selfReferences: [],
        hasUserTriggers: withTriggers.has(c.table_name),
      };
      tables.set(c.table_name, t);
    }
    t.columns.push({
      name: c.name,
      type: c.type,
      isIdentityAlways: c.identity === "a",
      isIdentity: c.identity !== "",
      isGenerated: c.generated !== "",
      isCollatable: c.collatable,
    });
  }
  const selfRefs = new Map<string, { columns: string[]; refColumns: string[] }>();
  for (const k of keys.rows) {
    const t = tables.get(k.table_name);
    if (!t) continue;
    if (k.kind === "p") t.primaryKey.push(k.column_name);
    else if (k.ref_table === k.table_name) {
      const id = `${k.table_name}/${k.name}`;
      let ref = selfRefs.get(id);
      if (!ref) {
        ref = { columns: [], refColumns: [] };
        selfRefs.set(id, ref);
        t.selfReferences.push(ref);
      }
      ref.columns.push(k.column_name);
      ref.refColumns.push(k.ref_column ?? "");
    } else if (k.ref_table && !t.parents.includes(k.ref_table)) t.parents.push(k.ref_table);
  }
  return insertionOrder([...tables.values()]);
}

/** Kahn's algorithm with a by-name tie-break; a cycle between tables cannot be restored row by row. */
function insertionOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  while (out.length < tables.length) {
    const ready = tables
      .filter((t) => !done.has(t.name) && t.parents.every((p) => done.has(p) || !byName.has(p)))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (ready.length === 0) {
      const left = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(
        `foreign keys form a cycle between tables ${left.join(", ")}; backup cannot order them`,
      );
    }
    out.push(ready[0]!);
    done.add(ready[0]!.name);
  }
  return out;
}

export async function readSequences(q: Queryable): Promise<SequenceState[]> {
  const names = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const out: SequenceState[] = [];
  for (const { name } of names.rows) {
    const r = await q.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${quoteIdent(name)}`,
    );
    out.push({ name, lastValue: r.rows[0]!.last_value, isCalled: r.rows[0]!.is_called });
  }
  return out;
}

/**
 * Fixes every setting that changes how a value is written as text, so the same row reads as the
 * same text on any server, whatever its defaults. Transaction-local.
 */
export async function applyCanonicalTextOutput(q: Queryable): Promise<void> {
  await q.exec(`SET LOCAL TimeZone TO 'UTC';
    SET LOCAL DateStyle TO 'ISO, YMD';
    SET LOCAL IntervalStyle TO 'postgres';
    SET LOCAL extra_float_digits TO 1;
    SET LOCAL bytea_output TO 'hex'`);
}

export type RowValues = (string | null)[];

let cursorCount = 0;

/**
 * Every row of the table as the text of its stored columns, in primary-key order (text keys in
 * byte order, so both databases agree whatever their collation). Must run inside a transaction
 * that called applyCanonicalTextOutput.
 */
export async function* readCanonicalRows(
  q: Queryable,
  t: TableInfo,
  pageSize = 2000,
): AsyncGenerator<RowValues[]> {
  const cols = storedColumns(t);
  const orderCols = t.primaryKey.length > 0 ? t.primaryKey : cols.map((c) => c.name);
  const order = orderCols.map((name) => {
    const c = t.columns.find((x) => x.name === name);
    return c?.isCollatable ? `${quoteIdent(name)} COLLATE "C"` : quoteIdent(name);
  });
  const select = cols.map((c, i) => `${quoteIdent(c.name)}::text AS c${i}`).join(", ");
  cursorCount += 1;
  const cursor = `xf_rows_${cursorCount}`;
  await q.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${select} FROM ${quoteIdent(t.name)} ORDER BY ${order.join(", ")}`,
  );
  try {
    for (;;) {
      const { rows } = await q.query<Record<string, string | null>>(
        `FETCH FORWARD ${pageSize} FROM ${cursor}`,
      );
      if (rows.length === 0) return;
      yield rows.map((r) => cols.map((_, i) => r[`c${i}`] ?? null));
      if (rows.length < pageSize) return;
    }
  } finally {
    await q.query(`CLOSE ${cursor}`);
  }
}

/**
 * SHA-256 over the column names and then each row's JSON text, one per line, in the canonical
 * order. The backup file holds exactly these lines, so a file and a database hash alike.
 */
export class TableHasher {
  private readonly hash = createHash("sha256");
  rows = 0;

  constructor(columnNames: readonly string[]) {
    this.hash.update(`${JSON.stringify(columnNames)}\n`);
  }

  /** Adds one row given as its JSON line (without the newline). */
  addLine(line: string): void {
    this.hash.update(`${line}\n`);
    this.rows += 1;
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}

export interface TableDigest {
  rows: number;
  sha256: string;
}

/** Row count and hash of each table as stored now; the caller runs it in a transaction. */
export async function digestTables(
  q: Queryable,
  tables: readonly TableInfo[],
): Promise<Map<string, TableDigest>> {
  await applyCanonicalTextOutput(q);
  const out = new Map<string, TableDigest>();
  for (const t of tables) {
    const hasher = new TableHasher(storedColumns(t).map((c) => c.name));
    for await (const page of readCanonicalRows(q, t))
      for (const row of page) hasher.addLine(JSON.stringify(row));
    out.set(t.name, { rows: hasher.rows, sha256: hasher.digest() });
  }
  return out;
}
