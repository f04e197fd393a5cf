import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../audit/audit-log.ts";
import { sealAudit, verifyAudit } from "../audit/seal-audit.ts";
import type { Db } from "../db/index.ts";
import { openPglite } from "../db/index.ts";
import { migrate } from "../db/migrate.ts";
import { makeNetwork } from "../test/factories.ts";
import { login, openTestDb, type Session, startTestApp, type TestContext } from "../test/harness.ts";
import { createBackup } from "./backup.ts";
import { BackupError, type BackupManifest, readBackupManifest } from "./backup-format.ts";
import type { TableDigest } from "./catalog.ts";
import { restoreBackup } from "./restore.ts";
import {
  decryptedIdNumbers,
  fingerprint,
  gunzipText,
  gzipText,
  type Person,
  person,
  registerThroughApi,
  submitOnlineThroughApi,
} from "./test-support.ts";

let t: TestContext;
let reg: Session;
let dir: string;
let backupFile: string;
let zhang: Person;
const opened: Db[] = [];

async function emptyTarget(): Promise<Db> {
  const db = await openTestDb();
  opened.push(db);
  return db;
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupError);
  return err as BackupError;
}

/** Every table as the manifest describes it; the audit log has the restore's own row on top. */
function expectAsInBackup(restored: Record<string, TableDigest>, manifest: BackupManifest): void {
  for (const m of manifest.tables) {
    if (m.name === "audit_log") expect(restored[m.name]!.rows, m.name).toBe(m.rows + 1);
    else expect(restored[m.name], m.name).toEqual({ rows: m.rows, sha256: m.sha256 });
  }
}

beforeAll(async () => {
  t = await startTestApp({ publicRateLimitPerMinute: 1000 });
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  zhang = person("张三");
  const first = await registerThroughApi(t, reg, [zhang, person("李四")], { headcount: 2 });
  for (let i = 0; i < 12; i++) await registerThroughApi(t, reg, [person(`王${i}`)]);
  await submitOnlineThroughApi(t, person("刘一"), "backup-test-key-1");
  await t.db.query(
    `INSERT INTO case_attachments (case_id, file_name, media_type, size_bytes, sha256)
     VALUES ($1, '张三的材料.pdf', 'application/pdf', 1234, repeat('a', 64))`,
    [first],
  );
  await t.db.query('INSERT INTO settings (key, value) VALUES (\'ops.test\', \'{"b": [1, 2.5], "a": "文"}\')');
  // Part of the log sealed, part not: both states must survive the round trip.
  await sealAudit(t.db);
  await t.db.transaction((tx) => recordAudit(tx, { action: "test_unsealed", detail: { n: 1 } }));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-backup-"));
  backupFile = path.join(dir, "source.xfb.gz");
  await createBackup(t.db, backupFile);
});

afterAll(async () => {
  for (const db of opened) await db.close();
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores a backup into an empty database with every table's row count and hash equal", async () => {
    const target = await emptyTarget();
    const result = await restoreBackup(target, backupFile);
    const source = await fingerprint(t.db);
    const restored = await fingerprint(target);
    expectAsInBackup(restored, result.manifest);
    // The source has since gained only the backup's own audit row; every other table is identical.
    // The statistics rollup is derived, not copied: the restore counts the cases again (its
    // pending differences differ from the source's; server/stats/monthly.test.ts checks the sums).
    const {
      audit_log: sourceAudit,
      sessions: _s,
      case_stats_delta: _d,
      case_stats_monthly: _m,
      ...sourceRest
    } = source;
    const {
      audit_log: restoredAudit,
      sessions: restoredSessions,
      case_stats_delta: _rd,
      case_stats_monthly: _rm,
      ...restoredRest
    } = restored;
    expect(restoredRest).toEqual(sourceRest);
    expect(restoredAudit!.rows).toBe(sourceAudit!.rows);
    expect(restoredSessions!.rows).toBe(0);
    expect(result.manifest.tables.find((m) => m.name === "cases")!.rows).toBe(14);
    // The restored cases' statistics rows were counted into the rollup once each.
    const pending = await target.query<{ n: number }>(
      "SELECT COALESCE(sum(sign), 0)::int AS n FROM case_stats_delta",
    );
    const folded = await target.query<{ n: number }>(
      "SELECT COALESCE(sum(items), 0)::int AS n FROM case_stats_monthly WHERE dim = 'total'",
    );
    expect(pending.rows[0]!.n + folded.rows[0]!.n).toBe(14);
  });

  it("keeps the audit chain verifiable, generated search vectors, sequences and readable tokens", async () => {
    const target = await emptyTarget();
    await restoreBackup(target, backupFile);
    const sourceChain = await verifyAudit(t.db);
    const targetChain = await verifyAudit(target);
    expect(targetChain).toMatchObject({ ok: true, sealed: sourceChain.ok ? sourceChain.sealed : -1 });
    expect(targetChain.ok && sourceChain.ok && targetChain.headHash).toBe(
      sourceChain.ok && sourceChain.headHash,
    );

    const tsv = (db: Db) => db.query("SELECT id, search_tsv::text AS v FROM cases ORDER BY id");
    expect((await tsv(target)).rows).toEqual((await tsv(t.db)).rows);

    const maxSeq = await target.query<{ n: string }>(
      "SELECT max(split_part(case_number, '-', 3)::bigint)::text AS n FROM cases",
    );
    const next = await target.query<{ n: string }>("SELECT nextval('case_number_seq')::text AS n");
    expect(BigInt(next.rows[0]!.n)).toBeGreaterThan(BigInt(maxSeq.rows[0]!.n));
    const maxAudit = await target.query<{ n: string }>("SELECT max(id)::text AS n FROM audit_log");
    await target.transaction((tx) => recordAudit(tx, { action: "after_restore" }));
    const added = await target.query<{ id: string }>(
      "SELECT id::text AS id FROM audit_log WHERE action = 'after_restore'",
    );
    expect(BigInt(added.rows[0]!.id)).toBeGreaterThan(BigInt(maxAudit.rows[0]!.n));

    expect(await decryptedIdNumbers(target, t.keyRing)).toEqual(await decryptedIdNumbers(t.db, t.keyRing));
    const restoreRow = await target.query<{ actor_role: string; detail: { forced: boolean } }>(
      "SELECT actor_role, detail FROM audit_log WHERE action = 'backup_restore'",
    );
    expect(restoreRow.rows).toHaveLength(1);
    expect(restoreRow.rows[0]).toMatchObject({ actor_role: "cli", detail: { forced: false } });
  });

  it("holds ID and phone numbers only as encrypted tokens and says the key ring is kept apart", async () => {
    const text = gunzipText(backupFile);
    expect(text).not.toContain(zhang.idNumber);
    expect(text).not.toContain(zhang.phone);
    expect(text).toMatch(/"v1\.k1\.[A-Za-z0-9_-]+\./);
    const manifest = await readBackupManifest(backupFile);
    expect(manifest.notice).toContain("key ring");
    expect(manifest.excludedTables).toEqual([
      "case_stats_delta",
      "case_stats_monthly",
      "schema_migrations",
      "sessions",
    ]);
    const audit = await t.db.query<{ detail: { file: string; sha256: string } }>(
      "SELECT detail FROM audit_log WHERE action = 'backup_create'",
    );
    expect(audit.rows.at(-1)!.detail.file).toBe(path.resolve(backupFile));
  });

  it("refuses a database that already holds data and leaves it unchanged, and --force replaces it", async () => {
    const target = await emptyTarget();
    await makeNetwork(target);
    // Twelve sealed rows: the head is chain position 12, which sorts below 9 as text.
    for (let n = 1; n <= 12; n++) {
      await target.transaction((tx) => recordAudit(tx, { action: "target_history", detail: { n } }));
    }
    await sealAudit(target);
    const before = await fingerprint(target);
    const err = await refusal(restoreBackup(target, backupFile));
    expect(err.code).toBe("not_empty");
    expect(err.message).toContain("--force");
    expect(await fingerprint(target)).toEqual(before);

    const forced = await restoreBackup(target, backupFile, { force: true });
    expect(forced.replaced).toMatchObject({ org_units: 10, users: 13, audit_log: 12 });
    const restored = await fingerprint(target);
    expectAsInBackup(restored, forced.manifest);
    expect(await verifyAudit(target)).toMatchObject({ ok: true });
    const row = await target.query<{ detail: { forced: boolean; replacedAuditHead: { chain_pos: string } } }>(
      "SELECT detail FROM audit_log WHERE action = 'backup_restore'",
    );
    expect(row.rows[0]!.detail).toMatchObject({ forced: true, replacedAuditHead: { chain_pos: "12" } });
  });

  it("refuses a backup of another schema version, naming the versions, and leaves the database unchanged", async () => {
    const target = await emptyTarget();
    const before = await fingerprint(target);
    const lines = gunzipText(backupFile).split("\n");
    const manifest = JSON.parse(lines[0]!);
    manifest.schemaVersions = [...manifest.schemaVersions.slice(0, -1), "20991231000000"];
    lines[0] = JSON.stringify(manifest);
    const other = path.join(dir, "other-version.xfb.gz");
    gzipText(other, lines.join("\n"));
    const err = await refusal(restoreBackup(target, other));
    expect(err.code).toBe("schema_mismatch");
    expect(err.message).toContain("20991231000000");
    expect(err.message).toMatch(/lacks: \d{14}/);
    expect(await fingerprint(target)).toEqual(before);
  });

  it("refuses an altered, a cut-off and a foreign file and leaves the database unchanged", async () => {
    const target = await emptyTarget();
    const before = await fingerprint(target);
    const text = gunzipText(backupFile);
    const altered = path.join(dir, "altered.xfb.gz");
    expect(text).toContain("张三家");
    gzipText(altered, text.replace("张三家", "李四家"));
    const err = await refusal(restoreBackup(target, altered));
    expect(err.code).toBe("integrity");
    expect(err.message).toContain("case_petitioners");

    const cut = path.join(dir, "cut.xfb.gz");
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    expect((await refusal(restoreBackup(target, cut))).code).toBe("integrity");

    const lastTableGone = path.join(dir, "short.xfb.gz");
    const lines = text.split("\n");
    const lastHeader = lines.map((l) => l.startsWith('{"table"')).lastIndexOf(true);
    gzipText(lastTableGone, `${lines.slice(0, lastHeader).join("\n")}\n`);
    expect((await refusal(restoreBackup(target, lastTableGone))).code).toBe("integrity");

    const foreign = path.join(dir, "foreign.gz");
    gzipText(foreign, '{"hello":"world"}\n');
    expect((await refusal(restoreBackup(target, foreign))).code).toBe("format");
    expect(await fingerprint(target)).toEqual(before);
  });

  it("rolls the whole restore back when a table does not read back as it was backed up", async () => {
    const target = await emptyTarget();
    // A database that changes what it is given, as a broken type or a stray trigger would.
    await target.exec(`CREATE FUNCTION ops_test_mangle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.title := NEW.title || '!'; RETURN NEW; END $$;
      CREATE TRIGGER ops_test_mangle BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION ops_test_mangle();`);
    const before = await fingerprint(target);
    const err = await refusal(restoreBackup(target, backupFile));
    expect(err.code).toBe("verification");
    expect(err.message).toContain("cases");
    expect(await fingerprint(target)).toEqual(before);
  });

  it("never overwrites an existing file", async () => {
    const err = await refusal(createBackup(t.db, backupFile));
    expect(err.code).toBe("file_exists");
    expect(fs.readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);
  });

  // Defined only in the PostgreSQL suite: the embedded suite's own round trip is above.
  it.each(process.env.XF_TEST_DB === "pg" ? ["PostgreSQL"] : [])(
    "carries a database from %s to the embedded database and back with equal hashes",
    async () => {
      const embedded = await openPglite();
      opened.push(embedded);
      await migrate(embedded);
      const restored = await restoreBackup(embedded, backupFile);
      expect(restored.manifest.source.kind).toBe("pg");
      const again = path.join(dir, "from-pglite.xfb.gz");
      const second = await createBackup(embedded, again);
      const target = await emptyTarget();
      await restoreBackup(target, again);
      const back = await fingerprint(target);
      for (const m of restored.manifest.tables) {
        if (m.name === "audit_log") continue; // the restore itself added one row
        expect(back[m.name], m.name).toEqual({ rows: m.rows, sha256: m.sha256 });
      }
      expect(second.manifest.source.kind).toBe("pglite");
      expect(await verifyAudit(target)).toMatchObject({ ok: true });
    },
  );
});
