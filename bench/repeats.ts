/**
 * Repeat detection: precision and recall on the labelled pairs (domain/triage/corpus), and the
 * time of one check (findRepeatCandidates, jurisdiction included) on the 1,000,000-case database
 * that `npm run bench:search` leaves behind (loaded here if missing).
 *
 *   npm run bench:repeats            BENCH_SEARCH_CASES=200000 npm run bench:repeats
 */
import fs from "node:fs";
import { type MatterFacts, scoreRepeat } from "../domain/similarity/repeat.ts";
import { generatePairs, type PairSide } from "../domain/triage/corpus/generate.ts";
import { openPg } from "../server/db/index.ts";
import { findRepeatCandidates, type RepeatDraft } from "../server/search/repeat-check.ts";
import { searchTokens } from "../server/search/segment.ts";
import { createDatabase, machineInfo, percentile, pgUrl, round, withDb } from "./lib.ts";
import { benchActors, loadBenchCases } from "./search-data.ts";

function facts(s: PairSide): MatterFacts {
  const text = `${s.title}\n${s.text}`;
  return {
    idIndexes: s.idIndexes,
    phoneIndexes: s.phoneIndexes,
    nameAddresses: s.nameAddresses,
    categoryId: s.category,
    categoryParentId: s.category.split(".")[0]!,
    problemRegionCode: s.regionCode,
    text,
    tokens: searchTokens(text),
  };
}

function quality() {
  const pairs = generatePairs();
  const kinds = new Map<string, { n: number; predictedRepeat: number }>();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let mtp = 0;
  let mfp = 0;
  let mfn = 0;
  for (const p of pairs) {
    const s = scoreRepeat(facts(p.a), facts(p.b));
    const isRepeat = s.verdict === "likely_repeat";
    const sameMatter = s.verdict === "likely_repeat" || s.verdict === "same_matter_other_person";
    if (isRepeat && p.isRepeat) tp++;
    else if (isRepeat) fp++;
    else if (p.isRepeat) fn++;
    if (sameMatter && p.isSameMatter) mtp++;
    else if (sameMatter) mfp++;
    else if (p.isSameMatter) mfn++;
    const k = kinds.get(p.kind) ?? { n: 0, predictedRepeat: 0 };
    k.n++;
    if (isRepeat) k.predictedRepeat++;
    kinds.set(p.kind, k);
  }
  console.log(`labelled pairs: ${pairs.length}`);
  console.log(
    `repeat (same person + same matter): precision ${round((100 * tp) / (tp + fp))}%  recall ${round((100 * tp) / (tp + fn))}%`,
  );
  console.log(
    `same matter (whoever brought it):   precision ${round((100 * mtp) / (mtp + mfp))}%  recall ${round((100 * mtp) / (mtp + mfn))}%`,
  );
  for (const [kind, k] of kinds)
    console.log(`  ${kind.padEnd(40)} ${k.n} pairs, called a repeat: ${k.predictedRepeat}`);
}

async function timing(n: number) {
  const name = `xf_bench_search_${n}`;
  let have = 0;
  try {
    have = await withDb(pgUrl(name), async (c) =>
      Number((await c.query("SELECT count(*) AS n FROM cases")).rows[0].n),
    );
  } catch {
    have = 0;
  }
  if (have !== n) {
    console.log(`loading ${n.toLocaleString("en")} cases into ${name} …`);
    await createDatabase(name);
    const db = await openPg(pgUrl(name), 2);
    await loadBenchCases(db, n, (s) => console.log(s));
    await db.close();
  }
  // One connection, so the CPU of its backend can be read: on a shared machine the wall clock
  // measures the queue for the cores as much as the check.
  const db = await openPg(pgUrl(name), 1);
  const pid = (await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
  const backendCpuMs = (): number | null => {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      return null;
    }
  };
  try {
    const { registrar, township } = await benchActors(db);
    // Drafts from existing cases: their petitioner, category, place and text (the case itself excluded).
    const { rows } = await db.query<{
      id: string;
      title: string;
      content: string;
      category_id: string | null;
      problem_region_code: string;
      id_number_bidx: string;
      phone_bidx: string;
      name: string;
      address: string;
    }>(
      `SELECT c.id, c.title, c.content, c.category_id, c.problem_region_code, p.id_number_bidx, p.phone_bidx, p.name, p.address
         FROM cases c JOIN case_petitioners p ON p.case_id = c.id
        WHERE c.case_number IN (SELECT 'B-' || lpad((1 + (g * 7919) % $1)::text, 8, '0') FROM generate_series(1, 60) g)`,
      [n],
    );
    for (const [who, actor] of [
      ["registrar", registrar],
      ["township", township],
    ] as const) {
      const times: number[] = [];
      let found = 0;
      let nodeCpu = 0;
      let dbCpu: number | null = 0;
      for (const [i, r] of rows.entries()) {
        const draft: RepeatDraft = {
          idIndexes: [r.id_number_bidx],
          phoneIndexes: [r.phone_bidx],
          nameAddresses: [{ name: r.name, address: r.address }],
          categoryId: r.category_id,
          problemRegionCode: r.problem_region_code,
          text: `${r.title}\n${r.content}`,
          excludeCaseId: r.id,
        };
        const t0 = performance.now();
        const n0 = process.cpuUsage();
        const d0 = backendCpuMs();
        const c = await findRepeatCandidates(db, actor, draft);
        const d1 = backendCpuMs();
        const n1 = process.cpuUsage(n0);
        if (i >= 5) {
          // the first few warm the caches
          times.push(performance.now() - t0);
          nodeCpu += (n1.user + n1.system) / 1000;
          dbCpu = dbCpu === null || d0 === null || d1 === null ? null : dbCpu + d1 - d0;
        }
        found += c.length;
      }
      times.sort((a, b) => a - b);
      console.log(
        `check on ${n.toLocaleString("en")} cases, ${who.padEnd(9)}: p50 ${round(percentile(times, 50))} ms  p95 ${round(percentile(times, 95))} ms  max ${round(times[times.length - 1]!)} ms  (${times.length} drafts, mean candidates ${round(found / rows.length)})  CPU per check: Node ${round(nodeCpu / times.length)} ms${dbCpu === null ? "" : `, PostgreSQL ${round(dbCpu / times.length)} ms`}`,
      );
    }
  } finally {
    await db.close();
  }
}

console.log(JSON.stringify(machineInfo()));
quality();
if (!process.argv.includes("--quality-only"))
  await timing(Number(process.env.BENCH_SEARCH_CASES ?? 1_000_000));
