import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openPg, openPglite } from "../db/index.ts";
import { migrate } from "../db/migrate.ts";
import { dropDatabase } from "./pg-admin.ts";

/**
 * Prepares one migrated database that every test file copies: a PGlite dump file for the fast
 * suite, or a PostgreSQL template database for `npm run test:pg`.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.XF_TEST_DB === "pg") {
    const adminUrl = process.env.XF_TEST_PG_URL ?? "postgres://xinfang:xinfang@127.0.0.1:5432/postgres";
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const template = `xf_template_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(
      `CREATE DATABASE ${template} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
    );
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const db = await openPg(url.toString(), 2);
    await migrate(db);
    await db.close();
    process.env.XF_TEST_PG_TEMPLATE = template;
    return async () => {
      // Test databases made from the template are dropped by their files; drop leftovers too.
      const { rows } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1",
        [`xf_t_${process.pid}_%`],
      );
      for (const r of rows) await dropDatabase(admin, r.datname);
      await dropDatabase(admin, template);
      await admin.end();
    };
  }
  const db = await openPglite();
  await migrate(db);
  const dump = await db.raw.dumpDataDir("none");
  await db.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xf-test-")), "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.XF_TEST_PGLITE_DUMP = file;
  return async () => {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  };
}
