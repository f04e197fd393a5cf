import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChainedAuditEntry, verifyChain } from "../audit/hash-chain.ts";
import { verifyAudit } from "../audit/seal-audit.ts";
import { makeNetwork } from "../test/factories.ts";
import { login, startTestApp, type TestContext } from "../test/harness.ts";
import { exportAudit } from "./audit-export.ts";
import { person, registerThroughApi } from "./test-support.ts";

let t: TestContext;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  const reg = await login(t.app, "reg");
  for (let i = 0; i < 3; i++) await registerThroughApi(t, reg, [person(`陈${i}`)]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-audit-"));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("exporting the audit log", () => {
  it("writes the sealed chain as JSON lines that verify away from the database", async () => {
    const file = path.join(dir, "audit.jsonl");
    const result = await exportAudit(t.db, file, 2);
    const entries = fs
      .readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as ChainedAuditEntry);
    expect(entries.length).toBe(result.rows);
    expect(result.rows).toBeGreaterThanOrEqual(4);
    expect(verifyChain(entries)).toEqual({ ok: true, count: result.rows });
    const inDb = await verifyAudit(t.db);
    expect(inDb.ok && inDb.headHash).toBe(result.headHash);

    const tampered = entries.map((e, i) => (i === 1 ? { ...e, action: "something_else" } : e));
    expect(verifyChain(tampered)).toMatchObject({ ok: false, reason: "hash_mismatch" });
    const exportRow = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'audit_export'");
    expect(exportRow.rows).toHaveLength(1);
  });

  it("never overwrites an existing file", async () => {
    const file = path.join(dir, "exists.jsonl");
    fs.writeFileSync(file, "keep me");
    await expect(exportAudit(t.db, file)).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
  });
});
