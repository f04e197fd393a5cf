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
import type { Db, Queryable } from "../db/index.ts";
import { sealAudit } from "./seal-audit.ts";

export interface AuditAnchor {
  /** When the anchor was written (ISO 8601). */
  at: string;
  /** Chain position of the head when anchored. */
  seq: string;
  hash: string;
}

export type AnchorCheck =
  | { ok: true; anchors: number }
  | {
      ok: false;
      anchors: number;
      seq: string;
      /**
       * missing: an anchored row is gone from inside the chain; tail_missing: the chain now ends
       * before the last anchored head (rows at its end were removed); hash_differs: the row at an
       * anchored position is not the one anchored.
       */
      reason: "missing" | "tail_missing" | "hash_differs" | "unreadable";
      /** For tail_missing: the chain's head now (0 when the chain is empty). */
      head?: string;
    };

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

/** The file's last anchor, read from its end: the file grows by a line for every sealed batch. */
export function lastAnchor(file: string): AuditAnchor | null {
  if (!fs.existsSync(file)) return null;
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    const line = buf.toString("utf8").trimEnd().split("\n").at(-1) ?? "";
    if (line.trim() === "") return null;
    const a = JSON.parse(line) as Partial<AuditAnchor>;
    return typeof a.seq === "string" && typeof a.hash === "string" && a.at
      ? { at: a.at, seq: a.seq, hash: a.hash }
      : null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Appends the sealed chain's head (or the head given, right after its batch was sealed) to the
 * file, flushed to disk, unless the last anchor already names it. Returns the anchor written, or
 * null when there was nothing new.
 */
export async function writeAnchor(
  q: Queryable,
  file: string,
  now: Date,
  known?: { seq: string; hash: string },
): Promise<AuditAnchor | null> {
  const head = known ?? (await chainHead(q));
  if (!head) return null;
  const last = lastAnchor(file);
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
  // The tail first: rows removed from the end of the chain leave it shorter than the last anchor.
  const head = (await chainHead(q))?.seq ?? "0";
  const newest = anchors.reduce((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? b : a));
  if (BigInt(newest.seq) > BigInt(head))
    return { ok: false, anchors: anchors.length, seq: newest.seq, reason: "tail_missing", head };
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

/**
 * Seals the log and anchors the head of every sealed batch at once, so no sealed row waits for a
 * later anchor: rows removed from the end, or rewritten and sealed again, no longer match the file.
 */
export function sealAndAnchor(db: Db, file: string, now: () => Date = () => new Date()): Promise<number> {
  return sealAudit(db, undefined, (head) => writeAnchor(db, file, now(), head));
}
