import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config/index.ts";
import { findOpenEntries, fixDataFolder, inspectDataFolder, OWNER_ONLY_UMASK } from "./data-folder.ts";
import { type Db, openPg, openPglite } from "./index.ts";

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the embedded database in the data folder.
 *
 * Before anything is opened, the data folder (created 0700 if missing) is checked: anything in it
 * open to the group or others is refused (DataFolderError), or closed with `config.fixPermissions`.
 * New files of this process get owner-only permissions (umask).
 */
export async function openDatabase(config: Config): Promise<Db> {
  const embedded = !config.databaseUrl;
  // With PostgreSQL the folder holds attachments and perhaps the key ring; it is checked once it exists.
  const open =
    embedded || fs.existsSync(config.dataDir)
      ? inspectDataFolder(config.dataDir, { fix: config.fixPermissions })
      : [];
  if (open.length) fixDataFolder(config.dataDir, open);
  process.umask(OWNER_ONLY_UMASK);
  if (config.databaseUrl) return openPg(config.databaseUrl, config.pgPoolSize);
  const dir = path.join(config.dataDir, "pglite");
  const db = await openPglite({ dataDir: dir });
  // A new embedded database is unpacked with its files 0666 whatever the umask: close them now.
  fixDataFolder(dir, findOpenEntries(dir));
  return db;
}
