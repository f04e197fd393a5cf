import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./index.ts";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../migrations");

// Any constant works: it only has to be the same in every process that migrates.
const MIGRATION_LOCK = 7_221_019;

export interface MigrationFile {
  version: string;
  file: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: file.slice(0, 14), file: path.join(dir, file) }));
}

/**
 * Applies every migration file not yet recorded in schema_migrations, each in its own transaction,
 * in file-name order. The version table is the only source of truth about the schema.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    const done = new Set(
      (await tx.query<{ version: string }>("SELECT version FROM schema_migrations")).rows.map(
        (r) => r.version,
      ),
    );
    for (const m of listMigrations(dir)) {
      if (done.has(m.version)) continue;
      await tx.exec(fs.readFileSync(m.file, "utf8"));
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        m.version,
        path.basename(m.file),
      ]);
      applied.push(path.basename(m.file));
    }
  });
  return applied;
}
