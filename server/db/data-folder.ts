import fs from "node:fs";
import path from "node:path";

/**
 * The data folder (XF_DATA_DIR: the embedded database, attachments, the key ring) is for the
 * account that runs Xinfang only: the folder and every folder in it 0700, every file 0600.
 */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
/** Bits that give the group or others any access. */
const OPEN_BITS = 0o077;
/** New files and folders of this process get owner-only permissions. */
export const OWNER_ONLY_UMASK = 0o077;

/** A refusal about the data folder, in both languages; the text says what to do. */
export class DataFolderError extends Error {
  constructor(
    readonly code: "permissions" | "locked",
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh}\n${en}`);
    this.name = "DataFolderError";
  }
}

export interface OpenEntry {
  path: string;
  mode: number;
  isDirectory: boolean;
}

/**
 * Every folder and file under `dir` (itself included) that the group or others may read, write or
 * enter. Symbolic links are not followed; `dir` itself may be one.
 */
export function findOpenEntries(dir: string): OpenEntry[] {
  const found: OpenEntry[] = [];
  const visit = (p: string, st: fs.Stats) => {
    if ((st.mode & OPEN_BITS) !== 0)
      found.push({ path: p, mode: st.mode & 0o777, isDirectory: st.isDirectory() });
    if (!st.isDirectory()) return;
    for (const name of fs.readdirSync(p)) {
      const child = path.join(p, name);
      let cst: fs.Stats;
      try {
        cst = fs.lstatSync(child);
      } catch {
        continue; // removed while we looked (a temporary file)
      }
      if (cst.isSymbolicLink()) continue;
      visit(child, cst);
    }
  };
  if (fs.existsSync(dir)) visit(dir, fs.statSync(dir));
  return found;
}

/** Sets owner-only permissions on the entries; returns those this account could not change. */
export function closeEntries(entries: readonly OpenEntry[]): OpenEntry[] {
  const failed: OpenEntry[] = [];
  for (const e of entries) {
    try {
      fs.chmodSync(e.path, e.isDirectory ? DIR_MODE : FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") failed.push(e);
    }
  }
  return failed;
}

function listed(entries: readonly OpenEntry[]): string {
  const shown = entries.slice(0, 5).map((e) => `  ${e.mode.toString(8).padStart(4, "0")} ${e.path}`);
  if (entries.length > 5) shown.push(`  … (${entries.length - 5} more)`);
  return shown.join("\n");
}

export function permissionsError(dir: string, entries: readonly OpenEntry[]): DataFolderError {
  return new DataFolderError(
    "permissions",
    `拒绝运行：数据目录 ${dir} 中有 ${entries.length} 个文件或目录可被同组或其他用户访问（其中有信访人的个人信息）。` +
      "目录应为 0700、文件应为 0600。请用运行 Xinfang 的账号执行 `xinfang fix-permissions`，" +
      `或设置 XF_FIX_PERMISSIONS=1 在启动时自动修正：\n${listed(entries)}`,
    `Refusing to run: ${entries.length} files or folders in the data folder ${dir} are open to the group or ` +
      "others (it holds petitioners' personal data). Folders must be 0700 and files 0600. As the account " +
      "that runs Xinfang, run `xinfang fix-permissions`, or set XF_FIX_PERMISSIONS=1 to fix them at start.",
  );
}

/**
 * Creates the data folder owner-only if it is missing, and returns what in it is open to the group
 * or others; with `fix` unset, refuses (DataFolderError) when anything is.
 */
export function inspectDataFolder(dir: string, options: { fix: boolean }): OpenEntry[] {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const open = findOpenEntries(dir);
  if (open.length && !options.fix) throw permissionsError(dir, open);
  return open;
}

/** Closes the entries, or refuses naming the ones this account does not own. */
export function fixDataFolder(dir: string, open: readonly OpenEntry[]): void {
  const failed = closeEntries(open);
  if (failed.length) throw permissionsError(dir, failed);
}
