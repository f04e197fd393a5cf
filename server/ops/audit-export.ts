import fs from "node:fs";
import path from "node:path";
import { sealAudit } from "../audit/seal-audit.ts";
import type { Db } from "../db/index.ts";
import { recordOpsAudit } from "./ops-audit.ts";

interface ExportRow {
  chain_pos: string;
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/**
 * Seals the log and writes every sealed row, in chain order, as one JSON object per line, with the
 * timestamp in the exact form that was hashed: the file can be checked with verifyChain() (or any
 * reimplementation of hash-chain.ts) away from the database. Refuses to overwrite a file.
 */
export async function exportAudit(
  db: Db,
  file: string,
  pageSize = 5000,
): Promise<{ rows: number; headHash: string | null }> {
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose another name or remove it first`);
  await sealAudit(db);
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  failed.catch(() => {});
  let rows = 0;
  let headHash: string | null = null;
  try {
    let after = "0";
    for (;;) {
      const page = await db.query<ExportRow>(
        `SELECT chain_pos::text AS chain_pos, id::text AS id,
                to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id, actor_role, ip,
                action, object_type, object_id, detail, prev_hash, hash
           FROM audit_log WHERE chain_pos > $1::bigint ORDER BY chain_pos LIMIT $2`,
        [after, pageSize],
      );
      if (page.rows.length === 0) break;
      const text = page.rows
        .map((r) =>
          JSON.stringify({
            seq: r.chain_pos,
            id: r.id,
            at: r.at,
            actorId: r.actor_id,
            actorRole: r.actor_role,
            ip: r.ip,
            action: r.action,
            objectType: r.object_type,
            objectId: r.object_id,
            detail: r.detail,
            prevHash: r.prev_hash,
            hash: r.hash,
          }),
        )
        .join("\n");
      if (!out.write(`${text}\n`))
        await Promise.race([new Promise<void>((r) => out.once("drain", () => r())), failed]);
      rows += page.rows.length;
      after = page.rows.at(-1)!.chain_pos;
      headHash = page.rows.at(-1)!.hash;
    }
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
    fs.renameSync(partial, file);
  } catch (err) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
  await db.transaction((tx) =>
    recordOpsAudit(
      tx,
      "audit_export",
      { type: "audit_log", id: null },
      { file: path.resolve(file), rows, headHash },
    ),
  );
  return { rows, headHash };
}
