import { createHash } from "node:crypto";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Anything that runs a parameterised statement: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations, dumps). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: "pglite" | "pg";
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Several statements without parameters; the rows of the last one (the job queue's scripts). */
  script(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

// Both drivers return timestamptz as Date; int8 and numeric stay text so no value is silently rounded.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
pg.types.setTypeParser(PG_INT8, (v) => v);
pg.types.setTypeParser(PG_NUMERIC, (v) => v);

export interface PgliteOptions {
  /** A folder for persistent data; omitted for an in-memory database. */
  dataDir?: string;
  /** A dump made by dumpDataDir(), to start from a prepared database quickly (tests). */
  loadDataDir?: Blob;
  /**
   * PostgreSQL's shared buffers, e.g. "16MB" (default: PostgreSQL's 128MB). The tests' databases
   * hold a few megabytes, and a smaller buffer pool starts about a third quicker.
   */
  sharedBuffers?: string;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Db & { raw: PGlite }> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const raw = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    ...(options.sharedBuffers ? { postgresqlconf: [`shared_buffers = ${options.sharedBuffers}`] } : {}),
    extensions: { pg_trgm },
    parsers: { [PG_INT8]: (v: string) => v, [PG_NUMERIC]: (v: string) => v },
  });
  const wrap = (q: Pick<PGlite, "query" | "exec">): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await q.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  // One session serves every request: the statistics' sorts and hashes get the memory that
  // PostgreSQL's pooled connections get per statement (server/stats/summary.ts).
  await raw.exec("SET work_mem = '64MB'");
  const base = wrap(raw);
  return {
    kind: "pglite",
    raw,
    ...base,
    transaction: (fn) => raw.transaction((tx) => fn(wrap(tx))),
    async script(sql) {
      const results = await raw.exec(sql);
      return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
    },
    close: () => raw.close(),
  };
}

const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `xf_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;
    if (statementNames.size < 5000) statementNames.set(sql, name);
  }
  return name;
}

export async function openPg(url: string, poolSize = 10): Promise<Db & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A dropped server connection must not crash the process: the next query reports it.
  pool.on("error", () => {});
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      // Parameterised statements are prepared once per connection under a name derived from their
      // text, so the hot paths are not planned from scratch on every request.
      const r = params
        ? await q.query({ text: sql, values: params as unknown[], name: statementName(sql) })
        : await q.query(sql);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: "pg",
    pool,
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // A connection that failed mid-transaction must not go back to the pool for the next request.
      let broken = false;
      // The server dying between statements arrives as an 'error' event on the checked-out client;
      // unheard, it would end the process. Heard, the next statement fails and we answer 503.
      const onError = () => {
        broken = true;
      };
      client.on("error", onError);
      try {
        await client.query("BEGIN");
        const result = await fn(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw err;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    async script(sql) {
      const r = (await pool.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(r) ? r.at(-1) : r;
      return (last?.rows ?? []) as Record<string, unknown>[];
    },
    close: () => pool.end(),
  };
}
