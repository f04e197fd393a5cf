import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openPg, openPglite } from "../db/index.ts";
import { listMigrations, migrate } from "../db/migrate.ts";
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
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xf-test-")), "template.tar");
  fs.writeFileSync(file, await migratedPgliteDump());
  process.env.XF_TEST_PGLITE_DUMP = file;
  return async () => {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The migrated PGlite database as a dump. A fresh PGlite and the migrations take about ten seconds
 * on a busy machine, so the dump is kept in node_modules/.cache under a hash of everything it is
 * made from (the migration files, the runner, the adapter, this file, the PGlite version) and made
 * again whenever any of them changes.
 */
async function migratedPgliteDump(): Promise<Buffer> {
  const hash = createHash("sha256");
  const inputs = [
    ...listMigrations().map((m) => m.file),
    path.join(ROOT, "server/db/migrate.ts"),
    path.join(ROOT, "server/db/index.ts"),
    fileURLToPath(import.meta.url),
    path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"),
  ];
  for (const f of inputs) hash.update(path.relative(ROOT, f)).update("\0").update(fs.readFileSync(f));
  const cacheDir = path.join(ROOT, "node_modules/.cache/xinfang-test");
  const cached = path.join(cacheDir, `pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
  if (fs.existsSync(cached)) return fs.readFileSync(cached);
  const db = await openPglite();
  await migrate(db);
  // Every test file starts a copy of this database, so it is made quick to start: the checkpoint
  // leaves no WAL to replay, and without the template databases (the test copies never create a
  // database) a third less to unpack.
  await db.exec("UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')");
  await db.exec("DROP DATABASE template0");
  await db.exec("DROP DATABASE template1");
  await db.exec("CHECKPOINT");
  const dump = Buffer.from(await (await db.raw.dumpDataDir("none")).arrayBuffer());
  await db.close();
  try {
    // Older templates go; the new one is written under another name first, so a run that starts
    // meanwhile never reads half a file.
    fs.mkdirSync(cacheDir, { recursive: true });
    for (const old of fs.readdirSync(cacheDir)) fs.rmSync(path.join(cacheDir, old), { force: true });
    const partial = `${cached}.${process.pid}.partial`;
    fs.writeFileSync(partial, dump);
    fs.renameSync(partial, cached);
  } catch {
    // A cache that cannot be written costs the next run ten seconds, nothing more.
  }
  return dump;
}
