/**
 * The cost of one `GET /api/todos?limit=20` (npm run bench:todos) with thousands of open cases, on
 * the embedded database (PGlite, a data folder as the server opens it) and on PostgreSQL: the demo
 * county, then BENCH_TODOS_OPEN open cases (default 2,400) spread over every status a case waits
 * in, and BENCH_TODOS_CLOSED archived ones (default 5,000). The whole route runs in this process
 * (`buildApp` + `inject`: session, query, presentation), so the CPU of a call can be read: this
 * process (which on the embedded database includes the database) and the PostgreSQL backend
 * (a one-connection pool, its time read from /proc). On a shared machine the wall clock measures
 * the queue for the cores as much as the call; the CPU time does not.
 *
 * PostgreSQL is vacuumed and analysed after the load (autovacuum would have done it); the embedded
 * database is not, as the server never does (BENCH_TODOS_PGLITE_ANALYZE=1 does it there too).
 *
 * Also prints the statement's plan with EXPLAIN ANALYZE for the office and a township
 * (BENCH_TODOS_EXPLAIN_USERS=office,xiguan to choose; BENCH_TODOS_EXPLAIN=full for the whole plan). Prints figures; asserts nothing.
 *
 *   npm run bench:todos
 *   BENCH_TODOS_OPEN=500 BENCH_TODOS_ROUNDS=5 npm run bench:todos -- --pglite-only
 *   BENCH_TODOS_QUERIES="/api/stats/summary?period=year /api/alerts?pageSize=20" npm run bench:todos   # other routes, space-separated
 *   BENCH_TODOS_KEEP=1 npm run bench:todos -- --pg-only   # keeps xf_bench_todos for psql
 */
import fs from "node:fs";
import os from "node:os";
import type { FastifyInstance } from "fastify";
import { toShanghaiDate } from "../domain/calendar/local-date.ts";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config/index.ts";
import { generateKeyRing } from "../server/crypto/field-crypto.ts";
import type { Db, Queryable, QueryResult } from "../server/db/index.ts";
import { openPg } from "../server/db/index.ts";
import { migrate } from "../server/db/migrate.ts";
import { openDatabase } from "../server/db/open.ts";
import { listTodos } from "../server/routes/todos/index.ts";
import { DEMO_PASSWORD } from "../server/seed/demo-network.ts";
import { seedDemoCases, seedDemoNetwork } from "../server/seed/seed-demo.ts";
import { insertOpenCases } from "../server/test/open-cases.ts";
import {
  benchActor,
  createDatabase,
  dropDatabase,
  makeTempDir,
  percentile,
  processCpuMs,
  round,
  withoutStatsTriggers,
} from "./lib.ts";

const OPEN = Number(process.env.BENCH_TODOS_OPEN ?? 2400);
const CLOSED = Number(process.env.BENCH_TODOS_CLOSED ?? 5000);
const ROUNDS = Number(process.env.BENCH_TODOS_ROUNDS ?? 20);
const EXPLAIN = process.env.BENCH_TODOS_EXPLAIN ?? "summary";
/** The users asked, one per kind of to-do list. */
const USERS = ["registrar", "office", "bureauleader", "leader", "rsj", "chengguan", "xiguan"];
/** The to-do calls measured, then for comparison a case-list page of 20 and the session check alone. */
const QUERIES = process.env.BENCH_TODOS_QUERIES?.split(" ").filter(Boolean) ?? [
  "/api/todos?limit=20",
  "/api/todos?limit=20&inbox=assignment",
  "/api/cases?page=1&pageSize=20",
  "/api/auth/me",
];

const log = (s: string) => process.stdout.write(`${s}\n`);

/** Share of the machine's CPU that was busy during one second. */
async function busyPercent(ms = 1000): Promise<number> {
  const read = () =>
    fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const d = read().map((x, i) => x - a[i]!);
  const total = d.reduce((x, y) => x + y, 0);
  const idle = d[3]! + (d[4] ?? 0);
  return total > 0 ? Math.round((100 * (total - idle)) / total) : 0;
}

async function fill(db: Db): Promise<void> {
  await migrate(db);
  await seedDemoNetwork(db);
  await seedDemoCases(db, generateKeyRing(), new Date());
  const t0 = performance.now();
  await withoutStatsTriggers(db, () =>
    db.transaction((tx) =>
      insertOpenCases(tx, { count: OPEN, closed: CLOSED, now: new Date(), prefix: "TODO" }),
    ),
  );
  // PostgreSQL's autovacuum would have analysed the tables by now; the embedded database never runs
  // ANALYZE or VACUUM on its own, so by default it is measured as the server leaves it.
  if (db.kind === "pg" || process.env.BENCH_TODOS_PGLITE_ANALYZE === "1") await db.exec("VACUUM ANALYZE");
  log(
    `  ${OPEN.toLocaleString("en")} open + ${CLOSED.toLocaleString("en")} archived synthetic cases (besides the demo's 40) in ${round((performance.now() - t0) / 1000)} s`,
  );
}

async function loginAs(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password: DEMO_PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === "xf_session");
  if (res.statusCode !== 200 || !cookie) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return `xf_session=${cookie.value}`;
}

/** A Queryable that explains every statement instead of answering it (EXPLAIN ANALYZE runs it once). */
function explaining(db: Db, plans: string[]): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const { rows } = await db.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans.push(rows.map((r) => Object.values(r)[0]).join("\n"));
      return { rows: [], rowCount: 0 };
    },
    exec: (sql) => db.exec(sql),
  };
}

async function run(label: string, db: Db, backendPid: number | null): Promise<void> {
  const dataDir = makeTempDir("xf-bench-todos-files-");
  const app = await buildApp({
    db,
    config: { ...loadConfig({}), dataDir, demo: false },
    keyRing: generateKeyRing(),
  });
  await app.ready();
  try {
    const cookies = new Map<string, string>();
    for (const u of USERS) cookies.set(u, await loginAs(app, u));
    const totals: string[] = [];
    for (const u of USERS) {
      const res = await app.inject({ url: "/api/todos?limit=20", headers: { cookie: cookies.get(u)! } });
      const body = res.json<{ total: number; inboxes: Record<string, number> }>();
      totals.push(`${u} ${body.total}`);
    }
    log(`  to-dos per user (total of the list): ${totals.join(", ")}`);
    for (const url of QUERIES) {
      // Users the route refuses (403: not their role) are left out of that route's figures.
      const users: string[] = [];
      for (const u of USERS) {
        let status = 0;
        for (let i = 0; i < 2; i++)
          status = (await app.inject({ url, headers: { cookie: cookies.get(u)! } })).statusCode;
        if (status !== 403) users.push(u);
      }
      const busy = await busyPercent();
      const all: number[] = [];
      const cells: string[] = [];
      let cpuNodeAll = 0;
      let cpuDbAll = 0;
      for (const u of users) {
        const times: number[] = [];
        const node0 = process.cpuUsage();
        const db0 = processCpuMs(backendPid);
        for (let r = 0; r < ROUNDS; r++) {
          const t0 = performance.now();
          const res = await app.inject({ url, headers: { cookie: cookies.get(u)! } });
          times.push(performance.now() - t0);
          if (res.statusCode !== 200) throw new Error(`${url} as ${u}: ${res.statusCode} ${res.body}`);
        }
        const node = process.cpuUsage(node0);
        const db1 = processCpuMs(backendPid);
        const cpuNode = (node.user + node.system) / 1000;
        const cpuDb = db0 !== null && db1 !== null ? db1 - db0 : 0;
        cpuNodeAll += cpuNode;
        cpuDbAll += cpuDb;
        times.sort((a, b) => a - b);
        all.push(...times);
        const cpu =
          backendPid === null
            ? `${round(cpuNode / ROUNDS)}`
            : `${round(cpuNode / ROUNDS)}+${round(cpuDb / ROUNDS)}`;
        cells.push(`${u} ${round(percentile(times, 50))}/${round(percentile(times, 95))} (cpu ${cpu})`);
      }
      all.sort((a, b) => a - b);
      const n = all.length;
      log(
        `  ${label} GET ${url}, ${ROUNDS} calls per user, machine ${busy}% busy before: all users p50 ${round(percentile(all, 50))} ms, p95 ${round(percentile(all, 95))} ms, max ${round(all[n - 1]!)} ms; CPU per call: Node ${round(cpuNodeAll / n)} ms${backendPid === null ? "" : `, PostgreSQL ${round(cpuDbAll / n)} ms`}`,
      );
      log(
        `    per user p50/p95 ms (CPU ms per call${backendPid === null ? "" : ": Node+PostgreSQL"}): ${cells.join(", ")}`,
      );
    }
    // The statement's plan for the bureau office (the longest list) and a township.
    for (const u of (process.env.BENCH_TODOS_EXPLAIN_USERS ?? "office,chengguan").split(",")) {
      const actor = await benchActor(db, u);
      const today = toShanghaiDate(new Date());
      const plans: string[] = [];
      const rules = { replyVettedByBureau: true }; // the default county pack
      await listTodos(explaining(db, plans), actor, { today, dueSoonUntil: today, limit: 20, rules });
      for (const plan of plans) {
        const lines = plan.split("\n");
        if (EXPLAIN === "full") for (const l of lines) log(`    ${l}`);
        else
          log(
            `  EXPLAIN ANALYZE as ${u}: ${lines.filter((l) => /Execution Time|Planning Time/.test(l)).join(", ")}; first line: ${lines[0]!.trim()}`,
          );
      }
    }
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pgliteBench(): Promise<void> {
  log("PGlite (embedded, a data folder as the server opens it):");
  const dataDir = makeTempDir("xf-bench-todos-");
  const db = await openDatabase({ ...loadConfig({}), databaseUrl: null, dataDir }, "bench:todos");
  try {
    await fill(db);
    await run("PGlite", db, null);
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pgBench(): Promise<void> {
  log("PostgreSQL (one connection, so its backend's CPU can be read):");
  const name = "xf_bench_todos";
  const db = await openPg(await createDatabase(name), 1);
  try {
    await fill(db);
    const pid = (await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await run("PostgreSQL", db, processCpuMs(pid) === null ? null : pid);
  } finally {
    await db.close();
    if (process.env.BENCH_TODOS_KEEP === "1") log(`  kept the database ${name}`);
    else await dropDatabase(name);
  }
}

log(
  `machine: ${os.availableParallelism()} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")} (1 / 5 / 15 min)`,
);
const args = new Set(process.argv.slice(2));
if (!args.has("--pg-only")) await pgliteBench();
if (!args.has("--pglite-only")) await pgBench();
