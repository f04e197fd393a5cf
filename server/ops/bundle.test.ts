/**
 * The offline install (issue 16 §4, scripts/bundle.ts). The quick run compiles the server to plain
 * JavaScript and runs it with plain `node` (migrate, help). The deep run (`npm run test:deep`) makes
 * the whole archive, unpacks it into an empty folder with no node_modules above it, and starts it
 * with the package registry and every proxy unreachable and a HOME of its own: with the demo, and
 * with XF_DEMO=0 (not set up → setup --from → login). Then it runs docs/DEPLOYMENT.md's restore
 * drill, command for command, and compares the restored database with the original: every table,
 * and every ID number decrypted with the key ring kept apart.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileServer, makeBundle } from "../../scripts/bundle.ts";
import { parseKeyRing } from "../crypto/field-crypto.ts";
import { type Db, openPg, openPglite } from "../db/index.ts";
import { listMigrations } from "../db/migrate.ts";
import { DEMO_PASSWORD } from "../seed/demo-network.ts";
import { DEEP } from "../test/depth.ts";
import { dropDatabase } from "../test/pg-admin.ts";
import { readBackupManifest } from "./backup-format.ts";
import { decryptedIdNumbers, fingerprint } from "./test-support.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DEAD = "http://127.0.0.1:9";

/** The environment of a machine without internet: nothing of this one's but the node binary. */
function offlineEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    TZ: "Asia/Shanghai",
    LANG: "C.UTF-8",
    npm_config_registry: DEAD,
    npm_config_offline: "true",
    HTTP_PROXY: DEAD,
    HTTPS_PROXY: DEAD,
    http_proxy: DEAD,
    https_proxy: DEAD,
    NO_PROXY: "",
    ...extra,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

interface Server {
  port: number;
  proc: ChildProcess;
  output: () => string;
}

async function startServer(app: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  let out = "";
  const proc = spawn(path.join(app, "bin/xinfang"), ["serve"], {
    cwd: app,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the server exited (${proc.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`the server did not answer in time:\n${out}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/public/setup-status`);
      if (r.status === 200) return { port, proc, output: () => out };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopServer(s: Server): Promise<void> {
  if (s.proc.exitCode !== null) return;
  const exited = new Promise((r) => s.proc.once("exit", r));
  s.proc.kill("SIGTERM");
  await exited;
}

async function login(port: number, username: string, password: string): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return r.status;
}

describe("the server compiled to plain JavaScript", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-compiled-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs with plain node: every relative import is a .js file, and the whole program loads", async () => {
    const files = await compileServer(dir);
    expect(files).toBeGreaterThan(100);
    const main = fs.readFileSync(path.join(dir, "server/main.js"), "utf8");
    expect(main).toMatch(/from "\.\/app\.js"/);
    expect(main).not.toMatch(/from "\.\.?\/[^"]*\.ts"/);
    // The data files the code reads beside itself came along.
    for (const f of ["server/auth/common-passwords.txt", "server/map/demo-boundaries.geojson"])
      expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
    for (const d of ["migrations", "rules"])
      fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    // `help` loads every module of the program (a missing file or import fails here) and opens no
    // database; the deep run migrates and starts the compiled server inside the archive.
    const out = execFileSync(process.execPath, ["server/main.js", "help"], {
      cwd: dir,
      env: { ...offlineEnv(dir), XF_DATA_DIR: path.join(dir, "data") },
      encoding: "utf8",
    });
    expect(out).toMatch(/migrate/);
    expect(fs.existsSync(path.join(dir, "data"))).toBe(false);
  }, 180_000);
});

// Registered only in the deep run (`npm run test:deep`), so the quick run lists no skipped tests.
const deepDescribe = DEEP ? describe : () => undefined;
deepDescribe("the offline archive (deep run)", () => {
  let work: string;
  let app: string;
  let home: string;
  let archiveBytes = 0;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "xf-bundle-"));
    const built = await makeBundle({ out: path.join(work, "build") });
    archiveBytes = built.bytes;
    const target = path.join(work, "target");
    fs.mkdirSync(target);
    execFileSync("tar", ["-xzf", built.archive, "-C", target]);
    fs.rmSync(path.join(work, "build"), { recursive: true, force: true });
    app = path.join(target, `xinfang-${built.version}`);
    home = path.join(work, "home");
    fs.mkdirSync(home);
  }, 900_000);
  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("holds everything and nothing of the build machine: no node_modules above it, no TypeScript to run", () => {
    expect(archiveBytes).toBeGreaterThan(10_000_000);
    for (let d = path.dirname(app); d !== path.dirname(d); d = path.dirname(d))
      expect(fs.existsSync(path.join(d, "node_modules")), d).toBe(false);
    for (const f of [
      "server/main.js",
      "web/dist/index.html",
      "bin/xinfang",
      "README.txt",
      "deploy/xinfang.service",
    ])
      expect(fs.existsSync(path.join(app, f)), f).toBe(true);
    expect(fs.readdirSync(path.join(app, "migrations")).length).toBe(listMigrations().length);
    expect(fs.existsSync(path.join(app, "node_modules/vitest"))).toBe(false);
    expect(fs.existsSync(path.join(app, "node_modules/@node-rs/argon2"))).toBe(true);
    // The PDFs' font: bundled when the build machine has it, and found there before the system's.
    if (fs.existsSync("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")) {
      const found = execFileSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          'import { findPdfFont } from "./server/documents/render.js"; console.log(findPdfFont(null)?.file);',
        ],
        { cwd: app, encoding: "utf8" },
      ).trim();
      expect(found).toBe(path.join(app, "fonts/NotoSerifCJK-Regular.ttc"));
    } else expect(fs.readFileSync(path.join(app, "README.txt"), "utf8")).toContain("本安装包未含中文字体");
  });

  it("starts with the demo, the registry unreachable: the console, setup status and a demo login answer", async () => {
    const s = await startServer(app, offlineEnv(home, { XF_DATA_DIR: path.join(work, "demo-data") }));
    try {
      const page = await fetch(`http://127.0.0.1:${s.port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html lang="zh-CN">[\s\S]*<script type="module"/);
      const status = await fetch(`http://127.0.0.1:${s.port}/api/public/setup-status`);
      expect(await status.json()).toEqual({ setUp: true });
      expect(await login(s.port, "registrar", DEMO_PASSWORD)).toBe(200);
      expect(await login(s.port, "registrar", "wrong-password")).toBe(401);
    } finally {
      await stopServer(s);
    }
    expect(s.output()).not.toMatch(/EAI_AGAIN|ECONNREFUSED 127\.0\.0\.1:9|ERR_MODULE_NOT_FOUND/);
  }, 300_000);

  it("starts with XF_DEMO=0: not set up, then setup --from, then the first administrator logs in", async () => {
    const env = offlineEnv(home, { XF_DATA_DIR: path.join(work, "empty-data"), XF_DEMO: "0" });
    let s = await startServer(app, env);
    try {
      const status = await fetch(`http://127.0.0.1:${s.port}/api/public/setup-status`);
      expect(await status.json()).toEqual({ setUp: false });
      expect((await fetch(`http://127.0.0.1:${s.port}/`)).status).toBe(200);
      expect(await login(s.port, "registrar", DEMO_PASSWORD)).toBe(401);
    } finally {
      await stopServer(s);
    }
    const setup = path.join(work, "setup.json");
    fs.writeFileSync(
      setup,
      JSON.stringify({
        bureau: { name: "临江县信访局", regionCode: "330127" },
        admins: {
          system: { username: "xtgly", name: "系统管理员", password: "Qz7#harbour-lamp" },
          security: { username: "aqgly", name: "安全管理员", password: "Wm4$ferry-orchid" },
          audit: { username: "sjgly", name: "审计管理员", password: "Tk9%quarry-mango" },
        },
      }),
    );
    execFileSync(path.join(app, "bin/xinfang"), ["setup", "--from", setup], {
      cwd: app,
      env,
      encoding: "utf8",
    });
    s = await startServer(app, env);
    try {
      const status = await fetch(`http://127.0.0.1:${s.port}/api/public/setup-status`);
      expect(await status.json()).toEqual({ setUp: true });
      expect(await login(s.port, "xtgly", "Qz7#harbour-lamp")).toBe(200);
    } finally {
      await stopServer(s);
    }
  }, 300_000);

  it("the restore drill of docs/DEPLOYMENT.md gives back every table and every decrypted ID number", async () => {
    // The drill's commands, as the document gives them (step "Restore drill").
    const source = path.join(work, "demo-data");
    const backups = path.join(work, "backups");
    const run = (args: string[], extra: Record<string, string>) =>
      execFileSync(path.join(app, "bin/xinfang"), args, {
        cwd: app,
        env: offlineEnv(home, extra),
        encoding: "utf8",
      });
    execFileSync("sh", [path.join(app, "deploy/backup.sh")], {
      cwd: app,
      env: offlineEnv(home, { XF_DATA_DIR: source, XF_BACKUP_DIR: backups }),
      encoding: "utf8",
    });
    const [file] = fs.readdirSync(path.join(backups, "db")).filter((f) => f.endsWith(".backup.gz"));
    const [ringCopy] = fs.readdirSync(path.join(backups, "keys"));
    expect(file).toBeDefined();
    expect(ringCopy).toBeDefined();
    const ring = fs.readFileSync(path.join(backups, "keys", ringCopy!), "utf8");

    // A new data folder holding the key ring copy, then restore into it (and its database).
    const restored = path.join(work, "drill-data");
    fs.mkdirSync(restored, { mode: 0o700 });
    fs.copyFileSync(path.join(backups, "keys", ringCopy!), path.join(restored, "keyring.json"));
    fs.chmodSync(path.join(restored, "keyring.json"), 0o600);
    const extra: Record<string, string> = { XF_DATA_DIR: restored };
    let pgName: string | null = null;
    const adminUrl = process.env.XF_TEST_PG_URL ?? "postgres://xinfang:xinfang@127.0.0.1:5432/postgres";
    if (process.env.XF_TEST_DB === "pg") {
      pgName = `xf_drill_${process.pid}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pgName}`);
      await admin.query(
        `CREATE DATABASE ${pgName} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
      );
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${pgName}`;
      extra.DATABASE_URL = url.toString();
    }
    const out = run(["restore", path.join(backups, "db", file!)], extra);
    expect(out).toMatch(/every table's hash matches/);
    expect(run(["audit", "verify"], extra)).toMatch(/audit chain intact/);

    const keyRing = parseKeyRing(ring);
    const before = await openPglite({ dataDir: path.join(source, "pglite") });
    let after: Db | null = null;
    try {
      after = extra.DATABASE_URL
        ? await openPg(extra.DATABASE_URL, 2)
        : await openPglite({ dataDir: path.join(restored, "pglite") });
      // Every table as the backup holds it (rows and SHA-256), the audit log with the restore's own
      // row on top; and every ID number of the source, decrypted with the key ring copy.
      const manifest = await readBackupManifest(path.join(backups, "db", file!));
      const restoredTables = await fingerprint(after);
      expect(manifest.tables.length).toBeGreaterThan(30);
      for (const m of manifest.tables) {
        if (m.name === "audit_log") expect(restoredTables[m.name]!.rows, m.name).toBe(m.rows + 1);
        else expect(restoredTables[m.name], m.name).toEqual({ rows: m.rows, sha256: m.sha256 });
      }
      expect(manifest.tables.find((m) => m.name === "cases")!.rows).toBeGreaterThan(10);
      const ids = await decryptedIdNumbers(before, keyRing);
      expect(Object.keys(ids).length).toBeGreaterThan(10);
      expect(await decryptedIdNumbers(after, keyRing)).toEqual(ids);
    } finally {
      await before.close();
      await after?.close();
      after = null;
      if (pgName) {
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await dropDatabase(admin, pgName);
        await admin.end();
      }
    }
  }, 600_000);
});
