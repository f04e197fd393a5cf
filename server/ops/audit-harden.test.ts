import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealAudit, verifyAudit } from "../audit/seal-audit.ts";
import type { Queryable } from "../db/index.ts";
import { makeNetwork } from "../test/factories.ts";
import { startTestApp, type TestContext } from "../test/harness.ts";
import { HardenError, hardenAudit } from "./audit-harden.ts";

/**
 * The application's database role against the audit log, before and after `xinfang audit harden`:
 * each attack is tried as that role (SET ROLE inside a transaction that is rolled back).
 */
let t: TestContext;
const suffix = randomBytes(4).toString("hex");
const owner = `xf_audit_owner_${suffix}`;
const app = `xf_app_${suffix}`;

/** Runs the statements as the application's role, then rolls back; answers the error's message, or "ok". */
async function asApp(...statements: string[]): Promise<string> {
  try {
    return await t.db.transaction(async (tx: Queryable) => {
      await tx.query(`SET LOCAL ROLE ${app}`);
      for (const sql of statements) await tx.query(sql);
      throw new Rollback();
    });
  } catch (err) {
    if (err instanceof Rollback) return "ok";
    return err instanceof Error ? err.message : String(err);
  }
}
class Rollback extends Error {}

const ATTACKS = {
  disableTriggers: "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
  replaceGuard:
    "CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
  update: "UPDATE audit_log SET detail = '{\"forged\": true}' WHERE id = (SELECT min(id) FROM audit_log)",
  delete: "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
  truncate: "TRUNCATE audit_log",
};

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  await t.db.query(`CREATE ROLE ${app} NOLOGIN`);
  await t.db.query(`GRANT ${app} TO current_user`);
  // What an application's role has when it owns what it migrated: everything on the log.
  await t.db.query(`GRANT ALL ON audit_log TO ${app}`);
  await t.db.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${app}`);
  await t.db.query("INSERT INTO audit_log (action, detail) VALUES ('test_row', '{}'), ('test_row', '{}')");
  await sealAudit(t.db);
});
afterAll(async () => {
  await t.close();
  // Roles belong to the whole PostgreSQL cluster, not to the test's database: drop them too.
  if (process.env.XF_TEST_DB === "pg") {
    const admin = new pg.Client({
      connectionString: process.env.XF_TEST_PG_URL ?? "postgres://xinfang:xinfang@127.0.0.1:5432/postgres",
    });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${app}`);
    await admin.query(`DROP ROLE IF EXISTS ${owner}`);
    await admin.end();
  }
});

describe("the application's role and the audit log", () => {
  it("before hardening can rewrite and remove rows (the finding)", async () => {
    expect(await asApp(ATTACKS.update)).toMatch(/append-only/);
    // An owner, as the application's role is, only has to switch the guard off first.
    await t.db.query(`ALTER TABLE audit_log OWNER TO ${app}`);
    expect(await asApp(ATTACKS.disableTriggers, ATTACKS.delete)).toBe("ok");
  });

  it("after hardening may only insert, read and seal", async () => {
    await hardenAudit(t.db, { ownerRole: owner, appRole: app });
    for (const [name, sql] of Object.entries(ATTACKS)) {
      expect(await asApp(sql), name).toMatch(/permission denied|must be owner|append-only/);
    }
    expect(await asApp("INSERT INTO audit_log (action, detail) VALUES ('after_harden', '{}')")).toBe("ok");
    expect(await asApp("SELECT count(*) FROM audit_log")).toBe("ok");
    // The sealer's one change still works through the function, as the application's role.
    await t.db.query("INSERT INTO audit_log (action, detail) VALUES ('to_seal', '{}')");
    await t.db.query(`GRANT ${app} TO current_user`);
    const sealed = await t.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL ROLE ${app}`);
      const { rows } = await tx.query<{ id: string }>(
        "SELECT id::text AS id FROM audit_log WHERE chain_pos IS NULL",
      );
      return rows.length;
    });
    expect(sealed).toBe(1);
    expect(await sealAudit(t.db)).toBe(1);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("refuses a role that is not there, a superuser application, or one role for both", async () => {
    await expect(hardenAudit(t.db, { ownerRole: owner, appRole: "no_such_role_x" })).rejects.toThrow(
      HardenError,
    );
    await expect(hardenAudit(t.db, { ownerRole: app, appRole: app })).rejects.toThrow(HardenError);
    await expect(hardenAudit(t.db, { ownerRole: "bad name;", appRole: app })).rejects.toThrow(HardenError);
  });
});
