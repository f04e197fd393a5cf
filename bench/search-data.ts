/**
 * Bulk data for the search and repeat benchmarks: N cases written by a few INSERT … SELECT over
 * generate_series, from the labelled petitions (segmented once in Node) combined with varying
 * petitioner sentences, so words have realistic frequencies without segmenting N texts.
 */

import { generatePetitions } from "../domain/triage/corpus/generate.ts";
import { SLOTS } from "../domain/triage/corpus/templates.ts";
import type { Actor } from "../server/auth/actor.ts";
import type { Db } from "../server/db/index.ts";
import { migrate } from "../server/db/migrate.ts";
import { indexText } from "../server/search/segment.ts";
import { seedDemoNetwork } from "../server/seed/seed-demo.ts";

export const PERSON_POOL = 250_000;

/** The single words the search benches time: common and rare, topics, names and places. */
export const BENCH_WORDS = [
  "工资",
  "拆迁",
  "物业",
  "补偿款",
  "宏达",
  "养老金",
  "塌陷",
  "宅基地",
  "青龙村",
  "电梯",
  "非法集资",
  "贿选",
] as const;

interface IndexDef {
  name: string;
  def: string;
}

/** Non-primary indexes of the bulk tables: dropped for the load, built again after it. */
async function secondaryIndexes(db: Db): Promise<IndexDef[]> {
  const { rows } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename IN ('cases', 'case_petitioners', 'case_search', 'case_search_bigrams')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
  );
  return rows.map((r) => ({ name: r.indexname, def: r.indexdef }));
}

function extras(): { j: number; text: string; tokens: string }[] {
  const out: { j: number; text: string; tokens: string }[] = [];
  let j = 0;
  for (const person of SLOTS.person) {
    for (const town of SLOTS.town) {
      for (const village of SLOTS.village) {
        const text = `信访人${person}，家住${town}${village}。`;
        out.push({ j: j++, text, tokens: indexText(text) });
      }
    }
  }
  return out;
}

export async function loadBenchCases(
  db: Db,
  n: number,
  log: (s: string) => void = () => {},
): Promise<{ seconds: number }> {
  const t0 = performance.now();
  await migrate(db);
  await seedDemoNetwork(db);
  const bases = generatePetitions().map((p, i) => ({
    i,
    title: p.title,
    content: p.text,
    tokens: indexText(p.title, p.text),
    category: p.category,
  }));
  const ex = extras();
  await db.exec(`CREATE TABLE IF NOT EXISTS bench_base (i int PRIMARY KEY, title text, content text, tokens text, category_id uuid);
    CREATE TABLE IF NOT EXISTS bench_extra (j int PRIMARY KEY, text text, tokens text);
    CREATE TABLE IF NOT EXISTS bench_region (k int PRIMARY KEY, unit_id uuid, path text, code text);
    TRUNCATE bench_base, bench_extra, bench_region;`);
  await db.query(
    `INSERT INTO bench_base SELECT x.i, x.title, x.content, x.tokens, c.id
       FROM jsonb_to_recordset($1::jsonb) AS x(i int, title text, content text, tokens text, category text)
       JOIN categories c ON c.code = x.category`,
    [JSON.stringify(bases)],
  );
  await db.query(
    "INSERT INTO bench_extra SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(j int, text text, tokens text)",
    [JSON.stringify(ex)],
  );
  await db.exec(`INSERT INTO bench_region
    SELECT row_number() OVER (ORDER BY path) - 1, id, path, region_code FROM org_units
     WHERE kind IN ('township', 'village')`);
  const indexes = await secondaryIndexes(db);
  for (const ix of indexes) await db.exec(`DROP INDEX ${ix.name}`);
  // The search side table is filled in one statement after the load instead of row by row, in
  // the order cases arrive (by date): a live system appends each registration at the end, so its
  // rows lie in date order; the generated dates above are scattered on purpose for `cases`.
  // The statistics triggers look up each new petitioner's earlier cases: with the indexes dropped
  // for the load that is a scan per row. The search bench reads no statistics.
  await db.exec(
    `ALTER TABLE cases DISABLE TRIGGER case_search_insert; ALTER TABLE case_search DISABLE TRIGGER case_search_keep_loaded;
     ALTER TABLE case_search_bigrams DISABLE TRIGGER case_search_bigrams_keep_loaded;
     ALTER TABLE cases DISABLE TRIGGER case_stats_cases_ins; ALTER TABLE case_petitioners DISABLE TRIGGER case_stats_pet_ins`,
  );
  const chunk = 100_000;
  const nb = bases.length;
  const ne = ex.length;
  const owner = (await db.query<{ id: string }>("SELECT id FROM org_units WHERE kind = 'bureau' LIMIT 1"))
    .rows[0]!.id;
  const nr = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM bench_region")).rows[0]!.n;
  for (let lo = 1; lo <= n; lo += chunk) {
    const hi = Math.min(n, lo + chunk - 1);
    await db.query(
      `INSERT INTO cases (id, case_number, query_code_hash, channel, status, nature, category_id, title, content,
         problem_region_code, region_unit_id, region_path, headcount, is_collective, is_first_petition, received_at,
         registered_at, owner_unit_id, search_text)
       SELECT md5('case' || g)::uuid, 'B-' || lpad(g::text, 8, '0'), md5(g::text),
              (ARRAY['visit','letter','online','phone'])[1 + g % 4],
              (ARRAY['registered','accepted','handling','closed','terminated','archived'])[1 + g % 6],
              'request', b.category_id, b.title, b.content || e.text, r.code, r.unit_id, r.path,
              1 + (g % 7), (g % 7) >= 4, g % 3 = 0,
              timestamptz '2026-03-01 08:00+08' - ((g % 1095) || ' days')::interval - ((g % 600) || ' minutes')::interval,
              timestamptz '2026-03-01 08:00+08' - ((g % 1095) || ' days')::interval,
              $5::uuid, b.tokens || ' ' || e.tokens
         FROM generate_series($1::int, $2::int) g
         JOIN bench_base b ON b.i = g % $3
         JOIN bench_extra e ON e.j = (g / $3) % $4
         JOIN bench_region r ON r.k = (g * 7 + g / 13) % $6`,
      [lo, hi, nb, ne, owner, nr],
    );
    // One petitioner per case; a person pool smaller than N makes people petition several times.
    await db.query(
      `INSERT INTO case_petitioners (case_id, position, name, id_number_enc, id_number_bidx, id_number_masked,
         phone_enc, phone_bidx, phone_masked, address)
       SELECT md5('case' || g)::uuid, 0, (ARRAY[${SLOTS.person.map((p) => `'${p}'`).join(",")}])[1 + (g % ${PERSON_POOL}) % 10],
              'bench', md5('id' || (g % ${PERSON_POOL})), '4101**********0000',
              'bench', md5('ph' || (g % ${PERSON_POOL})), '139****0000',
              'bench-address-' || (g % ${PERSON_POOL})
         FROM generate_series($1::int, $2::int) g`,
      [lo, hi],
    );
    log(`  loaded ${hi.toLocaleString("en")} cases (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  {
    const s = performance.now();
    await db.exec(`INSERT INTO case_search (id, received_at, region_path, accused_path, tsv, headcount)
      SELECT id, received_at, region_path, accused_path, search_tsv, headcount FROM cases
       WHERE NOT EXISTS (SELECT 1 FROM case_search s WHERE s.id = cases.id)
       ORDER BY received_at`);
    await db.exec(`INSERT INTO case_search_bigrams (id, grams)
      SELECT id, xf_bigrams(title || E'\\n' || content) FROM cases
       WHERE NOT EXISTS (SELECT 1 FROM case_search_bigrams b WHERE b.id = cases.id)
       ORDER BY received_at`);
    await db.exec(
      `ALTER TABLE cases ENABLE TRIGGER case_search_insert; ALTER TABLE case_search ENABLE TRIGGER case_search_keep_loaded;
       ALTER TABLE case_search_bigrams ENABLE TRIGGER case_search_bigrams_keep_loaded;
       ALTER TABLE cases ENABLE TRIGGER case_stats_cases_ins; ALTER TABLE case_petitioners ENABLE TRIGGER case_stats_pet_ins`,
    );
    log(`  case_search filled: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  }
  for (const ix of indexes) {
    const s = performance.now();
    await db.exec(ix.def);
    log(`  index ${ix.name}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  }
  await db.exec("ANALYZE cases; ANALYZE case_petitioners; ANALYZE case_search;");
  return { seconds: (performance.now() - t0) / 1000 };
}

/** The county registrar and one township's staff, as the policy sees them. */
export async function benchActors(db: Db): Promise<{ registrar: Actor; township: Actor }> {
  const unit = async (path: string) =>
    (
      await db.query<{ id: string; name: string; kind: string }>(
        "SELECT id, name, kind FROM org_units WHERE path = $1",
        [path],
      )
    ).rows[0]!;
  const bureau = await unit("c.xfj");
  const town = await unit("c.t2");
  const user = (await db.query<{ id: string }>("SELECT id FROM users ORDER BY username LIMIT 1")).rows[0]!.id;
  return {
    registrar: {
      id: user,
      username: "registrar",
      displayName: "登记员",
      roles: ["registrar"],
      unitId: bureau.id,
      unitName: bureau.name,
      unitKind: bureau.kind,
      unitPath: "c.xfj",
      areaPath: "c",
    },
    township: {
      id: user,
      username: "hekou",
      displayName: "河口乡信访办",
      roles: ["local_staff"],
      unitId: town.id,
      unitName: town.name,
      unitKind: town.kind,
      unitPath: "c.t2",
      areaPath: "c.t2",
    },
  };
}

/**
 * One registration as the write benches make it: a copy of the case numbered $1 under the new
 * number $2, received and registered now (the triggers keep the search side tables).
 */
export const COPY_CASE = `INSERT INTO cases (id, case_number, query_code_hash, channel, status, nature, category_id,
    title, content, problem_region_code, region_unit_id, region_path, headcount, is_collective, is_first_petition,
    received_at, registered_at, owner_unit_id, search_text)
  SELECT gen_random_uuid(), $2, md5($2), channel, status, nature, category_id, title, content,
         problem_region_code, region_unit_id, region_path, headcount, is_collective, is_first_petition, now(),
         now(), owner_unit_id, search_text
    FROM cases WHERE case_number = $1`;
