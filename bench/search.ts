/**
 * Search latency: p50/p95 of one- and two-word queries through searchCases (the same function the
 * API calls, jurisdiction condition included), as the county registrar and as a township's staff,
 * on 1,000,000 cases in PostgreSQL and 100,000 in PGlite.
 *
 *   npm run bench:search                        # both
 *   npm run bench:search -- --pg-only | --pglite-only
 *   BENCH_SEARCH_CASES=200000 BENCH_SEARCH_PGLITE_CASES=20000 npm run bench:search
 *
 * The PostgreSQL database xf_bench_search_<N> is kept and reused when it already holds N cases
 * (drop it with `dropdb`); `--fresh` reloads it.
 *
 * Before and after in one run: BENCH_SEARCH_BEFORE=path/to/module.ts names a module that exports
 * another `searchCases` (an earlier version, say `git show <commit>:server/search/search-cases.ts`
 * saved next to the current one); every line then alternates the two, query by query, on the same
 * database and connection, and prints both.
 *
 * The case list's keyword box (`GET /api/cases?q=`, `listCases`) has its own lines ("list …"): one
 * word, two words, a case number, a name, and one word sorted by headcount, each alternating the
 * list through the search index ("now") with the list as it was ("before": `listByConditions`,
 * every visible case tested by the keyword condition and counted) on every BENCH_SEARCH_LIST_EVERY-th
 * query of each list (default 3) for BENCH_SEARCH_LIST_ROUNDS rounds (default 2: the old list of a
 * common word takes seconds), then the new list alone on every query for BENCH_SEARCH_ROUNDS.
 * The headcount line is the new list's only. BENCH_SEARCH_LIST=only runs just the list's lines,
 * BENCH_SEARCH_LIST=no leaves them out.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ZCaseListQuery } from "../domain/schemas/case.ts";
import type { Actor } from "../server/auth/actor.ts";
import { type Db, openPg, openPglite } from "../server/db/index.ts";
import { migrate } from "../server/db/migrate.ts";
import { listByConditions, listCases } from "../server/queries/case-list.ts";
import { COUNT_CAP, searchCases } from "../server/search/search-cases.ts";
import { toTsQuery } from "../server/search/segment.ts";
import { createDatabase, machineInfo, percentile, pgUrl, processCpuMs, round, withDb } from "./lib.ts";
import { benchActors, loadBenchCases, BENCH_WORDS as ONE_WORD } from "./search-data.ts";

const TWO_WORDS = [
  "拖欠 工资",
  "征地 补偿",
  "房屋 开裂",
  "电梯 维修",
  "养老金 工龄",
  "集资 跑路",
  "安置房 过渡费",
  "村务 公开",
  "随迁子女 入学",
  "采空区 房屋",
  "王建国 西关村",
  "医保 报销",
];
/**
 * Rarer queries, closer to real text, where a name or a place narrows a topic: a word of one or
 * two complaint templates (0.2–0.7 % of cases here), with a petitioner's name (≈ 0.03–0.1 %) and
 * a village (≈ 0.01 %). The generated corpus has few rare words, so they are combined.
 */
const RARE = [
  "工程建设",
  "中心小学",
  "石膏矿",
  "工程建设 王建国",
  "中心小学 李秀英",
  "我县 刘桂兰",
  "贿选 杨红梅",
  "石膏矿 张卫东 西关村",
  "村支书 杨红梅 青龙村",
  "会计 周海涛 南坪村",
  "中心小学 周海涛 后营村",
  "贿选 杨红梅 西关村",
];
/** Case numbers as a clerk types them: whole, or the last 4–7 digits (bench numbers are B-00000001 …). */
const CASE_NUMBERS = [
  "B-00012345",
  "B-00777777",
  "B-00999001",
  "00054321",
  "0654321",
  "123456",
  "98765",
  "4321",
  "5555",
  "B-00000042",
  "31415",
  "271828",
];
/** Petitioners' names, whole (the registrar finds them through case_petitioners; others do not). */
const NAMES = [
  "王建国",
  "李秀英",
  "刘桂兰",
  "杨红梅",
  "张卫东",
  "周海涛",
  "王建国 西关村",
  "杨红梅 青龙村",
  "陈志强",
  "赵丽娟",
  "欧阳秀芝",
  "孙",
];
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 5);

/** What a line compares between implementations: the count, its exactness and the page's keys. */
interface Answer {
  rows: { id: string }[];
  total: number;
  totalIsExact: boolean;
}
type Search = (db: Db, actor: Actor, f: ReturnType<typeof ZCaseListQuery.parse>) => Promise<Answer>;

/**
 * The case list with a keyword, as it was and now. The old list counted every match exactly; its
 * answer is shown as the new one states it (at most COUNT_CAP, "more than" beyond) so that the
 * bench can say whether the two lists differ.
 */
const LIST_IMPLS: [string, Search][] = [
  [
    "before",
    async (db, actor, f) => {
      const r = await listByConditions(db, actor, f);
      return { rows: r.rows, total: Math.min(r.total, COUNT_CAP), totalIsExact: r.total <= COUNT_CAP };
    },
  ],
  ["now", (db, actor, f) => listCases(db, actor, f)],
];

/** The code measured, and the earlier version beside it when BENCH_SEARCH_BEFORE names one. */
async function implementations(): Promise<[string, Search][]> {
  const now: [string, Search] = ["now", (db, actor, f) => searchCases(db, actor, f)];
  const before = process.env.BENCH_SEARCH_BEFORE;
  if (!before) return [now];
  const mod = (await import(pathToFileURL(path.resolve(before)).href)) as { searchCases: Search };
  return [["before", (db, actor, f) => mod.searchCases(db, actor, f)], now];
}

/** Share of the machine's CPU that was busy during one second, before a measurement. */
async function busyPercent(ms = 1000): Promise<number> {
  const read = () =>
    fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  const d = b.map((x, i) => x - a[i]!);
  const total = d.reduce((x, y) => x + y, 0);
  const idle = d[3]! + (d[4] ?? 0);
  return total > 0 ? Math.round((100 * (total - idle)) / total) : 0;
}

/** How many cases each query matches, as a share of all cases (the honest context of a figure). */
async function printSelectivity(db: Db, words: readonly string[]): Promise<void> {
  const total = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_search")).rows[0]!.n;
  const parts: string[] = [];
  for (const w of words) {
    const tsq = toTsQuery(w);
    const n = tsq
      ? (
          await db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM case_search WHERE tsv @@ to_tsquery('simple', $1)",
            [tsq],
          )
        ).rows[0]!.n
      : 0;
    parts.push(`${w} ${round((100 * n) / total, 2)}%`);
  }
  console.log(`  selectivity (share of ${total.toLocaleString("en")} cases): ${parts.join(", ")}`);
}

interface Figures {
  queries: number;
  p50: number;
  p95: number;
  max: number;
  meanTotal: number;
  /** Mean CPU milliseconds per query in this process, and in the database backend (PostgreSQL). */
  nodeCpu: number;
  dbCpu: number | null;
}

/** The PostgreSQL backend serving this one-connection pool, when it runs on this machine. */
async function backendPid(db: Db): Promise<number | null> {
  const pid = (await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
  return processCpuMs(pid) === null ? null : pid;
}

/**
 * Wall-clock percentiles, and the CPU one query costs (Node and the database backend): on a
 * machine shared with other work the wall clock measures the queue for the cores as much as the
 * query; the CPU time does not. With several implementations each query is run by each in turn
 * (the order alternating by round), so a change of load touches them alike.
 */
async function measure(
  db: Db,
  actor: Actor,
  words: string[],
  pid: number | null,
  impls: [string, Search][],
  rounds = ROUNDS,
  extra: Record<string, string> = {},
) {
  const acc = impls.map(() => ({ times: [] as number[], totals: 0, node: 0, db: 0 }));
  let differ = 0;
  // Warm-up (the old list, which takes seconds a query, warms itself on its first queries).
  for (const [name, search] of impls)
    if (name !== "before" || impls !== LIST_IMPLS)
      for (const w of words) await search(db, actor, ZCaseListQuery.parse({ q: w, ...extra }));
  for (let r = 0; r < rounds; r++) {
    for (const w of words) {
      const answers: string[] = [];
      for (let j = 0; j < impls.length; j++) {
        const i = r % 2 === 0 ? j : impls.length - 1 - j;
        const a = acc[i]!;
        const node0 = process.cpuUsage();
        const db0 = processCpuMs(pid);
        const t0 = performance.now();
        const res = await impls[i]![1](
          db,
          actor,
          ZCaseListQuery.parse({ q: w, page: 1 + (r % 2), ...extra }),
        );
        a.times.push(performance.now() - t0);
        const node = process.cpuUsage(node0);
        const db1 = processCpuMs(pid);
        a.node += (node.user + node.system) / 1000;
        if (db0 !== null && db1 !== null) a.db += db1 - db0;
        a.totals += res.total;
        answers.push(`${res.total} ${res.totalIsExact} ${res.rows.map((x) => x.id).join(",")}`);
      }
      if (answers.some((x) => x !== answers[0])) differ++;
    }
  }
  const figures = acc.map((a): Figures => {
    const times = [...a.times].sort((x, y) => x - y);
    return {
      queries: times.length,
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      max: round(times[times.length - 1]!),
      meanTotal: Math.round(a.totals / times.length),
      nodeCpu: round(a.node / times.length),
      dbCpu: pid === null ? null : round(a.db / times.length),
    };
  });
  return { figures, differ };
}

const ALL_KINDS = [
  ["one word", ONE_WORD],
  ["two words", TWO_WORDS],
  ["rare", RARE],
  ["case no.", CASE_NUMBERS],
  ["name", NAMES],
] as const;
/** BENCH_SEARCH_KINDS="case no.,name" runs only those lines. */
const KINDS = ALL_KINDS.filter(
  ([k]) => !process.env.BENCH_SEARCH_KINDS || process.env.BENCH_SEARCH_KINDS.split(",").includes(k),
);

/** The case list's lines: its keyword box, and its headcount order (a walk of the headcount index). */
const LIST_KINDS = [
  ["one word", ONE_WORD, {}],
  ["two words", TWO_WORDS, {}],
  ["case no.", CASE_NUMBERS, {}],
  ["name", NAMES, {}],
  ["one word, by headcount", ONE_WORD, { sort: "-headcount" }],
] as const;
const LIST = process.env.BENCH_SEARCH_LIST ?? "yes";
const LIST_ROUNDS = Number(process.env.BENCH_SEARCH_LIST_ROUNDS ?? 2);
const LIST_EVERY = Number(process.env.BENCH_SEARCH_LIST_EVERY ?? 3);

function printLine(
  label: string,
  who: string,
  kind: string,
  code: string,
  f: Figures,
  busy: number,
  load: string,
) {
  console.log(
    `${label.padEnd(22)} ${who.padEnd(10)} ${kind.padEnd(9)} ${code}p50 ${String(f.p50).padStart(6)} ms  p95 ${String(f.p95).padStart(6)} ms  max ${String(f.max).padStart(6)} ms  (${f.queries} queries, mean matches ${f.meanTotal.toLocaleString("en")}; machine ${busy}% busy before, load ${load})  CPU per query: Node ${f.nodeCpu} ms${f.dbCpu === null ? "" : `, PostgreSQL ${f.dbCpu} ms`}`,
  );
}

async function reportList(label: string, db: Db, pid: number | null) {
  const actors = await benchActors(db);
  // Before and now alternating, on every LIST_EVERY-th query.
  for (const [who, actor] of Object.entries(actors)) {
    for (const [kind, words, extra] of LIST_KINDS) {
      if ("sort" in extra) continue;
      const some = words.filter((_, i) => i % LIST_EVERY === 0);
      const busy = await busyPercent();
      const load = os.loadavg()[0]!.toFixed(1);
      const { figures, differ } = await measure(db, actor, some, pid, LIST_IMPLS, LIST_ROUNDS, extra);
      figures.forEach((f, i) => {
        printLine(label, who, `list, ${kind}`, `${LIST_IMPLS[i]![0].padEnd(6)} `, f, busy, load);
      });
      console.log(
        `${"".padEnd(22)} ${"".padEnd(10)} ${some.length} queries (${some.join(", ")}); answers (total as stated, exactness, page of keys) differing: ${differ} of ${figures[0]!.queries}`,
      );
    }
  }
  // The new list alone, on every query.
  for (const [who, actor] of Object.entries(actors)) {
    for (const [kind, words, extra] of LIST_KINDS) {
      const busy = await busyPercent();
      const load = os.loadavg()[0]!.toFixed(1);
      const { figures } = await measure(db, actor, [...words], pid, LIST_IMPLS.slice(1), ROUNDS, extra);
      printLine(label, who, `list, ${kind}`, "now    ", figures[0]!, busy, load);
    }
  }
}

async function report(label: string, db: Db, pid: number | null = null) {
  if (LIST !== "no") await reportList(label, db, pid);
  if (LIST === "only") return;
  const actors = await benchActors(db);
  const impls = await implementations();
  for (const [kind, words] of KINDS) {
    console.log(`${label} — ${kind}:`);
    await printSelectivity(db, words);
  }
  for (const [who, actor] of Object.entries(actors)) {
    for (const [kind, words] of KINDS) {
      const busy = await busyPercent();
      const load = os.loadavg()[0]!.toFixed(1);
      const { figures, differ } = await measure(db, actor, [...words], pid, impls);
      figures.forEach((f, i) => {
        const code = impls.length > 1 ? `${impls[i]![0].padEnd(6)} ` : "";
        printLine(label, who, kind, code, f, busy, load);
      });
      if (impls.length > 1)
        console.log(
          `${"".padEnd(22)} ${"".padEnd(10)} ${"".padEnd(9)} answers (total, exactness, page of keys) differing between the two: ${differ} of ${figures[0]!.queries}`,
        );
    }
  }
}

async function pgBench(n: number, fresh: boolean) {
  const name = `xf_bench_search_${n}`;
  let have = 0;
  try {
    have = await withDb(pgUrl(name), async (c) =>
      Number((await c.query("SELECT count(*) AS n FROM cases")).rows[0].n),
    );
  } catch {
    have = 0;
  }
  if (fresh || have !== n) {
    console.log(`PostgreSQL: loading ${n.toLocaleString("en")} cases into ${name} …`);
    await createDatabase(name);
    const db = await openPg(pgUrl(name), 2);
    const { seconds } = await loadBenchCases(db, n, (s) => console.log(s));
    console.log(`PostgreSQL: loaded in ${round(seconds)} s`);
    await db.close();
  } else {
    console.log(`PostgreSQL: reusing ${name} (${n.toLocaleString("en")} cases)`);
    const db = await openPg(pgUrl(name), 2);
    const t0 = performance.now();
    const applied = await migrate(db);
    if (applied.length > 0) {
      await db.exec("ANALYZE case_search; ANALYZE case_search_bigrams");
      console.log(`PostgreSQL: applied ${applied.join(", ")} in ${round((performance.now() - t0) / 1000)} s`);
    }
    await db.close();
  }
  // One connection: the queries run one after another, and its backend's CPU can be read.
  const db = await openPg(pgUrl(name), 1);
  try {
    await report(`PostgreSQL ${n.toLocaleString("en")}`, db, await backendPid(db));
  } finally {
    await db.close();
  }
}

async function pgliteBench(n: number) {
  console.log(`PGlite: loading ${n.toLocaleString("en")} cases (in memory) …`);
  const db = await openPglite();
  try {
    const { seconds } = await loadBenchCases(db, n, (s) => console.log(s));
    console.log(`PGlite: loaded in ${round(seconds)} s`);
    await report(`PGlite ${n.toLocaleString("en")}`, db);
  } finally {
    await db.close();
  }
}

const args = new Set(process.argv.slice(2));
console.log(JSON.stringify(machineInfo()));
if (!args.has("--pglite-only"))
  await pgBench(Number(process.env.BENCH_SEARCH_CASES ?? 1_000_000), args.has("--fresh"));
if (!args.has("--pg-only")) await pgliteBench(Number(process.env.BENCH_SEARCH_PGLITE_CASES ?? 100_000));
