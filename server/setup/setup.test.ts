import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint } from "../ops/test-support.ts";
import { startTestApp, type TestContext } from "../test/harness.ts";
import { notSetUpNotice, SetupError, setupBureau, setupProblems } from "./setup.ts";

const SETUP_INPUT = {
  bureau: { name: "临江县信访局", regionCode: "330127" },
  admins: {
    system: { username: "xtgly", name: "系统管理员甲", password: "Qz7#harbour-lamp" },
    security: { username: "aqgly", name: "安全管理员乙", password: "Wm4$ferry-orchid" },
    audit: { username: "sjgly", name: "审计管理员丙", password: "Tk9%quarry-mango" },
  },
};

const NOW = new Date("2026-03-02T02:00:00Z");

async function refused(t: TestContext, input: unknown): Promise<SetupError> {
  const before = await fingerprint(t.db);
  const err = await setupBureau(t.db, input, NOW).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SetupError);
  expect(await fingerprint(t.db)).toEqual(before);
  return err as SetupError;
}

describe("xinfang setup on an empty database", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("says it is not set up before, with no names or counts", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/public/setup-status" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ setUp: false });
    expect(await notSetUpNotice(t.db)).toMatch(/系统尚未初始化.*npm run xinfang -- setup/);
  });

  it("refuses bad input with reasons in both languages and writes nothing", async () => {
    const bad = structuredClone(SETUP_INPUT);
    bad.bureau.regionCode = "330100";
    bad.admins.security.username = "xtgly";
    bad.admins.audit.password = "Admin@123456";
    bad.admins.system.password = "short";
    const err = await refused(t, bad);
    const text = err.problems.map((p) => `${p.zh}|${p.en}`).join("\n");
    expect(text).toMatch(/不是县级代码.*prefecture/);
    expect(text).toMatch(/用户名相同.*same user name/);
    expect(text).toMatch(/常见密码.*common/);
    expect(text).toMatch(/强度不足.*too weak/);
    expect((await refused(t, { bureau: { name: "某局", regionCode: "330127" } })).problems[0]?.en).toMatch(
      /admins/,
    );
    expect(
      setupProblems({ ...SETUP_INPUT, bureau: { name: "综合办公室", regionCode: "330127" } }).problems[0]?.en,
    ).toMatch(/countyName/);
  });

  it("creates the county, the bureau and the three administrators, who must change their passwords", async () => {
    const r = await setupBureau(t.db, SETUP_INPUT, NOW);
    expect(r.admins.map((a) => a.role)).toEqual(["system_admin", "security_admin", "audit_admin"]);
    const units = await t.db.query<{ kind: string; name: string; region_code: string; path: string }>(
      "SELECT kind, name, region_code, path FROM org_units ORDER BY path",
    );
    expect(units.rows).toEqual([
      { kind: "county", name: "临江县", region_code: "330127", path: "c" },
      { kind: "bureau", name: "临江县信访局", region_code: "330127", path: "c.xfj" },
    ]);
    const users = await t.db.query<{ username: string; roles: string[]; must_change_password: boolean }>(
      "SELECT username, roles, must_change_password FROM users ORDER BY username",
    );
    expect(users.rows).toEqual([
      { username: "aqgly", roles: ["security_admin"], must_change_password: true },
      { username: "sjgly", roles: ["audit_admin"], must_change_password: true },
      { username: "xtgly", roles: ["system_admin"], must_change_password: true },
    ]);
    const audit = await t.db.query<{ action: string; actor_role: string }>(
      "SELECT action, actor_role FROM audit_log WHERE action LIKE 'setup_%' ORDER BY id",
    );
    expect(audit.rows.map((a) => a.action)).toEqual([
      "setup_bureau",
      "setup_admin_create",
      "setup_admin_create",
      "setup_admin_create",
    ]);
    expect(new Set(audit.rows.map((a) => a.actor_role))).toEqual(new Set(["cli"]));
  });

  it("lets each administrator in only to choose a new password", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "xtgly", password: SETUP_INPUT.admins.system.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ passwordChangeReason: string }>().passwordChangeReason).toBe("admin_set");
    const cookie = res.cookies.find((c) => c.name === "xf_session")!;
    const users = await t.app.inject({
      method: "GET",
      url: "/api/admin/users",
      headers: { cookie: `xf_session=${cookie.value}` },
    });
    expect(users.statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/public/setup-status" })).json()).toEqual({
      setUp: true,
    });
    expect(await notSetUpNotice(t.db)).toBeNull();
  });

  it("refuses to run again, whatever the input, and changes nothing", async () => {
    const again = structuredClone(SETUP_INPUT);
    again.admins.system.username = "intruder";
    const err = await refused(t, again);
    expect(err.problems[0]?.zh).toMatch(/已有用户/);
    expect(err.problems[0]?.en).toMatch(/already has users/);
  });
});

describe("two set-ups at once", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("creates one set of administrators and refuses the other", async () => {
    const other = structuredClone(SETUP_INPUT);
    for (const a of Object.values(other.admins)) a.username = `${a.username}2`;
    const results = await Promise.allSettled([
      setupBureau(t.db, SETUP_INPUT, NOW),
      setupBureau(t.db, other, NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected");
    expect(failed?.status === "rejected" && failed.reason).toBeInstanceOf(SetupError);
    expect((await t.db.query("SELECT 1 FROM users")).rows).toHaveLength(3);
    expect((await t.db.query("SELECT 1 FROM org_units")).rows).toHaveLength(2);
  });
});
