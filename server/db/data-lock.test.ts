import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataFolderError } from "./data-folder.ts";
import { acquireDataLock, LOCK_FILE, type LockHolder } from "./data-lock.ts";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "xf-lock-"));
  made.push(d);
  return d;
}

function writeLock(dir: string, holder: Partial<LockHolder>): string {
  const file = path.join(dir, LOCK_FILE);
  const full: LockHolder = {
    pid: 1,
    hostname: os.hostname(),
    command: "serve",
    script: "",
    startedAt: "2026-03-02T02:00:00.000Z",
    ...holder,
  };
  fs.writeFileSync(file, JSON.stringify(full), { mode: 0o600 });
  return file;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  if (!r.pid) throw new Error("could not spawn");
  return r.pid;
}

describe("the data folder lock", () => {
  it("is created exclusively with this process's pid, owner-only, and removed on release", () => {
    const dir = dataDir();
    const lock = acquireDataLock(dir, "migrate");
    const st = fs.statSync(lock.file);
    expect(st.mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(lock.file, "utf8"))).toMatchObject({
      pid: process.pid,
      hostname: os.hostname(),
      command: "migrate",
    });
    // Inside one process a second open is refused as well: the lock is not re-entrant.
    expect(() => acquireDataLock(dir, "backup")).toThrow(DataFolderError);
    lock.release();
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
  });

  it("refuses while the holder runs, naming it, with what to do in Chinese and English, and leaves its lock alone", () => {
    const dir = dataDir();
    // Our parent process is alive; an empty script name skips the command-line check.
    const file = writeLock(dir, { pid: process.ppid, command: "serve" });
    const before = fs.readFileSync(file, "utf8");
    let err: unknown;
    try {
      acquireDataLock(dir, "backup");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFolderError);
    const e = err as DataFolderError;
    expect(e.code).toBe("locked");
    expect(e.en).toContain(`pid ${process.ppid}`);
    expect(e.en).toContain("stop the server");
    expect(e.zh).toContain("请先停止服务器");
    expect(e.zh).toContain(file);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });

  it("takes over a lock left by a process that is gone", () => {
    const dir = dataDir();
    writeLock(dir, { pid: deadPid() });
    const lock = acquireDataLock(dir, "serve");
    expect(JSON.parse(fs.readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it("takes over a lock bearing its own pid (a restarted container) and one whose pid now runs another program", () => {
    const dir = dataDir();
    writeLock(dir, { pid: process.pid });
    acquireDataLock(dir, "serve").release();
    writeLock(dir, { pid: process.ppid, script: "no-such-script-name.ts" });
    const lock = acquireDataLock(dir, "serve");
    expect(JSON.parse(fs.readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("counts a lock from another machine (a shared folder) as held", () => {
    const dir = dataDir();
    writeLock(dir, { pid: deadPid(), hostname: `${os.hostname()}-other` });
    expect(() => acquireDataLock(dir, "serve")).toThrow(/in use by another Xinfang process/);
  });

  it("does not remove a lock that is no longer its own", () => {
    const dir = dataDir();
    const lock = acquireDataLock(dir, "serve");
    writeLock(dir, { pid: process.ppid });
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
  });
});
