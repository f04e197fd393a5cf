/**
 * Registration throughput: staff registering realistic Chinese petitions (POST /api/cases) as fast
 * as 32 connections can, against a server on PostgreSQL and against one on the embedded PGlite
 * database, plus raw pgbench tps of the same PostgreSQL for scale. See bench/README.md.
 *
 *   npm run bench:intake                      # 20 s per database
 *   BENCH_SECONDS=60 BENCH_CONNECTIONS=64 npm run bench:intake
 *   BENCH_ONLY=pg|pglite|pgbench              # one part only
 *   BENCH_PROFILE=1                           # also write a V8 CPU profile of each server and print
 *                                             # PostgreSQL's table activity per registration
 */
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { openPglite } from "../server/db/index.ts";
import {
  countRows,
  createDatabase,
  dropDatabase,
  execFileAsync,
  freePort,
  login,
  machineInfo,
  makeTempDir,
  percentile,
  petitionFields,
  pgCliEnv,
  REPO_ROOT,
  round,
  type ServerHandle,
  type Session,
  sleep,
  startServer,
  summarizeCpuProfile,
  withDb,
} from "./lib.ts";

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${v}`);
  return n;
}

const SECONDS = envInt("BENCH_SECONDS", 20);
const WARMUP_SECONDS = envInt("BENCH_WARMUP_SECONDS", 3);
const CONNECTIONS = envInt("BENCH_CONNECTIONS", 32);
const POOL_SIZE = envInt("BENCH_PG_POOL_SIZE", 16);
const PGBENCH_SECONDS = envInt("BENCH_PGBENCH_SECONDS", 15);
const ONLY = process.env.BENCH_ONLY ?? "";
const PROFILE = process.env.BENCH_PROFILE === "1";

const TARGETS = { pgPerSecond: 1000, pgP99Ms: 100, pglitePerSecond: 200 };

const log = (msg: string) => process.stdout.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// CPU accounting: who used the two cores during the measured window

interface CpuSample {
  at: number;
  /** Jiffies of the whole machine: busy and total. */
  busy: number;
  total: number;
  /** Jiffies used by the server process. */
  server: number;
  /** Jiffies used by each PostgreSQL process on the machine, by PID. */
  postgres: Map<number, number>;
  /** Microseconds used by this process (the load generator). */
  selfMicros: number;
}

const CLK_TCK = 100;

/** utime + stime of one process, in jiffies, and its command name. */
function procTimes(pid: string | number): { comm: string; jiffies: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
      jiffies: Number(rest[11]) + Number(rest[12]),
    };
  } catch {
    return null; // gone meanwhile
  }
}

function postgresJiffies(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const t = procTimes(entry);
    if (t?.comm === "postgres") byPid.set(Number(entry), t.jiffies);
  }
  return byPid;
}

/**
 * PIDs of the PostgreSQL processes that work for this benchmark: backends of its database and the
 * shared background processes (WAL writer, checkpointer…). Backends of other databases (someone
 * else's tests on the same cluster) are left out, so they show as "other".
 */
async function benchPostgresPids(url: string): Promise<Set<number>> {
  return withDb(url, async (c) => {
    const r = await c.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE (datname = current_database() AND pid <> pg_backend_pid())
           OR backend_type NOT IN ('client backend', 'autovacuum worker', 'parallel worker', 'walsender')`,
    );
    return new Set(r.rows.map((x) => x.pid));
  });
}

function readCpu(serverPid: number): CpuSample {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  const server = procTimes(serverPid)?.jiffies ?? 0;
  const self = process.cpuUsage();
  return {
    at: Date.now(),
    busy: total - idle,
    total,
    server,
    postgres: postgresJiffies(),
    selfMicros: self.user + self.system,
  };
}

function cpuShare(a: CpuSample, b: CpuSample, cpus: number, pgPids: Set<number> | null) {
  const wallS = (b.at - a.at) / 1000;
  const machineBusy = (b.busy - a.busy) / Math.max(1, b.total - a.total);
  const serverCores = (b.server - a.server) / CLK_TCK / wallS;
  const loadgenCores = (b.selfMicros - a.selfMicros) / 1e6 / wallS;
  let pgJiffies = 0;
  for (const [pid, j] of b.postgres) {
    if (pgPids?.has(pid)) pgJiffies += j - (a.postgres.get(pid) ?? 0);
  }
  const postgresCores = pgJiffies / CLK_TCK / wallS;
  const machineCores = machineBusy * cpus;
  return {
    machineBusyPercent: round(machineBusy * 100),
    serverCores: round(serverCores, 2),
    postgresCores: round(postgresCores, 2),
    loadGeneratorCores: round(loadgenCores, 2),
    /** Everything else: the kernel's own work, other processes (and other databases) on the machine. */
    otherCores: round(Math.max(0, machineCores - serverCores - postgresCores - loadgenCores), 2),
  };
}

/** How busy the machine is before a phase starts (someone else's work skews every figure). */
async function backgroundBusyPercent(ms = 1000): Promise<number> {
  const read = () => {
    const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((x, y) => x + y, 0);
    return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100);
}

async function noteBackground(label: string): Promise<number> {
  const busy = await backgroundBusyPercent();
  log(
    `${label}: machine ${busy}% busy before the run${busy > 10 ? " — other work is running; figures will be low" : ""}`,
  );
  return busy;
}

// ---------------------------------------------------------------------------------------------
// The registration load

interface LoadResult {
  seconds: number;
  connections: number;
  registrationsOk: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p97_5: number; p99: number; max: number; mean: number };
  non2xx: number;
  statusCounts: Record<string, number>;
  connectionErrors: number;
  timeouts: number;
  /** Registrations sent whose answer never came (cut off at the end); 0 when the run drained. */
  unanswered: number;
  cpu: ReturnType<typeof cpuShare> | null;
}

let petitionCounter = 0;

function registrationBody(n: number, runTag: string): string {
  const f = petitionFields(n, runTag);
  const channels = ["letter", "visit", "phone"] as const;
  return JSON.stringify({
    channel: channels[n % channels.length],
    title: f.title,
    content: f.content,
    problemRegionCode: f.problemRegionCode,
    nature: n % 5 === 0 ? "suggestion" : "request",
    petitioners: [{ name: f.name, idNumber: f.idNumber, phone: f.phone, address: f.address }],
  });
}

/**
 * Runs `seconds` of registrations. At the deadline each connection switches to GET /api/health so
 * registrations already sent finish normally and are counted (a hard stop would cut requests the
 * server still commits, and the 2xx count would not match the new rows).
 */
async function registrationLoad(
  server: ServerHandle,
  session: Session,
  seconds: number,
  runTag: string,
  /** The bench database, to tell its PostgreSQL processes from others (null: PGlite). */
  pgUrl: string | null,
): Promise<LoadResult> {
  let deadline = Number.POSITIVE_INFINITY;
  let built = 0;
  let answered = 0;
  let ok = 0;
  let lastRegistrationAt = 0;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const cpus = machineInfo().cpuCount;
  let cpuStart: CpuSample | null = null;
  let cpuEnd: CpuSample | null = null;

  let finish: (r: autocannon.Result) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: server.baseUrl,
      connections: CONNECTIONS,
      pipelining: 1,
      duration: seconds + 15, // the drain normally stops it long before
      timeout: 10,
      headers: {
        "content-type": "application/json",
        cookie: session.cookie,
        "x-csrf-token": session.csrfToken,
      },
      requests: [
        {
          method: "POST",
          path: "/api/cases",
          setupRequest: (req) => {
            if (Date.now() >= deadline)
              return { ...req, method: "GET", path: "/api/health", body: undefined };
            built++;
            return { ...req, body: registrationBody(petitionCounter++, runTag) };
          },
        },
      ],
    },
    (err, result) => (err ? fail(err) : finish(result)),
  );
  instance.on("start", () => {
    deadline = Date.now() + seconds * 1000;
    cpuStart = readCpu(server.pid);
  });
  // Registrations answer 201 (or an error); only the drain's health checks answer 200.
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode !== 200) {
      answered++;
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      latencies.push(responseTime);
      if (statusCode >= 200 && statusCode < 300) ok++;
      lastRegistrationAt = Date.now();
    }
    if (Date.now() >= deadline) {
      cpuEnd ??= readCpu(server.pid);
      if (answered === built) instance.stop(); // drained: every registration sent has its answer
    }
  });
  const result = await finished;
  const pgPids = pgUrl ? await benchPostgresPids(pgUrl) : null;
  const started = result.start.getTime();
  const window = Math.max(seconds, (lastRegistrationAt - started) / 1000);
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  return {
    seconds: round(window, 2),
    connections: CONNECTIONS,
    registrationsOk: ok,
    perSecond: round(ok / window),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p97_5: round(percentile(latencies, 97.5)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? Number.NaN),
      mean: round(mean),
    },
    non2xx: answered - ok,
    statusCounts,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    unanswered: built - answered,
    cpu: cpuStart && cpuEnd ? cpuShare(cpuStart, cpuEnd, cpus, pgPids) : null,
  };
}

function printLoad(label: string, r: LoadResult, target: string): void {
  log(
    `${label}: ${r.perSecond} registrations/s (2xx only, ${r.registrationsOk} in ${r.seconds} s, ` +
      `${r.connections} connections) — target ${target}`,
  );
  log(
    `${label}: latency p50 ${r.latencyMs.p50} ms, p97.5 ${r.latencyMs.p97_5} ms, p99 ${r.latencyMs.p99} ms, ` +
      `max ${r.latencyMs.max} ms; non-2xx ${r.non2xx} ${JSON.stringify(r.statusCounts)}; ` +
      `connection errors ${r.connectionErrors}, timeouts ${r.timeouts}`,
  );
  if (r.cpu) {
    log(
      `${label}: CPU busy ${r.cpu.machineBusyPercent}% of ${machineInfo().cpuCount} cores — server ` +
        `${r.cpu.serverCores} cores, PostgreSQL ${r.cpu.postgresCores}, load generator ` +
        `${r.cpu.loadGeneratorCores}, other processes/kernel ${r.cpu.otherCores}; per registration: server ` +
        `${round((r.cpu.serverCores * 1000) / r.perSecond, 2)} ms CPU, PostgreSQL ` +
        `${round((r.cpu.postgresCores * 1000) / r.perSecond, 2)} ms CPU`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Phases

interface Verification {
  /** Rows in cases after the run minus rows before it (null where the database was busy). */
  newCases: number | null;
  /** Rows whose title carries this run's tag: only the measured registrations. */
  taggedCases: number;
  acknowledged: number;
  ok: boolean;
}

function verification(
  newCases: number | null,
  taggedCases: number,
  acknowledged: number,
  unanswered: number,
): Verification {
  const ok =
    (newCases === null || newCases === acknowledged) && taggedCases === acknowledged && unanswered === 0;
  log(
    `verify: ${newCases ?? "-"} new rows in cases, ${taggedCases} carrying this run's tag, ` +
      `${acknowledged} registrations answered 2xx — ${ok ? "equal" : `MISMATCH (unanswered ${unanswered})`}`,
  );
  return { newCases, taggedCases, acknowledged, ok };
}

/** Titles end in （<tag>-<n>）: a LIKE pattern for one run's rows. */
const tagPattern = (tag: string) => `%（${tag}-%`;

const cleanups: (() => Promise<void>)[] = [];

async function cleanup(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    await fn().catch((err: unknown) => log(`cleanup: ${err instanceof Error ? err.message : String(err)}`));
  }
}

function profileArgs(dir: string): string[] {
  return PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** With BENCH_PROFILE=1: the server's main-thread profile (the largest file written since `since`). */
function reportProfile(label: string, dir: string, since: number): string | null {
  if (!PROFILE) return null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).mtimeMs >= since)
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  if (!files[0]) return null;
  log(`${label}: CPU profile of the server (warm-up and run) ${path.relative(REPO_ROOT, files[0])}`);
  for (const line of summarizeCpuProfile(files[0])) log(`${label}:   ${line}`);
  return path.relative(REPO_ROOT, files[0]);
}

interface TableActivity {
  name: string;
  seqScan: number;
  seqTupRead: number;
  idxScan: number;
  inserted: number;
  updated: number;
}

/** What PostgreSQL did per table (and how many transactions it committed), from its statistics views. */
async function tableActivity(url: string): Promise<{ commits: number; tables: TableActivity[] }> {
  return withDb(url, async (c) => {
    // Statistics are sent by each backend at most every 500 ms (PG 15: at transaction end when idle).
    await sleep(1200);
    await c.query("SELECT pg_stat_clear_snapshot()");
    const db = await c.query<{ n: string }>(
      "SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()",
    );
    const t = await c.query<{ name: string; s: string; r: string; i: string; ins: string; upd: string }>(
      `SELECT relname AS name, seq_scan AS s, seq_tup_read AS r, COALESCE(idx_scan, 0) AS i,
              n_tup_ins AS ins, n_tup_upd AS upd FROM pg_stat_user_tables`,
    );
    return {
      commits: Number(db.rows[0]?.n ?? 0),
      tables: t.rows.map((r) => ({
        name: r.name,
        seqScan: Number(r.s),
        seqTupRead: Number(r.r),
        idxScan: Number(r.i),
        inserted: Number(r.ins),
        updated: Number(r.upd),
      })),
    };
  });
}

/** With BENCH_PROFILE=1: per registration, the commits and the table activity of the measured window. */
function printActivity(
  label: string,
  a: Awaited<ReturnType<typeof tableActivity>>,
  b: Awaited<ReturnType<typeof tableActivity>>,
  registrations: number,
) {
  const per = (n: number) => round(n / Math.max(1, registrations), 2);
  log(
    `${label}: per registration ${per(b.commits - a.commits)} commits (all sessions of the bench database)`,
  );
  const before = new Map(a.tables.map((t) => [t.name, t]));
  const rows = b.tables
    .map((t) => {
      const o = before.get(t.name);
      return {
        name: t.name,
        seqScan: t.seqScan - (o?.seqScan ?? 0),
        seqTupRead: t.seqTupRead - (o?.seqTupRead ?? 0),
        idxScan: t.idxScan - (o?.idxScan ?? 0),
        inserted: t.inserted - (o?.inserted ?? 0),
        updated: t.updated - (o?.updated ?? 0),
      };
    })
    .filter((t) => t.seqScan + t.idxScan + t.inserted + t.updated > 0)
    .sort((x, y) => y.seqTupRead + y.idxScan - (x.seqTupRead + x.idxScan));
  for (const t of rows.slice(0, 12)) {
    log(
      `${label}:   ${t.name.padEnd(24)} seq scans ${per(t.seqScan)}, rows read by them ${per(t.seqTupRead)}, index scans ${per(t.idxScan)}, inserted ${per(t.inserted)}, updated ${per(t.updated)}`,
    );
  }
}

async function benchPostgres(outDir: string) {
  const dbName = `xf_bench_${process.pid}`;
  const url = await createDatabase(dbName);
  cleanups.push(() => dropDatabase(dbName));
  const dataDir = makeTempDir("xf-bench-pg-");
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const t0 = Date.now();
  const server = await startServer({
    port: await freePort(),
    dataDir,
    databaseUrl: url,
    env: { XF_PG_POOL_SIZE: String(POOL_SIZE) },
    nodeArgs: profileArgs(outDir),
  });
  cleanups.push(() => server.stop());
  log(`PostgreSQL: server up on port ${server.port} in ${Date.now() - t0} ms (database ${dbName})`);
  const session = await login(server.baseUrl, "registrar");
  if (process.env.BENCH_PG_SETUP_SQL) {
    await withDb(url, (c) => c.query(process.env.BENCH_PG_SETUP_SQL ?? ""));
    log(`PostgreSQL: ran BENCH_PG_SETUP_SQL`);
  }
  const backgroundBusy = await noteBackground("PostgreSQL");
  log(`PostgreSQL: warm-up ${WARMUP_SECONDS} s`);
  await registrationLoad(server, session, WARMUP_SECONDS, `pgw${process.pid}`, url);
  const before = await countRows(url, "SELECT count(*) AS n FROM cases");
  log(`PostgreSQL: measuring ${SECONDS} s with ${CONNECTIONS} connections, pool ${POOL_SIZE}`);
  const tag = `pg${process.pid}`;
  const activityBefore = PROFILE ? await tableActivity(url) : null;
  const load = await registrationLoad(server, session, SECONDS, tag, url);
  if (activityBefore)
    printActivity("PostgreSQL", activityBefore, await tableActivity(url), load.registrationsOk);
  const after = await countRows(url, "SELECT count(*) AS n FROM cases");
  const tagged = await countRows(url, "SELECT count(*) AS n FROM cases WHERE title LIKE $1", [
    tagPattern(tag),
  ]);
  printLoad("PostgreSQL", load, `≥ ${TARGETS.pgPerSecond}/s, p99 < ${TARGETS.pgP99Ms} ms`);
  // Group commit: the run's cases were written by this many transactions (distinct xmin).
  const transactions = await countRows(
    url,
    "SELECT count(DISTINCT xmin::text) AS n FROM cases WHERE title LIKE $1",
    [tagPattern(tag)],
  );
  const perTransaction = transactions > 0 ? round(tagged / transactions, 2) : 0;
  log(
    `PostgreSQL: ${tagged} registrations in ${transactions} transactions, ${perTransaction} per transaction (group commit)`,
  );
  const verify = verification(after - before, tagged, load.registrationsOk, load.unanswered);
  await server.stop();
  const profile = reportProfile("PostgreSQL", outDir, t0);
  return {
    database: dbName,
    poolSize: POOL_SIZE,
    backgroundBusyPercent: backgroundBusy,
    ...load,
    registrationsPerTransaction: perTransaction,
    verify,
    ...(profile ? { profile } : {}),
  };
}

async function benchPgbench() {
  const dbName = `xf_pgbench_${process.pid}`;
  await createDatabase(dbName);
  cleanups.push(() => dropDatabase(dbName));
  const backgroundBusy = await noteBackground("pgbench");
  const { host, port, user, env } = pgCliEnv();
  const conn = ["-h", host, "-p", port, "-U", user];
  log(`pgbench: initialising scale 10 in ${dbName}`);
  await execFileAsync("pgbench", ["-i", "-s", "10", "-q", ...conn, dbName], { env, maxBuffer: 1 << 24 });
  log(`pgbench: -c 8 -j 2 -T ${PGBENCH_SECONDS} (TPC-B-like, 5 statements per transaction)`);
  const { stdout } = await execFileAsync(
    "pgbench",
    ["-c", "8", "-j", "2", "-T", String(PGBENCH_SECONDS), ...conn, dbName],
    { env, maxBuffer: 1 << 24 },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
  if (!tps) throw new Error(`could not read tps from pgbench:\n${stdout}`);
  log(`pgbench: ${round(Number(tps))} tps, latency average ${latency ?? "?"} ms`);
  await dropDatabase(dbName);
  return {
    scale: 10,
    clients: 8,
    threads: 2,
    seconds: PGBENCH_SECONDS,
    backgroundBusyPercent: backgroundBusy,
    tps: round(Number(tps)),
  };
}

async function benchPglite(outDir: string) {
  const dataDir = makeTempDir("xf-bench-pglite-");
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const t0 = Date.now();
  const server = await startServer({ port: await freePort(), dataDir, nodeArgs: profileArgs(outDir) });
  cleanups.push(() => server.stop());
  log(`PGlite: server up on port ${server.port} in ${Date.now() - t0} ms (data dir ${dataDir})`);
  const session = await login(server.baseUrl, "registrar");
  const backgroundBusy = await noteBackground("PGlite");
  log(`PGlite: warm-up ${WARMUP_SECONDS} s`);
  await registrationLoad(server, session, WARMUP_SECONDS, `plw${process.pid}`, null);
  log(`PGlite: measuring ${SECONDS} s with ${CONNECTIONS} connections`);
  const tag = `pl${process.pid}`;
  const load = await registrationLoad(server, session, SECONDS, tag, null);
  printLoad("PGlite", load, `≥ ${TARGETS.pglitePerSecond}/s`);
  await server.stop(); // PGlite is single-process: count once the server has closed it
  const profile = reportProfile("PGlite", outDir, t0);
  const db = await openPglite({ dataDir: path.join(dataDir, "pglite") });
  const tagged = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM cases WHERE title LIKE $1", [
    tagPattern(tag),
  ]);
  await db.close();
  const verify = verification(null, Number(tagged.rows[0]?.n ?? 0), load.registrationsOk, load.unanswered);
  return { backgroundBusyPercent: backgroundBusy, ...load, verify, ...(profile ? { profile } : {}) };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const machine = machineInfo();
  const startedAt = new Date();
  const outDir = path.join(REPO_ROOT, "bench", "out");
  fs.mkdirSync(outDir, { recursive: true });
  log(
    `machine: ${machine.cpuCount} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}; ` +
      "server, PostgreSQL and the load generator share these CPUs",
  );
  const results: Record<string, unknown> = {
    benchmark: "intake",
    date: startedAt.toISOString(),
    machine,
    settings: {
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      connections: CONNECTIONS,
      pgPoolSize: POOL_SIZE,
    },
    targets: TARGETS,
  };
  let failed = false;
  try {
    if (!ONLY || ONLY === "pg") results.postgres = await benchPostgres(outDir);
    await cleanup();
    if (!ONLY || ONLY === "pgbench" || ONLY === "pg") results.pgbench = await benchPgbench();
    await cleanup();
    if (!ONLY || ONLY === "pglite") results.pglite = await benchPglite(outDir);
  } catch (err) {
    failed = true;
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    results.error = err instanceof Error ? err.message : String(err);
  } finally {
    await cleanup();
  }

  const pgRes = results.postgres as Awaited<ReturnType<typeof benchPostgres>> | undefined;
  const pgbench = results.pgbench as Awaited<ReturnType<typeof benchPgbench>> | undefined;
  const pglite = results.pglite as Awaited<ReturnType<typeof benchPglite>> | undefined;
  log("──────── summary ────────");
  log(`CPUs: ${machine.cpuCount} (shared by server, database and load generator)`);
  if (pgRes) {
    const met = pgRes.perSecond >= TARGETS.pgPerSecond && pgRes.latencyMs.p99 < TARGETS.pgP99Ms;
    log(
      `PostgreSQL: ${pgRes.perSecond} reg/s, p50 ${pgRes.latencyMs.p50} ms, p97.5 ${pgRes.latencyMs.p97_5} ms, ` +
        `p99 ${pgRes.latencyMs.p99} ms, non-2xx ${pgRes.non2xx} ` +
        `[target ≥ ${TARGETS.pgPerSecond}/s and p99 < ${TARGETS.pgP99Ms} ms: ${met ? "met" : "NOT met"}]`,
    );
    if (!pgRes.verify.ok) failed = true;
  }
  if (pgbench) log(`pgbench: ${pgbench.tps} tps (scale 10, -c 8 -j 2 -T ${pgbench.seconds})`);
  if (pgRes && pgbench) {
    const ratio = round(pgRes.perSecond / pgbench.tps, 3);
    results.ratioRegistrationsToPgbench = ratio;
    log(`ratio registrations/s ÷ pgbench tps: ${ratio}`);
  }
  if (pglite) {
    const met = pglite.perSecond >= TARGETS.pglitePerSecond;
    log(
      `PGlite: ${pglite.perSecond} reg/s, p50 ${pglite.latencyMs.p50} ms, p97.5 ${pglite.latencyMs.p97_5} ms, ` +
        `p99 ${pglite.latencyMs.p99} ms, non-2xx ${pglite.non2xx} ` +
        `[target ≥ ${TARGETS.pglitePerSecond}/s: ${met ? "met" : "NOT met"}]`,
    );
    if (!pglite.verify.ok) failed = true;
  }
  const file = path.join(outDir, `intake-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${path.relative(REPO_ROOT, file)}`);
  return failed ? 1 : 0;
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    cleanup().finally(() => process.exit(1));
  },
);
