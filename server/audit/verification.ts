import type { Db } from "../db/index.ts";
import { type AnchorCheck, type AuditAnchor, checkAnchors, readAnchors } from "./anchor.ts";
import { type AuditVerification, sealAudit, verifyAudit } from "./seal-audit.ts";

export interface FullAuditVerification {
  chain: AuditVerification;
  /** The last position of the chain that was checked (null for an empty log or a broken chain). */
  headPosition: string | null;
  anchors: AnchorCheck;
  /** The newest anchor in the file, or null when there is none (or the file cannot be read). */
  lastAnchor: AuditAnchor | null;
}

/**
 * What `xinfang audit verify` does, as one call for the server: seal what is waiting, check every
 * link and hash of the chain, then check the chain against the anchors kept outside the database.
 */
export async function verifyAuditWithAnchors(db: Db, anchorFile: string): Promise<FullAuditVerification> {
  await sealAudit(db);
  let chain = await verifyAudit(db);
  if (!chain.ok) {
    // verifyAudit counts whole pages only; every row before the break was checked and held.
    const before = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE chain_pos < $1::bigint",
      [chain.badPosition],
    );
    chain = { ...chain, sealed: before.rows[0]!.n };
  }
  const anchors = await checkAnchors(db, anchorFile);
  let lastAnchor: AuditAnchor | null = null;
  try {
    lastAnchor = readAnchors(anchorFile).at(-1) ?? null;
  } catch {
    // checkAnchors already reports the file as unreadable.
  }
  // A whole chain runs from position 1 without a gap: its head is the number of rows checked (read
  // this way, not again from the table, where the sealer may have added rows since).
  const headPosition = chain.ok && chain.sealed > 0 ? String(chain.sealed) : null;
  return { chain, headPosition, anchors, lastAnchor };
}
