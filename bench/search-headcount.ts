/**
 * The case list's keyword box sorted by headcount (人数), before and after in one run, on the
 * 1,000,000-case database `npm run bench:search` leaves behind (xf_bench_search_<N>):
 *
 *   git show <commit>:server/search/search-cases.ts > server/search/search-cases.before.ts
 *   BENCH_SEARCH_BEFORE=server/search/search-cases.before.ts npx tsx bench/search-headcount.ts
 *
 * Reads: for the county registrar and a township's staff, each headcount order (most first,
 * fewest first), the bench's 12 one-word queries on pages 1 and 2 (24 queries a line and round,
 * BENCH_HC_ROUNDS rounds, default 2), the old and the new `listByKeyword` alternating query by
 * query on one connection (which goes first alternates too). Prints p50 / p95 / max of each, how
 * many answers (total, exactness, the page's keys) differ, and the machine's load before the line.
 * Without BENCH_SEARCH_BEFORE, the current code alone.
 *
 * Writes (BENCH_HC_WRITES=0 leaves them out, BENCH_HC_READS=0 the reads): one-row registrations (copies of existing cases under new
 * keys) and headcount corrections, timed one by one, in rounds of BENCH_HC_ROWS that alternate the
 * trigger as it was (migration 20261209300100: no headcount in `case_search`, a headcount change
 * does not fire it) and as it is; every round is rolled back, so the database is left as it was.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type pg from "pg";
import { ZCaseListQuery } from "../domain/schemas/case.ts";
import { type Db, openPg } from "../server/db/index.ts";
import { listByKeyword } from "../server/search/search-cases.ts";
import { machineInfo, percentile, pgUrl, round, withDb } from "./lib.ts";
import { benchActors, COPY_CASE, BENCH_WORDS as WORDS } from "./search-data.ts";

const N = Number(process.env.BENCH_SEARCH_CASES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_HC_ROUNDS ?? 2);
const WRITE_ROUNDS = Number(process.env.BENCH_HC_WRITE_ROUNDS ?? 6);
const ROWS = Number(process.env.BENCH_HC_ROWS ?? 150);

type List = typeof listByKeyword;
interface Impl {
  label: string;
  list: List;
  times: number[];
}

/** Busy share of the CPUs over a short interval, from /proc/stat, and the load average. */
async function machineLoad(): Promise<{ busy: number; load: string }> {
  const read = () => {
    const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3]! + f[4]!;
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  const a = read();
  await new Promise((r) => setTimeout(r, 500));
  const b = read();
  const busy = Math.round(100 * (1 - (b.idle - a.idle) / Math.max(1, b.total - a.total)));
  return { busy, load: os.loadavg()[0]!.toFixed(1) };
}

const figures = (t: number[]) => {
  const s = [...t].sort((a, b) => a - b);
  return `p50 ${round(percentile(s, 50))} / p95 ${round(percentile(s, 95))} / max ${round(s.at(-1) ?? Number.NaN)} ms`;
};

async function reads(db: Db) {
  const actors = await benchActors(db);
  const impls: Impl[] = [{ label: "now", list: listByKeyword, times: [] }];
  const before = process.env.BENCH_SEARCH_BEFORE;
  if (before) {
    const mod = (await import(pathToFileURL(path.resolve(before)).href)) as { listByKeyword: List };
    impls.unshift({ label: "before", list: mod.listByKeyword, times: [] });
  }
  // Warm both once (the first statement of a connection plans and loads the synonyms).
  for (const impl of impls)
    await impl.list(db, actors.registrar, {
      ...ZCaseListQuery.parse({ q: "工资", sort: "-headcount" }),
      q: "工资",
    });
  for (const who of ["registrar", "township"] as const) {
    for (const sort of ["-headcount", "headcount"] as const) {
      const { busy, load } = await machineLoad();
      for (const impl of impls) impl.times = [];
      let differ = 0;
      let n = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const q of WORDS) {
          for (const page of [1, 2]) {
            const f = { ...ZCaseListQuery.parse({ q, sort, page, pageSize: 20 }), q };
            const order = (n + round) % 2 === 0 ? impls : [...impls].reverse();
            const answers = new Map<string, string>();
            for (const impl of order) {
              const t0 = performance.now();
              const r = await impl.list(db, actors[who], f);
              impl.times.push(performance.now() - t0);
              answers.set(impl.label, JSON.stringify([r.total, r.totalIsExact, r.rows.map((x) => x.id)]));
            }
            if (new Set(answers.values()).size > 1) differ++;
            n++;
          }
        }
      }
      const line = impls.map((i) => `${i.label} ${figures(i.times)}`).join("   ");
      console.log(
        `${who.padEnd(9)} ${sort.padEnd(10)} ${line}   answers differing ${differ} of ${n}   (${n} queries each; machine ${busy}% busy before, load ${load})`,
      );
    }
  }
}

/**
 * The table and trigger as they were before migration 20261209700100 (no headcount in
 * case_search); dropping a column only marks it dropped, and the round is rolled back.
 */
const OLD_TRIGGER = `
ALTER TABLE case_search DROP COLUMN headcount;
CREATE OR REPLACE FUNCTION case_search_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_search (id, received_at, region_path, accused_path, tsv)
    VALUES (NEW.id, NEW.received_at, NEW.region_path, NEW.accused_path, NEW.search_tsv);
    INSERT INTO case_search_bigrams (id, grams) VALUES (NEW.id, xf_bigrams(NEW.title || E'\\n' || NEW.content));
  ELSIF NEW.search_text IS DISTINCT FROM OLD.search_text THEN
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path, tsv = NEW.search_tsv
     WHERE id = NEW.id;
    UPDATE case_search_bigrams SET grams = xf_bigrams(NEW.title || E'\\n' || NEW.content) WHERE id = NEW.id;
  ELSE
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path
     WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER case_search_update ON cases;
CREATE TRIGGER case_search_update AFTER UPDATE OF search_text, received_at, region_path, accused_path ON cases
  FOR EACH ROW
  WHEN (NEW.search_text IS DISTINCT FROM OLD.search_text
        OR NEW.received_at IS DISTINCT FROM OLD.received_at
        OR NEW.region_path IS DISTINCT FROM OLD.region_path
        OR NEW.accused_path IS DISTINCT FROM OLD.accused_path)
  EXECUTE FUNCTION case_search_from_cases();`;

/** One round in a transaction rolled back: ROWS registrations, then ROWS headcount corrections. */
async function writeRound(c: pg.Client, old: boolean, from: number) {
  const inserts: number[] = [];
  const updates: number[] = [];
  await c.query("BEGIN");
  try {
    if (old) await c.query(OLD_TRIGGER);
    for (let i = 0; i < ROWS; i++) {
      const source = `B-${String(1 + ((from + i * 7919) % N)).padStart(8, "0")}`;
      const t0 = performance.now();
      await c.query(COPY_CASE, [source, `W-${from + i}`]);
      inserts.push(performance.now() - t0);
    }
    for (let i = 0; i < ROWS; i++) {
      const target = `B-${String(1 + ((from + i * 104729) % N)).padStart(8, "0")}`;
      const t0 = performance.now();
      await c.query("UPDATE cases SET headcount = headcount % 7 + 1 WHERE case_number = $1", [target]);
      updates.push(performance.now() - t0);
    }
  } finally {
    await c.query("ROLLBACK");
  }
  return { inserts, updates };
}

async function writes(url: string) {
  await withDb(url, async (c) => {
    const t = {
      old: { inserts: [] as number[], updates: [] as number[] },
      now: { inserts: [] as number[], updates: [] as number[] },
    };
    const { busy, load } = await machineLoad();
    await writeRound(c, false, 999_000); // warm
    for (let r = 0; r < WRITE_ROUNDS; r++) {
      for (const old of r % 2 === 0 ? [true, false] : [false, true]) {
        const x = await writeRound(c, old, r * ROWS);
        const into = old ? t.old : t.now;
        into.inserts.push(...x.inserts);
        into.updates.push(...x.updates);
      }
    }
    for (const [label, x] of [
      ["before", t.old],
      ["now", t.now],
    ] as const) {
      console.log(
        `writes ${label.padEnd(6)}  registration ${figures(x.inserts)}   headcount correction ${figures(x.updates)}   (${x.inserts.length} each; machine ${busy}% busy before, load ${load})`,
      );
    }
  });
}

console.log(JSON.stringify(machineInfo()));
const url = pgUrl(`xf_bench_search_${N}`);
const db = await openPg(url, 1);
try {
  if (process.env.BENCH_HC_READS !== "0") await reads(db);
} finally {
  await db.close();
}
if (process.env.BENCH_HC_WRITES !== "0") await writes(url);
