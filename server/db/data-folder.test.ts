import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Config, loadConfig } from "../config/index.ts";
import { FileStore } from "../files/store.ts";
import { DataFolderError, findOpenEntries } from "./data-folder.ts";
import { LOCK_FILE } from "./data-lock.ts";
import { openPglite } from "./index.ts";
import { openDatabase } from "./open.ts";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A data folder path inside a fresh parent (the data folder itself does not exist yet). */
function newDataDir(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "xf-perm-"));
  made.push(parent);
  return path.join(parent, "data");
}

const config = (dataDir: string, over: Partial<Config> = {}): Config => ({
  ...loadConfig({}),
  dataDir,
  ...over,
});

/** Every folder and file under dir with its permission bits, e.g. "pglite/PG_VERSION 666". */
function modes(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    out.push(`${path.relative(dir, p) || "."} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const n of fs.readdirSync(p)) walk(path.join(p, n));
  };
  walk(dir);
  return out;
}

describe("the data folder's permissions", () => {
  it("are the owner's only for a new embedded database: folders 0700, every file 0600, the write-ahead log included", async () => {
    const dir = newDataDir();
    process.umask(0o022); // a usual shell umask: the process must not depend on it
    const db = await openDatabase(config(dir), "test");
    try {
      await db.query("CREATE TABLE t (a text)");
      await db.query("INSERT INTO t SELECT repeat('x', 200) FROM generate_series(1, 1000)");
      await db.query("CHECKPOINT");
      // What the process writes itself while the database is open (an attachment) is owner-only too.
      await new FileStore(path.join(dir, "files")).put(Buffer.from("attachment"));
    } finally {
      await db.close();
    }
    const all = modes(dir);
    expect(all.length).toBeGreaterThan(500);
    expect(all.some((m) => m.startsWith(path.join("pglite", "pg_wal")))).toBe(true);
    expect(all.some((m) => m.startsWith("files"))).toBe(true);
    const open = all.filter((m) => !m.endsWith(" 700") && !m.endsWith(" 600"));
    expect(open).toEqual([]);
  });

  it("refuse a data folder the group or others may enter, in Chinese and English, before anything is opened", async () => {
    const dir = newDataDir();
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const err = await openDatabase(config(dir), "serve").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFolderError);
    const e = err as DataFolderError;
    expect(e.code).toBe("permissions");
    expect(e.zh).toContain("xinfang fix-permissions");
    expect(e.en).toContain("xinfang fix-permissions");
    expect(e.zh).toContain(`0755 ${dir}`);
    // Nothing was created or locked.
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuse a store an earlier version left world-readable, and close it with XF_FIX_PERMISSIONS", async () => {
    const dir = newDataDir();
    fs.mkdirSync(dir, { mode: 0o700 });
    // Opened the way it was before: PGlite unpacks its files 0666.
    const old = await openPglite({ dataDir: path.join(dir, "pglite") });
    await old.query("CREATE TABLE kept (a int)");
    await old.close();
    expect(findOpenEntries(dir).length).toBeGreaterThan(100);

    const err = await openDatabase(config(dir), "migrate").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFolderError);
    expect((err as DataFolderError).en).toMatch(/Refusing to run: \d+ files or folders/);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect(findOpenEntries(dir).length).toBeGreaterThan(100);

    const db = await openDatabase(config(dir, { fixPermissions: true }), "migrate");
    try {
      expect((await db.query("SELECT count(*)::int AS n FROM kept")).rows).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
    expect(findOpenEntries(dir)).toEqual([]);
  });

  it("are checked with PostgreSQL too once the folder exists, and a missing folder is left alone", async () => {
    const url = "postgres://nobody@127.0.0.1:1/none";
    const missing = newDataDir();
    const db = await openDatabase(config(missing, { databaseUrl: url }), "migrate");
    await db.close();
    expect(fs.existsSync(missing)).toBe(false);

    const dir = newDataDir();
    fs.mkdirSync(path.join(dir, "files", "ab"), { recursive: true });
    fs.writeFileSync(path.join(dir, "files", "ab", "attachment"), "scan", { mode: 0o644 });
    fs.chmodSync(path.join(dir, "files", "ab", "attachment"), 0o644);
    fs.chmodSync(dir, 0o700);
    const err = await openDatabase(config(dir, { databaseUrl: url }), "serve").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFolderError);
    expect((err as DataFolderError).zh).toContain(path.join(dir, "files", "ab", "attachment"));
  });
});
