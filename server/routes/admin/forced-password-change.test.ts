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

/**
 * A password an administrator chose (a reset, or a new account's first password) must be replaced
 * by the user's own before anything else: the session carries the `change_password` restriction
 * (issue #4), the same one an expired password gets.
 */
let t: TestContext;
let admin: Session;
const ADMIN_SET = "Admin-Set-Pass1";
const OWN = "My-Own-Passw0rd";

const userId = async (username: string) =>
  (await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = $1", [username])).rows[0]!.id;
const flag = async (username: string) =>
  (
    await t.db.query<{ must_change_password: boolean }>(
      "SELECT must_change_password FROM users WHERE username = $1",
      [username],
    )
  ).rows[0]!.must_change_password;
const attempt = (username: string, password: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
const audit = async (action: string, objectId: string) =>
  (
    await t.db.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE action = $1 AND object_id = $2 ORDER BY id",
      [action, objectId],
    )
  ).rows.map((r) => r.detail);

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  admin = await login(t.app, "sysadmin");
});
afterAll(() => t.close());

describe("after an administrator sets a user's password", () => {
  it("starts with no seeded account flagged", async () => {
    const all = await t.db.query<{ n: number; flagged: number }>(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE must_change_password)::int AS flagged FROM users",
    );
    expect(all.rows[0]!.n).toBeGreaterThan(10);
    expect(all.rows[0]!.flagged).toBe(0);
  });

  it("ends the user's sessions, and the next login may only change the password, then works normally", async () => {
    const before = await login(t.app, "rsj");
    expect((await as(t.app, before).get("/api/cases")).statusCode).toBe(200);
    const id = await userId("rsj");
    const reset = await as(t.app, admin).post(`/api/admin/users/${id}/reset-password`, {
      password: ADMIN_SET,
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().mustChangePassword).toBe(true);
    expect(await audit("admin_user_password_reset", id)).toEqual([{ mustChangePassword: true }]);
    // The administrator's list shows who still has to choose a password.
    const listed = (await as(t.app, admin).get("/api/admin/users")).json().items as {
      username: string;
      mustChangePassword: boolean;
    }[];
    expect(listed.find((u) => u.username === "rsj")?.mustChangePassword).toBe(true);
    expect(listed.find((u) => u.username === "town1")?.mustChangePassword).toBe(false);
    // The old session is gone.
    expect((await as(t.app, before).get("/api/auth/me")).statusCode).toBe(401);

    // The login answer and /me carry the restriction, and say why.
    const answer = await attempt("rsj", ADMIN_SET);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      restrictions: ["change_password"],
      passwordChangeReason: "admin_set",
    });
    const s = await login(t.app, "rsj", ADMIN_SET);
    const me = await as(t.app, s).get("/api/auth/me");
    expect(me.json()).toMatchObject({ restrictions: ["change_password"], passwordChangeReason: "admin_set" });

    // Everything else is refused, reading and writing alike.
    for (const url of ["/api/cases", "/api/org/units"]) {
      const blocked = await as(t.app, s).get(url);
      expect(blocked.statusCode, url).toBe(403);
      expect(blocked.json().error.code, url).toBe("AUTH_PASSWORD_CHANGE_REQUIRED");
      expect(blocked.json().error.message, url).toContain("请先修改密码");
    }

    // The administrator's password cannot be kept, nor a weak one chosen, nor a wrong current one given.
    const same = await as(t.app, s).post("/api/auth/password", {
      currentPassword: ADMIN_SET,
      newPassword: ADMIN_SET,
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.code).toBe("AUTH_PASSWORD_REUSED");
    expect(same.json().error.message).toBe("新密码不能与当前密码或最近使用过的 5 个密码相同");
    const wrong = await as(t.app, s).post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: OWN,
    });
    expect(wrong.statusCode).toBe(401);
    expect(await flag("rsj")).toBe(true);
    expect((await as(t.app, s).get("/api/cases")).statusCode).toBe(403);

    const changed = await as(t.app, s).post("/api/auth/password", {
      currentPassword: ADMIN_SET,
      newPassword: OWN,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ restrictions: [], passwordChangeReason: null });
    expect(await flag("rsj")).toBe(false);
    expect((await as(t.app, s).get("/api/cases")).statusCode).toBe(200);
    const relisted = (await as(t.app, admin).get("/api/admin/users")).json().items as {
      username: string;
      mustChangePassword: boolean;
    }[];
    expect(relisted.find((u) => u.username === "rsj")?.mustChangePassword).toBe(false);
    expect(await audit("password_change", id)).toEqual([{ forced: "admin_set" }]);
    // A later login with the user's own password is unrestricted; the administrator's no longer works.
    expect((await attempt("rsj", ADMIN_SET)).statusCode).toBe(401);
    const again = await attempt("rsj", OWN);
    expect(again.json()).toMatchObject({ restrictions: [], passwordChangeReason: null });
  });

  it("forces a user the administrator created to choose their own password at the first login", async () => {
    const unit = (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.t1'")).rows[0]!
      .id;
    const created = await as(t.app, admin).post("/api/admin/users", {
      username: "clerk.new",
      displayName: "新文书",
      unitId: unit,
      password: ADMIN_SET,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(await audit("admin_user_create", id)).toEqual([
      { username: "clerk.new", unitId: unit, roles: [], mustChangePassword: true },
    ]);
    const s = await login(t.app, "clerk.new", ADMIN_SET);
    expect((await as(t.app, s).get("/api/auth/me")).json()).toMatchObject({
      restrictions: ["change_password"],
      passwordChangeReason: "admin_set",
    });
    const blocked = await as(t.app, s).get("/api/cases");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("AUTH_PASSWORD_CHANGE_REQUIRED");
    const changed = await as(t.app, s).post("/api/auth/password", {
      currentPassword: ADMIN_SET,
      newPassword: OWN,
    });
    expect(changed.json().restrictions).toEqual([]);
    expect((await as(t.app, s).get("/api/cases")).statusCode).toBe(200);
  });

  it("leaves other users alone: a name change, an unlock and a user's own password change add no restriction", async () => {
    const s = await login(t.app, "office");
    expect((await as(t.app, s).get("/api/auth/me")).json()).toMatchObject({
      restrictions: [],
      passwordChangeReason: null,
    });
    expect((await as(t.app, s).get("/api/cases")).statusCode).toBe(200);
    const id = await userId("office");
    expect(
      (await as(t.app, admin).patch(`/api/admin/users/${id}`, { displayName: "办公室甲" })).statusCode,
    ).toBe(200);
    expect((await as(t.app, admin).post(`/api/admin/users/${id}/unlock`)).statusCode).toBe(200);
    const s2 = await login(t.app, "office");
    expect((await as(t.app, s2).get("/api/cases")).statusCode).toBe(200);
    const changed = await as(t.app, s2).post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: OWN,
    });
    expect(changed.json()).toMatchObject({ restrictions: [], passwordChangeReason: null });
    expect(await flag("office")).toBe(false);
    // An unforced change is audited without a reason.
    expect(await audit("password_change", id)).toEqual([{}]);
  });
});
