import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantAdminRoleAtConsole, resetPasswordAtConsole } from "../../ops/admin-accounts.ts";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

/**
 * 三员分立 without a way round it: each finding of the trust review is one attempt by a single
 * administrator to act alone, and each must be refused with nothing changed.
 */
let t: TestContext;
let sys: Session;
let sec: Session;
let aud: Session;
const NEW_PASSWORD = "Brand-New-Passw0rd";
/** The security administrator's own password after the reset (their old one may not come back). */
const SEC_OWN = "Sec-Own-Choice-2026";

const user = async (username: string) =>
  (
    await t.db.query<{
      id: string;
      roles: string[];
      password_hash: string;
      is_active: boolean;
      unit_id: string;
    }>("SELECT id, roles, password_hash, is_active, unit_id FROM users WHERE username = $1", [username])
  ).rows[0]!;
const unitId = async (path: string) =>
  (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path])).rows[0]!.id;
const auditCount = async (action: string, objectId: string) =>
  Number(
    (
      await t.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = $1 AND object_id = $2",
        [action, objectId],
      )
    ).rows[0]!.n,
  );

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  sys = await login(t.app, "sysadmin");
  sec = await login(t.app, "secadmin");
  aud = await login(t.app, "auditadmin");
  const reg = await login(t.app, "reg");
  for (let i = 0; i < 3; i++) {
    const res = await as(t.app, reg).post("/api/cases", caseInput({ problemRegionCode: "990001002" }));
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

describe("an account the system administrator creates", () => {
  it("holds no role and reads nothing until the security administrator grants one", async () => {
    const created = await as(t.app, sys).post("/api/admin/users", {
      username: "shadow",
      displayName: "影子账户",
      unitId: await unitId("c.t2"),
      password: "Dark-Account-Pw1!",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().roles).toEqual([]);
    expect((await user("shadow")).roles).toEqual([]);
    // The system administrator knows the first password; the account still reads no case.
    const first = await login(t.app, "shadow", "Dark-Account-Pw1!");
    expect(
      (
        await as(t.app, first).post("/api/auth/password", {
          currentPassword: "Dark-Account-Pw1!",
          newPassword: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
    const shadow = await login(t.app, "shadow", NEW_PASSWORD);
    expect((await as(t.app, shadow).get("/api/auth/me")).json().roles).toEqual([]);
    const list = await as(t.app, shadow).get("/api/cases");
    expect([200, 403]).toContain(list.statusCode);
    if (list.statusCode === 200) expect(list.json().items).toHaveLength(0);
    // The security administrator grants a township role: now the township's cases are there.
    const id = created.json().id as string;
    expect(
      (await as(t.app, sec).put(`/api/admin/users/${id}/roles`, { roles: ["local_staff"] })).statusCode,
    ).toBe(200);
    const granted = await login(t.app, "shadow", NEW_PASSWORD);
    expect((await as(t.app, granted).get("/api/cases")).json().items.length).toBe(3);
    expect(await auditCount("admin_user_roles", id)).toBe(1);
  });
});

describe("no administrator changes another administrator alone", () => {
  it("the system administrator cannot reset, disable, enable or edit the security or audit administrator", async () => {
    for (const target of ["secadmin", "auditadmin"]) {
      const before = await user(target);
      const attempts = [
        await as(t.app, sys).post(`/api/admin/users/${before.id}/reset-password`, { password: NEW_PASSWORD }),
        await as(t.app, sys).post(`/api/admin/users/${before.id}/deactivate`),
        await as(t.app, sys).post(`/api/admin/users/${before.id}/activate`),
        await as(t.app, sys).patch(`/api/admin/users/${before.id}`, { unitId: await unitId("c.t1") }),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe("ADMIN_TARGET_PROTECTED");
      }
      expect(await user(target)).toEqual(before);
    }
    // The administrator's own session still works: nothing was ended either.
    expect((await as(t.app, sec).get("/api/auth/me")).statusCode).toBe(200);
  });

  it("the security administrator cannot change an administrator's roles nor make anyone an administrator", async () => {
    const sysRow = await user("sysadmin");
    const toBusiness = await as(t.app, sec).put(`/api/admin/users/${sysRow.id}/roles`, {
      roles: ["registrar"],
    });
    expect(toBusiness.statusCode).toBe(403);
    expect(toBusiness.json().error.code).toBe("ADMIN_TARGET_PROTECTED");
    const clerk = await user("town1");
    const toAdmin = await as(t.app, sec).put(`/api/admin/users/${clerk.id}/roles`, {
      roles: ["system_admin"],
    });
    expect(toAdmin.statusCode).toBe(403);
    expect(toAdmin.json().error.code).toBe("ADMIN_ROLE_GRANT_SERVER_ONLY");
    expect((await user("sysadmin")).roles).toEqual(["system_admin"]);
    expect((await user("town1")).roles).toEqual(["local_staff"]);
  });

  it("an administrator's password is reset by the two others together, never by one", async () => {
    const target = await user("secadmin");
    const asked = await as(t.app, sys).post("/api/admin/admin-resets", {
      userId: target.id,
      password: NEW_PASSWORD,
    });
    expect(asked.statusCode).toBe(201);
    const requestId = asked.json().id as string;
    expect(asked.json().status).toBe("pending");
    // One request at a time per administrator.
    const twice = await as(t.app, aud).post("/api/admin/admin-resets", {
      userId: target.id,
      password: NEW_PASSWORD,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("ADMIN_RESET_PENDING");
    // The audit administrator, who reads no user list, is given the administrators to name.
    const listed = await as(t.app, aud).get("/api/admin/admin-resets");
    expect(listed.json().administrators.map((a: { username: string }) => a.username)).toEqual([
      "auditadmin",
      "secadmin",
      "sysadmin",
    ]);
    expect(listed.json().items[0]).toMatchObject({
      id: requestId,
      status: "pending",
      targetUsername: "secadmin",
    });
    // Asking changed nothing yet.
    expect((await user("secadmin")).password_hash).toBe(target.password_hash);
    // Neither the one who asked nor the administrator concerned can approve.
    for (const who of [sys, sec]) {
      const res = await as(t.app, who).post(`/api/admin/admin-resets/${requestId}/approve`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("ADMIN_REQUEST_SELF");
    }
    // A business user has no say at all.
    const office = await login(t.app, "office");
    expect((await as(t.app, office).post(`/api/admin/admin-resets/${requestId}/approve`)).statusCode).toBe(
      403,
    );
    expect((await user("secadmin")).password_hash).toBe(target.password_hash);
    // The third administrator approves: the password changes and must be replaced at the next login.
    const approved = await as(t.app, aud).post(`/api/admin/admin-resets/${requestId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().request.status).toBe("approved");
    expect(approved.json().user.mustChangePassword).toBe(true);
    expect((await user("secadmin")).password_hash).not.toBe(target.password_hash);
    expect((await as(t.app, sec).get("/api/auth/me")).statusCode).toBe(401);
    const relogin = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "secadmin", password: NEW_PASSWORD },
    });
    expect(relogin.statusCode).toBe(200);
    expect(relogin.json().passwordChangeReason).toBe("admin_set");
    // Approved once: a second approval is refused.
    const again = await as(t.app, aud).post(`/api/admin/admin-resets/${requestId}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("ADMIN_REQUEST_CLOSED");
    expect(await auditCount("admin_password_reset_request", target.id)).toBe(1);
    expect(await auditCount("admin_password_reset_approve", target.id)).toBe(1);
    sec = await login(t.app, "secadmin", NEW_PASSWORD);
    expect(
      (
        await as(t.app, sec).post("/api/auth/password", {
          currentPassword: NEW_PASSWORD,
          newPassword: SEC_OWN,
        })
      ).statusCode,
    ).toBe(200);
    sec = await login(t.app, "secadmin", SEC_OWN);
  });

  it("a business user's password is still the system administrator's to reset alone", async () => {
    const clerk = await user("town2");
    const reset = await as(t.app, sys).post(`/api/admin/users/${clerk.id}/reset-password`, {
      password: NEW_PASSWORD,
    });
    expect(reset.statusCode).toBe(200);
    const asked = await as(t.app, sec).post("/api/admin/admin-resets", {
      userId: clerk.id,
      password: NEW_PASSWORD,
    });
    expect(asked.statusCode).toBe(422);
    expect(asked.json().error.code).toBe("ADMIN_RESET_NOT_ADMIN");
  });
});

describe("the server console", () => {
  it("resets an administrator's password and grants an administrator role, each with an audit row", async () => {
    const target = await user("auditadmin");
    await resetPasswordAtConsole(t.db, "auditadmin", NEW_PASSWORD, new Date());
    expect((await user("auditadmin")).password_hash).not.toBe(target.password_hash);
    const row = (
      await t.db.query<{ actor_role: string; actor_id: string | null }>(
        "SELECT actor_role, actor_id FROM audit_log WHERE action = 'admin_console_password_reset' AND object_id = $1",
        [target.id],
      )
    ).rows;
    expect(row).toEqual([{ actor_role: "server_console", actor_id: null }]);
    await expect(resetPasswordAtConsole(t.db, "auditadmin", "weak", new Date())).rejects.toThrow(/too weak/);
    const analyst = await user("analyst");
    await grantAdminRoleAtConsole(t.db, "analyst", "audit_admin");
    expect((await user("analyst")).roles).toEqual(["audit_admin"]);
    expect(await auditCount("admin_console_role_grant", analyst.id)).toBe(1);
    await expect(grantAdminRoleAtConsole(t.db, "analyst", "registrar")).rejects.toThrow(
      /administrator roles/,
    );
  });
});
