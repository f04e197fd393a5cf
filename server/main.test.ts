import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config/index.ts";
import { findOpenEntries } from "./db/data-folder.ts";
import { LOCK_FILE } from "./db/data-lock.ts";
import { openDatabase } from "./db/open.ts";

/** The CLI as `npm run xinfang` starts it, in processes of its own. */
const root = fileURLToPath(new URL("..", import.meta.url));
const made: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "xf-cli-"));
  made.push(d);
  return d;
}

interface Cli {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function cli(dataDir: string, args: string[]): Cli {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server", "main.ts"), ...args], {
    cwd: root,
    // Only what the CLI needs: no DATABASE_URL or key ring from the environment running the tests.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: "Asia/Shanghai",
      XF_DATA_DIR: dataDir,
      XF_DEMO: "0",
      XF_DEADLINE_SCAN_CRON: "off",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until(check: () => boolean, what: string, c: Cli, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (c.child.exitCode !== null)
      throw new Error(`${what}: exited ${c.child.exitCode}\n${c.out()}${c.err()}`);
    if (Date.now() > end) throw new Error(`${what}: timed out\n${c.out()}${c.err()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The exit code, or "still running" after `ms` (a process that should have been refused). */
function exitWithin(c: Cli, ms: number): Promise<number | null | "still running"> {
  return Promise.race([
    c.exited,
    new Promise<"still running">((r) => setTimeout(() => r("still running"), ms)),
  ]);
}

describe.concurrent("the command line", () => {
  it("refuses to serve from a data folder open to others, in Chinese and English, and fix-permissions closes it", async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, "keyring.json"), "{}", { mode: 0o644 });
    fs.chmodSync(path.join(dir, "keyring.json"), 0o644);

    const served = cli(dir, ["serve"]);
    expect(await exitWithin(served, 45_000)).toBe(1);
    expect(served.err()).toContain("拒绝运行");
    expect(served.err()).toContain("Refusing to run: 2 files or folders");
    expect(served.err()).toContain("xinfang fix-permissions");
    expect(served.out()).not.toContain("listening");
    expect(fs.readdirSync(dir)).toEqual(["keyring.json"]);

    const fixed = cli(dir, ["fix-permissions"]);
    expect(await fixed.exited).toBe(0);
    expect(fixed.out()).toContain("closed 2 files and folders");
    expect(findOpenEntries(dir)).toEqual([]);
  });

  it("lets one process open the embedded database: while serve runs, backup and a second serve are refused and change nothing", async () => {
    const dir = tempDir();
    const backupFile = path.join(tempDir(), "while-serving.xfb.gz");
    const server = cli(dir, ["serve"]);
    await until(() => server.out().includes("listening on"), "the first server", server);
    const backup = cli(dir, ["backup", backupFile]);
    const second = cli(dir, ["serve"]);
    const [backupCode, secondCode] = await Promise.all([
      exitWithin(backup, 45_000),
      exitWithin(second, 45_000),
    ]);

    expect(backupCode).toBe(1);
    expect(backup.err()).toContain(`in use by another Xinfang process (pid ${server.child.pid}, serve`);
    expect(backup.err()).toContain("The running server has no backup API: stop the server");
    expect(backup.err()).toContain("运行中的服务器没有备份接口");
    expect(fs.existsSync(backupFile)).toBe(false);

    expect(secondCode).toBe(1);
    expect(second.err()).toContain("A server is already running");
    expect(second.err()).toContain("服务器已在运行");
    expect(second.out()).toBe("");

    // The first server holds the lock, runs on, and releases the folder when it stops.
    const holder = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")) as { pid: number };
    expect(holder.pid).toBe(server.child.pid);
    expect(server.child.exitCode).toBeNull();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);

    const db = await openDatabase({ ...loadConfig({}), dataDir: dir }, "test");
    try {
      const { rows } = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'backup_create'",
      );
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });
});
