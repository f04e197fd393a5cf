import path from "node:path";
import type { Db } from "../db/index.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  BackupWriter,
  EXCLUDED_TABLES,
  KEY_RING_NOTICE,
} from "./backup-format.ts";
import {
  applyCanonicalTextOutput,
  readCanonicalRows,
  readCatalog,
  readSequences,
  storedColumns,
  TableHasher,
} from "./catalog.ts";
import { recordOpsAudit } from "./ops-audit.ts";

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
  manifest: BackupManifest;
  elapsedMs: number;
}

/**
 * Writes every table (but sessions) from one consistent snapshot into a backup file, then records
 * an audit row naming the file and its SHA-256. Encrypted fields are copied as the tokens they
 * are; the key ring is not part of the backup.
 */
export async function createBackup(
  db: Db,
  file: string,
  now: () => Date = () => new Date(),
): Promise<BackupResult> {
  const started = performance.now();
  const writer = BackupWriter.create(file);
  try {
    const manifest = await db.transaction(async (tx): Promise<BackupManifest> => {
      // One snapshot for every table, so the copy is consistent without stopping writers.
      await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      await applyCanonicalTextOutput(tx);
      const versions = await tx.query<{ version: string }>(
        "SELECT version FROM schema_migrations ORDER BY version",
      );
      const server = await tx.query<{ server_version: string }>("SHOW server_version");
      const tables = (await readCatalog(tx)).filter((t) => !EXCLUDED_TABLES.has(t.name));
      const entries: BackupManifest["tables"] = [];
      for (const t of tables) {
        const columns = storedColumns(t);
        const names = columns.map((c) => c.name);
        await writer.writeLine(JSON.stringify({ table: t.name, columns: names }));
        const hasher = new TableHasher(names);
        for await (const page of readCanonicalRows(tx, t)) {
          for (const row of page) {
            const line = JSON.stringify(row);
            hasher.addLine(line);
            await writer.writeLine(line);
          }
        }
        entries.push({
          name: t.name,
          columns: columns.map((c) => ({ name: c.name, type: c.type })),
          rows: hasher.rows,
          sha256: hasher.digest(),
        });
      }
      return {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: now().toISOString(),
        source: { kind: db.kind, serverVersion: server.rows[0]!.server_version },
        schemaVersions: versions.rows.map((r) => r.version),
        tables: entries,
        // Read after the rows: sequences ignore snapshots but only grow, so these are past every row.
        sequences: await readSequences(tx),
        excludedTables: [...EXCLUDED_TABLES].sort(),
        notice: KEY_RING_NOTICE,
      };
    });
    const written = await writer.finish(manifest);
    await db.transaction((tx) =>
      recordOpsAudit(
        tx,
        "backup_create",
        { type: "backup", id: path.basename(file) },
        {
          file: path.resolve(file),
          sha256: written.sha256,
          bytes: written.bytes,
          schemaVersion: manifest.schemaVersions.at(-1) ?? null,
          rows: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])),
        },
      ),
    );
    return { file, ...written, manifest, elapsedMs: performance.now() - started };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}
