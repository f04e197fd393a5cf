import type { Queryable } from "../db/index.ts";

/** Writes bureau settings (JSON values under their keys) in the caller's transaction, one statement. */
export async function writeSettings(
  q: Queryable,
  entries: readonly (readonly [key: string, value: unknown])[],
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await q.query(
    `INSERT INTO settings (key, value, updated_at)
     SELECT k, v::jsonb, $3 FROM unnest($1::text[], $2::text[]) AS e(k, v)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [entries.map(([k]) => k), entries.map(([, v]) => JSON.stringify(v)), now],
  );
}
