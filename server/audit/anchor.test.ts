import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../test/factories.ts";
import { login, startTestApp, type TestContext } from "../test/harness.ts";
import { checkAnchors, lastAnchor, readAnchors, sealAndAnchor, writeAnchor } from "./anchor.ts";
import { entryHash, GENESIS_HASH } from "./hash-chain.ts";
import { type AuditRow, readSealedPage, sealAudit, toEntry, verifyAudit } from "./seal-audit.ts";

let t: TestContext;
let dir: string;
let file: string;
const now = new Date("2026-03-02T02:00:00Z");

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const user of ["reg", "office", "bleader"] as const) await login(t.app, user);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-anchor-"));
  file = path.join(dir, "audit-anchors.jsonl");
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Rewrites row 2 and recomputes every hash after it, as someone with database access could. */
async function rewriteChain(): Promise<void> {
  await t.db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
  await t.db.query(`UPDATE audit_log SET detail = '{"forged": true}' WHERE chain_pos = 2`);
  const rows: AuditRow[] = await readSealedPage(t.db, "0", 100_000);
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = entryHash(prev, toEntry(r, r.chain_pos!));
    await t.db.query("UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1", [r.id, prev, hash]);
    prev = hash;
  }
  await t.db.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
}

describe("anchors of the audit chain outside the database", () => {
  it("appends the head once, and again only when the chain has grown", async () => {
    await sealAudit(t.db);
    const first = await writeAnchor(t.db, file, now);
    expect(first).not.toBeNull();
    expect(await writeAnchor(t.db, file, now)).toBeNull();
    await login(t.app, "leader");
    await sealAudit(t.db);
    const second = await writeAnchor(t.db, file, now);
    expect(BigInt(second!.seq)).toBeGreaterThan(BigInt(first!.seq));
    expect(readAnchors(file)).toEqual([first, second]);
    expect(await checkAnchors(t.db, file)).toEqual({ ok: true, anchors: 2 });
  });

  it("finds a chain rewritten with fresh hashes, which the chain check alone accepts", async () => {
    await rewriteChain();
    expect((await verifyAudit(t.db)).ok).toBe(true);
    const check = await checkAnchors(t.db, file);
    expect(check).toMatchObject({ ok: false, reason: "hash_differs" });
  });

  it("finds anchored rows that are gone, and refuses a damaged anchor file", async () => {
    const other = path.join(dir, "other.jsonl");
    fs.writeFileSync(other, `${JSON.stringify({ at: now.toISOString(), seq: "999999", hash: "ab" })}\n`);
    expect(await checkAnchors(t.db, other)).toMatchObject({
      ok: false,
      seq: "999999",
      reason: "tail_missing",
    });
    fs.writeFileSync(other, "not json\n");
    expect(await checkAnchors(t.db, other)).toMatchObject({ ok: false, reason: "unreadable" });
    expect(await checkAnchors(t.db, path.join(dir, "none.jsonl"))).toEqual({ ok: true, anchors: 0 });
  });
});

describe("every sealed batch anchored at once", () => {
  let own: string;
  beforeAll(async () => {
    own = path.join(dir, "per-batch.jsonl");
    await sealAndAnchor(t.db, own);
  });

  it("anchors each batch's head, so the chain's head is always the last anchor", async () => {
    for (const user of ["reg", "office", "bleader", "leader", "analyst"] as const) await login(t.app, user);
    // Batches of two: five logins are three batches, each anchored when it commits.
    const before = readAnchors(own).length;
    await sealAudit(t.db, 2, (head) => writeAnchor(t.db, own, now, head));
    const anchors = readAnchors(own);
    expect(anchors.length - before).toBe(3);
    const head = (await readSealedPage(t.db, "0", 100_000)).at(-1)!;
    expect(lastAnchor(own)).toMatchObject({ seq: head.chain_pos, hash: head.hash });
    expect(await checkAnchors(t.db, own)).toEqual({ ok: true, anchors: anchors.length });
  });

  it("finds rows removed from the end of the log, which the chain check alone accepts", async () => {
    await login(t.app, "reg");
    await login(t.app, "office");
    await sealAndAnchor(t.db, own);
    const head = BigInt(lastAnchor(own)!.seq);
    await t.db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    await t.db.query("DELETE FROM audit_log WHERE chain_pos > $1", [(head - 2n).toString()]);
    await t.db.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    expect((await verifyAudit(t.db)).ok).toBe(true);
    expect(await checkAnchors(t.db, own)).toMatchObject({
      ok: false,
      reason: "tail_missing",
      seq: head.toString(),
      head: (head - 2n).toString(),
    });
  });
});
