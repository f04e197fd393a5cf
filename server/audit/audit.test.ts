import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../test/factories.ts";
import { as, login, type Session, startTestApp, TEST_PASSWORD, type TestContext } from "../test/harness.ts";
import { sealAudit, verifyAudit } from "./seal-audit.ts";

let t: TestContext;
let auditor: Session;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  const reg = await login(t.app, "reg");
  for (let i = 0; i < 3; i++) await as(t.app, reg).post("/api/cases", caseInput());
  auditor = await login(t.app, "auditadmin");
});
afterAll(() => t.close());

describe("the audit log", () => {
  it("records logins, failed logins and registrations with who and from where", async () => {
    await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "reg", password: "bad" },
    });
    const { rows } = await t.db.query<{ action: string; ip: string | null }>(
      "SELECT action, ip FROM audit_log",
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["login", "login_failed", "case_register"]));
    expect(rows.every((r) => r.ip !== null)).toBe(true);
  });

  it("cannot be changed or deleted through SQL the application runs", async () => {
    await expect(t.db.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.db.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });

  it("chains every row and verifies intact", async () => {
    const sealed = await sealAudit(t.db);
    expect(sealed).toBeGreaterThan(0);
    const v = await verifyAudit(t.db);
    expect(v).toMatchObject({ ok: true, unsealed: 0 });
    if (v.ok) expect(v.sealed).toBeGreaterThanOrEqual(sealed);
  });

  it("keeps extending the chain in many rounds past ten, a hundred sealed rows", async () => {
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 10; i++) {
        await t.db.query("INSERT INTO audit_log (action, detail) VALUES ('test_round', $1)", [
          JSON.stringify({ round, i }),
        ]);
      }
      expect(await sealAudit(t.db)).toBe(10);
    }
    const v = await verifyAudit(t.db);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.sealed).toBeGreaterThan(120);
  });

  it("finds a row altered behind the application's back", async () => {
    await sealAudit(t.db);
    await t.db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    await t.db.query("UPDATE audit_log SET detail = '{\"forged\": true}' WHERE chain_pos = 3");
    await t.db.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, badPosition: "3", reason: "hash_mismatch" });
  });

  it("finds a row deleted behind the application's back", async () => {
    const other = await startTestApp();
    try {
      await makeNetwork(other.db);
      await login(other.app, "reg");
      await login(other.app, "office");
      await login(other.app, "bleader");
      await sealAudit(other.db);
      await other.db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
      await other.db.query("DELETE FROM audit_log WHERE chain_pos = 2");
      await other.db.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
      expect(await verifyAudit(other.db)).toMatchObject({ ok: false, badPosition: "3" });
    } finally {
      await other.close();
    }
  });

  it("is read by the audit administrator only, and reading it is recorded", async () => {
    const res = await as(t.app, auditor).get("/api/audit?action=case_register");
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(3);
    expect(res.json().items[0]).toMatchObject({ action: "case_register", objectType: "case" });
    const read = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'audit_read'");
    expect(read.rows.length).toBeGreaterThan(0);
    for (const username of ["reg", "sysadmin", "secadmin", "bleader"]) {
      const s = await login(t.app, username);
      expect((await as(t.app, s).get("/api/audit")).statusCode, username).toBe(403);
    }
  });
});

describe("the three administrators (三员分立)", () => {
  it("see no case at all", async () => {
    for (const username of ["sysadmin", "secadmin", "auditadmin"]) {
      const s = await login(t.app, username);
      const list = await as(t.app, s).get("/api/cases");
      expect(list.json()).toMatchObject({ total: 0, items: [] });
    }
  });

  it("split account work: the system admin creates, only the security admin grants roles", async () => {
    const sys = await login(t.app, "sysadmin");
    const sec = await login(t.app, "secadmin");
    const unitId = (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.t1'")).rows[0]!
      .id;
    const weak = await as(t.app, sys).post("/api/admin/users", {
      username: "newbie",
      displayName: "新人",
      unitId,
      password: "short",
    });
    expect(weak.json().error.code).toBe("PASSWORD_TOO_WEAK");
    const created = await as(t.app, sys).post("/api/admin/users", {
      username: "newbie",
      displayName: "新人",
      unitId,
      password: TEST_PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().roles).toEqual([]);
    const id = created.json().id;
    expect(
      (await as(t.app, sys).put(`/api/admin/users/${id}/roles`, { roles: ["local_staff"] })).statusCode,
    ).toBe(403);
    expect(
      (
        await as(t.app, sec).post("/api/admin/users", {
          username: "x2x",
          displayName: "x",
          unitId,
          password: TEST_PASSWORD,
        })
      ).statusCode,
    ).toBe(403);
    const granted = await as(t.app, sec).put(`/api/admin/users/${id}/roles`, { roles: ["local_staff"] });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual(["local_staff"]);
    const mixed = await as(t.app, sec).put(`/api/admin/users/${id}/roles`, {
      roles: ["audit_admin", "registrar"],
    });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().error.code).toBe("ADMIN_ROLE_EXCLUSIVE");
    const self = (await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'secadmin'"))
      .rows[0]!.id;
    expect(
      (await as(t.app, sec).put(`/api/admin/users/${self}/roles`, { roles: ["registrar"] })).statusCode,
    ).toBe(403);
  });

  it("cannot be combined with another role even by writing to the database", async () => {
    await expect(
      t.db.query("UPDATE users SET roles = ARRAY['system_admin', 'registrar'] WHERE username = 'sysadmin'"),
    ).rejects.toThrow(/check constraint/);
  });
});
