import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index.ts";
import { openTestDb } from "../test/harness.ts";
import { setupCommand } from "./setup-command.ts";

describe("xinfang setup --from setup.json", () => {
  let db: Db;
  let dir: string;
  const lines: string[] = [];
  const io = { log: (l: string) => void lines.push(l) };
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  beforeAll(async () => {
    db = await openTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-setup-"));
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a file that is not JSON, or not there, with exit status 1 and nothing written", async () => {
    lines.length = 0;
    expect(await setupCommand(db, write("bad.json", "{bureau:"), io)).toBe(1);
    expect(await setupCommand(db, path.join(dir, "missing.json"), io)).toBe(1);
    expect(lines.join("\n")).toMatch(/不是有效的 JSON.*not valid JSON/);
    expect(lines.join("\n")).toMatch(/无法读取/);
    expect((await db.query("SELECT 1 FROM users")).rows).toEqual([]);
  });

  it("sets up from the file (with a BOM, as Windows Notepad saves it), prints the next steps, then refuses a second run", async () => {
    lines.length = 0;
    const file = write(
      "setup.json",
      `\uFEFF${JSON.stringify({
        bureau: { name: "临江县信访局", regionCode: "330127" },
        admins: {
          system: { username: "XTGLY", name: "甲", password: "Qz7#harbour-lamp" },
          security: { username: "aqgly", name: "乙", password: "Wm4$ferry-orchid" },
          audit: { username: "sjgly", name: "丙", password: "Tk9%quarry-mango" },
        },
      })}`,
    );
    expect(await setupCommand(db, file, io)).toBe(0);
    const out = lines.join("\n");
    expect(out).toMatch(/system_admin\s+xtgly/);
    expect(out).toMatch(/import network/);
    expect(out).toMatch(/明文密码.*delete it/);
    lines.length = 0;
    expect(await setupCommand(db, file, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/setup 未做任何修改 \/ setup changed nothing/);
    expect((await db.query("SELECT 1 FROM users")).rows).toHaveLength(3);
  });
});
