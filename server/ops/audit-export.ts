import fs from "node:fs";
import path from "node:path";
import { readSealedPage, sealAudit, toEntry } from "../audit/seal-audit.ts";
import type { Db } from "../db/index.ts";
import { recordOpsAudit } from "./ops-audit.ts";

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
      const page = { rows: await readSealedPage(db, after, pageSize) };
      if (page.rows.length === 0) break;
      const text = page.rows
        .map((r) =>
          JSON.stringify({ ...toEntry(r, r.chain_pos!), id: r.id, prevHash: r.prev_hash, hash: r.hash }),
        )
        .join("\n");
      if (!out.write(`${text}\n`))
        await Promise.race([new Promise<void>((r) => out.once("drain", () => r())), failed]);
      rows += page.rows.length;
      after = page.rows.at(-1)!.chain_pos!;
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
