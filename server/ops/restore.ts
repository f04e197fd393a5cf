import path from "node:path";
import type { Db, Queryable } from "../db/index.ts";
import { listMigrations } from "../db/migrate.ts";
import {
  BackupError,
  type BackupManifest,
  EXCLUDED_TABLES,
  REFERENCE_TABLES,
  readBackupManifest,
  readGzipLines,
  sha256OfFile,
  ZTableHeader,
} from "./backup-format.ts";
import {
  applyCanonicalTextOutput,
  type ColumnInfo,
  digestTables,
  quoteIdent,
  type RowValues,
  readCatalog,
  TableHasher,
  type TableInfo,
} from "./catalog.ts";
import { recordOpsAudit } from "./ops-audit.ts";

export interface RestoreOptions {
  /** Replace a database that already holds data (its audit log included). */
  force?: boolean;
  /** The schema versions of this code; defaults to the migration files. */
  codeVersions?: readonly string[];
}

export interface RestoreResult {
  file: string;
  sha256: string;
  manifest: BackupManifest;
  /** Rows the database held before, per table, when they were replaced. */
  replaced: Record<string, number>;
  elapsedMs: number;
}

function describeVersions(versions: readonly string[]): string {
  return versions.length === 0 ? "(no migrations)" : `${versions.at(-1)} (${versions.length} migrations)`;
}

/** Refuses a backup made at another schema version than this code's, saying which versions differ. */
export function checkSchemaVersions(
  manifest: BackupManifest,
  codeVersions: readonly string[] = listMigrations().map((m) => m.version),
): void {
  const inBackup = new Set(manifest.schemaVersions);
  const inCode = new Set(codeVersions);
  const missing = codeVersions.filter((v) => !inBackup.has(v));
  const extra = manifest.schemaVersions.filter((v) => !inCode.has(v));
  if (missing.length === 0 && extra.length === 0) return;
  const parts = [
    missing.length ? `migrations this code has but the backup lacks: ${missing.join(", ")}` : "",
    extra.length ? `migrations in the backup this code does not know: ${extra.join(", ")}` : "",
  ].filter(Boolean);
  throw new BackupError(
    "schema_mismatch",
    `the backup is at schema ${describeVersions(manifest.schemaVersions)} but this code is at ` +
      `${describeVersions(codeVersions)}; ${parts.join("; ")}. Restore it with the Xinfang release ` +
      "that made it (same migrations), then upgrade that release.",
  );
}

/**
 * Reads the whole file once without touching any database: every table the manifest names, in its
 * order, with its columns, row count and SHA-256. Refuses a damaged or altered file.
 */
export async function verifyBackupFile(file: string, manifest: BackupManifest): Promise<void> {
  const name = path.basename(file);
  let index = -1;
  let hasher: TableHasher | null = null;
  let width = 0;
  const finishTable = () => {
    if (!hasher) return;
    const expected = manifest.tables[index]!;
    const sha256 = hasher.digest();
    if (hasher.rows !== expected.rows || sha256 !== expected.sha256) {
      throw new BackupError(
        "integrity",
        `${name}: table ${expected.name} holds ${hasher.rows} rows hashing to ${sha256.slice(0, 12)}…, ` +
          `but the manifest says ${expected.rows} rows hashing to ${expected.sha256.slice(0, 12)}…: ` +
          "the file was altered or damaged; nothing was restored",
      );
    }
  };
  let first = true;
  for await (const line of readGzipLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (line.startsWith("{")) {
      finishTable();
      index += 1;
      const expected = manifest.tables[index];
      const header = ZTableHeader.safeParse(safeJson(line));
      if (!expected || !header.success || header.data.table !== expected.name) {
        throw new BackupError("integrity", `${name}: unexpected table section ${line.slice(0, 80)}`);
      }
      const names = expected.columns.map((c) => c.name);
      if (JSON.stringify(header.data.columns) !== JSON.stringify(names)) {
        throw new BackupError(
          "integrity",
          `${name}: the columns of ${expected.name} differ from the manifest`,
        );
      }
      hasher = new TableHasher(names);
      width = names.length;
    } else {
      const row = safeJson(line);
      if (
        !hasher ||
        !Array.isArray(row) ||
        row.length !== width ||
        !row.every((v) => v === null || typeof v === "string")
      ) {
        throw new BackupError("integrity", `${name}: a row line is not an array of ${width} texts`);
      }
      hasher.addLine(line);
    }
  }
  finishTable();
  if (index !== manifest.tables.length - 1) {
    throw new BackupError(
      "integrity",
      `${name}: the file ends after ${index + 1} of ${manifest.tables.length} tables (cut off?)`,
    );
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** The target must have exactly the tables and columns the backup describes, in the same order. */
function checkTablesMatch(tables: readonly TableInfo[], manifest: BackupManifest): void {
  const shape = (name: string, columns: { name: string; type: string }[]) =>
    `${name}(${columns.map((c) => `${c.name} ${c.type}`).join(", ")})`;
  const target = tables.map((t) =>
    shape(
      t.name,
      t.columns.filter((c) => !c.isGenerated),
    ),
  );
  const backup = manifest.tables.map((t) => shape(t.name, t.columns));
  const differ = backup.filter((b, i) => b !== target[i]).concat(target.filter((t) => !backup.includes(t)));
  if (differ.length > 0) {
    throw new BackupError(
      "schema_mismatch",
      `the database's tables differ from the backup's although both are at the same schema version: ${differ
        .slice(0, 3)
        .join("; ")}`,
    );
  }
}

async function countRows(q: Queryable, tables: readonly TableInfo[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of tables) {
    const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(t.name)}`);
    out.set(t.name, r.rows[0]!.n);
  }
  return out;
}

/**
 * Empties every table in one TRUNCATE. The audit log refuses DELETE and TRUNCATE to the application
 * (and its TRUNCATE trigger fires even when it is empty); loading a whole database is the one
 * sanctioned exception: user triggers are switched off for this statement only (this needs the
 * tables' owner, the role that runs the migrations), and the restore's own audit row records what
 * was replaced.
 */
async function clearTables(q: Queryable, tables: readonly TableInfo[]): Promise<void> {
  const guarded = tables.filter((t) => t.hasUserTriggers);
  for (const t of guarded) await q.query(`ALTER TABLE ${quoteIdent(t.name)} DISABLE TRIGGER USER`);
  await q.query(`TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(", ")}`);
  for (const t of guarded) await q.query(`ALTER TABLE ${quoteIdent(t.name)} ENABLE TRIGGER USER`);
}

const BATCH_ROWS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

/**
 * Inserts rows given as their JSON lines. The text of each column is cast to the column's type by
 * the database; generated columns are left out and computed again; identity values are kept.
 */
async function insertLines(
  q: Queryable,
  t: TableInfo,
  columns: ColumnInfo[],
  lines: string[],
): Promise<void> {
  if (lines.length === 0) return;
  const overriding = columns.some((c) => c.isIdentityAlways) ? " OVERRIDING SYSTEM VALUE" : "";
  const casts = columns.map((c, i) => `(r->>${i})::${c.type}`).join(", ");
  await q.query(
    `INSERT INTO ${quoteIdent(t.name)} (${columns.map((c) => quoteIdent(c.name)).join(", ")})${overriding}
     SELECT ${casts} FROM json_array_elements($1::text::json) AS e(r)`,
    [`[${lines.join(",")}]`],
  );
}

/**
 * Orders the rows of a table with a foreign key to itself so that each referenced row comes first
 * (org_units: the county before its townships). Rows whose parent is missing go last, where the
 * database reports them.
 */
function parentsFirst(lines: string[], columns: string[], t: TableInfo): string[] {
  const rows = lines.map((line) => ({ line, values: JSON.parse(line) as RowValues }));
  const keyOf = (values: RowValues, names: string[]) =>
    JSON.stringify(names.map((n) => values[columns.indexOf(n)] ?? null));
  const placed = t.selfReferences.map(() => new Set<string>());
  const out: string[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const next: typeof rows = [];
    const ready: typeof rows = [];
    for (const r of pending) {
      const isReady = t.selfReferences.every((ref, i) => {
        const child = ref.columns.map((n) => r.values[columns.indexOf(n)] ?? null);
        if (child.some((v) => v === null)) return true;
        const key = JSON.stringify(child);
        return placed[i]!.has(key) || key === keyOf(r.values, ref.refColumns);
      });
      (isReady ? ready : next).push(r);
    }
    if (ready.length === 0) {
      for (const r of next) out.push(r.line);
      break;
    }
    for (const r of ready) {
      out.push(r.line);
      for (const [i, ref] of t.selfReferences.entries()) placed[i]!.add(keyOf(r.values, ref.refColumns));
    }
    pending = next;
  }
  return out;
}

async function insertFromFile(q: Queryable, file: string, tables: readonly TableInfo[]): Promise<void> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  let current: {
    table: TableInfo;
    names: string[];
    columns: ColumnInfo[];
    lines: string[];
    chars: number;
  } | null = null;
  const flush = async () => {
    if (!current) return;
    const lines =
      current.table.selfReferences.length > 0
        ? parentsFirst(current.lines, current.names, current.table)
        : current.lines;
    for (let i = 0; i < lines.length; i += BATCH_ROWS) {
      await insertLines(q, current.table, current.columns, lines.slice(i, i + BATCH_ROWS));
    }
    current.lines = [];
    current.chars = 0;
  };
  let first = true;
  for await (const line of readGzipLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (line.startsWith("{")) {
      await flush();
      const header = ZTableHeader.parse(JSON.parse(line));
      const table = byName.get(header.table);
      if (!table) throw new BackupError("integrity", `the backup holds an unknown table ${header.table}`);
      const columns = header.columns.map((n) => {
        const c = table.columns.find((x) => x.name === n && !x.isGenerated);
        if (!c) throw new BackupError("schema_mismatch", `the database has no column ${table.name}.${n}`);
        return c;
      });
      current = { table, names: header.columns, columns, lines: [], chars: 0 };
      continue;
    }
    if (!current) throw new BackupError("integrity", "a row comes before any table section");
    current.lines.push(line);
    current.chars += line.length;
    // Tables that reference themselves are ordered as a whole; they are small (org units, categories).
    if (
      current.table.selfReferences.length === 0 &&
      (current.lines.length >= BATCH_ROWS || current.chars >= BATCH_CHARS)
    ) {
      await flush();
    }
  }
  await flush();
}

/**
 * Puts every sequence back where the backup found it, and an identity sequence at least past the
 * largest restored value, so the next case number and audit row id follow the restored ones.
 */
async function restoreSequences(q: Queryable, manifest: BackupManifest, tables: readonly TableInfo[]) {
  for (const s of manifest.sequences) {
    await q.query("SELECT setval($1::text::regclass, $2::bigint, $3::boolean)", [
      quoteIdent(s.name),
      s.lastValue,
      s.isCalled,
    ]);
  }
  for (const t of tables) {
    for (const c of t.columns.filter((x) => x.isIdentity)) {
      const r = await q.query<{ seq: string | null; max: string | null }>(
        `SELECT pg_get_serial_sequence($1, $2) AS seq, (SELECT max(${quoteIdent(c.name)})::text FROM ${quoteIdent(t.name)}) AS max`,
        [quoteIdent(t.name), c.name],
      );
      const { seq, max } = r.rows[0]!;
      if (!seq || max === null) continue;
      const state = await q.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text AS last_value, is_called FROM ${seq}`,
      );
      const used = BigInt(state.rows[0]!.last_value) - (state.rows[0]!.is_called ? 0n : 1n);
      if (BigInt(max) > used)
        await q.query("SELECT setval($1::text::regclass, $2::bigint, true)", [seq, max]);
    }
  }
}

/**
 * Restores a backup into this database in one transaction: checks the file completely first, refuses
 * a database that holds data unless `force`, inserts every row, resets the sequences, then hashes
 * every table again and rolls everything back if any differs from the backup. The database must
 * already be migrated to the backup's schema version.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const started = performance.now();
  const manifest = await readBackupManifest(file);
  checkSchemaVersions(manifest, options.codeVersions);
  await verifyBackupFile(file, manifest);
  const sha256 = await sha256OfFile(file);
  const replaced = await db.transaction(async (tx) => {
    await applyCanonicalTextOutput(tx);
    const target = (
      await tx.query<{ version: string }>("SELECT version FROM schema_migrations ORDER BY version")
    ).rows.map((r) => r.version);
    if (JSON.stringify(target) !== JSON.stringify(manifest.schemaVersions)) {
      throw new BackupError(
        "schema_mismatch",
        `the database is at schema ${describeVersions(target)} but the backup at ` +
          `${describeVersions(manifest.schemaVersions)}; migrate the database to the backup's version first`,
      );
    }
    const catalog = await readCatalog(tx);
    const tables = catalog.filter((t) => !EXCLUDED_TABLES.has(t.name));
    checkTablesMatch(tables, manifest);
    const all = catalog.filter((t) => t.name !== "schema_migrations");
    // Nobody may write (or read half a restore) until this transaction ends.
    await tx.query(`LOCK TABLE ${all.map((t) => quoteIdent(t.name)).join(", ")} IN ACCESS EXCLUSIVE MODE`);
    const counts = await countRows(tx, all);
    const inUse = all.filter((t) => counts.get(t.name)! > 0 && !REFERENCE_TABLES.has(t.name));
    if (inUse.length > 0 && !options.force) {
      throw new BackupError(
        "not_empty",
        `the database already holds data (${inUse.map((t) => `${t.name}: ${counts.get(t.name)} rows`).join(", ")}); ` +
          "restore into an empty database, or pass --force to replace everything in it, audit log included",
      );
    }
    const head = await tx.query<{ chain_pos: string; hash: string }>(
      "SELECT chain_pos::text AS chain_pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY audit_log.chain_pos DESC LIMIT 1",
    );
    await clearTables(tx, all);
    await insertFromFile(tx, file, tables);
    await restoreSequences(tx, manifest, tables);

    const digests = await digestTables(tx, tables);
    const wrong = manifest.tables.filter((m) => {
      const d = digests.get(m.name);
      return !d || d.rows !== m.rows || d.sha256 !== m.sha256;
    });
    if (wrong.length > 0) {
      throw new BackupError(
        "verification",
        `after restoring, ${wrong
          .map((m) => `${m.name} (${digests.get(m.name)?.rows ?? 0} rows, backup ${m.rows})`)
          .join(", ")} did not read back as in the backup; everything was rolled back`,
      );
    }
    const replacedRows = Object.fromEntries(
      [...counts].filter(([name, n]) => n > 0 && !REFERENCE_TABLES.has(name)),
    );
    await recordOpsAudit(
      tx,
      "backup_restore",
      { type: "backup", id: path.basename(file) },
      {
        file: path.resolve(file),
        sha256,
        backupCreatedAt: manifest.createdAt,
        source: manifest.source,
        schemaVersion: manifest.schemaVersions.at(-1) ?? null,
        rows: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])),
        forced: options.force === true,
        replacedRows,
        replacedAuditHead: head.rows[0] ?? null,
      },
    );
    return replacedRows;
  });
  return { file, sha256, manifest, replaced, elapsedMs: performance.now() - started };
}
