/**
 * The paths a search takes on a large table (docs/SEARCH.md, "Counting less"), taken here on a
 * small one by shrinking the sample: whatever the sample says and whichever way the newest matches
 * are found, the answer (count, exactness, page, ranks) is the one a search that reads the whole
 * table gives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZCaseListQuery } from "../../domain/schemas/case.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/index.ts";
import { DEEP } from "../test/depth.ts";
import { makeNetwork } from "../test/factories.ts";
import { openTestDb } from "../test/harness.ts";
import { recordingDb } from "../test/recording-db.ts";
import { type SearchCaps, searchCases } from "./search-cases.ts";
import { indexText } from "./segment.ts";

let db: Db;
let actors: Record<"county" | "township", Actor>;
const N = 240;

/** What each generated petition says, by its number g (1 = oldest). */
function petition(g: number): string {
  const parts = [`第${g}号来信。`];
  if (g % 4 !== 0) parts.push("村口桥梁护栏损坏，存在安全隐患。");
  if (g % 9 === 0) parts.push("石膏矿采空区塌陷，房屋开裂。");
  if (g <= 80) parts.push("旧矿井渗水淹了农田。");
  if (g % 79 === 0) parts.push("晒谷场被人占用。");
  return parts.join("");
}

beforeAll(async () => {
  db = await openTestDb();
  await makeNetwork(db);
  const units = (
    await db.query<{ id: string; path: string; name: string; kind: string; region_code: string }>(
      "SELECT id, path, name, kind, region_code FROM org_units WHERE path IN ('c', 'c.xfj', 'c.t1', 'c.t2')",
    )
  ).rows;
  const unit = (path: string) => units.find((u) => u.path === path)!;
  const rows = Array.from({ length: N }, (_, i) => {
    const g = i + 1;
    const content = petition(g);
    return { g, content, tokens: indexText(`来信${g}`, content), town: g % 2 === 0 ? "c.t1" : "c.t2" };
  });
  await db.query(
    `INSERT INTO cases (id, case_number, query_code_hash, channel, status, nature, category_id, title, content,
       problem_region_code, region_unit_id, region_path, headcount, is_collective, is_first_petition, received_at,
       registered_at, owner_unit_id, search_text)
     SELECT gen_random_uuid(), 'S-' || lpad(x.g::text, 6, '0'), md5('s' || x.g), 'letter', 'registered', 'request',
            (SELECT id FROM categories ORDER BY code LIMIT 1), '来信' || x.g, x.content, o.region_code, o.id, o.path,
            1, false, true, timestamptz '2025-01-01 08:00+08' + x.g * interval '7 hours',
            timestamptz '2025-01-01 08:00+08' + x.g * interval '7 hours', $2::uuid, x.tokens
       FROM jsonb_to_recordset($1::jsonb) AS x(g int, content text, tokens text, town text)
       JOIN org_units o ON o.path = x.town
      ORDER BY x.g`,
    [JSON.stringify(rows), unit("c.xfj").id],
  );
  const actor = (path: string, roles: Actor["roles"], areaPath: string): Actor => {
    const u = unit(path);
    return {
      id: u.id,
      username: path,
      displayName: u.name,
      roles,
      unitId: u.id,
      unitName: u.name,
      unitKind: u.kind,
      unitPath: u.path,
      areaPath,
    } as Actor;
  };
  actors = { county: actor("c.xfj", ["registrar"], "c"), township: actor("c.t1", ["local_staff"], "c.t1") };
});
afterAll(() => db.close());

/** The kinds of statement a search ran, from their text. */
function kindOf(sql: string): string {
  if (sql.includes("TABLESAMPLE")) return "sample";
  if (sql.includes("m AS MATERIALIZED")) return "one pass";
  if (sql.includes("OFFSET 0")) return "word index";
  if (sql.includes("FROM (SELECT * FROM case_search ORDER BY")) return "walk";
  if (sql.includes("w AS MATERIALIZED")) return "count";
  return "other";
}

/** The database, recording the kinds of statement run through it. */
const recording = (log: string[]) => recordingDb(db, (sql) => log.push(kindOf(sql)));

const QUERIES = ["护栏", "石膏矿", "旧矿井", "晒谷场", "护栏 石膏矿", "谷场", "渗水 农田"];
const CAPS: SearchCaps = { countCap: 30, rankCap: 8, gramBelow: 5 };

describe("a search on a large table (sampled) answers as one that reads the whole table", () => {
  it("gives the same count, page and ranks on every path, for the county and for a township", async () => {
    const answer = (r: Awaited<ReturnType<typeof searchCases>>) => ({
      total: r.total,
      exact: r.totalIsExact,
      rows: r.rows.map((x) => `${x.case_number} ${x.rank.toFixed(5)}`),
    });
    const paths = new Set<string>();
    let uncounted = 0;
    for (const [who, actor] of Object.entries(actors)) {
      for (const q of QUERIES) {
        for (const page of DEEP ? [1, 2] : [1]) {
          const f = ZCaseListQuery.parse({ q, page, pageSize: 5 });
          const whole = answer(await searchCases(db, actor, f, {}, { ...CAPS, samplePages: 1_000_000 }));
          for (const samplePages of DEEP ? [1, 2, 3] : [1, 3]) {
            for (const sureSampled of [10, 1_000]) {
              const log: string[] = [];
              const sampled = await searchCases(
                recording(log),
                actor,
                f,
                {},
                {
                  ...CAPS,
                  samplePages,
                  sureSampled,
                },
              );
              expect(
                answer(sampled),
                `${who} ${q} page ${page}, ${samplePages} pages, sure at ${sureSampled}`,
              ).toEqual(whole);
              for (const k of log) paths.add(k);
              if (!sampled.totalIsExact && !log.includes("count") && !log.includes("one pass")) uncounted++;
            }
          }
        }
      }
    }
    // Every way of finding the matches was taken at least once, and some searches were not counted.
    expect([...paths].sort()).toEqual(["count", "one pass", "other", "sample", "walk", "word index"].sort());
    expect(uncounted).toBeGreaterThan(0);
  });

  it("finds the newest matches of a word frequent only in old cases through the word index", async () => {
    // 80 old cases match: more than the cap, so only the newest 8 are ranked — cases 73 to 80.
    // A sample that holds some of them sends the search walking from the newest cases, which hold
    // none: the walk stops at its bound and the word index answers.
    const newest = Array.from({ length: 8 }, (_, i) => `S-${String(73 + i).padStart(6, "0")}`);
    const fellBack: number[] = [];
    for (const samplePages of [1, 2, 3, 4, 5, 6]) {
      const log: string[] = [];
      const f = ZCaseListQuery.parse({ q: "旧矿井", pageSize: 8 });
      const r = await searchCases(
        recording(log),
        actors.county,
        f,
        {},
        { ...CAPS, samplePages, sureSampled: 10 },
      );
      expect({ total: r.total, exact: r.totalIsExact }).toEqual({ total: 30, exact: false });
      expect(r.rows.map((x) => x.case_number).sort()).toEqual(newest);
      if (log.includes("walk") && log.includes("word index")) fellBack.push(samplePages);
      if (fellBack.length > 0 && !DEEP) break;
    }
    expect(fellBack.length).toBeGreaterThan(0);
  });

  it("leaves the connection's settings as they were (JIT is off for the search's statements only)", async () => {
    const before = (await db.query<{ jit: string }>("SELECT current_setting('jit') AS jit")).rows[0]!.jit;
    await searchCases(db, actors.county, ZCaseListQuery.parse({ q: "护栏" }), {}, CAPS);
    const after = (await db.query<{ jit: string }>("SELECT current_setting('jit') AS jit")).rows[0]!.jit;
    expect(after).toBe(before);
    // Inside a caller's transaction the search runs as it is, in that transaction.
    const inTx = await db.transaction((tx) =>
      searchCases(tx, actors.county, ZCaseListQuery.parse({ q: "晒谷场" }), {}, CAPS),
    );
    expect(inTx.total).toBe(3);
  });
});
