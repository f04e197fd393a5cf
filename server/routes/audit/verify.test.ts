import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TAuditVerification } from "../../../domain/schemas/admin.ts";
import { readAnchors, writeAnchor } from "../../audit/anchor.ts";
import { entryHash, GENESIS_HASH } from "../../audit/hash-chain.ts";
import { type AuditRow, readSealedPage, sealAudit, toEntry } from "../../audit/seal-audit.ts";
import { makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let dir: string;
let anchorFile: string;
let auditor: Session;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-verify-"));
  anchorFile = path.join(dir, "audit-anchors.jsonl");
  t = await startTestApp({ auditAnchorFile: anchorFile });
  await makeNetwork(t.db);
  for (const user of ["reg", "office"]) await login(t.app, user);
  auditor = await login(t.app, "auditadmin");
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function verify(): Promise<TAuditVerification> {
  const res = await as(t.app, auditor).post("/api/audit/verify");
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TAuditVerification>();
}

const lastVerifyRow = async () =>
  (
    await t.db.query<{ detail: Record<string, unknown>; object_type: string }>(
      "SELECT detail, object_type FROM audit_log WHERE action = 'audit_verify' ORDER BY id DESC LIMIT 1",
    )
  ).rows[0];

/** With the append-only trigger off, as someone with the database's owner rights could. */
async function tamper(change: () => Promise<unknown>): Promise<void> {
  await t.db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
  try {
    await change();
  } finally {
    await t.db.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
  }
}

describe("the audit chain's verification from the console", () => {
  it("seals and checks every row: whole, with the number checked and the head, and no anchor yet", async () => {
    const unsealed = (
      await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE chain_pos IS NULL")
    ).rows[0]!.n;
    expect(unsealed).toBeGreaterThan(0);
    const v = await verify();
    const head = (
      await t.db.query<{ pos: string; hash: string }>(
        "SELECT chain_pos::text AS pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1",
      )
    ).rows[0]!;
    expect(v).toMatchObject({
      ok: true,
      sealed: Number(head.pos),
      headPosition: head.pos,
      headHash: head.hash,
      anchors: { ok: true, count: 0, last: null, badPosition: null, reason: null },
    });
  });

  it("is itself a row of the log, with its result", async () => {
    const before = await verify();
    expect(await lastVerifyRow()).toEqual({
      object_type: "audit_log",
      detail: {
        ok: true,
        sealed: before.sealed,
        headPosition: before.headPosition,
        headHash: before.headHash,
        anchors: 0,
        anchorsOk: true,
      },
    });
    // The row of the first verification is checked by the second.
    expect((await verify()).sealed).toBeGreaterThan(before.sealed);
  });

  it("shows the last anchor written outside the database, and checks the chain against it", async () => {
    await sealAudit(t.db);
    const anchor = await writeAnchor(t.db, anchorFile, new Date("2026-03-02T02:00:00Z"));
    expect(anchor).not.toBeNull();
    const v = await verify();
    expect(v.ok).toBe(true);
    expect(v.anchors).toEqual({
      ok: true,
      count: 1,
      badPosition: null,
      reason: null,
      last: { position: anchor!.seq, hash: anchor!.hash, at: "2026-03-02T02:00:00.000Z" },
    });
  });

  it("finds a chain rewritten with fresh hashes through its anchor", async () => {
    const anchored = readAnchors(anchorFile).at(-1)!;
    // Row 2 altered and every hash after it recomputed: the chain alone verifies again.
    await tamper(async () => {
      await t.db.query(`UPDATE audit_log SET detail = '{"forged": true}' WHERE chain_pos = 2`);
      const rows: AuditRow[] = await readSealedPage(t.db, "0", 100_000);
      let prev = GENESIS_HASH;
      for (const r of rows) {
        const hash = entryHash(prev, toEntry(r, r.chain_pos!));
        await t.db.query("UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1", [r.id, prev, hash]);
        prev = hash;
      }
    });
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.headPosition).not.toBeNull();
    expect(v.anchors).toMatchObject({ ok: false, badPosition: anchored.seq, reason: "hash_differs" });
    expect(await lastVerifyRow()).toMatchObject({
      detail: { ok: false, anchorsOk: false, anchorPosition: anchored.seq, anchorReason: "hash_differs" },
    });
  });

  it("says where the chain breaks and why, and the failure is found by the outcome filter", async () => {
    await tamper(() => t.db.query(`UPDATE audit_log SET detail = '{"altered": true}' WHERE chain_pos = 3`));
    const v = await verify();
    expect(v).toMatchObject({ ok: false, badPosition: "3", reason: "hash_mismatch", sealed: 2 });
    expect(v.headPosition).toBeNull();
    const failed = await as(t.app, auditor).get("/api/audit?action=audit_verify&outcome=failure");
    expect(failed.json().total).toBe(2);
    expect(failed.json().items[0]).toMatchObject({
      outcome: "failure",
      detail: { ok: false, badPosition: "3", reason: "hash_mismatch" },
    });
  });

  it("is for the audit administrator alone, and a refusal leaves no row", async () => {
    const count = async () =>
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit_verify'",
        )
      ).rows[0]!.n;
    const before = await count();
    for (const username of ["sysadmin", "secadmin", "office"]) {
      const s = await login(t.app, username);
      expect((await as(t.app, s).post("/api/audit/verify")).statusCode, username).toBe(403);
    }
    expect((await as(t.app, null).post("/api/audit/verify")).statusCode).toBe(401);
    expect(await count()).toBe(before);
  });
});
