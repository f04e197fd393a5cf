/**
 * Crash test for CI (exit 0 = passed). On a fresh PostgreSQL database:
 *
 * 1. Several client loops submit ≥ 1,000 online petitions (POST /api/public/petitions), each with
 *    its own Idempotency-Key, retrying on network errors and 5xx until they get 200/201, while the
 *    server is killed with SIGKILL at random moments (≥ 3 times) and restarted on the same port.
 *    Afterwards every acknowledged key must exist exactly once, as exactly one case, with the case
 *    number its client was given; a replay of every key must answer 200 with that same number.
 * 2. While a client submits, PostgreSQL is stopped: the server must stay up and answer /api/health
 *    and submissions with 503 SERVICE_UNAVAILABLE (no hang, no crash), then recover by itself
 *    within ~30 s of PostgreSQL coming back, without losing any acknowledged submission.
 *
 * PostgreSQL is started again in `finally`, whatever happens.
 *
 *   tsx scripts/ci-crash.ts
 *   CRASH_PETITIONS=2000 CRASH_KILLS=5 CRASH_CLIENTS=8 tsx scripts/ci-crash.ts
 *   CRASH_PG_CLUSTER="15 main" (pg_ctlcluster version and name), BENCH_PG_ADMIN_URL (a CREATEDB role)
 */
import { randomInt } from "node:crypto";
import fs from "node:fs";
import {
  countRows,
  createDatabase,
  dropDatabase,
  execFileAsync,
  freePort,
  makeTempDir,
  petitionFields,
  type ServerHandle,
  sleep,
  startServer,
  waitForHealth,
  withDb,
} from "../bench/lib.ts";
import { formatKeyRing, generateKeyRing } from "../server/crypto/field-crypto.ts";

function envInt(name: string, fallback: number, min = 1): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${v}`);
  return n;
}

const PETITIONS = envInt("CRASH_PETITIONS", 1000);
const CLIENTS = envInt("CRASH_CLIENTS", 8);
const KILLS = envInt("CRASH_KILLS", 4, 3);
const OUTAGE_PETITIONS = envInt("CRASH_OUTAGE_PETITIONS", 200);
const OUTAGE_SECONDS = envInt("CRASH_OUTAGE_SECONDS", 6);
const OUTAGE_CLIENTS = envInt("CRASH_OUTAGE_CLIENTS", 4);
const RECOVERY_LIMIT_MS = 30_000;
const TOTAL_LIMIT_MS = envInt("CRASH_TIME_LIMIT_SECONDS", 270) * 1000;
const [PG_VERSION, PG_CLUSTER] = (process.env.CRASH_PG_CLUSTER ?? "15 main").split(/\s+/) as [string, string];

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (msg: string) => process.stdout.write(`[ci-crash ${elapsed()}] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// PostgreSQL cluster control

async function pgctl(action: "start" | "stop" | "status"): Promise<{ code: number; out: string }> {
  const args = [PG_VERSION, PG_CLUSTER, action, ...(action === "stop" ? ["-m", "fast"] : [])];
  try {
    const { stdout, stderr } = await execFileAsync("pg_ctlcluster", args, { timeout: 60_000 });
    return { code: 0, out: `${stdout}${stderr}`.trim() };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string; message?: string };
    return {
      code: typeof e.code === "number" ? e.code : -1,
      out: `${e.stdout ?? ""}${e.stderr ?? ""}${e.message ?? ""}`.trim(),
    };
  }
}

async function ensurePgRunning(): Promise<void> {
  const status = await pgctl("status");
  if (status.code === 0) return;
  log(`PostgreSQL is down (${status.out.split("\n")[0]}); starting it`);
  const started = await pgctl("start");
  if (started.code !== 0) log(`pg_ctlcluster start failed: ${started.out}`);
}

// ---------------------------------------------------------------------------------------------
// Submissions

interface Petition {
  key: string;
  tag: string;
  body: string;
}

interface Ack {
  key: string;
  caseNumber: string;
  /** 201 first answer, 200 a replay (the first attempt committed but its answer was lost). */
  status: number;
  attempts: number;
  phase: string;
}

interface Stats {
  attempts: number;
  networkErrors: number;
  byStatus: Record<string, number>;
  byErrorCode: Record<string, number>;
  replays: number;
}

const newStats = (): Stats => ({ attempts: 0, networkErrors: 0, byStatus: {}, byErrorCode: {}, replays: 0 });

const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const failures: string[] = [];
const fail = (msg: string) => {
  failures.push(msg);
  log(`FAIL: ${msg}`);
};

function makePetition(phase: string, i: number): Petition {
  const tag = `ci${runId}${phase}`;
  const f = petitionFields(i + (phase === "a" ? 0 : 500_000), tag);
  return {
    key: `ci-crash-${runId}-${phase}-${i}`,
    tag: `${tag}-${i + (phase === "a" ? 0 : 500_000)}`,
    body: JSON.stringify({
      title: f.title,
      content: f.content,
      problemRegionCode: f.problemRegionCode,
      nature: i % 4 === 0 ? "suggestion" : "request",
      petitioner: { name: f.name, idNumber: f.idNumber, phone: f.phone, address: f.address },
      consentPrivacy: true,
    }),
  };
}

let baseUrl = "";

async function post(p: Petition, timeoutMs = 15_000): Promise<Response> {
  return fetch(`${baseUrl}/api/public/petitions`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": p.key },
    body: p.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
}

async function errorCode(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === "string" ? code : `(no code: ${text.slice(0, 80)})`;
  } catch {
    return `(not JSON: ${text.slice(0, 80)})`;
  }
}

/** Submits until acknowledged; 5xx and network errors are retried, anything else is a failure. */
async function submitUntilAcked(p: Petition, phase: string, stats: Stats, giveUpMs = 90_000): Promise<Ack> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    stats.attempts++;
    try {
      const res = await post(p);
      stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
      if (res.status === 200 || res.status === 201) {
        const body = (await res.json()) as { caseNumber?: unknown };
        if (typeof body.caseNumber !== "string") throw new Error(`no caseNumber for ${p.key}`);
        if (res.status === 200) stats.replays++;
        return { key: p.key, caseNumber: body.caseNumber, status: res.status, attempts: attempt, phase };
      }
      const code = await errorCode(res);
      stats.byErrorCode[code] = (stats.byErrorCode[code] ?? 0) + 1;
      if (res.status < 500) throw new FatalError(`${p.key}: HTTP ${res.status} ${code}`);
    } catch (err) {
      if (err instanceof FatalError) throw err;
      stats.networkErrors++;
    }
    if (Date.now() - started > giveUpMs)
      throw new FatalError(`${p.key}: not acknowledged after ${giveUpMs} ms`);
    await sleep(Math.min(1000, 25 * 2 ** Math.min(attempt, 5)) + randomInt(50));
  }
}

class FatalError extends Error {}

const acks = new Map<string, Ack>();
const petitions = new Map<string, Petition>();

/** `clients` loops share one queue of petitions; resolves when every one is acknowledged. */
async function submitAll(list: Petition[], phase: string, clients: number, stats: Stats): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < list.length) {
      const p = list[next++]!;
      petitions.set(p.key, p);
      const ack = await submitUntilAcked(p, phase, stats);
      acks.set(p.key, ack);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
}

function acksOf(phase: string): Ack[] {
  return [...acks.values()].filter((a) => a.phase === phase);
}

// ---------------------------------------------------------------------------------------------
// Checks against the database

async function checkDatabase(dbUrl: string, onlineBefore: number): Promise<void> {
  const all = [...acks.values()];
  await withDb(dbUrl, async (c) => {
    const keyRows = await c.query<{ key: string; case_number: string; channel: string }>(
      `SELECT k.key, c.case_number, c.channel FROM idempotency_keys k JOIN cases c ON c.id = k.case_id
        WHERE k.key LIKE $1`,
      [`ci-crash-${runId}-%`],
    );
    const byKey = new Map<string, string[]>();
    for (const r of keyRows.rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.case_number]);
    let lost = 0;
    let mismatched = 0;
    for (const a of all) {
      const found = byKey.get(a.key) ?? [];
      if (found.length === 0) lost++;
      else if (found.length > 1 || found[0] !== a.caseNumber) mismatched++;
    }
    const unacknowledgedKeys = keyRows.rows.filter((r) => !acks.has(r.key)).length;
    const titles = await c.query<{ title: string; n: string }>(
      "SELECT title, count(*)::text AS n FROM cases WHERE title LIKE $1 GROUP BY title",
      [`%（ci${runId}%`],
    );
    const duplicates = titles.rows.filter((r) => Number(r.n) > 1).length;
    const online = Number(
      (await c.query<{ n: string }>("SELECT count(*)::text AS n FROM cases WHERE channel = 'online'")).rows[0]
        ?.n ?? 0,
    );
    const newOnline = online - onlineBefore;
    log(
      `database: ${all.length} acknowledged keys; idempotency rows for this run ${keyRows.rows.length}, ` +
        `new online cases ${newOnline}, distinct tagged cases ${titles.rows.length}; ` +
        `lost ${lost}, duplicates ${duplicates}, case number mismatches ${mismatched}, ` +
        `keys stored but never acknowledged ${unacknowledgedKeys}`,
    );
    const distinctNumbers = new Set(all.map((a) => a.caseNumber)).size;
    if (distinctNumbers !== all.length) {
      fail(`${all.length - distinctNumbers} case numbers were given to more than one key`);
    }
    if (lost > 0) fail(`${lost} acknowledged submissions are missing from idempotency_keys`);
    if (mismatched > 0) fail(`${mismatched} keys map to a different case number than the client was given`);
    if (duplicates > 0) fail(`${duplicates} petitions were stored as more than one case`);
    if (keyRows.rows.length !== all.length) {
      fail(`idempotency_keys has ${keyRows.rows.length} rows for this run, ${all.length} were acknowledged`);
    }
    if (newOnline !== all.length) fail(`${newOnline} new online cases for ${all.length} acknowledged keys`);
    if (titles.rows.length !== all.length) {
      fail(`${titles.rows.length} distinct petitions stored for ${all.length} acknowledged keys`);
    }
  });
}

/** Every acknowledged key again: must answer 200 with the case number the client was first given. */
async function checkReplays(phase: string): Promise<void> {
  const list = acksOf(phase);
  let wrong = 0;
  let next = 0;
  const loop = async () => {
    while (next < list.length) {
      const a = list[next++]!;
      const res = await post(petitions.get(a.key)!);
      const body = (await res.json().catch(() => ({}))) as { caseNumber?: unknown };
      if (res.status !== 200 || body.caseNumber !== a.caseNumber) {
        wrong++;
        if (wrong <= 5)
          log(`replay of ${a.key}: HTTP ${res.status} ${JSON.stringify(body)} (had ${a.caseNumber})`);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, loop));
  log(
    `replay: ${list.length - wrong}/${list.length} keys of phase ${phase} answered 200 with their first case number`,
  );
  if (wrong > 0) fail(`${wrong} replays did not return the first answer`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  await ensurePgRunning();
  const dbName = `xf_crash_${process.pid}`;
  const dbUrl = await createDatabase(dbName);
  const dataDir = makeTempDir("xf-crash-");
  const port = await freePort();
  const keyRing = formatKeyRing(generateKeyRing());
  let server: ServerHandle | null = null;
  const start = async () =>
    startServer({
      port,
      dataDir,
      databaseUrl: dbUrl,
      env: { XF_KEY_RING: keyRing, XF_PG_POOL_SIZE: "10" },
      readyTimeoutMs: 60_000,
    });
  const watchdog = setTimeout(() => {
    fail(`time limit of ${TOTAL_LIMIT_MS / 1000} s exceeded`);
    finish().finally(() => process.exit(1));
  }, TOTAL_LIMIT_MS);
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    clearTimeout(watchdog);
    await server?.kill().catch(() => {});
    await ensurePgRunning();
    if (process.env.CRASH_KEEP_DB === "1") log(`keeping database ${dbName}`);
    else await dropDatabase(dbName).catch((e: unknown) => log(`could not drop ${dbName}: ${String(e)}`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      fail(`interrupted by ${sig}`);
      finish().finally(() => process.exit(130));
    });
  }

  try {
    server = await start();
    baseUrl = server.baseUrl;
    log(`server pid ${server.pid} on ${baseUrl}, database ${dbName}`);
    const onlineBefore = await countRows(dbUrl, "SELECT count(*) AS n FROM cases WHERE channel = 'online'");

    // Phase 1: SIGKILL while submitting.
    const stats1 = newStats();
    const list = Array.from({ length: PETITIONS }, (_, i) => makePetition("a", i));
    const thresholds = Array.from({ length: KILLS }, () =>
      randomInt(Math.floor(PETITIONS * 0.05), Math.floor(PETITIONS * 0.9)),
    ).sort((a, b) => a - b);
    const kills: { atAcked: number; downMs: number; pid: number }[] = [];
    let submitting = true;
    const killer = (async () => {
      let lastKillAt = 0;
      for (const threshold of thresholds) {
        // Some progress between two kills, so each restart is followed by real work.
        const target = Math.max(threshold, lastKillAt + Math.ceil(PETITIONS / 40));
        while (submitting && acksOf("a").length < target) await sleep(5);
        if (!submitting) break;
        await sleep(randomInt(150)); // a random moment, usually with requests in flight
        const victim = server!;
        const atAcked = acksOf("a").length;
        lastKillAt = atAcked;
        const killedAt = Date.now();
        await victim.kill();
        server = await start();
        kills.push({ atAcked, downMs: Date.now() - killedAt, pid: victim.pid });
        log(
          `SIGKILL #${kills.length} of pid ${victim.pid} at ${atAcked} acknowledged; back up as pid ${server.pid} after ${Date.now() - killedAt} ms`,
        );
      }
    })();
    const submitted = submitAll(list, "a", CLIENTS, stats1).finally(() => {
      submitting = false;
    });
    await Promise.all([submitted, killer]);
    const phase1 = acksOf("a");
    log(
      `phase 1: ${phase1.length}/${PETITIONS} acknowledged with ${stats1.attempts} attempts, ` +
        `${stats1.networkErrors} network errors, statuses ${JSON.stringify(stats1.byStatus)}, ` +
        `errors ${JSON.stringify(stats1.byErrorCode)}, ${stats1.replays} answered by replay (200) after a lost answer`,
    );
    if (kills.length < 3) fail(`only ${kills.length} SIGKILLs happened during the submissions`);
    if (phase1.length !== PETITIONS) fail(`${PETITIONS - phase1.length} petitions never acknowledged`);
    await checkDatabase(dbUrl, onlineBefore);
    await checkReplays("a");

    // Phase 2: PostgreSQL goes away while a client submits.
    const stats2 = newStats();
    const outageList = Array.from({ length: OUTAGE_PETITIONS }, (_, i) => makePetition("b", i));
    const outageClients = submitAll(outageList, "b", OUTAGE_CLIENTS, stats2);
    outageClients.catch(() => {}); // awaited below; keep an early rejection from being unhandled
    while (acksOf("b").length < Math.min(20, OUTAGE_PETITIONS)) await sleep(10);
    const serverPid = server.pid;
    log(
      `stopping PostgreSQL (pg_ctlcluster ${PG_VERSION} ${PG_CLUSTER} stop -m fast) at ${acksOf("b").length} acknowledged`,
    );
    const stopped = await pgctl("stop");
    if (stopped.code !== 0) throw new Error(`could not stop PostgreSQL: ${stopped.out}`);
    const outageStart = Date.now();
    // Probe health and a submission every half second; each must answer 503 SERVICE_UNAVAILABLE.
    const probeResults = new Map<string, number>();
    let probeMaxMs = 0;
    let probeNo = 0;
    while (Date.now() - outageStart < OUTAGE_SECONDS * 1000 && server.isAlive()) {
      for (const what of ["health", "submit"] as const) {
        const t = Date.now();
        let outcome: string;
        try {
          const res =
            what === "health"
              ? await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) })
              : await post(makePetition("probe", probeNo++), 10_000);
          outcome = `${what} ${res.status} ${await errorCode(res)}`;
        } catch (err) {
          const cause = (err as { cause?: { code?: unknown } }).cause?.code;
          outcome = `${what} no answer (${typeof cause === "string" ? cause : String(err)})`;
        }
        probeMaxMs = Math.max(probeMaxMs, Date.now() - t);
        probeResults.set(outcome, (probeResults.get(outcome) ?? 0) + 1);
      }
      await sleep(500);
    }
    const probeSummary = [...probeResults].map(([k, n]) => `${n}× ${k}`).join("; ");
    log(`outage probes: ${probeSummary || "none (the server was gone)"}; slowest answer ${probeMaxMs} ms`);
    const diedDuringOutage = !server.isAlive() || server.pid !== serverPid;
    if (diedDuringOutage) {
      const out = server.recentOutput();
      const reason = /^\S*[Ee]rror: .*$/m.exec(out)?.[0] ?? "see its output above";
      log(`server output:\n${out}`);
      fail(`the server process died during the PostgreSQL outage (${reason})`);
    }
    const badProbes = [...probeResults.keys()].filter((k) => !/^\w+ 503 SERVICE_UNAVAILABLE$/.test(k));
    if (badProbes.length > 0 || (probeResults.size === 0 && !diedDuringOutage)) {
      fail(
        `during the outage, probes did not all answer 503 SERVICE_UNAVAILABLE: ${probeSummary || "none ran"}`,
      );
    }
    const ackedBeforeRestart = acksOf("b").length;

    log("starting PostgreSQL again");
    const started = await pgctl("start");
    if (started.code !== 0) throw new Error(`could not start PostgreSQL: ${started.out}`);
    const pgBack = Date.now();
    if (!server.isAlive()) {
      // Already a failure; restart it anyway so the data checks below still run.
      log("restarting the dead server to check the data");
      server = await start();
    }
    let healthMs = -1;
    try {
      await waitForHealth(baseUrl, RECOVERY_LIMIT_MS, () => server!.isAlive());
      healthMs = Date.now() - pgBack;
    } catch (err) {
      fail(`health did not recover within ${RECOVERY_LIMIT_MS} ms: ${String(err)}`);
    }
    let submitMs = -1;
    const recoveryProbe = makePetition("c", 0);
    try {
      await submitUntilAcked(recoveryProbe, "c", newStats(), RECOVERY_LIMIT_MS).then((a) =>
        acks.set(a.key, a),
      );
      petitions.set(recoveryProbe.key, recoveryProbe);
      submitMs = Date.now() - pgBack;
    } catch (err) {
      fail(`submissions did not recover within ${RECOVERY_LIMIT_MS} ms: ${String(err)}`);
    }
    log(
      `recovered: health 200 after ${healthMs} ms, a submission acknowledged after ${submitMs} ms ` +
        `(${diedDuringOutage ? "on a restarted server" : "same server process, no restart"})`,
    );
    await outageClients;
    const phase2 = acksOf("b");
    log(
      `phase 2: ${phase2.length}/${OUTAGE_PETITIONS} acknowledged (${ackedBeforeRestart} before PostgreSQL returned), ` +
        `${stats2.attempts} attempts, ${stats2.networkErrors} network errors, statuses ${JSON.stringify(stats2.byStatus)}, ` +
        `errors ${JSON.stringify(stats2.byErrorCode)}, ${stats2.replays} replays`,
    );
    const bad5xx = Object.keys(stats2.byStatus).filter((s) => Number(s) >= 500 && s !== "503");
    if (bad5xx.length > 0) {
      fail(`the outage produced HTTP ${bad5xx.join(", ")} (only 503 expected)`);
      const errors = server
        .recentOutput(200)
        .split("\n")
        .filter((l) => /"level":50/.test(l));
      for (const line of errors.slice(-3)) log(`server error log: ${line.slice(0, 1500)}`);
    }
    // A dead server is already a failure; with a live one, every request must get an HTTP answer.
    if (stats2.networkErrors > 0 && !diedDuringOutage) {
      fail(`${stats2.networkErrors} requests got no HTTP answer during the outage`);
    }
    await checkDatabase(dbUrl, onlineBefore);
    await checkReplays("b");

    const summary =
      `${acks.size} petitions acknowledged, ${kills.length} SIGKILLs (${stats1.replays} lost answers recovered by replay), ` +
      `PostgreSQL outage answered 503 SERVICE_UNAVAILABLE with the server up, recovered ${healthMs} ms (health) / ` +
      `${submitMs} ms (submission) after PostgreSQL accepted connections again`;
    if (failures.length === 0) log(`CRASH TEST PASSED: ${summary}; 0 lost, 0 duplicates; ${elapsed()}`);
  } catch (err) {
    fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (server) log(`server output:\n${server.recentOutput()}`);
  } finally {
    await finish();
  }
  if (failures.length > 0) {
    log(`CRASH TEST FAILED (${failures.length} problem${failures.length === 1 ? "" : "s"}):`);
    for (const f of failures) log(`  - ${f.split("\n")[0]}`);
  }
}

main().then(
  () => process.exit(failures.length === 0 ? 0 : 1),
  (err: unknown) => {
    log(`CRASH TEST FAILED: ${String(err)}`);
    ensurePgRunning().finally(() => process.exit(1));
  },
);
