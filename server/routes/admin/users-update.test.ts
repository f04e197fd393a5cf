import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  startTestApp,
  TEST_PASSWORD,
  type TestContext,
} from "../../test/harness.ts";

let t: TestContext;
let admin: Session;
const userRow = async (username: string) =>
  (
    await t.db.query<{
      id: string;
      display_name: string;
      unit_id: string;
      password_hash: string;
      failed_logins: number;
    }>("SELECT id, display_name, unit_id, password_hash, failed_logins FROM users WHERE username = $1", [
      username,
    ])
  ).rows[0]!;
const unitId = async (path: string) =>
  (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path])).rows[0]!.id;
const attempt = (username: string, password: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  admin = await login(t.app, "sysadmin");
});
afterAll(() => t.close());

describe("the system administrator changes an account", () => {
  it("creates a user, then moves it to a township: the old session ends and the audit keeps both", async () => {
    const created = await as(t.app, admin).post("/api/admin/users", {
      username: "newbie",
      displayName: "新人",
      unitId: await unitId("c.t1"),
      password: "Strong-Passw0rd!",
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const s = await login(t.app, "newbie", "Strong-Passw0rd!");
    const moved = await as(t.app, admin).patch(`/api/admin/users/${id}`, {
      displayName: "新人甲",
      unitId: await unitId("c.t2"),
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ displayName: "新人甲", unitName: "乙乡" });
    expect((await as(t.app, s).get("/api/auth/me")).statusCode).toBe(401);
    const { rows } = await t.db.query<{ detail: { from: { displayName: string } } }>(
      "SELECT detail FROM audit_log WHERE action = 'admin_user_update' AND object_id = $1",
      [id],
    );
    expect(rows[0]!.detail.from.displayName).toBe("新人");
  });

  it("resets a locked user's password: the lock is lifted and only the new password works", async () => {
    for (let i = 0; i < 5; i++) await attempt("gaj", "wrong");
    expect((await attempt("gaj", TEST_PASSWORD)).statusCode).toBe(429);
    const { id } = await userRow("gaj");
    const listed = (await as(t.app, admin).get("/api/admin/users"))
      .json()
      .items.find((u: { id: string }) => u.id === id);
    expect(listed.isLocked).toBe(true);
    const res = await as(t.app, admin).post(`/api/admin/users/${id}/reset-password`, {
      password: "Brand-New-Pass1",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().isLocked).toBe(false);
    expect((await attempt("gaj", TEST_PASSWORD)).statusCode).toBe(401);
    expect((await attempt("gaj", "Brand-New-Pass1")).statusCode).toBe(200);
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'admin_user_password_reset' AND object_id = $1",
      [id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it("refuses a weak password, an unknown unit, an empty change and bad input — the row stays as it was", async () => {
    const before = await userRow("rsj");
    const weak = await as(t.app, admin).post(`/api/admin/users/${before.id}/reset-password`, {
      password: "short",
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe("PASSWORD_TOO_WEAK");
    expect(weak.json().error.message).toContain("密码强度不足");
    const unknownUnit = await as(t.app, admin).patch(`/api/admin/users/${before.id}`, {
      unitId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknownUnit.statusCode).toBe(422);
    expect(unknownUnit.json().error.code).toBe("UNIT_UNKNOWN");
    expect((await as(t.app, admin).patch(`/api/admin/users/${before.id}`, {})).statusCode).toBe(400);
    expect(
      (await as(t.app, admin).patch(`/api/admin/users/${before.id}`, { displayName: "" })).statusCode,
    ).toBe(400);
    expect(
      (await as(t.app, admin).patch("/api/admin/users/not-a-uuid", { displayName: "x" })).statusCode,
    ).toBe(400);
    expect(await userRow("rsj")).toEqual(before);
  });

  it("is refused to the security and audit administrators, to staff, and for one's own account", async () => {
    const target = await userRow("rsj");
    for (const who of ["secadmin", "auditadmin", "reg", "office"]) {
      const s = await login(t.app, who);
      expect(
        (await as(t.app, s).patch(`/api/admin/users/${target.id}`, { displayName: "改" })).statusCode,
        who,
      ).toBe(403);
      const reset = await as(t.app, s).post(`/api/admin/users/${target.id}/reset-password`, {
        password: "Brand-New-Pass1",
      });
      expect(reset.statusCode, who).toBe(403);
    }
    const self = await userRow("sysadmin");
    expect(
      (await as(t.app, admin).patch(`/api/admin/users/${self.id}`, { displayName: "我" })).statusCode,
    ).toBe(403);
    expect(await userRow("rsj")).toEqual(target);
    expect((await userRow("sysadmin")).display_name).toBe("系统管理员");
  });
});

describe("a staff member's work phone on the user screen", () => {
  it("is set at creation, changed and cleared by the system administrator, in its stored form, and never in the audit", async () => {
    const created = await as(t.app, admin).post("/api/admin/users", {
      username: "phoner",
      displayName: "有电话",
      unitId: await unitId("c.t1"),
      password: "Strong-Passw0rd!",
      phone: "139 0571 0002",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ phone: "13905710002" });
    const id = created.json().id as string;
    const changed = await as(t.app, admin).patch(`/api/admin/users/${id}`, { phone: "（0571）88886666" });
    expect(changed.json()).toMatchObject({ phone: "0571-88886666", displayName: "有电话" });
    // Changing the name alone keeps the phone.
    const renamed = await as(t.app, admin).patch(`/api/admin/users/${id}`, { displayName: "有电话甲" });
    expect(renamed.json()).toMatchObject({ phone: "0571-88886666" });
    const list = await as(t.app, admin).get("/api/admin/users");
    expect(list.json().items.find((u: { id: string }) => u.id === id)).toMatchObject({
      phone: "0571-88886666",
    });
    const cleared = await as(t.app, admin).patch(`/api/admin/users/${id}`, { phone: "" });
    expect(cleared.json()).toMatchObject({ phone: null });
    const audit = await t.db.query<{ detail: unknown }>("SELECT detail FROM audit_log WHERE object_id = $1", [
      id,
    ]);
    expect(JSON.stringify(audit.rows)).not.toMatch(/13905710002|88886666/);
    expect(JSON.stringify(audit.rows)).toContain("phoneChanged");
  });

  it("refuses a number that is neither a mobile nor a landline with its area code, in Chinese and English, changing nothing", async () => {
    const id = (await userRow("phoner")).id;
    for (const phone of ["88886666", "12345678901", "=1+1"]) {
      const res = await as(t.app, admin).patch(`/api/admin/users/${id}`, { phone, displayName: "不应改名" });
      expect(res.statusCode, phone).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
      expect(JSON.stringify(res.json().error.details)).toMatch(/无法识别.*not valid/);
    }
    const bad = await as(t.app, admin).post("/api/admin/users", {
      username: "phoner2",
      displayName: "坏电话",
      unitId: await unitId("c.t1"),
      password: "Strong-Passw0rd!",
      phone: "110",
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.db.query("SELECT 1 FROM users WHERE username = 'phoner2'")).rows).toHaveLength(0);
    expect((await userRow("phoner")).display_name).toBe("有电话甲");
  });
});
