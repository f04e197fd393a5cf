import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../test/factories.ts";
import { as, login, type Session, startTestApp, TEST_PASSWORD, type TestContext } from "../test/harness.ts";
import { isCommonPassword } from "./password-rules.ts";

describe("common passwords", () => {
  it("refuses the passwords guessed first and their usual dressings, whatever the case", () => {
    for (const p of [
      "123456789",
      "1qaz@WSX3edc",
      "P@ssw0rd",
      "P@ssw0rd2026!",
      "Password123!",
      "Admin@123456",
      "ADMIN@1234567",
      "Huawei@123",
      "Woaini@1314",
      "Qwerty@12345",
      "Abc@12345678",
      "Welcome1!2026",
      "Xinfang@2026",
      "Root#2026!!",
    ])
      expect(isCommonPassword(p), p).toBe(true);
  });

  it("accepts passwords that are not a guessed stem, and refuses one holding the user name", () => {
    for (const p of ["Test-Passw0rd!", "Hekou-Stone-Bridge-7", "mZ4!rt9#Lq2w", "县里的2026-Clerk!"])
      expect(isCommonPassword(p), p).toBe(false);
    expect(isCommonPassword("Zhangsan-2026!", "zhangsan")).toBe(true);
    expect(isCommonPassword("Zhangsan-2026!", "lisi")).toBe(false);
  });
});

describe("choosing a password", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
    await makeNetwork(t.db);
  });
  afterAll(() => t.close());

  it("refuses a common password when an administrator sets one, with its own message", async () => {
    const admin = await login(t.app, "sysadmin");
    const unitId = (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.t1'")).rows[0]!
      .id;
    const res = await as(t.app, admin).post("/api/admin/users", {
      username: "newclerk",
      displayName: "新人",
      unitId,
      password: "Admin@123456",
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("PASSWORD_COMMON");
    expect((await t.db.query("SELECT 1 FROM users WHERE username = 'newclerk'")).rows).toHaveLength(0);
  });

  // Each call from an address of its own: the route's limit of ten a minute is not under test.
  let address = 0;
  const change = (s: Session, currentPassword: string, newPassword: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/password",
      remoteAddress: `10.2.0.${++address}`,
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      payload: { currentPassword, newPassword },
    });

  it("refuses the current password and the last five, and accepts the sixth one back", async () => {
    const passwords = [
      "Aster-Lake-0001",
      "Birch-Lake-0002",
      "Cedar-Lake-0003",
      "Daisy-Lake-0004",
      "Elder-Lake-0005",
    ];
    let current = TEST_PASSWORD;
    let s = await login(t.app, "analyst");
    for (const next of passwords) {
      const res = await change(s, current, next);
      expect(res.statusCode, res.body).toBe(200);
      current = next;
    }
    // Each of the last five (and the one before them, the first) is refused; the user's row is unchanged.
    const before = (
      await t.db.query<{ password_hash: string }>(
        "SELECT password_hash FROM users WHERE username = 'analyst'",
      )
    ).rows[0]!.password_hash;
    for (const old of [TEST_PASSWORD, ...passwords.slice(0, 4)]) {
      const res = await change(s, current, old);
      expect(res.statusCode, old).toBe(422);
      expect(res.json().error.code).toBe("AUTH_PASSWORD_REUSED");
    }
    const after = (
      await t.db.query<{ password_hash: string }>(
        "SELECT password_hash FROM users WHERE username = 'analyst'",
      )
    ).rows[0]!.password_hash;
    expect(after).toBe(before);
    // One more change pushes the first out of the last five: it may be chosen again.
    let res = await change(s, current, "Fern-Lake-0006");
    expect(res.statusCode).toBe(200);
    s = await login(t.app, "analyst", "Fern-Lake-0006");
    res = await change(s, "Fern-Lake-0006", TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
  });
});
