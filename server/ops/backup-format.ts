/**
 * The backup file: gzip-compressed JSON lines, the same from PGlite or PostgreSQL.
 *
 *   line 1          the manifest (ZBackupManifest): format, schema versions, and for each table its
 *                   columns, row count and SHA-256; sequence positions
 *   then per table  {"table":"<name>","columns":[…]} followed by one JSON array per row: the text
 *                   form of each stored column (null for NULL), in primary-key order
 *
 * The manifest is a gzip member of its own written before the rows' member, so `zcat file | head -1`
 * shows it and a restore can refuse a backup before reading the rows.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { z } from "zod";

export const BACKUP_FORMAT = "xinfang-backup";
export const BACKUP_FORMAT_VERSION = 1;

/**
 * Never copied: the schema version list travels in the manifest instead, and login sessions are
 * not worth restoring (everyone signs in again; an old cookie must not come back to life).
 */
export const EXCLUDED_TABLES: ReadonlySet<string> = new Set([
  "schema_migrations",
  "sessions",
  // Derived from case_stats (migrations/20261126004100_case_stats_monthly.sql): a restore rebuilds them.
  "case_stats_delta",
  "case_stats_monthly",
]);

/**
 * Tables the migrations fill with starting rows: rows there do not make a database "in use", and a
 * restore replaces them with the backup's own (an administrator may have edited them).
 */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set([
  "categories",
  "settings",
  "report_templates",
  // The shipped field set (migrations/20261208300100_case_fields.sql; docs/FIELDS.md).
  "field_sets",
]);

export const KEY_RING_NOTICE =
  "ID and phone numbers in this file are AES-256-GCM tokens, readable only with the key ring " +
  "(data/keyring.json or XF_KEY_RING), which is NOT in this file: back the key ring up separately " +
  "and keep it apart from the backups.";

const HEX64 = /^[0-9a-f]{64}$/;

export const ZBackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  source: z.object({ kind: z.enum(["pglite", "pg"]), serverVersion: z.string() }),
  schemaVersions: z.array(z.string().regex(/^\d{14}$/)),
  tables: z.array(
    z.object({
      name: z.string().min(1),
      columns: z.array(z.object({ name: z.string().min(1), type: z.string().min(1) })).min(1),
      rows: z.number().int().nonnegative(),
      sha256: z.string().regex(HEX64),
    }),
  ),
  sequences: z.array(
    z.object({ name: z.string().min(1), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() }),
  ),
  excludedTables: z.array(z.string()),
  notice: z.string(),
});
export type BackupManifest = z.infer<typeof ZBackupManifest>;

export const ZTableHeader = z.strictObject({ table: z.string().min(1), columns: z.array(z.string()) });

export type BackupErrorCode =
  | "file_exists"
  | "format"
  | "schema_mismatch"
  | "not_empty"
  | "integrity"
  | "verification";

/** A refused or failed backup/restore; the message says what to do. Never carries row data. */
export class BackupError extends Error {
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string) {
    super(message);
    this.name = "BackupError";
    this.code = code;
  }
}

/** The lines of a gzip file (any number of members), without their newlines. */
export async function* readGzipLines(file: string): AsyncGenerator<string> {
  if (!fs.existsSync(file)) throw new BackupError("format", `no such file: ${file}`);
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on("error", (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  gunzip.setEncoding("utf8");
  let rest = "";
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const line of parts) yield line;
    }
  } catch (err) {
    throw new BackupError(
      "integrity",
      `${path.basename(file)} is not a complete gzip file (${err instanceof Error ? err.message : String(err)})`,
    );
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  // Every line the writer makes ends in a newline; text after the last one means a cut-off file.
  if (rest !== "") throw new BackupError("integrity", `${path.basename(file)} ends in the middle of a line`);
}

export async function readBackupManifest(file: string): Promise<BackupManifest> {
  for await (const line of readGzipLines(file)) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new BackupError("format", `${path.basename(file)} is not a Xinfang backup (no manifest line)`);
    }
    const parsed = ZBackupManifest.safeParse(json);
    if (!parsed.success) {
      const format = (json as { format?: unknown; formatVersion?: unknown } | null) ?? {};
      if (format.format === BACKUP_FORMAT && format.formatVersion !== BACKUP_FORMAT_VERSION) {
        throw new BackupError(
          "format",
          `backup format version ${String(format.formatVersion)} is not supported (this code reads version ${BACKUP_FORMAT_VERSION})`,
        );
      }
      throw new BackupError(
        "format",
        `${path.basename(file)} is not a Xinfang backup: ${parsed.error.issues[0]?.message ?? "bad manifest"}`,
      );
    }
    return parsed.data;
  }
  throw new BackupError("format", `${path.basename(file)} is empty`);
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Writes the rows into a temporary gzip member while the manifest is still being computed, then
 * puts the manifest member in front and renames the whole into place: a failed or interrupted
 * backup never leaves a file under the name asked for.
 */
export class BackupWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly out: fs.WriteStream;
  private readonly bodyFile: string;
  private buffer: string[] = [];
  private buffered = 0;
  private failure: Error | null = null;

  private constructor(private readonly target: string) {
    this.bodyFile = `${target}.rows.partial`;
    this.out = fs.createWriteStream(this.bodyFile, { mode: 0o600 });
    // Kept and thrown at the next write, so a full disk fails the backup instead of the process.
    this.out.on("error", (err) => {
      this.failure ??= err;
    });
    this.gzip.on("error", (err) => {
      this.failure ??= err;
    });
    this.gzip.pipe(this.out);
  }

  static create(target: string): BackupWriter {
    if (fs.existsSync(target)) {
      throw new BackupError(
        "file_exists",
        `${target} already exists; choose another name or remove it first`,
      );
    }
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    return new BackupWriter(target);
  }

  async writeLine(line: string): Promise<void> {
    this.buffer.push(line, "\n");
    this.buffered += line.length + 1;
    if (this.buffered >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const text = this.buffer.join("");
    this.buffer = [];
    this.buffered = 0;
    if (!this.gzip.write(text)) await new Promise<void>((resolve) => this.gzip.once("drain", resolve));
  }

  /** Puts the manifest first, syncs and renames; returns the size and SHA-256 of the final file. */
  async finish(manifest: BackupManifest): Promise<{ bytes: number; sha256: string }> {
    await this.flush();
    const closed = new Promise<void>((resolve) => this.out.once("close", resolve));
    this.gzip.end();
    await closed;
    if (this.failure) throw this.failure;
    const partial = `${this.target}.partial`;
    const handle = await fs.promises.open(partial, "w", 0o600);
    try {
      await handle.write(zlib.gzipSync(`${JSON.stringify(manifest)}\n`));
      for await (const chunk of fs.createReadStream(this.bodyFile)) await handle.write(chunk as Buffer);
      await handle.sync();
    } finally {
      await handle.close();
    }
    fs.rmSync(this.bodyFile, { force: true });
    fs.renameSync(partial, this.target);
    return { bytes: fs.statSync(this.target).size, sha256: await sha256OfFile(this.target) };
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    await new Promise<void>((resolve) => {
      if (this.out.closed) resolve();
      else this.out.once("close", () => resolve()).destroy();
    });
    fs.rmSync(this.bodyFile, { force: true });
    fs.rmSync(`${this.target}.partial`, { force: true });
  }
}
