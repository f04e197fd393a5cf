import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config/index.ts";
import { findOpenEntries, fixDataFolder, inspectDataFolder, OWNER_ONLY_UMASK } from "./data-folder.ts";
import { acquireDataLock } from "./data-lock.ts";
import { type Db, openPg, openPglite } from "./index.ts";

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the embedded database in the data folder.
 *
 * Before anything is opened, the data folder (created 0700 if missing) is checked: anything in it
 * open to the group or others is refused (DataFolderError), or closed with `config.fixPermissions`.
 * For the embedded database the folder is then locked for this process (a second one is refused
 * without touching the store), and new files of this process get owner-only permissions (umask).
 * `command` names the CLI command in the message another process gets.
 */
export async function openDatabase(config: Config, command: string): Promise<Db> {
  const embedded = !config.databaseUrl;
  // With PostgreSQL the folder holds attachments and perhaps the key ring; it is checked once it exists.
  const open =
    embedded || fs.existsSync(config.dataDir)
      ? inspectDataFolder(config.dataDir, { fix: config.fixPermissions })
      : [];
  const lock = embedded ? acquireDataLock(config.dataDir, command) : null;
  try {
    if (open.length) fixDataFolder(config.dataDir, open);
    process.umask(OWNER_ONLY_UMASK);
    if (config.databaseUrl) return await openPg(config.databaseUrl, config.pgPoolSize);
    const dir = path.join(config.dataDir, "pglite");
    const db = await openPglite({ dataDir: dir });
    // A new embedded database is unpacked with its files 0666 whatever the umask: close them now.
    fixDataFolder(dir, findOpenEntries(dir));
    const close = db.close.bind(db);
    return Object.assign(db, {
      close: async () => {
        try {
          await close();
        } finally {
          lock?.release();
        }
      },
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
}
