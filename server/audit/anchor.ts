/**
 * Anchors of the audit chain outside the database.
 *
 * The hash chain shows a row altered or removed, but someone with write access to the database could
 * rewrite a row and recompute every hash after it: the chain would verify again. An anchor is the
 * chain's head (position and hash) written from time to time to an append-only file that lives with
 * the application, not in the database (and that an operator may also copy elsewhere). A rewritten
 * chain no longer has the anchored hash at the anchored position.
 */
import fs from "node:fs";
import path from "node:path";
import type { Queryable } from "../db/index.ts";

export interface AuditAnchor {
  /** When the anchor was written (ISO 8601). */
  at: string;
  /** Chain position of the head when anchored. */
  seq: string;
  hash: string;
}

export type AnchorCheck =
  | { ok: true; anchors: number }
  | { ok: false; anchors: number; seq: string; reason: "missing" | "hash_differs" | "unreadable" };

async function chainHead(q: Queryable): Promise<{ seq: string; hash: string } | null> {
  const { rows } = await q.query<{ seq: string; hash: string }>(
    "SELECT chain_pos::text AS seq, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY audit_log.chain_pos DESC LIMIT 1",
  );
  return rows[0] ?? null;
}

/** The anchors in the file, oldest first; a line that is not an anchor throws. */
export function readAnchors(file: string): AuditAnchor[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const a = JSON.parse(line) as Partial<AuditAnchor>;
      if (typeof a.seq !== "string" || !/^[0-9]+$/.test(a.seq) || typeof a.hash !== "string" || !a.at) {
        throw new Error(`line ${i + 1} of ${file} is not an audit anchor`);
      }
      return { at: a.at, seq: a.seq, hash: a.hash };
    });
}

/**
 * Appends the sealed chain's head to the file (flushed to disk) unless the last anchor already names
 * it. Returns the anchor written, or null when there was nothing new.
 */
export async function writeAnchor(q: Queryable, file: string, now: Date): Promise<AuditAnchor | null> {
  const head = await chainHead(q);
  if (!head) return null;
  const last = readAnchors(file).at(-1);
  if (last && last.seq === head.seq && last.hash === head.hash) return null;
  const anchor: AuditAnchor = { at: now.toISOString(), seq: head.seq, hash: head.hash };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, "a", 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(anchor)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return anchor;
}

/** Checks that the chain still holds each anchored hash at its anchored position. */
export async function checkAnchors(q: Queryable, file: string): Promise<AnchorCheck> {
  let anchors: AuditAnchor[];
  try {
    anchors = readAnchors(file);
  } catch {
    return { ok: false, anchors: 0, seq: "0", reason: "unreadable" };
  }
  if (anchors.length === 0) return { ok: true, anchors: 0 };
  const { rows } = await q.query<{ seq: string; hash: string }>(
    "SELECT chain_pos::text AS seq, hash FROM audit_log WHERE chain_pos = ANY($1::bigint[])",
    [anchors.map((a) => a.seq)],
  );
  const stored = new Map(rows.map((r) => [r.seq, r.hash]));
  for (const a of anchors) {
    const hash = stored.get(a.seq);
    if (hash === undefined) return { ok: false, anchors: anchors.length, seq: a.seq, reason: "missing" };
    if (hash !== a.hash) return { ok: false, anchors: anchors.length, seq: a.seq, reason: "hash_differs" };
  }
  return { ok: true, anchors: anchors.length };
}
