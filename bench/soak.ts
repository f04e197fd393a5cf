/**
 * Soak (npm run bench:soak): the real server on each database, a realistic county (the demo county
 * plus BENCH_SOAK_OPEN open cases in every status, default 2,500, and BENCH_SOAK_CLOSED archived
 * ones, default 5,000), then a steady BENCH_SOAK_RATE mixed requests a second (default 50) for
 * BENCH_SOAK_SECONDS per database (default 600) after BENCH_SOAK_WARMUP_SECONDS of the same load
 * (default 60): to-dos, case list pages, case detail, search, the statistics summary, alerts, the
 * session check and a few registrations, from the logged-in staff of the demo county (each logs
 * in once; the sessions are reused).
 *
 * Requests are sent on a fixed schedule whether or not earlier ones have answered (an open loop: a
 * slow server gets the same load a real office gives it, and its queue shows in the latency), only
 * to 127.0.0.1. Every request has a 30 s timeout; at most BENCH_SOAK_MAX_IN_FLIGHT are outstanding
 * (a request that would exceed it is not sent and counts as an error), so the run stops by itself
 * at its deadline and drains within 30 s.
 *
 * Prints per minute: requests, p50/p95/p99, errors, the server's RSS; per kind of request: p50/p95/
 * p99; RSS at the start and the end of the measured window; and a verdict against p99 < 300 ms, no
 * errors, memory growth < 10 %. Prints figures; asserts nothing (it exits 0 either way).
 *
 *   npm run bench:soak                                   # 10 minutes per database
 *   BENCH_SOAK_SECONDS=180 npm run bench:soak            # shortened
 *   BENCH_SOAK_ONLY=pglite|pg BENCH_SOAK_RATE=30 npm run bench:soak
 *   BENCH_SOAK_PROFILE=1 BENCH_SOAK_ONLY=pglite npm run bench:soak   # and where the server's CPU went
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mulberry32 } from "../domain/triage/corpus/generate.ts";
import { loadConfig } from "../server/config/index.ts";
import { loadKeyRing } from "../server/crypto/key-file.ts";
import type { Db } from "../server/db/index.ts";
import { openPg } from "../server/db/index.ts";
import { migrate } from "../server/db/migrate.ts";
import { openDatabase } from "../server/db/open.ts";
import { seedDemoCases, seedDemoNetwork } from "../server/seed/seed-demo.ts";
import { insertOpenCases } from "../server/test/open-cases.ts";
import {
  createDatabase,
  dropDatabase,
  freePort,
  login,
  makeTempDir,
  percentile,
  petitionFields,
  processCpuMs,
  round,
  type ServerHandle,
  type Session,
  sleep,
  startServer,
  summarizeCpuProfile,
  withDb,
  withoutStatsTriggers,
} from "./lib.ts";

function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
  return n;
}

const SECONDS = envNumber("BENCH_SOAK_SECONDS", 600);
const WARMUP_SECONDS = envNumber("BENCH_SOAK_WARMUP_SECONDS", 60);
const RATE = envNumber("BENCH_SOAK_RATE", 50);
const OPEN = envNumber("BENCH_SOAK_OPEN", 2500);
const CLOSED = envNumber("BENCH_SOAK_CLOSED", 5000);
const MAX_IN_FLIGHT = envNumber("BENCH_SOAK_MAX_IN_FLIGHT", 1000);
const TIMEOUT_MS = 30_000;
const ONLY = process.env.BENCH_SOAK_ONLY ?? "";
/** BENCH_SOAK_PROFILE=1: the server runs under V8's CPU profiler; where its time went is printed. */
const PROFILE = process.env.BENCH_SOAK_PROFILE === "1";
const TARGET = { p99Ms: 300, memoryGrowthPercent: 10 };

const log = (s: string) => process.stdout.write(`[soak] ${s}\n`);

// ---------------------------------------------------------------------------------------------
// Who asks for what

/** The demo county's staff (no administrators: they hold no case work). */
const STAFF = [
  "registrar",
  "office",
  "bureauleader",
  "analyst",
  "leader",
  "principal",
  "rsj",
  "rsjleader",
  "zrzyj",
  "zjj",
  "chengguan",
  "hekou",
  "shimen",
  "xiguan",
] as const;
type User = (typeof STAFF)[number];
/** The statistics roles (county-wide, township staff, unit leaders). */
const STATS_USERS: readonly User[] = [
  "registrar",
  "office",
  "bureauleader",
  "analyst",
  "leader",
  "principal",
  "rsjleader",
  "chengguan",
  "hekou",
  "shimen",
];
const REGISTRARS: readonly User[] = ["registrar", "office"];
const INBOXES = ["", "&inbox=intake", "&inbox=approval", "&inbox=assignment", "&inbox=vetting"];
const WORDS = ["工资", "征地补偿", "物业", "养殖场", "低保", "公交", "拖欠", "村干部"];

type Kind = "todos" | "list" | "detail" | "search" | "stats" | "alerts" | "me" | "register";
/** Share of each kind of request in the mix (out of 100). */
const MIX: [Kind, number][] = [
  ["todos", 24],
  ["list", 20],
  ["detail", 20],
  ["search", 10],
  ["alerts", 10],
  ["stats", 6],
  ["me", 6],
  ["register", 4],
];

interface Planned {
  kind: Kind;
  user: User;
  method: "GET" | "POST";
  path: string;
  body?: string;
}

function planner(caseIds: Map<User, string[]>, runTag: string) {
  const next = mulberry32(20261207);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  let registrations = 0;
  const thisMonth = Number(
    new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", month: "numeric" }).format(new Date()),
  );
  return (): Planned => {
    let x = next() * 100;
    let kind: Kind = "me";
    for (const [k, w] of MIX) {
      x -= w;
      if (x < 0) {
        kind = k;
        break;
      }
    }
    const user = kind === "stats" ? pick(STATS_USERS) : kind === "register" ? pick(REGISTRARS) : pick(STAFF);
    switch (kind) {
      case "todos":
        return { kind, user, method: "GET", path: `/api/todos?limit=20${pick(INBOXES)}` };
      case "list":
        return {
          kind,
          user,
          method: "GET",
          path: `/api/cases?page=${1 + Math.floor(next() * 5)}&pageSize=20`,
        };
      case "detail": {
        const ids = caseIds.get(user) ?? [];
        if (ids.length === 0) return { kind: "me", user, method: "GET", path: "/api/auth/me" };
        return { kind, user, method: "GET", path: `/api/cases/${pick(ids)}` };
      }
      case "search":
        return {
          kind,
          user,
          method: "GET",
          path: `/api/search/cases?q=${encodeURIComponent(pick(WORDS))}&pageSize=20`,
        };
      case "stats":
        return {
          kind,
          user,
          method: "GET",
          path: `/api/stats/summary?${pick(["period=year", `period=month&index=${thisMonth}`])}`,
        };
      case "alerts":
        return { kind, user, method: "GET", path: "/api/alerts?pageSize=20" };
      case "register": {
        const n = registrations++;
        const f = petitionFields(n, runTag);
        const body = JSON.stringify({
          channel: pick(["letter", "visit", "phone"]),
          title: f.title,
          content: f.content,
          problemRegionCode: f.problemRegionCode,
          nature: n % 5 === 0 ? "suggestion" : "request",
          petitioners: [{ name: f.name, idNumber: f.idNumber, phone: f.phone, address: f.address }],
        });
        return { kind, user, method: "POST", path: "/api/cases", body };
      }
      default:
        return { kind: "me", user, method: "GET", path: "/api/auth/me" };
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Sample {
  /** Seconds since the measured window started, when the request was due to be sent. */
  at: number;
  kind: Kind;
  ms: number;
  ok: boolean;
  status: number | string;
}

/** Resident memory of a process in MiB, from /proc (null when not readable). */
function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The PostgreSQL backends serving the bench database, for their memory (PostgreSQL only). */
async function backendPids(url: string): Promise<number[]> {
  return withDb(url, async (c) => {
    const r = await c.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return r.rows.map((x) => x.pid);
  });
}

function machineBusy(): () => number {
  const read = () => {
    const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((x, y) => x + y, 0);
    return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
  };
  let a = read();
  return () => {
    const b = read();
    const share = (b.busy - a.busy) / Math.max(1, b.total - a.total);
    a = b;
    return Math.round(share * 100);
  };
}

async function send(
  server: ServerHandle,
  sessions: Map<User, Session>,
  p: Planned,
): Promise<{ ok: boolean; status: number | string }> {
  const s = sessions.get(p.user)!;
  try {
    const res = await fetch(`${server.baseUrl}${p.path}`, {
      method: p.method,
      headers: {
        cookie: s.cookie,
        ...(p.method === "POST" ? { "content-type": "application/json", "x-csrf-token": s.csrfToken } : {}),
      },
      ...(p.body ? { body: p.body } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer();
    return { ok: res.status >= 200 && res.status < 300, status: res.status };
  } catch (err) {
    // fetch's TypeError carries the socket's own error (refused, reset, closed) as its cause.
    const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
    const name = err instanceof Error ? err.name : "error";
    return { ok: false, status: typeof cause?.code === "string" ? `${name} ${cause.code}` : name };
  }
}

/**
 * Sends `rate` requests a second for `seconds`, each at its own scheduled moment (several at once
 * if the timer fell behind), and waits for the last answers (each at most 30 s).
 */
async function drive(
  server: ServerHandle,
  sessions: Map<User, Session>,
  next: () => Planned,
  seconds: number,
  onSample: (s: Sample) => void,
): Promise<void> {
  const interval = 1000 / RATE;
  const total = Math.round(seconds * RATE);
  const start = performance.now();
  const pending = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const p = next();
    const at = (due - start) / 1000;
    if (pending.size >= MAX_IN_FLIGHT) {
      onSample({ at, kind: p.kind, ms: 0, ok: false, status: "not sent (too many in flight)" });
      continue;
    }
    const t0 = performance.now();
    const done = send(server, sessions, p).then(({ ok, status }) => {
      onSample({ at, kind: p.kind, ms: performance.now() - t0, ok, status });
      pending.delete(done);
    });
    pending.add(done);
  }
  await Promise.all(pending);
}

function latencyLine(samples: readonly Sample[]): string {
  const ms = samples
    .filter((s) => s.ms > 0)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const errors = samples.filter((s) => !s.ok).length;
  return `${String(samples.length).padStart(5)} req  p50 ${String(round(percentile(ms, 50))).padStart(7)}  p95 ${String(round(percentile(ms, 95))).padStart(7)}  p99 ${String(round(percentile(ms, 99))).padStart(7)} ms  errors ${errors}`;
}

// ---------------------------------------------------------------------------------------------
// One database

async function fill(db: Db, dataDir: string): Promise<void> {
  await migrate(db);
  await seedDemoNetwork(db);
  // The key ring the server will read from the same data folder.
  const keyRing = loadKeyRing({ ...loadConfig({}), dataDir });
  await seedDemoCases(db, keyRing, new Date());
  await withoutStatsTriggers(db, () =>
    db.transaction((tx) =>
      insertOpenCases(tx, { count: OPEN, closed: CLOSED, now: new Date(), prefix: "SOAK" }),
    ),
  );
  // PostgreSQL's autovacuum would have analysed the tables by now; the embedded database never does.
  if (db.kind === "pg") await db.exec("VACUUM ANALYZE");
}

interface Outcome {
  label: string;
  p99: number;
  errors: number;
  requests: number;
  growth: number | null;
  pass: boolean;
}

async function soak(label: string, databaseUrl: string | null, dataDir: string): Promise<Outcome> {
  const profileDir = PROFILE ? makeTempDir("xf-bench-soak-prof-") : null;
  const server = await startServer({
    port: await freePort(),
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    env: { XF_RATE_LIMIT_ALLOW_LOOPBACK: "1" },
    readyTimeoutMs: 300_000,
    ...(profileDir ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] } : {}),
  });
  try {
    const sessions = new Map<User, Session>();
    for (const u of STAFF) sessions.set(u, await login(server.baseUrl, u));
    // Start-up work (the first deadline scan over every open case) holds the embedded database for
    // a while: wait until three to-do calls in a row answer within a second, and say how long.
    const settleStart = performance.now();
    for (let fast = 0; fast < 3 && performance.now() - settleStart < 300_000; ) {
      const t0 = performance.now();
      await fetch(`${server.baseUrl}/api/todos?limit=20`, {
        headers: { cookie: sessions.get("office")!.cookie },
      }).then((r) => r.arrayBuffer());
      fast = performance.now() - t0 < 1000 ? fast + 1 : 0;
    }
    log(
      `${label}: server settled after its start-up work in ${round((performance.now() - settleStart) / 1000)} s`,
    );
    // The cases each user may open (their first list page), for the detail requests.
    const caseIds = new Map<User, string[]>();
    for (const u of STAFF) {
      const r = await fetch(`${server.baseUrl}/api/cases?pageSize=100`, {
        headers: { cookie: sessions.get(u)!.cookie },
      });
      const body = (await r.json()) as { items?: { id: string }[] };
      caseIds.set(
        u,
        (body.items ?? []).map((i) => i.id),
      );
    }
    const next = planner(caseIds, `soak${Date.now().toString(36)}`);
    log(`${label}: warm-up, ${WARMUP_SECONDS} s at ${RATE} requests/s`);
    await drive(server, sessions, next, WARMUP_SECONDS, () => {});

    const samples: Sample[] = [];
    const rssStart = rssMiB(server.pid);
    const pgRss = async () =>
      databaseUrl ? (await backendPids(databaseUrl)).reduce((a, pid) => a + (rssMiB(pid) ?? 0), 0) : 0;
    const pgRssStart = await pgRss();
    const cpuStart = processCpuMs(server.pid);
    const busy = machineBusy();
    const minuteRss: number[] = [];
    const minuteBusy: number[] = [];
    const rssTimer = setInterval(() => {
      minuteRss.push(rssMiB(server.pid) ?? Number.NaN);
      minuteBusy.push(busy());
    }, 60_000);
    log(
      `${label}: measuring ${SECONDS} s at ${RATE} requests/s (${Math.round(SECONDS * RATE).toLocaleString("en")} requests); server RSS ${round(rssStart ?? Number.NaN)} MiB${databaseUrl ? `, PostgreSQL backends ${round(pgRssStart)} MiB` : ""}`,
    );
    try {
      await drive(server, sessions, next, SECONDS, (s) => samples.push(s));
    } finally {
      clearInterval(rssTimer);
    }
    const rssEnd = rssMiB(server.pid);
    const cpuEnd = processCpuMs(server.pid);
    // The last minute's sample (its timer would have fired just as the window closed).
    if (minuteRss.length < Math.ceil(SECONDS / 60)) {
      minuteRss.push(rssEnd ?? Number.NaN);
      minuteBusy.push(busy());
    }
    const pgRssEnd = await pgRss();

    const minutes = Math.ceil(SECONDS / 60);
    log(`${label}: per minute (by the moment each request was due):`);
    for (let m = 0; m < minutes; m++) {
      const inMinute = samples.filter((s) => s.at >= m * 60 && s.at < (m + 1) * 60);
      const rss = minuteRss[m];
      log(
        `  minute ${String(m + 1).padStart(2)}: ${latencyLine(inMinute)}${rss !== undefined ? `  RSS ${round(rss)} MiB, machine ${minuteBusy[m]}% busy` : ""}`,
      );
    }
    log(`${label}: per kind of request over the whole window:`);
    for (const [kind] of MIX)
      log(`  ${kind.padEnd(8)} ${latencyLine(samples.filter((s) => s.kind === kind))}`);
    // Stalls: the seconds whose requests waited longest (a queue behind one long piece of work).
    const worst = new Map<number, number>();
    for (const x of samples) worst.set(Math.floor(x.at), Math.max(worst.get(Math.floor(x.at)) ?? 0, x.ms));
    const stalls = [...worst]
      .filter(([, ms]) => ms >= 2000)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
    if (stalls.length > 0)
      log(
        `${label}: longest waits (second of the window → slowest request due then): ${stalls.map(([sec, ms]) => `${sec} s → ${round(ms / 1000)} s`).join(", ")}`,
      );
    const errors = samples.filter((s) => !s.ok);
    const byStatus = new Map<string, number>();
    for (const e of errors)
      byStatus.set(`${e.kind} ${e.status}`, (byStatus.get(`${e.kind} ${e.status}`) ?? 0) + 1);
    if (errors.length > 0)
      log(
        `${label}: errors by request and status: ${[...byStatus].map(([k, n]) => `${k} × ${n}`).join(", ")}`,
      );
    const all = samples
      .filter((s) => s.ms > 0)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const p99 = percentile(all, 99);
    const growth = rssStart && rssEnd ? ((rssEnd - rssStart) / rssStart) * 100 : null;
    log(`${label}: all      ${latencyLine(samples)}`);
    // The server's own CPU per request: unlike the waits, it hardly moves when the machine is busy.
    if (cpuStart !== null && cpuEnd !== null)
      log(
        `${label}: server CPU ${round((cpuEnd - cpuStart) / 1000)} s over the window, ${round((cpuEnd - cpuStart) / Math.max(1, samples.length))} ms per request`,
      );
    log(
      `${label}: server RSS ${round(rssStart ?? Number.NaN)} → ${round(rssEnd ?? Number.NaN)} MiB (${growth === null ? "?" : `${growth >= 0 ? "+" : ""}${round(growth)} %`})${databaseUrl ? `; PostgreSQL backends ${round(pgRssStart)} → ${round(pgRssEnd)} MiB (shared buffers they touched count in each)` : ""}`,
    );
    const slowMinutes = Array.from({ length: minutes }, (_, m) => m).filter((m) => {
      const ms = samples
        .filter((s) => s.at >= m * 60 && s.at < (m + 1) * 60 && s.ms > 0)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      return percentile(ms, 99) >= TARGET.p99Ms;
    });
    const pass =
      p99 < TARGET.p99Ms && errors.length === 0 && growth !== null && growth < TARGET.memoryGrowthPercent;
    log(
      `${label}: VERDICT ${pass ? "PASS" : "FAIL"} — p99 ${round(p99)} ms (target < ${TARGET.p99Ms}; minutes at or over it: ${slowMinutes.length === 0 ? "none" : slowMinutes.map((m) => m + 1).join(", ")}), errors ${errors.length} of ${samples.length} (target 0), memory growth ${growth === null ? "?" : `${round(growth)} %`} (target < ${TARGET.memoryGrowthPercent} %)`,
    );
    return { label, p99, errors: errors.length, requests: samples.length, growth, pass };
  } finally {
    await server.stop();
    if (profileDir) {
      const file = fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
      if (file) {
        log(`${label}: where the server's CPU went (start-up, warm-up and the measured window):`);
        for (const line of summarizeCpuProfile(path.join(profileDir, file), 15)) log(`  ${line}`);
      }
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  }
}

async function pglite(): Promise<Outcome> {
  const dataDir = makeTempDir("xf-bench-soak-");
  try {
    const t0 = performance.now();
    // As the server opens it: owner-only files (the server refuses others) and the folder's lock.
    const db = await openDatabase({ ...loadConfig({}), databaseUrl: null, dataDir }, "bench:soak");
    try {
      await fill(db, dataDir);
    } finally {
      await db.close();
    }
    log(`PGlite: data ready in ${round((performance.now() - t0) / 1000)} s`);
    return await soak("PGlite", null, dataDir);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<Outcome> {
  const name = "xf_bench_soak";
  const dataDir = makeTempDir("xf-bench-soak-pg-");
  try {
    const url = await createDatabase(name);
    const t0 = performance.now();
    const db = await openPg(url, 2);
    try {
      await fill(db, dataDir);
    } finally {
      await db.close();
    }
    log(`PostgreSQL: data ready in ${round((performance.now() - t0) / 1000)} s`);
    return await soak("PostgreSQL", url, dataDir);
  } finally {
    await dropDatabase(name).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

log(
  `machine: ${os.availableParallelism()} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(
      " / ",
    )}; ${RATE} requests/s for ${SECONDS} s per database after ${WARMUP_SECONDS} s of warm-up; ${OPEN.toLocaleString("en")} open + ${CLOSED.toLocaleString("en")} archived cases besides the demo county`,
);
const outcomes: Outcome[] = [];
if (ONLY === "" || ONLY === "pglite") outcomes.push(await pglite());
if (ONLY === "" || ONLY === "pg") outcomes.push(await postgres());
for (const o of outcomes)
  log(
    `summary ${o.label}: ${o.pass ? "PASS" : "FAIL"} — ${o.requests.toLocaleString("en")} requests, p99 ${round(o.p99)} ms, errors ${o.errors}, memory growth ${o.growth === null ? "?" : `${round(o.growth)} %`}`,
  );
log(
  `load average after ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")} — other work on this machine slows every figure`,
);
