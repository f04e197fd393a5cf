/**
 * Statistics benchmark (npm run bench:stats): synthetic cases in PGlite (100,000 by default) and in
 * PostgreSQL (1,000,000), then the time of the dashboard and report queries. Prints figures; it
 * asserts nothing. Sizes: BENCH_STATS_PGLITE_N, BENCH_STATS_PG_N (0 skips a target);
 * BENCH_STATS_KEEP=1 keeps the PostgreSQL database, BENCH_STATS_PG_URL measures an existing one.
 */

import { resolvePeriod } from "../domain/metrics/period.ts";
import { type Db, openPg, openPglite } from "../server/db/index.ts";
import { migrate } from "../server/db/migrate.ts";
import { listCases } from "../server/queries/case-list.ts";
import { writeReportDocx } from "../server/reports/docx.ts";
import { loadLedgerRows, writeLedgerXlsx } from "../server/reports/ledger.ts";
import { renderTemplate } from "../server/reports/template.ts";
import { seedDemoNetwork } from "../server/seed/seed-demo.ts";
import { foldCaseStatsMonthly } from "../server/stats/monthly.ts";
import { buildSummary } from "../server/stats/present.ts";
import { computeSummary } from "../server/stats/summary.ts";
import { benchActor, createDatabase, dropDatabase, machineInfo } from "./lib.ts";
import { generateCaseParts, generateCases, setSeed } from "./stats-data.ts";

const PGLITE_N = Number(process.env.BENCH_STATS_PGLITE_N ?? 100_000);
const PG_N = Number(process.env.BENCH_STATS_PG_N ?? 1_000_000);
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 3);
const CHUNK = 50_000;
const NOW = new Date("2026-11-25T04:00:00Z");
const YEAR = 2025;

const log = (s: string) => process.stdout.write(`${s}\n`);

async function populate(db: Db, n: number): Promise<void> {
  await migrate(db);
  await seedDemoNetwork(db);
  const t0 = performance.now();
  // Bulk load: the statistics table is derived once at the end, not statement by statement.
  const triggers = await db.query<{ tgname: string; relname: string }>(
    `SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE t.tgname LIKE 'case_stats_%' AND t.tgname <> 'case_stats_keep_derived'`,
  );
  const toggle = async (on: boolean) => {
    for (const t of triggers.rows) {
      await db.exec(`ALTER TABLE ${t.relname} ${on ? "ENABLE" : "DISABLE"} TRIGGER ${t.tgname}`);
    }
  };
  await toggle(false);
  for (let from = 1, i = 0; from <= n; from += CHUNK, i++) {
    const to = Math.min(n, from + CHUNK - 1);
    await db.transaction(async (tx) => {
      // random() is per session: seed it in the same transaction (one connection) as the inserts.
      await setSeed(tx, ((i * 7919) % 1000) / 1000);
      await generateCases(tx, from, to, NOW);
      await generateCaseParts(tx, from, to);
    });
    process.stdout.write(`\r  generated ${to.toLocaleString("en")} cases`);
  }
  await toggle(true);
  await db.exec("INSERT INTO case_stats SELECT * FROM case_stats_source");
  log(
    `\r  generated ${n.toLocaleString("en")} cases with petitioners, lead units, clocks and events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await buildRollup(db);
}

/** Folds every pending difference into the monthly rollup (all cases, the first time) and analyses. */
async function buildRollup(db: Db): Promise<void> {
  const t0 = performance.now();
  const folded = await foldCaseStatsMonthly(db);
  await db.exec(db.kind === "pg" ? "VACUUM ANALYZE" : "ANALYZE");
  const rows = await db.query<{ n: string; months: string }>(
    "SELECT count(*)::text AS n, count(DISTINCT month)::text AS months FROM case_stats_monthly",
  );
  log(
    `  monthly rollup: ${folded.toLocaleString("en")} differences folded in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${Number(rows.rows[0]!.n).toLocaleString("en")} rows over ${rows.rows[0]!.months} months`,
  );
}

async function time(label: string, fn: () => Promise<string>, before?: () => Promise<void>): Promise<void> {
  const ms: number[] = [];
  let note = "";
  for (let i = 0; i < RUNS; i++) {
    if (before) await before();
    const t0 = performance.now();
    note = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  log(
    `  ${label.padEnd(58)} median ${ms[Math.floor(ms.length / 2)]!.toFixed(0).padStart(6)} ms  min ${ms[0]!.toFixed(0).padStart(6)} ms  ${note}`,
  );
}

async function measure(db: Db): Promise<void> {
  const analyst = await benchActor(db, "analyst");
  const town = await benchActor(db, "chengguan");
  const year = resolvePeriod({ kind: "year", year: YEAR });
  const month = resolvePeriod({ kind: "month", year: YEAR, index: 6 });
  const quarter = resolvePeriod({ kind: "quarter", year: YEAR, index: 2 });
  const yearFilter = { from: year.from, to: year.to };
  // Each dashboard figure twice: from case_stats (as before the rollup) and from the monthly rollup.
  for (const rollup of [false, true]) {
    const how = rollup ? "rollup" : "case_stats";
    await time(`main statements (counts + buckets), one year, county [${how}]`, async () => {
      const r = await computeSummary(db, analyst, yearFilter, NOW, { rollup });
      return `${r.total.items} cases`;
    });
    await time(`dashboard summary, one year, county [${how}]`, async () => {
      const s = await buildSummary(db, { actor: analyst, filter: {}, period: year, asOf: NOW, rollup });
      return `${s.totals.items} cases, ${s.totals.personVisits} person-visits`;
    });
    await time(`dashboard summary, one year, a township user [${how}]`, async () => {
      const s = await buildSummary(db, { actor: town, filter: {}, period: year, asOf: NOW, rollup });
      return `${s.totals.items} cases`;
    });
    await time(`dashboard summary, one month, county [${how}]`, async () => {
      const s = await buildSummary(db, { actor: analyst, filter: {}, period: month, asOf: NOW, rollup });
      return `${s.totals.items} cases`;
    });
  }
  // 1,000 new cases (triggers on, as in use) between reads: the read folds their differences first.
  const addCases = async () => {
    await db.transaction(async (tx) => {
      await setSeed(tx, Math.random());
      const top = await tx.query<{ n: string }>("SELECT count(*)::text AS n FROM cases");
      const from = Number(top.rows[0]!.n) + 1;
      await generateCases(tx, from, from + 999, NOW);
      await generateCaseParts(tx, from, from + 999);
    });
  };
  await time(
    "dashboard summary, one year, county, 1,000 new cases pending [rollup]",
    async () => {
      const s = await buildSummary(db, { actor: analyst, filter: {}, period: year, asOf: NOW });
      return `${s.totals.items} cases`;
    },
    addCases,
  );
  await time("dashboard summary, one quarter, visits only", async () => {
    const s = await buildSummary(db, {
      actor: analyst,
      filter: { channel: "visit" },
      period: quarter,
      asOf: NOW,
    });
    return `${s.totals.items} cases`;
  });
  await time("drill-down list page (visits of the year, page 1 + total)", async () => {
    const r = await listCases(db, analyst, { ...yearFilter, channel: "visit", page: 1, pageSize: 20 }, NOW);
    return `${r.total} cases`;
  });
  const tpl = (
    await db.query<{ body: string }>("SELECT body FROM report_templates WHERE code = 'work_report'")
  ).rows[0]!;
  await time("annual work report (.docx), one year, county", async () => {
    const s = await buildSummary(db, { actor: analyst, filter: {}, period: year, asOf: NOW });
    const buf = await writeReportDocx(renderTemplate(tpl.body, s), "bench");
    return `${(buf.length / 1024).toFixed(0)} KiB`;
  });
  await time("ledger (.xlsx), one township, one month", async () => {
    const rows = await loadLedgerRows(db, town, { from: month.from, to: month.to }, NOW);
    const buf = await writeLedgerXlsx(rows, "bench");
    return `${rows.length} rows, ${(buf.length / 1024).toFixed(0)} KiB`;
  });
}

async function main() {
  log(`statistics benchmark — ${JSON.stringify(machineInfo())}`);
  if (PGLITE_N > 0) {
    log(`\nPGlite (in memory), ${PGLITE_N.toLocaleString("en")} cases`);
    const db = await openPglite();
    try {
      await populate(db, PGLITE_N);
      await measure(db);
    } finally {
      await db.close();
    }
  }
  if (process.env.BENCH_STATS_PG_URL) {
    // An already generated database (BENCH_STATS_KEEP=1 leaves one): measure only.
    log("\nPostgreSQL, existing database");
    const db = await openPg(process.env.BENCH_STATS_PG_URL, 4);
    try {
      // A database generated before the rollup existed gets it now (its migration queues every case).
      const applied = await migrate(db);
      if (applied.length > 0) log(`  applied ${applied.join(", ")}`);
      await buildRollup(db);
      await measure(db);
    } finally {
      await db.close();
    }
  } else if (PG_N > 0) {
    const name = `xf_bench_stats_${process.pid}`;
    log(`\nPostgreSQL, ${PG_N.toLocaleString("en")} cases (database ${name})`);
    const db = await openPg(await createDatabase(name), 4);
    try {
      await populate(db, PG_N);
      await measure(db);
    } finally {
      await db.close();
      if (!process.env.BENCH_STATS_KEEP) await dropDatabase(name);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
