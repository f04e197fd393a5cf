import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index.ts";
import { openTestDb } from "../test/harness.ts";
import { importCommand, templateCommand } from "./import-command.ts";
import { readTable } from "./read-table.ts";
import { COUNTY, csv, NETWORK_HEADER, NETWORK_ROWS, setUpBureau, USERS_HEADER } from "./test-files.ts";

describe("xinfang template and import at the console", () => {
  let db: Db;
  let dir: string;
  const lines: string[] = [];
  const io = { log: (l: string) => void lines.push(l) };
  const opts = {
    dryRun: false,
    skipInvalid: false,
    grantRoles: false,
    passwords: undefined as string | undefined,
  };
  beforeAll(async () => {
    db = await openTestDb();
    await setUpBureau(db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-import-"));
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes each template, and never over an existing file", async () => {
    const file = path.join(dir, "users.xlsx");
    expect(await templateCommand("users", file, io)).toBe(0);
    expect((await readTable(fs.readFileSync(file), file)).header).toEqual(USERS_HEADER);
    lines.length = 0;
    expect(await templateCommand("users", file, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/已存在，不覆盖/);
    const csvFile = path.join(dir, "network.csv");
    expect(await templateCommand("network", csvFile, io)).toBe(0);
    expect(fs.readFileSync(csvFile, "utf8")).toBe(`\uFEFF${NETWORK_HEADER.join(",")}\r\n`);
  });

  it("dry-runs, imports, and exits 1 with every problem for a bad file", async () => {
    const file = path.join(dir, "net.csv");
    fs.writeFileSync(file, csv([NETWORK_HEADER, ...NETWORK_ROWS]));
    lines.length = 0;
    expect(await importCommand(db, "network", file, { ...opts, dryRun: true }, io)).toBe(0);
    expect(lines.join("\n")).toMatch(/试运行：未写入任何数据/);
    expect((await db.query("SELECT 1 FROM org_units")).rows).toHaveLength(2);
    expect(await importCommand(db, "network", file, opts, io)).toBe(0);
    expect((await db.query("SELECT 1 FROM org_units")).rows).toHaveLength(8);
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, csv([NETWORK_HEADER, ["孤村", "村（社区）", `${COUNTY}009201`, ""]]));
    lines.length = 0;
    expect(await importCommand(db, "network", bad, opts, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/「CSV」工作表第2行「行政区划代码（C）」列：找不到上级单位/);
    expect(lines.join("\n")).toMatch(/导入未写入任何数据/);
    lines.length = 0;
    expect(await importCommand(db, "network", path.join(dir, "x.pdf"), opts, io)).toBe(1);
    fs.writeFileSync(path.join(dir, "x.pdf"), "%PDF");
    expect(await importCommand(db, "network", path.join(dir, "x.pdf"), opts, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/只能导入 .xlsx 或 .csv/);
  });

  it("writes new accounts' first passwords to an owner-only file it never overwrites", async () => {
    const file = path.join(dir, "users.csv");
    fs.writeFileSync(
      file,
      csv([USERS_HEADER, ["lisi", "李四", "城关镇", `${COUNTY}001`, "乡村信访工作人员"]]),
    );
    const passwords = path.join(dir, "pw.csv");
    lines.length = 0;
    expect(await importCommand(db, "users", file, { ...opts, passwords }, io)).toBe(0);
    expect(fs.statSync(passwords).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(passwords, "utf8")).toMatch(
      /^\uFEFF用户名,姓名,初始密码\r\nlisi,李四,\S{19}\r\n$/,
    );
    expect(lines.join("\n")).toMatch(/角色待安全管理员/);
    expect(
      (await db.query<{ roles: string[] }>("SELECT roles FROM users WHERE username = 'lisi'")).rows[0]?.roles,
    ).toEqual([]);
    lines.length = 0;
    expect(await importCommand(db, "users", file, { ...opts, passwords, grantRoles: true }, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/已存在，不覆盖/);
    const other = path.join(dir, "pw2.csv");
    expect(await importCommand(db, "users", file, { ...opts, passwords: other, grantRoles: true }, io)).toBe(
      0,
    );
    expect(fs.existsSync(other)).toBe(false);
    expect(
      (await db.query<{ roles: string[] }>("SELECT roles FROM users WHERE username = 'lisi'")).rows[0]?.roles,
    ).toEqual(["local_staff"]);
  });
});
