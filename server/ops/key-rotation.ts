/**
 * Re-encryption of every stored field token under the key ring's current key, in small
 * transactions so a large database is never locked for long and an interrupted run simply
 * continues where it stopped (a token already under the current key is not touched again).
 * Blind indexes use the separate index key and are never changed.
 */
import { FieldCryptoError, type KeyRing, reencrypt } from "../crypto/field-crypto.ts";
import type { Db, Queryable } from "../db/index.ts";
import { quoteIdent } from "./catalog.ts";
import { recordOpsAudit } from "./ops-audit.ts";
import { keyIdSql, TOKEN_COLUMNS, type TokenColumn } from "./token-columns.ts";

export interface ReencryptOptions {
  batchSize?: number;
  /** Stop after this many batches (tests of resuming; an operator's dry walk). */
  maxBatches?: number;
  onBatch?: (column: string, rows: number) => void;
}

export interface ReencryptResult {
  /** Tokens re-encrypted, per column label. */
  reencrypted: Record<string, number>;
  batches: number;
  /** False when maxBatches stopped the run before every token was under the current key. */
  complete: boolean;
}

async function reencryptBatch(
  tx: Queryable,
  ring: KeyRing,
  col: TokenColumn,
  batchSize: number,
): Promise<number> {
  const keys = col.key.map((k, i) => `${quoteIdent(k.name)}::text AS k${i}`).join(", ");
  const order = col.key.map((k) => quoteIdent(k.name)).join(", ");
  const { rows } = await tx.query<Record<string, string>>(
    `SELECT ${keys}, ${col.tokenSql} AS token FROM ${quoteIdent(col.table)}
      WHERE ${col.tokenSql} IS NOT NULL AND ${keyIdSql(col.tokenSql)} <> $1
      ORDER BY ${order} LIMIT $2 FOR UPDATE`,
    [ring.currentId, batchSize],
  );
  if (rows.length === 0) return 0;
  const updates = rows.map((r) => {
    const key = col.key.map((_, i) => r[`k${i}`]!);
    try {
      return {
        ...Object.fromEntries(key.map((v, i) => [`k${i}`, v])),
        old: r.token!,
        token: reencrypt(ring, r.token!, col.context),
      };
    } catch (err) {
      if (err instanceof FieldCryptoError) {
        // Row key and error code only: never the token's content.
        throw new FieldCryptoError(err.code, `${col.label} of row (${key.join(", ")}): ${err.message}`);
      }
      throw err;
    }
  });
  const recordColumns = [...col.key.map((_, i) => `k${i} text`), "old text", "token text"].join(", ");
  const match = col.key.map((k, i) => `t.${quoteIdent(k.name)} = v.k${i}::${k.type}`).join(" AND ");
  const result = await tx.query(
    `UPDATE ${quoteIdent(col.table)} AS t SET ${col.setSql}
       FROM json_to_recordset($1::text::json) AS v(${recordColumns})
      WHERE ${match} AND t.${col.tokenSql} = v.old`,
    [JSON.stringify(updates)],
  );
  if (result.rowCount !== rows.length) {
    throw new Error(
      `${col.label}: updated ${result.rowCount} of ${rows.length} locked rows; batch rolled back`,
    );
  }
  await recordOpsAudit(
    tx,
    "keys_reencrypt",
    { type: "column", id: col.label },
    { keyId: ring.currentId, rows: rows.length },
  );
  return rows.length;
}

/** Re-encrypts every token not under ring.currentId, one transaction (and audit row) per batch. */
export async function reencryptTokens(
  db: Db,
  ring: KeyRing,
  options: ReencryptOptions = {},
): Promise<ReencryptResult> {
  const batchSize = options.batchSize ?? 500;
  const result: ReencryptResult = { reencrypted: {}, batches: 0, complete: true };
  for (const col of TOKEN_COLUMNS) {
    result.reencrypted[col.label] = 0;
    for (;;) {
      if (options.maxBatches !== undefined && result.batches >= options.maxBatches) {
        result.complete = false;
        return result;
      }
      const n = await db.transaction((tx) => reencryptBatch(tx, ring, col, batchSize));
      if (n === 0) break;
      result.batches += 1;
      result.reencrypted[col.label]! += n;
      options.onBatch?.(col.label, n);
    }
  }
  return result;
}

export interface KeyUsage {
  column: string;
  keyId: string;
  rows: number;
}

/** How many tokens each key id encrypts, per column. */
export async function tokenKeyUsage(q: Queryable): Promise<KeyUsage[]> {
  const out: KeyUsage[] = [];
  for (const col of TOKEN_COLUMNS) {
    const { rows } = await q.query<{ key_id: string; n: number }>(
      `SELECT ${keyIdSql(col.tokenSql)} AS key_id, count(*)::int AS n FROM ${quoteIdent(col.table)}
        WHERE ${col.tokenSql} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    for (const r of rows) out.push({ column: col.label, keyId: r.key_id, rows: r.n });
  }
  return out;
}

/** The ring without one old data key; refuses the current key. */
export function withoutKey(ring: KeyRing, keyId: string): KeyRing {
  if (keyId === ring.currentId) throw new Error(`key "${keyId}" is the current key and cannot be dropped`);
  if (!ring.keys.some((k) => k.id === keyId)) throw new Error(`key "${keyId}" is not in the key ring`);
  return { ...ring, keys: ring.keys.filter((k) => k.id !== keyId) };
}
