import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint } from "../ops/test-support.ts";
import { sized } from "../test/depth.ts";
import { startTestApp, type TestContext } from "../test/harness.ts";
import { issueLine } from "./columns.ts";
import { ImportRefused, runImport } from "./import.ts";
import { COUNTY, csv, NETWORK_HEADER, NETWORK_ROWS, setUpBureau, USERS_HEADER } from "./test-files.ts";
import type { UsersMode } from "./users.ts";

const NOW = new Date("2026-03-03T02:00:00Z");
const cli = { id: null, role: "cli", ip: null };
const run = (t: TestContext, data: Buffer, mode: UsersMode, skipInvalid = false) =>
  runImport(t.db, data, "users.csv", { kind: "users", mode, apply: true, skipInvalid, actor: cli, now: NOW });

const STAFF = [
  ["zhangsan", "张三", "县人力资源和社会保障局", COUNTY, "承办人员"],
  ["lisi", "李四", "城关镇", `${COUNTY}001`, "乡村信访工作人员"],
  ["wangwu", "王五", "临江县信访局", COUNTY, "登记员、信访局办公室"],
];

const accounts = async (t: TestContext) =>
  (
    await t.db.query<{
      username: string;
      display_name: string;
      roles: string[];
      must_change_password: boolean;
    }>(
      "SELECT username, display_name, roles, must_change_password FROM users WHERE username IN ('zhangsan', 'lisi', 'wangwu') ORDER BY username",
    )
  ).rows;

describe("importing users under 三员分立", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
    await setUpBureau(t.db);
    await runImport(t.db, csv([NETWORK_HEADER, ...NETWORK_ROWS]), "network.csv", {
      kind: "network",
      mode: "accounts",
      apply: true,
      skipInvalid: false,
      actor: cli,
      now: NOW,
    });
  });
  afterAll(() => t.close());

  it("refuses a file that makes an administrator or changes one, and writes nothing", async () => {
    const before = await fingerprint(t.db);
    const file = csv([
      USERS_HEADER,
      ...STAFF,
      ["mole", "内鬼", "临江县信访局", COUNTY, "安全管理员"],
      ["mole2", "内鬼二", "临江县信访局", COUNTY, "system_admin"],
      ["xtgly", "改名", "临江县信访局", COUNTY, ""],
      ["orphan", "无单位", "不存在的局", COUNTY, ""],
      ["zhangsan", "张三重复", "县人力资源和社会保障局", COUNTY, ""],
      ["@evil", "=cmd|' /C calc'!A0", "城关镇", `${COUNTY}001`, "超级用户"],
    ]);
    for (const mode of ["accounts", "all"] as const) {
      const err = await run(t, file, mode).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportRefused);
      const lines = (err as ImportRefused).result.issues.map(issueLine).join("\n");
      expect(lines).toMatch(/第5行「角色（可不填）（E）」列：「安全管理员」是管理员角色，不能通过导入授予/);
      expect(lines).toMatch(/第6行.*「系统管理员」是管理员角色/);
      expect(lines).toMatch(/第7行.*这是管理员账户，导入不能修改管理员账户/);
      expect(lines).toMatch(/第8行.*找不到单位「不存在的局」/);
      expect(lines).toMatch(/第9行.*与第2行的用户名重复/);
      expect(lines).toMatch(/第10行「用户名（A）」列：不能以 = \+ - @ 开头/);
      expect(lines).toMatch(/第10行「姓名（B）」列：不能以 = \+ - @ 开头/);
      expect(lines).toMatch(/第10行.*角色「超级用户」无法识别/);
    }
    expect(await fingerprint(t.db)).toEqual(before);
    expect(
      (await t.db.query<{ roles: string[] }>("SELECT roles FROM users WHERE username = 'xtgly'")).rows[0]
        ?.roles,
    ).toEqual(["system_admin"]);
  });

  it("as the system administrator creates accounts with no role and a first password to change", async () => {
    const r = await run(t, csv([USERS_HEADER, ...STAFF]), "accounts");
    expect(r.summary).toMatchObject({ created: 3, updated: 0, roles: 3 });
    expect(await accounts(t)).toEqual([
      { username: "lisi", display_name: "李四", roles: [], must_change_password: true },
      { username: "wangwu", display_name: "王五", roles: [], must_change_password: true },
      { username: "zhangsan", display_name: "张三", roles: [], must_change_password: true },
    ]);
    expect(r.passwords.map((p) => p.username).sort()).toEqual(["lisi", "wangwu", "zhangsan"]);
    const pw = r.passwords.find((p) => p.username === "lisi")!.password;
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "lisi", password: pw },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json<{ passwordChangeReason: string }>().passwordChangeReason).toBe("admin_set");
    const audit = await t.db.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE action = 'import_users'",
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0]?.detail)).not.toContain(pw);
  });

  it("as the security administrator grants the file's business roles to those accounts, and only that", async () => {
    const renamed = STAFF.map((r) => (r[0] === "lisi" ? ["lisi", "李四改", ...r.slice(2)] : r));
    const r = await run(
      t,
      csv([USERS_HEADER, ...renamed, ["nobody", "查无此人", "城关镇", `${COUNTY}001`, "登记员"]]),
      "roles",
      true,
    );
    expect(r.summary).toMatchObject({ created: 0, updated: 0, roles: 3, invalidRows: 1 });
    expect(r.issues.map(issueLine).join("\n")).toMatch(/第5行.*账户不存在/);
    expect(await accounts(t)).toEqual([
      { username: "lisi", display_name: "李四", roles: ["local_staff"], must_change_password: true },
      {
        username: "wangwu",
        display_name: "王五",
        roles: ["registrar", "bureau_office"],
        must_change_password: true,
      },
      { username: "zhangsan", display_name: "张三", roles: ["unit_staff"], must_change_password: true },
    ]);
  });

  it("changes nothing when the same file comes again, in any mode", async () => {
    const before = await accounts(t);
    for (const mode of ["accounts", "roles", "all"] as const) {
      const r = await run(t, csv([USERS_HEADER, ...STAFF]), mode);
      expect(r.summary).toMatchObject({ created: 0, updated: 0, roles: 0, unchanged: 3 });
      expect(r.passwords).toEqual([]);
    }
    expect(await accounts(t)).toEqual(before);
  });

  it("updates a changed row's name and unit, matched by user name", async () => {
    const moved = STAFF.map((r) =>
      r[0] === "zhangsan" ? ["zhangsan", "张叁", "城关镇司法所", `${COUNTY}001`, "承办人员"] : r,
    );
    const r = await run(t, csv([USERS_HEADER, ...moved]), "accounts");
    expect(r.summary).toMatchObject({ created: 0, updated: 1, roles: 0, unchanged: 2 });
    const row = await t.db.query<{ display_name: string; unit: string }>(
      "SELECT u.display_name, o.name AS unit FROM users u JOIN org_units o ON o.id = u.unit_id WHERE username = 'zhangsan'",
    );
    expect(row.rows[0]).toEqual({ display_name: "张叁", unit: "城关镇司法所" });
  });

  it("at the console with --grant-roles creates accounts with their roles at once", async () => {
    const r = await run(
      t,
      csv([USERS_HEADER, ["zhaoliu", "赵六", "西关村", `${COUNTY}001202`, "乡村信访工作人员"]]),
      "all",
    );
    expect(r.summary).toMatchObject({ created: 1, roles: 1 });
    expect(
      (await t.db.query<{ roles: string[] }>("SELECT roles FROM users WHERE username = 'zhaoliu'")).rows[0]
        ?.roles,
    ).toEqual(["local_staff"]);
  });
});

/** 10,000 rows in the deep run, 1,500 in `npm test`. */
const MANY = sized(10_000, 1_500);

describe("a large users file", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
    await setUpBureau(t.db);
  });
  afterAll(() => t.close());

  it(`creates every account in one go (${MANY} rows)`, async () => {
    const rows = [USERS_HEADER];
    for (let i = 0; i < MANY; i++) rows.push([`staff${i}`, `工作人员${i}`, "临江县信访局", COUNTY, "登记员"]);
    const started = Date.now();
    const r = await run(t, csv(rows), "all");
    expect(r.summary).toMatchObject({ rows: MANY, created: MANY, invalidRows: 0 });
    expect(new Set(r.passwords.map((p) => p.password)).size).toBe(MANY);
    const n = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE username LIKE 'staff%'",
    );
    expect(n.rows[0]!.n).toBe(MANY);
    process.stdout.write(`${MANY}-row users import: ${Date.now() - started} ms\n`);
  }, 300_000);
});

describe("staff phones in the users import", () => {
  let t: TestContext;
  const HEADER = USERS_HEADER;
  const phones = async () =>
    Object.fromEntries(
      (
        await t.db.query<{ username: string; phone: string | null }>(
          "SELECT username, phone FROM users WHERE username IN ('zhangsan', 'lisi', 'wangwu') ORDER BY username",
        )
      ).rows.map((r) => [r.username, r.phone]),
    );
  beforeAll(async () => {
    t = await startTestApp();
    await setUpBureau(t.db);
    await runImport(t.db, csv([NETWORK_HEADER, ...NETWORK_ROWS]), "network.csv", {
      kind: "network",
      mode: "accounts",
      apply: true,
      skipInvalid: false,
      actor: cli,
      now: NOW,
    });
  });
  afterAll(() => t.close());

  it("the template has the phone column, and the import finds it under its other names", async () => {
    const { buildTemplate } = await import("./templates.ts");
    const header = (await buildTemplate("users", "csv")).toString("utf8");
    expect(header).toContain("联系电话（可不填）");
    for (const name of ["手机", "电话"]) {
      const file = csv([
        [...USERS_HEADER.slice(0, 5), name],
        ["zhangsan", "张三", "县人力资源和社会保障局", COUNTY, "", "139 0571 2345"],
      ]);
      const r = await runImport(t.db, file, "users.csv", {
        kind: "users",
        mode: "accounts",
        apply: false,
        skipInvalid: false,
        actor: cli,
        now: NOW,
      });
      expect(r.issues).toEqual([]);
    }
  });

  it("refuses a phone that is neither a mobile nor a landline with its area code, naming row and column, writing nothing", async () => {
    const before = await fingerprint(t.db);
    const file = csv([
      HEADER,
      ["zhangsan", "张三", "县人力资源和社会保障局", COUNTY, "", "13800138000"],
      ["lisi", "李四", "城关镇", `${COUNTY}001`, "", "12345678901"],
      ["wangwu", "王五", "临江县信访局", COUNTY, "", "88886666"],
      ["zhaoliu", "赵六", "西关村", `${COUNTY}001202`, "", '=HYPERLINK("x")'],
      ["sunqi", "孙七", "西关村", `${COUNTY}001202`, "", "138001380001"],
    ]);
    const err = await run(t, file, "accounts").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    const lines = (err as ImportRefused).result.issues.map(issueLine);
    expect(lines).toHaveLength(4);
    expect(lines.join("\n")).toMatch(
      /第3行「联系电话（可不填）（F）」列：电话「12345678901」无法识别.*is not valid/,
    );
    expect(lines.join("\n")).toMatch(
      /第4行「联系电话（可不填）（F）」列：电话「88886666」无法识别：.*座机须带区号/,
    );
    expect(lines.join("\n")).toMatch(/第5行「联系电话（可不填）（F）」列：不能以 = \+ - @ 开头/);
    expect(lines.join("\n")).toMatch(/第6行「联系电话（可不填）（F）」列：电话「138001380001」/);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it("stores mobiles and landlines in one form; the same file again changes nothing; an empty cell keeps the phone", async () => {
    const file = [
      ["zhangsan", "张三", "县人力资源和社会保障局", COUNTY, "", "138-0013-8000"],
      ["lisi", "李四", "城关镇", `${COUNTY}001`, "", "（0571）８８８８６６６６转２０１"],
      ["wangwu", "王五", "临江县信访局", COUNTY, "", ""],
    ];
    const r = await run(t, csv([HEADER, ...file]), "accounts");
    expect(r.summary).toMatchObject({ created: 3, invalidRows: 0 });
    expect(await phones()).toEqual({ zhangsan: "13800138000", lisi: "0571-88886666-201", wangwu: null });
    const again = await run(t, csv([HEADER, ...file]), "accounts");
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    // Without the column, or with an empty cell, a phone stays; a new number replaces it.
    const noColumn = await run(
      t,
      csv([USERS_HEADER.slice(0, 5), ...file.map((r) => r.slice(0, 5))]),
      "accounts",
    );
    expect(noColumn.summary).toMatchObject({ updated: 0, unchanged: 3 });
    const changed = await run(
      t,
      csv([
        HEADER,
        ["zhangsan", "张三", "县人力资源和社会保障局", COUNTY, "", "010-12345678"],
        file[1]!.slice(0, 5).concat(""),
      ]),
      "accounts",
    );
    expect(changed.summary).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await phones()).toEqual({ zhangsan: "010-12345678", lisi: "0571-88886666-201", wangwu: null });
    // The audit row names the accounts, never their phones.
    const audit = await t.db.query<{ detail: unknown }>(
      "SELECT detail FROM audit_log WHERE action = 'import_users'",
    );
    expect(JSON.stringify(audit.rows.map((a) => a.detail))).not.toMatch(/13800138000|88886666|12345678/);
  });

  it("the database refuses a phone in any other form, whoever writes it", async () => {
    await expect(
      t.db.query("UPDATE users SET phone = '138 0013 8000' WHERE username = 'zhangsan'"),
    ).rejects.toThrow();
    expect(await phones()).toMatchObject({ zhangsan: "010-12345678" });
  });
});
