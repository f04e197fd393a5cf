/**
 * Warning scan benchmark (npm run bench:warnings): synthetic cases over three years in PGlite
 * (100,000 by default) and PostgreSQL (300,000), petitioners drawn from a pool of people so some
 * come back, then the time of one scan (findings + store), a second scan with nothing new, and the
 * warning list for a county-wide reader and a township. Prints figures; asserts nothing.
 * Sizes: BENCH_WARN_PGLITE_N, BENCH_WARN_PG_N (0 skips a target).
 */
import os from "node:os";
import { type Db, openPg, openPglite } from "../server/db/index.ts";
import { migrate } from "../server/db/migrate.ts";
import { seedDemoNetwork } from "../server/seed/seed-demo.ts";
import { listWarnings } from "../server/warnings/queries.ts";
import { scanWarnings } from "../server/warnings/scan.ts";
import { benchActor, createDatabase, dropDatabase, machineInfo } from "./lib.ts";
import { generateCaseParts, generateCases, setSeed } from "./stats-data.ts";

const PGLITE_N = Number(process.env.BENCH_WARN_PGLITE_N ?? 100_000);
const PG_N = Number(process.env.BENCH_WARN_PG_N ?? 300_000);
const CHUNK = 50_000;
const NOW = new Date("2026-11-25T04:00:00Z");
const log = (s: string) => process.stdout.write(`${s}\n`);

async function populate(db: Db, n: number): Promise<void> {
  await migrate(db);
  await seedDemoNetwork(db);
  const t0 = performance.now();
  for (let from = 1, i = 0; from <= n; from += CHUNK, i++) {
    const to = Math.min(n, from + CHUNK - 1);
    await db.transaction(async (tx) => {
      await setSeed(tx, ((i * 7919) % 1000) / 1000);
      await generateCases(tx, from, to, NOW);
      await generateCaseParts(tx, from, to);
    });
  }
  // People come back: blind indexes drawn from a pool a fifth the size of the cases.
  await db.exec(
    `UPDATE case_petitioners SET id_number_enc = 'bench', id_number_bidx = md5('p' || floor(random() * ${Math.max(1, Math.floor(n / 5))})::text)`,
  );
  await db.exec(db.kind === "pg" ? "VACUUM ANALYZE" : "ANALYZE");
  log(`  generated ${n.toLocaleString("en")} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function timed<T>(label: string, fn: () => Promise<T>, note: (r: T) => string): Promise<void> {
  const t0 = performance.now();
  const r = await fn();
  log(`  ${label.padEnd(48)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms  ${note(r)}`);
}

async function measure(db: Db): Promise<void> {
  const windowCases = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM cases WHERE received_at >= $1::timestamptz - interval '90 days'",
    [NOW],
  );
  log(`  cases in the 90-day scan window: ${windowCases.rows[0]!.n.toLocaleString("en")}`);
  const scan = (r: Awaited<ReturnType<typeof scanWarnings>>) =>
    `${r.raised} raised, ${r.updated} updated ${JSON.stringify(r.byKind)}`;
  await timed("first scan (read, detect, write)", () => scanWarnings(db, NOW), scan);
  await timed("second scan, nothing new", () => scanWarnings(db, NOW), scan);
  const analyst = await benchActor(db, "analyst");
  const town = await benchActor(db, "chengguan");
  await timed(
    "list, county-wide reader, first page",
    () => listWarnings(db, analyst, {}, { page: 1, pageSize: 20 }),
    (r) => `${r.total} warnings`,
  );
  await timed(
    "list, a township, first page",
    () => listWarnings(db, town, {}, { page: 1, pageSize: 20 }),
    (r) => `${r.total} warnings`,
  );
}

async function main(): Promise<void> {
  log(
    `machine: ${JSON.stringify(machineInfo())}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  if (PGLITE_N > 0) {
    log(`PGlite, ${PGLITE_N.toLocaleString("en")} cases`);
    const db = await openPglite();
    await populate(db, PGLITE_N);
    await measure(db);
    await db.close();
  }
  if (PG_N > 0) {
    log(`PostgreSQL, ${PG_N.toLocaleString("en")} cases`);
    const name = `xf_bench_warn_${process.pid}`;
    const url = await createDatabase(name);
    const db = await openPg(url);
    try {
      await populate(db, PG_N);
      await measure(db);
    } finally {
      await db.close();
      await dropDatabase(name);
    }
  }
  log(
    `load average after: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
}

await main();
