import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../../test/factories.ts";
import { as, login, startTestApp, TEST_PASSWORD, type TestContext } from "../../test/harness.ts";

let t: TestContext;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
});
afterAll(() => t.close());

const attempt = (username: string, password: string, remoteAddress?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });

describe("logging in", () => {
  it("stores passwords as argon2id hashes", async () => {
    const { rows } = await t.db.query<{ password_hash: string }>("SELECT password_hash FROM users");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("sets an HttpOnly SameSite session cookie and returns the CSRF token and the user's unit", async () => {
    const res = await attempt("reg", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "xf_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Strict");
    expect(res.json()).toMatchObject({
      username: "reg",
      roles: ["registrar"],
      unit: { name: "测试县信访局" },
    });
    expect(res.json().csrfToken.length).toBeGreaterThan(20);
  });

  it("refuses a wrong password with a message in both languages, the tries left, and records the failure", async () => {
    const res = await attempt("office", "wrong-password");
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({
      code: "AUTH_INVALID_CREDENTIALS",
      message: "用户名、密码或动态验证码错误",
      details: { remaining: 4, waitSeconds: 0 },
    });
    const audit = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'login_failed'");
    expect(audit.rows.length).toBeGreaterThan(0);
  });

  it("makes a name wait, longer each time, after 5 failures from one address, the right password too", async () => {
    const A = "10.1.1.3";
    for (let i = 0; i < 4; i++) expect((await attempt("analyst", "nope", A)).statusCode).toBe(401);
    const fifth = await attempt("analyst", "nope", A);
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json().error.details).toEqual({ remaining: 0, waitSeconds: 30 });
    const waiting = await attempt("analyst", TEST_PASSWORD, A);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json().error).toMatchObject({ code: "AUTH_THROTTLED", details: { waitSeconds: 30 } });
    expect(waiting.headers["retry-after"]).toBe("30");
    t.clock.now = new Date(t.clock.now.getTime() + 31_000);
    // The sixth failure doubles the wait.
    expect((await attempt("analyst", "nope", A)).json().error.details).toEqual({
      remaining: 0,
      waitSeconds: 60,
    });
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    expect((await attempt("analyst", TEST_PASSWORD, A)).statusCode).toBe(200);
  });

  it("keeps no one else waiting: the same name from another address logs in at once", async () => {
    for (let i = 0; i < 5; i++) await attempt("rsj", "nope", "10.1.1.4");
    expect((await attempt("rsj", TEST_PASSWORD, "10.1.1.4")).statusCode).toBe(429);
    const elsewhere = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "10.9.8.7",
      payload: { username: "rsj", password: TEST_PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it("answers an unknown name exactly like a known one, waits included", async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      // From an address of its own: the route's own request limit is not under test here.
      const a = await attempt("town1", "nope", "10.1.1.2");
      const b = await attempt("nobody-here", "nope", "10.1.1.2");
      known.push([a.statusCode, a.json().error]);
      unknown.push([b.statusCode, b.json().error]);
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toEqual([429, expect.objectContaining({ code: "AUTH_THROTTLED" })]);
  });
});

describe("sessions", () => {
  it("expire after 15 idle minutes and say so", async () => {
    const s = await login(t.app, "bleader");
    t.clock.now = new Date(t.clock.now.getTime() + 14 * 60_000);
    expect((await as(t.app, s).get("/api/auth/me")).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 14 * 60_000);
    // Activity 14 minutes ago kept it alive; now 16 idle minutes pass.
    expect((await as(t.app, s).get("/api/auth/me")).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    const res = await as(t.app, s).get("/api/auth/me");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("AUTH_SESSION_EXPIRED");
  });

  it("refuse a state-changing request without the CSRF header, and change nothing", async () => {
    const s = await login(t.app, "reg");
    const before = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0]!.n;
    const res = await t.app.inject({
      method: "POST",
      url: "/api/cases",
      headers: { cookie: s.cookie },
      payload: { channel: "visit" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF_INVALID");
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/cases",
      headers: { cookie: s.cookie, "x-csrf-token": "forged" },
      payload: { channel: "visit" },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0]!.n).toBe(before);
  });

  it("end at logout", async () => {
    const s = await login(t.app, "leader");
    expect((await as(t.app, s).post("/api/auth/logout")).statusCode).toBe(200);
    expect((await as(t.app, s).get("/api/auth/me")).statusCode).toBe(401);
  });

  it("are required for staff endpoints", async () => {
    for (const url of ["/api/cases", "/api/auth/me", "/api/org/units", "/api/categories"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe("AUTH_REQUIRED");
    }
  });
});

describe("the API description", () => {
  it("is served as OpenAPI with the routes and their schemas", async () => {
    const res = await t.app.inject({ method: "GET", url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/cases",
        "/api/public/petitions",
        "/api/public/status",
        "/api/auth/login",
      ]),
    );
    expect(JSON.stringify(doc.paths["/api/public/petitions"])).toContain("consentPrivacy");
  });
});

describe("the second factor (TOTP) and the MLPS profile", () => {
  it("once enabled, is required at login and a used code cannot be replayed", async () => {
    const { totpCode, timeStep } = await import("../../auth/totp.ts");
    const s = await login(t.app, "leader");
    const setup = await as(t.app, s).post("/api/auth/totp/setup");
    expect(setup.statusCode).toBe(200);
    const { secret } = setup.json<{ secret: string }>();
    const wrong = await as(t.app, s).post("/api/auth/totp/enable", {
      code: "000000" === totpCode(secret, timeStep(t.clock.now)) ? "111111" : "000000",
    });
    expect(wrong.json().error.code).toBe("AUTH_TOTP_INVALID");
    const enabled = await as(t.app, s).post("/api/auth/totp/enable", {
      code: totpCode(secret, timeStep(t.clock.now)),
    });
    expect(enabled.json().totpEnabled).toBe(true);

    // The right password without a code answers exactly like a wrong password: it reveals nothing.
    const noCode = await attempt("leader", TEST_PASSWORD);
    const wrongPassword = await attempt("leader", "wrong-password");
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe("AUTH_INVALID_CREDENTIALS");
    expect({ ...noCode.json().error, details: null }).toEqual({
      ...wrongPassword.json().error,
      details: null,
    });
    // The code used for enrolment is spent; the next time step's code works.
    t.clock.now = new Date(t.clock.now.getTime() + 30_000);
    const code = totpCode(secret, timeStep(t.clock.now));
    const ok = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "leader", password: TEST_PASSWORD, totp: code },
    });
    expect(ok.statusCode).toBe(200);
    const replay = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "leader", password: TEST_PASSWORD, totp: code },
    });
    expect(replay.statusCode).toBe(401);
    const { rows } = await t.db.query<{ totp_secret_enc: string }>(
      "SELECT totp_secret_enc FROM users WHERE username = 'leader'",
    );
    expect(rows[0]!.totp_secret_enc).not.toContain(secret);
  });

  it("under the MLPS profile, keeps an administrator without a second factor to enrolment only", async () => {
    const mlps = await startTestApp({ securityProfile: "mlps", passwordMaxAgeDays: 0 });
    try {
      await makeNetwork(mlps.db);
      const s = await login(mlps.app, "sysadmin");
      const me = await as(mlps.app, s).get("/api/auth/me");
      expect(me.json().restrictions).toEqual(["enrol_totp"]);
      const blocked = await as(mlps.app, s).get("/api/admin/users");
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe("AUTH_TOTP_ENROLMENT_REQUIRED");
      const { totpCode, timeStep } = await import("../../auth/totp.ts");
      const { secret } = (await as(mlps.app, s).post("/api/auth/totp/setup")).json<{ secret: string }>();
      await as(mlps.app, s).post("/api/auth/totp/enable", {
        code: totpCode(secret, timeStep(mlps.clock.now)),
      });
      expect((await as(mlps.app, s).get("/api/admin/users")).statusCode).toBe(200);
      // A registrar can reveal full ID numbers: a second factor is demanded of them too.
      const reg = await login(mlps.app, "reg");
      const regBlocked = await as(mlps.app, reg).get("/api/cases");
      expect(regBlocked.statusCode).toBe(403);
      expect(regBlocked.json().error.code).toBe("AUTH_TOTP_ENROLMENT_REQUIRED");
      // An analyst reads no full identity: no second factor demanded.
      const analyst = await login(mlps.app, "analyst");
      expect((await as(mlps.app, analyst).get("/api/cases")).statusCode).toBe(200);
    } finally {
      await mlps.close();
    }
  });

  it("makes a user change an expired password before anything else", async () => {
    const aging = await startTestApp({ passwordMaxAgeDays: 90 });
    try {
      await makeNetwork(aging.db);
      aging.clock.now = new Date(Date.now() + 91 * 86_400_000);
      const s = await login(aging.app, "office");
      const blocked = await as(aging.app, s).get("/api/cases");
      expect(blocked.json().error.code).toBe("AUTH_PASSWORD_CHANGE_REQUIRED");
      const weak = await as(aging.app, s).post("/api/auth/password", {
        currentPassword: TEST_PASSWORD,
        newPassword: "abc",
      });
      expect(weak.json().error.code).toBe("PASSWORD_TOO_WEAK");
      const changed = await as(aging.app, s).post("/api/auth/password", {
        currentPassword: TEST_PASSWORD,
        newPassword: "Another-Passw0rd",
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().restrictions).toEqual([]);
      expect((await as(aging.app, s).get("/api/cases")).statusCode).toBe(200);
    } finally {
      await aging.close();
    }
  });
});
