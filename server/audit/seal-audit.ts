import type { Db, Queryable } from "../db/index.ts";
import {
  type AuditEntry,
  type ChainedAuditEntry,
  entryHash,
  GENESIS_HASH,
  verifyChain,
} from "./hash-chain.ts";

// Same constant in every process: only one sealer extends the chain at a time.
const SEAL_LOCK = 7_221_020;

export interface AuditRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  detail: Record<string, unknown>;
  chain_pos: string | null;
  prev_hash: string | null;
  hash: string | null;
}

// The timestamp is hashed as text; render it the same way when sealing and when verifying.
const COLUMNS = `id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id, actor_role, ip,
  action, object_type, object_id, detail, chain_pos, prev_hash, hash`;

export function toEntry(r: AuditRow, pos: string): AuditEntry {
  return {
    seq: pos,
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    ip: r.ip,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    detail: r.detail,
  };
}

/** Called after each sealed batch has committed, with the chain's new head. */
export type OnSealed = (head: { seq: string; hash: string }) => Promise<unknown>;

/**
 * Chains every committed unsealed row onto the end of the log: each gets the next position, the
 * previous row's hash and its own. Returns how many rows were sealed. `onSealed` runs after every
 * batch that sealed rows (the server anchors each head outside the database there).
 */
export async function sealAudit(
  db: Pick<Db, "transaction">,
  batchSize = 2000,
  onSealed?: OnSealed,
): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [SEAL_LOCK]);
      // Order by the bigint column itself: as text, "9" would sort after "40".
      const last = await tx.query<{ pos: string; hash: string }>(
        "SELECT chain_pos::text AS pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY audit_log.chain_pos DESC LIMIT 1",
      );
      let pos = BigInt(last.rows[0]?.pos ?? "0");
      let prev = last.rows[0]?.hash ?? GENESIS_HASH;
      const { rows } = await tx.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log WHERE chain_pos IS NULL ORDER BY id LIMIT $1`,
        [batchSize],
      );
      const seals = rows.map((r) => {
        pos += 1n;
        const hash = entryHash(prev, toEntry(r, pos.toString()));
        const seal = { id: r.id, chain_pos: pos.toString(), prev_hash: prev, hash };
        prev = hash;
        return seal;
      });
      // One statement for the whole batch: the sealer must stay cheap next to the writers it follows.
      if (seals.length > 0) {
        await tx.query(
          // The id range and the unsealed condition steer the planner to the indexes; a join on the
          // record set alone was planned as a scan of the whole (ever-growing) log. Through the
          // function, so a hardened database lets the application seal but not update
          // (migrations/20261206000300_audit_seal_function.sql).
          "SELECT audit_seal($1::jsonb, $2, $3)",
          [JSON.stringify(seals), rows[0]!.id, rows[rows.length - 1]!.id],
        );
      }
      return { count: rows.length, head: { seq: pos.toString(), hash: prev } };
    });
    total += sealed.count;
    if (sealed.count > 0 && onSealed) await onSealed(sealed.head);
    if (sealed.count < batchSize) return total;
  }
}

/** Sealed rows after a chain position, in chain order, with the timestamp as it was hashed. */
export async function readSealedPage(
  q: Queryable,
  afterPosition: string,
  pageSize: number,
): Promise<AuditRow[]> {
  const { rows } = await q.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log WHERE chain_pos > $1::bigint ORDER BY chain_pos LIMIT $2`,
    [afterPosition, pageSize],
  );
  return rows;
}

export type AuditVerification =
  | { ok: true; sealed: number; unsealed: number; headHash: string }
  | { ok: false; badPosition: string; reason: string; sealed: number };

/** Re-reads the whole sealed chain in order and checks every link and hash. */
export async function verifyAudit(q: Queryable, pageSize = 5000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let after = 0n;
  let count = 0;
  for (;;) {
    const rows = await readSealedPage(q, after.toString(), pageSize);
    if (rows.length === 0) break;
    const chained: ChainedAuditEntry[] = rows.map((r) => ({
      ...toEntry(r, r.chain_pos!),
      prevHash: r.prev_hash!,
      hash: r.hash!,
    }));
    // A missing first row of a page (or of the log) shows as a gap against the expected position.
    if (BigInt(rows[0]!.chain_pos!) !== after + 1n) {
      return { ok: false, badPosition: rows[0]!.chain_pos!, reason: "gap", sealed: count };
    }
    const v = verifyChain(chained, prev);
    // Positions run 1, 2, 3 … without gaps up to here: the rows before the bad one all verified.
    if (!v.ok)
      return { ok: false, badPosition: String(v.badSeq), reason: v.reason, sealed: Number(v.badSeq) - 1 };
    count += rows.length;
    prev = chained[chained.length - 1]!.hash;
    after = BigInt(rows[rows.length - 1]!.chain_pos!);
  }
  const unsealed = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_log WHERE chain_pos IS NULL",
  );
  return { ok: true, sealed: count, unsealed: unsealed.rows[0]!.n, headHash: prev };
}
