/**
 * Pure helpers for the audit log's hash chain. Each sealed row stores the previous row's hash and
 * its own hash over that plus its content, so changing, deleting or reordering a sealed row breaks
 * the chain from that point. A rewrite of the whole tail with fresh hashes is only caught against a
 * head hash kept elsewhere, so callers should record the latest hash outside the database too.
 */
import { createHash } from "node:crypto";

export interface AuditEntry {
  /** Chain position. PostgreSQL bigint arrives from pg as a string; both forms hash the same. */
  seq: number | string;
  /** Hashed verbatim: write and re-read it in the same ISO form, or verification will fail. */
  at: string;
  actorId: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  detail: Record<string, unknown>;
}

export type ChainedAuditEntry = AuditEntry & { prevHash: string; hash: string };

export type ChainVerification =
  | { ok: true; count: number }
  | { ok: false; badSeq: number | string; reason: "hash_mismatch" | "broken_link" | "gap" };

export const GENESIS_HASH = "0".repeat(64);
const HASH = /^[0-9a-f]{64}$/;

/**
 * JSON with object keys sorted at every level, so the same value always gives the same text, and
 * the text does not change when jsonb reorders keys on the way back from the database. Values JSON
 * cannot carry faithfully (NaN, Infinity, bigint, functions, Maps…) are refused rather than
 * silently turned into something else that would then be hashed.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, new Set());
}

function encode(value: unknown, ancestors: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
  if (ancestors.has(value)) throw new TypeError("canonicalJson: circular structure");
  // Dates and the like: encode what JSON.stringify (and so the jsonb column) would store.
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === "function") {
    return encode((withToJson.toJSON as () => unknown).call(value), ancestors);
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // JSON turns undefined array slots into null; do the same so the stored form hashes equal.
      return `[${value.map((v: unknown) => (v === undefined ? "null" : encode(v, ancestors))).join(",")}]`;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError("canonicalJson: only plain objects, arrays and primitives can be encoded");
    }
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .filter((k) => record[k] !== undefined) // JSON drops undefined properties
      .sort()
      .map((k) => `${JSON.stringify(k)}:${encode(record[k], ancestors)}`);
    return `{${fields.join(",")}}`;
  } finally {
    ancestors.delete(value);
  }
}

/** The seq as a BigInt, or null when it is not a non-negative integer (in either form). */
function seqValue(seq: number | string): bigint | null {
  if (typeof seq === "number") return Number.isSafeInteger(seq) && seq >= 0 ? BigInt(seq) : null;
  return /^(0|[1-9]\d*)$/.test(seq) ? BigInt(seq) : null;
}

/** sha256 hex of prevHash + "\n" + canonicalJson(entry), over the AuditEntry fields only. */
export function entryHash(prevHash: string, entry: AuditEntry): string {
  if (!HASH.test(prevHash)) throw new TypeError("entryHash: prevHash must be 64 lower-case hex characters");
  const seq = seqValue(entry.seq);
  if (seq === null) throw new TypeError("entryHash: seq must be a non-negative integer");
  // Pick the fields by name: a row passed in with its own prevHash/hash must not hash those too.
  const content = {
    seq: seq.toString(),
    at: entry.at,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    ip: entry.ip,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    detail: entry.detail,
  };
  return createHash("sha256")
    .update(`${prevHash}\n${canonicalJson(content)}`, "utf8")
    .digest("hex");
}

/** Seals one entry onto the chain whose last hash is prevHash. */
export function chainEntry(prevHash: string, entry: AuditEntry): ChainedAuditEntry {
  return { ...entry, prevHash, hash: entryHash(prevHash, entry) };
}

/**
 * Checks entries in the order given (the caller reads them ordered by seq). startPrevHash lets a
 * verification resume from a known-good hash instead of the genesis.
 * - gap: seq is not the previous seq + 1 (a deleted or reordered row);
 * - broken_link: prevHash is not the previous row's hash (a deleted or replaced row);
 * - hash_mismatch: the row's content no longer matches its hash (an altered row).
 */
export function verifyChain(
  entries: readonly ChainedAuditEntry[],
  startPrevHash: string = GENESIS_HASH,
): ChainVerification {
  let expectedPrev = startPrevHash;
  let lastSeq: bigint | null = null;
  for (const entry of entries) {
    const seq = seqValue(entry.seq);
    if (seq === null || (lastSeq !== null && seq !== lastSeq + 1n)) {
      return { ok: false, badSeq: entry.seq, reason: "gap" };
    }
    if (entry.prevHash !== expectedPrev) return { ok: false, badSeq: entry.seq, reason: "broken_link" };
    if (!HASH.test(entry.prevHash) || entryHash(entry.prevHash, entry) !== entry.hash) {
      return { ok: false, badSeq: entry.seq, reason: "hash_mismatch" };
    }
    expectedPrev = entry.hash;
    lastSeq = seq;
  }
  return { ok: true, count: entries.length };
}
