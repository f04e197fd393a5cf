/**
 * What the search side table costs a registration: one-row INSERTs into `cases` (copies of existing
 * cases under new keys, a round of them in one transaction), on the 1,000,000-case
 * database `npm run bench:search` leaves behind, in alternating rounds:
 *
 *   trigger off  — the insert without `case_search` (the trigger disabled for the round),
 *   trigger on   — the insert with its `case_search` row (heap row, primary key, date index, the
 *                  words-and-areas GIN) and its `case_search_bigrams` row (heap row, primary key,
 *                  bigram GIN; migration 20261209300100).
 *
 * Run once while the old GIN index on cases.search_tsv exists (BENCH_OLD_GIN=1 creates it) and
 * once without it (the state after migration 20261126005000): "before" is old GIN + trigger off,
 * "after" is no old GIN + trigger on. The statistics triggers on `cases` are disabled during the
 * rounds (they cost the same either way and only add noise). Every inserted row is deleted at the
 * end. The GIN indexes use the pending list (fastupdate): the per-insert cost excludes its flush,
 * which happens every ≈ 4 MB of entries (thousands of registrations) or at VACUUM.
 *
 *   npx tsx bench/search-write.ts          BENCH_WRITE_ROUNDS=10 BENCH_WRITE_ROWS=200
 */
import fs from "node:fs";
import type pg from "pg";
import { machineInfo, percentile, pgUrl, round, withDb } from "./lib.ts";
import { COPY_CASE } from "./search-data.ts";

const N = Number(process.env.BENCH_SEARCH_CASES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 6);
const ROWS = Number(process.env.BENCH_WRITE_ROWS ?? 150);

/** CPU milliseconds used so far by a process on this machine (utime + stime, 100 ticks a second). */
function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}

/**
 * One round: ROWS inserts in one transaction (the commit's WAL flush is the same with or without
 * the side table and, on a shared disk, only noise), timed one by one; returns the times and the
 * backend's CPU for the round.
 */
async function insertRound(
  c: pg.Client,
  pid: number,
  tag: string,
  from: number,
): Promise<{ times: number[]; cpu: number }> {
  const times: number[] = [];
  const cpu0 = cpuMs(pid);
  await c.query("BEGIN");
  for (let i = 0; i < ROWS; i++) {
    const source = `B-${String(1 + ((from + i * 7919) % N)).padStart(8, "0")}`;
    const t0 = performance.now();
    await c.query(COPY_CASE, [source, `W-${tag}-${from + i}`]);
    times.push(performance.now() - t0);
  }
  await c.query("COMMIT");
  return { times, cpu: cpuMs(pid) - cpu0 };
}

await withDb(pgUrl(`xf_bench_search_${N}`), async (c) => {
  console.log(JSON.stringify(machineInfo()));
  if (process.env.BENCH_OLD_GIN === "1") {
    await c.query("CREATE INDEX IF NOT EXISTS cases_search ON cases USING gin (search_tsv)");
  }
  const oldGin = (await c.query("SELECT 1 FROM pg_indexes WHERE indexname = 'cases_search'")).rowCount === 1;
  await c.query("ALTER TABLE cases DISABLE TRIGGER case_stats_cases_ins");
  const pid = (await c.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
  const on: number[] = [];
  const off: number[] = [];
  let onCpu = 0;
  let offCpu = 0;
  try {
    await insertRound(c, pid, "warm", 0);
    for (let r = 0; r < ROUNDS; r++) {
      await c.query("ALTER TABLE cases DISABLE TRIGGER case_search_insert");
      const a = await insertRound(c, pid, "off", r * ROWS);
      off.push(...a.times);
      offCpu += a.cpu;
      await c.query("ALTER TABLE cases ENABLE TRIGGER case_search_insert");
      const b = await insertRound(c, pid, "on", r * ROWS);
      on.push(...b.times);
      onCpu += b.cpu;
    }
  } finally {
    await c.query("ALTER TABLE cases ENABLE TRIGGER case_search_insert");
    await c.query("ALTER TABLE cases ENABLE TRIGGER case_stats_cases_ins");
    await c.query("DELETE FROM case_search WHERE id IN (SELECT id FROM cases WHERE case_number LIKE 'W-%')");
    await c.query(
      "DELETE FROM case_search_bigrams WHERE id IN (SELECT id FROM cases WHERE case_number LIKE 'W-%')",
    );
    await c.query("DELETE FROM cases WHERE case_number LIKE 'W-%'");
  }
  for (const [label, t, cpu] of [
    ["trigger off", off, offCpu],
    ["trigger on", on, onCpu],
  ] as const) {
    t.sort((a, b) => a - b);
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    console.log(
      `old GIN on cases ${oldGin ? "present" : "absent "}  ${label.padEnd(11)}  mean ${round(mean, 3)} ms  p50 ${round(percentile(t, 50), 3)} ms  p95 ${round(percentile(t, 95), 3)} ms  PostgreSQL CPU ${round(cpu / t.length, 3)} ms  (${t.length} inserts)`,
    );
  }
});
