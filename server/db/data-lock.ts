import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataFolderError, FILE_MODE } from "./data-folder.ts";

/** The embedded database is for one process at a time; this file in the data folder says which. */
export const LOCK_FILE = "xinfang.lock";

export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  /** The file name of the script the process runs, to tell it from another program given the same pid later. */
  script: string;
  startedAt: string;
}

export interface DataLock {
  readonly file: string;
  /** Removes the lock file if it is still this process's. Safe to call more than once. */
  release(): void;
}

/** Lock files this process holds, so that a lock bearing our pid can be told from a leftover. */
const held = new Set<string>();

function readHolder(file: string): LockHolder | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockHolder>;
    if (typeof v.pid !== "number" || !Number.isInteger(v.pid) || v.pid <= 0) return null;
    return {
      pid: v.pid,
      hostname: String(v.hostname ?? ""),
      command: String(v.command ?? "?"),
      script: String(v.script ?? ""),
      startedAt: String(v.startedAt ?? ""),
    };
  } catch {
    return null;
  }
}

/**
 * Whether the process that wrote the lock may still run. Another machine's process (a shared
 * folder) cannot be checked and counts as running. On Linux a live pid whose command line no longer
 * names the script is another program that got the number after a restart.
 */
function isRunning(h: LockHolder, file: string): boolean {
  if (h.hostname !== os.hostname()) return true;
  // A container restarts with the same pid as before: a lock bearing our pid that this process
  // did not take is left over.
  if (h.pid === process.pid) return held.has(file);
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${h.pid}/cmdline`, "utf8");
    if (h.script && !cmdline.includes(h.script)) return false;
  } catch {
    // No /proc (macOS) or not ours to read: trust the pid.
  }
  return true;
}

/** What a second process is told to do instead, per command. */
function advice(command: string): { zh: string; en: string } {
  if (command === "backup")
    return {
      zh: "运行中的服务器没有备份接口：请先停止服务器，执行 `xinfang backup <文件>`，再启动服务器；使用 PostgreSQL（DATABASE_URL）时可在服务器运行期间备份。",
      en: "The running server has no backup API: stop the server, run `xinfang backup <file>`, then start the server again. On PostgreSQL (DATABASE_URL) backups run beside the server.",
    };
  if (command === "serve")
    return {
      zh: "服务器已在运行，请直接使用它，或先停止它再启动新的。需要多个服务器进程时请使用 PostgreSQL（DATABASE_URL）。",
      en: "A server is already running: use it, or stop it before starting another. To run several server processes, use PostgreSQL (DATABASE_URL).",
    };
  return {
    zh: `请先停止服务器，执行 \`xinfang ${command}\`，再启动服务器。`,
    en: `Stop the server, run \`xinfang ${command}\`, then start the server again.`,
  };
}

function lockedError(dir: string, file: string, h: LockHolder, command: string): DataFolderError {
  const a = advice(command);
  const where = h.hostname === os.hostname() ? "" : `@${h.hostname}`;
  return new DataFolderError(
    "locked",
    `数据目录 ${dir} 正由另一个 Xinfang 进程使用（pid ${h.pid}${where}，${h.command}，自 ${h.startedAt} 起），` +
      `嵌入式数据库同一时间只能由一个进程打开，本命令未改动任何数据。${a.zh}` +
      `若确认该进程已不存在，可删除 ${file}。`,
    `The data folder ${dir} is in use by another Xinfang process (pid ${h.pid}${where}, ${h.command}, since ` +
      `${h.startedAt}). The embedded database can be open in one process at a time; nothing was changed. ${a.en} ` +
      `If you are sure that process is gone, delete ${file}.`,
  );
}

/**
 * Takes the data folder for this process: creates the lock file exclusively with our pid, or takes
 * over one left by a process that is gone, or refuses (DataFolderError "locked") naming the holder.
 * The lock is released by `release()` and, failing that, when the process exits.
 */
export function acquireDataLock(dir: string, command: string): DataLock {
  const file = path.join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    command,
    script: path.basename(process.argv[1] ?? ""),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, "wx", FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(file);
      if (holder === null) {
        // Just created and not yet written, or left half-written: give it a moment, then take it.
        const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (age < 2000) {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
          continue;
        }
      } else if (isRunning(holder, file)) {
        throw lockedError(dir, file, holder, command);
      }
      // Left over: move it aside (atomic), and make sure what we moved is the stale lock we judged.
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
      } catch {
        continue;
      }
      const moved = readHolder(aside);
      if (holder !== null && (moved?.pid !== holder.pid || moved.startedAt !== holder.startedAt)) {
        // Another process took the folder meanwhile: give its lock back.
        try {
          fs.linkSync(aside, file);
        } catch {
          // someone else's lock is in place already
        }
      }
      fs.rmSync(aside, { force: true });
      continue;
    }
    try {
      fs.writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      fs.closeSync(fd);
    }
    held.add(file);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.delete(file);
      process.off("exit", release);
      const now = readHolder(file);
      if (now?.pid === me.pid && now.startedAt === me.startedAt) fs.rmSync(file, { force: true });
    };
    process.on("exit", release);
    return { file, release };
  }
  const holder = readHolder(file);
  if (holder) throw lockedError(dir, file, holder, command);
  throw new DataFolderError(
    "locked",
    `无法锁定数据目录 ${dir}：${file} 反复被其他进程改动，请稍后再试。`,
    `Could not lock the data folder ${dir}: ${file} kept changing under another process; try again.`,
  );
}
