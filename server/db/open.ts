import path from "node:path";
import type { Config } from "../config/index.ts";
import { type Db, openPg, openPglite } from "./index.ts";

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in the data folder. */
export async function openDatabase(config: Config): Promise<Db> {
  if (config.databaseUrl) return openPg(config.databaseUrl, config.pgPoolSize);
  return openPglite({ dataDir: path.join(config.dataDir, "pglite") });
}
