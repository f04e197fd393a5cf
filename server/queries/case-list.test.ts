/**
 * The case list's keyword box (`GET /api/cases?q=`) driven by the search index (docs/SEARCH.md,
 * "The case list's keyword box"): whatever path it takes (sample, one pass, capped count, walk,
 * word index) it lists the cases the list's keyword condition (`keywordCondition`, the list as it
 * was) selects, for every role, filter, sort and page, and says "more than" instead of counting a
 * query that has more matches than the cap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CaseListSort, type TCaseListQuery, ZCaseListQuery } from "../../domain/schemas/case.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { keywordCondition, parseKeyword } from "../search/keyword.ts";
import { GRAM_BELOW, searchCases } from "../search/search-cases.ts";
import { indexText } from "../search/segment.ts";
import { loadSynonyms } from "../search/synonyms.ts";
import { actorFor } from "../seed/demo-progress.ts";
import { DEEP, sized } from "../test/depth.ts";
import { makeNetwork } from "../test/factories.ts";
import { openTestDb } from "../test/harness.ts";
import { recordingDb } from "../test/recording-db.ts";
import { listCases } from "./case-list.ts";
import { listConditions } from "./cases.ts";

let db: Db;
const N = 240;
const NAMES = ["王建国", "李秀英", "张卫东"];

/** What each generated petition says, by its number g (1 = oldest). */
function petition(g: number): string {
  const parts = [`第${g}号来信。`];
  if (g % 4 !== 0) parts.push("村口桥梁护栏损坏，存在安全隐患。");
  if (g % 9 === 0) parts.push("石膏矿采空区塌陷，房屋开裂。");
  if (g <= 80) parts.push("旧矿井渗水淹了农田。");
  if (g % 19 === 0) parts.push("晒谷场被人占用。");
  if (g % 11 === 0) parts.push("我是柳树湾村村民，老板拖欠工资不给。");
  if (g % 23 === 0) parts.push("信访人王建国反映此事。");
  // 工资 only across jieba's words (打工 资金): found through the bigrams alone.
  if (g % 10 === 3) parts.push("打工资金被人骗走。");
  return parts.join("");
}

const TOWNS = ["c.t1", "c.t2", "c.t1.v1"] as const;

beforeAll(async () => {
  db = await openTestDb();
  await makeNetwork(db);
  const rows = Array.from({ length: N }, (_, i) => {
    const g = i + 1;
    const content = petition(g);
    const headcount = g % 7 === 0 ? 1 + (g % 11) : 1;
    return {
      g,
      content,
      tokens: indexText(`来信${g}`, content),
      town: TOWNS[g % 3]!,
      channel: (["letter", "visit", "phone"] as const)[g % 4 === 1 ? 1 : g % 2],
      // Pairs of cases received at the same moment: the key decides their order.
      hours: Math.floor((g + 1) / 2) * 7,
      headcount,
      collective: headcount >= 5,
      confidential: g % 13 === 0,
      // Township 甲镇 (c.t1) is accused in some: its staff must not see them, whatever they type.
      accused: g % 17 === 0 ? "c.t1" : null,
      name: NAMES[g % 3]!,
    };
  });
  await db.query(
    `INSERT INTO cases (id, case_number, query_code_hash, channel, status, nature, category_id, title, content,
       problem_region_code, region_unit_id, region_path, headcount, is_collective, is_first_petition, received_at,
       registered_at, owner_unit_id, search_text, is_confidential, accused_unit_id, accused_path)
     SELECT gen_random_uuid(), 'S-' || lpad(x.g::text, 6, '0'), md5('l' || x.g), x.channel, 'registered',
            CASE WHEN x.accused IS NULL THEN 'request' ELSE 'accusation' END,
            (SELECT id FROM categories ORDER BY code LIMIT 1), '来信' || x.g, x.content, o.region_code, o.id, o.path,
            x.headcount, x.collective, true, timestamptz '2025-01-01 08:00+08' + x.hours * interval '1 hour',
            timestamptz '2025-01-01 08:00+08' + x.hours * interval '1 hour',
            (SELECT id FROM org_units WHERE path = 'c.xfj'), x.tokens, x.confidential,
            (SELECT id FROM org_units WHERE path = x.accused), x.accused
       FROM jsonb_to_recordset($1::jsonb) AS x(g int, content text, tokens text, town text, channel text,
              hours int, headcount int, collective boolean, confidential boolean, accused text, name text)
       JOIN org_units o ON o.path = x.town
      ORDER BY x.g`,
    [JSON.stringify(rows)],
  );
  await db.query(
    `INSERT INTO case_petitioners (case_id, position, name, address)
     SELECT c.id, 0, x.name, '地址' || x.g FROM jsonb_to_recordset($1::jsonb) AS x(g int, name text)
       JOIN cases c ON c.case_number = 'S-' || lpad(x.g::text, 6, '0')`,
    [JSON.stringify(rows.map((r) => ({ g: r.g, name: r.name })))],
  );
  // 人社局 leads every fifth case: its staff read those, wherever they lie.
  await db.query(
    `INSERT INTO case_assignments (case_id, unit_id, role, status)
     SELECT c.id, (SELECT id FROM org_units WHERE path = 'c.rsj'), 'lead', 'handling'
       FROM cases c WHERE substr(c.case_number, 3)::int % 5 = 0`,
  );
});
afterAll(() => db.close());

const ORDER: Record<CaseListSort, string> = {
  "-receivedAt": "c.received_at DESC, c.id",
  receivedAt: "c.received_at ASC, c.id",
  "-headcount": "c.headcount DESC, c.received_at DESC, c.id",
  headcount: "c.headcount ASC, c.received_at DESC, c.id",
};

/**
 * The list as it was: every visible case under the filters and the keyword condition, in order —
 * with the search page's rule for bigrams (`gramBelow`): a query with Han characters and words is
 * matched by its words alone when they find at least `gramBelow` readable cases under the filters.
 */
async function listedBefore(actor: Actor, f: TCaseListQuery, gramBelow = GRAM_BELOW): Promise<string[]> {
  const k = parseKeyword(f.q ?? "", await loadSynonyms(db), actor);
  const run = async (withGrams: boolean) => {
    const p = new SqlParams();
    const where = [
      ...listConditions(actor, { ...f, q: undefined }, p),
      keywordCondition(k, p, "c", withGrams),
    ];
    const { rows } = await db.query<{ n: string }>(
      `SELECT c.case_number AS n FROM cases c WHERE ${where.join(" AND ")} ORDER BY ${ORDER[f.sort ?? "-receivedAt"]}`,
      p.values,
    );
    return rows.map((r) => r.n);
  };
  const hasGrams = k.clauses.some((c) => c.grams);
  if (!hasGrams || !k.words) return run(true);
  const words = await run(false);
  if (words.length >= gramBelow) {
    wordsOnly.add(f.q ?? "");
    return words;
  }
  return run(true);
}
/** Queries whose bigrams were left out by the rule above (the tests check the rule was met). */
const wordsOnly = new Set<string>();

/** The kinds of statement a list ran, from their text. */
function kindOf(sql: string): string {
  if (sql.includes("TABLESAMPLE")) return "sample";
  if (sql.includes("SELECT id, headcount, received_at FROM cases")) return "headcount walk";
  if (sql.includes("ORDER BY x.headcount")) return "headcount";
  if (sql.includes("OFFSET 0")) return "word index";
  if (sql.includes("FROM (SELECT * FROM case_search ORDER BY")) return "walk";
  if (sql.includes(`LIMIT ${CAP + 1})`)) return "count";
  if (sql.includes("m AS MATERIALIZED")) return "one pass";
  if (sql.includes("ORDER BY c.headcount")) return "headcount";
  return "other";
}

/** The database, recording the kinds of statement run through it. */
const recording = (log: string[]) => recordingDb(db, (sql) => log.push(kindOf(sql)));

const CAP = 30;
const USERS = ["reg", "bleader", "town1", "village1", "rsj", "gaj"] as const;
const QUERIES = [
  "护栏",
  "石膏矿",
  "旧矿井",
  "晒谷场",
  "护栏 石膏矿",
  "谷场",
  "渗水 农田",
  "欠薪",
  "柳树湾",
  "王建国",
  "S-000042",
  "0044",
  "李秀英",
  "树湾村 护栏",
  "工资",
];
/** The bigrams are read when the words find fewer readable cases than this (GRAM_BELOW, shrunk). */
const GB = 10;
const FILTERS: Record<string, string>[] = [
  {},
  { channel: "visit" },
  { isCollective: "true" },
  { regionCode: "990001002" },
  { from: "2025-01-10", to: "2025-02-20" },
  { nature: "accusation" },
];
const SORTS: CaseListSort[] = ["-receivedAt", "receivedAt", "-headcount", "headcount"];
/** Sample sizes (pages) and certainty: the whole table (exact rule), and a few pages. */
const SAMPLES = [
  { samplePages: 1_000_000, sureSampled: 20 },
  { samplePages: 1, sureSampled: 5 },
  { samplePages: 3, sureSampled: 1_000 },
  { samplePages: 2, sureSampled: 5 },
];

describe("the case list's keyword box through the search index", () => {
  let actors: Record<(typeof USERS)[number], Actor>;
  beforeAll(async () => {
    // As a session sees them: the area is the nearest county, township or village above the unit.
    const areaOf = async (path: string) =>
      (
        await db.query<{ path: string }>(
          `SELECT a.path FROM org_units a WHERE a.kind IN ('county', 'township', 'village', 'group')
              AND ($1 = a.path OR starts_with($1, a.path || '.')) ORDER BY length(a.path) DESC LIMIT 1`,
          [path],
        )
      ).rows[0]!.path;
    actors = Object.fromEntries(
      await Promise.all(
        USERS.map(async (u) => {
          const a = await actorFor(db, u);
          return [u, { ...a, areaPath: await areaOf(a.unitPath) }] as const;
        }),
      ),
    ) as typeof actors;
    expect(actors.town1.areaPath).toBe("c.t1");
  });

  it(
    "lists the same cases in the same order as the keyword condition, for every role, filter, sort and page",
    async () => {
      const paths = new Set<string>();
      let uncounted = 0;
      let compared = 0;
      let nonEmpty = 0;
      let i = 0;
      for (const [u, user] of USERS.entries()) {
        for (const [n, q] of QUERIES.entries()) {
          // Quick runs give each keyword to every other user (alternating) with one combination of
          // filter, sort, page and sample, turning through all of them; deep runs take every one.
          if (!DEEP && (u + n) % 2 === 1) continue;
          const combos = DEEP
            ? FILTERS.flatMap((fl) => SORTS.flatMap((sort) => SAMPLES.map((s) => ({ fl, sort, s }))))
            : [
                {
                  fl: FILTERS[i % FILTERS.length]!,
                  sort: SORTS[i % SORTS.length]!,
                  s: SAMPLES[i % SAMPLES.length]!,
                },
              ];
          i++;
          // The list as it was does not depend on the sample: one query for every sample of a filter and sort.
          const before = new Map<string, string[]>();
          for (const { fl, sort, s } of combos) {
            const page = 1 + (i % 3);
            const f = ZCaseListQuery.parse({ q, page, pageSize: 7, sort, ...fl });
            const key = JSON.stringify([fl, sort, page]);
            const all = before.get(key) ?? (await listedBefore(actors[user], f, GB));
            before.set(key, all);
            const log: string[] = [];
            const r = await listCases(recording(log), actors[user], f, new Date(), {
              countCap: CAP,
              gramBelow: GB,
              ...s,
            });
            const label = `${user} 「${q}」 ${JSON.stringify(fl)} ${sort} page ${page} ${JSON.stringify(s)}`;
            expect(
              r.rows.map((x) => x.case_number),
              label,
            ).toEqual(all.slice((page - 1) * 7, page * 7));
            if (r.totalIsExact) expect(r.total, label).toBe(all.length);
            else {
              expect(r.total, label).toBe(CAP);
              expect(all.length, label).toBeGreaterThan(CAP);
              uncounted++;
            }
            compared++;
            if (all.length > 0) nonEmpty++;
            for (const k of log) paths.add(k);
          }
        }
      }
      expect(compared).toBeGreaterThanOrEqual((USERS.length * QUERIES.length) / 2);
      expect(nonEmpty).toBeGreaterThan(compared / 3);
      expect(uncounted).toBeGreaterThan(0);
      expect(wordsOnly.size).toBeGreaterThan(0);
      // Every way of finding the page was taken at least once.
      for (const k of ["sample", "one pass", "count", "walk", "headcount walk", "headcount"])
        expect([...paths], k).toContain(k);
      // The deep run compares 8,640 pages: about 80 s alone, and several times that on a loaded machine.
    },
    sized(1_200_000, 180_000),
  );

  it("never shows a township another township's cases, its confidential cases or those accusing it", async () => {
    for (const q of ["护栏", "旧矿井 农田", "王建国", "S-000043", "0043", "柳树湾村"]) {
      for (const s of SAMPLES.slice(0, 2)) {
        for (const page of [1, 2, 3]) {
          const f = ZCaseListQuery.parse({ q, page, pageSize: 20 });
          const r = await listCases(db, actors.town1, f, new Date(), { countCap: CAP, ...s });
          for (const row of r.rows) {
            expect(row.region_path === "c.t1" || row.region_path.startsWith("c.t1."), row.case_number).toBe(
              true,
            );
            expect(row.is_confidential, row.case_number).toBe(false);
            expect(row.accused_path, row.case_number).toBeNull();
          }
        }
      }
    }
    // S-000043 lies in 乙乡 (43 % 3 = 1): found by the county, not by 甲镇 — not even in the count.
    const one = (actor: Actor, q: string) => listCases(db, actor, ZCaseListQuery.parse({ q }), new Date());
    expect((await one(actors.reg, "S-000043")).rows.map((x) => x.case_number)).toEqual(["S-000043"]);
    expect(await one(actors.town1, "S-000043")).toEqual({ rows: [], total: 0, totalIsExact: true });
    expect((await one(actors.town1, "0043")).total).toBe(0);
    // A name is looked up only for the roles that may see names: the bureau's leader gets no case
    // by 李秀英 (the name is in no petition's text), the registrar gets all 80.
    expect((await one(actors.reg, "李秀英")).total).toBe(80);
    expect(await one(actors.bleader, "李秀英")).toEqual({ rows: [], total: 0, totalIsExact: true });
  });

  it("says 'more than' instead of counting, and gives the same pages on every run", async () => {
    const f = (page: number, sort: CaseListSort) =>
      ZCaseListQuery.parse({ q: "护栏", page, pageSize: 25, sort });
    for (const sort of DEEP ? SORTS : (["-receivedAt", "headcount"] as const)) {
      const runs: string[][][] = [];
      for (let run = 0; run < 2; run++) {
        const pages: string[][] = [];
        for (let page = 1; page <= 8; page++) {
          const r = await listCases(db, actors.reg, f(page, sort), new Date(), {
            countCap: 100,
            samplePages: 1,
            sureSampled: 5,
          });
          expect({ total: r.total, exact: r.totalIsExact }, `${sort} page ${page}`).toEqual({
            total: 100,
            exact: false,
          });
          pages.push(r.rows.map((x) => x.case_number));
        }
        runs.push(pages);
      }
      expect(runs[1], sort).toEqual(runs[0]);
      // The pages follow each other: no case twice, none left out (180 cases mention 护栏).
      const listed = runs[0]!.flat();
      expect(listed, sort).toEqual(await listedBefore(actors.reg, f(1, sort)));
    }
    // With the real cap the 180 are counted exactly.
    const r = await listCases(db, actors.reg, ZCaseListQuery.parse({ q: "护栏" }), new Date());
    expect({ total: r.total, exact: r.totalIsExact }).toEqual({ total: 180, exact: true });
  });

  it("reads the bigrams as the search page does: only when the words find fewer than the threshold", async () => {
    // 工资 is a word in 21 petitions (拖欠工资) and only a pair of characters in 22 more (打工资金).
    const f = ZCaseListQuery.parse({ q: "工资", pageSize: 100 });
    const list = async (gramBelow: number) =>
      (await listCases(db, actors.reg, f, new Date(), { gramBelow })).total;
    const condition = async (withGrams: boolean) => {
      const p = new SqlParams();
      const k = parseKeyword("工资", await loadSynonyms(db), actors.reg);
      const where = [
        ...listConditions(actors.reg, { ...f, q: undefined }, p),
        keywordCondition(k, p, "c", withGrams),
      ];
      return (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM cases c WHERE ${where.join(" AND ")}`,
          p.values,
        )
      ).rows[0]!.n;
    };
    expect([await condition(false), await condition(true)]).toEqual([21, 43]);
    expect(await list(GRAM_BELOW)).toBe(43); // 21 < 100: the bigrams are read
    expect(await list(22)).toBe(43);
    expect(await list(21)).toBe(21); // the words alone reach the threshold: bigram-only cases are left out
    // The search page says the same.
    const search = await searchCases(db, actors.reg, f);
    expect(search.total).toBe(43);
  });

  it("finds the newest matches of a word frequent only in old cases through the word index", async () => {
    // 80 old cases match: a sample that holds some sends the list walking from the newest cases,
    // which hold none: the walk stops at its bound and the word index answers, with the same page.
    const fellBack: number[] = [];
    for (const samplePages of [1, 2, 3, 4, 5, 6]) {
      const f = ZCaseListQuery.parse({ q: "旧矿井", page: 2, pageSize: 8 });
      const log: string[] = [];
      const r = await listCases(recording(log), actors.reg, f, new Date(), {
        countCap: CAP,
        gramBelow: GB,
        samplePages,
        sureSampled: 5,
      });
      expect({ total: r.total, exact: r.totalIsExact }).toEqual({ total: CAP, exact: false });
      expect(r.rows.map((x) => x.case_number)).toEqual((await listedBefore(actors.reg, f, GB)).slice(8, 16));
      if (log.includes("walk") && log.includes("word index")) fellBack.push(samplePages);
      if (fellBack.length > 0 && !DEEP) break;
    }
    expect(fellBack.length).toBeGreaterThan(0);
  });

  it("reorders the list by headcount when a case's headcount is corrected after registration", async () => {
    const { rows: hit } = await db.query<{ id: string; case_number: string; headcount: number }>(
      `SELECT c.id, c.case_number, c.headcount FROM cases c JOIN case_search s ON s.id = c.id
        WHERE s.tsv @@ to_tsquery('simple', '护栏') ORDER BY c.received_at, c.id LIMIT 1`,
    );
    const oldest = hit[0]!;
    const list = async (sort: CaseListSort, page: number, s: (typeof SAMPLES)[number], log: string[]) => {
      const f = ZCaseListQuery.parse({ q: "护栏", page, pageSize: 7, sort });
      const r = await listCases(recording(log), actors.reg, f, new Date(), { countCap: CAP, ...s });
      expect(r.rows.map((x) => x.case_number)).toEqual(
        (await listedBefore(actors.reg, f, GB)).slice((page - 1) * 7, page * 7),
      );
      return r.rows.map((x) => x.case_number);
    };
    const walkSample = { samplePages: 1_000_000, sureSampled: 20 };
    const before = await list("-headcount", 1, walkSample, []);
    expect(before[0]).not.toBe(oldest.case_number);
    const top = before[0]!;
    const { rows: topRow } = await db.query<{ headcount: number }>(
      "SELECT headcount FROM cases WHERE case_number = $1",
      [top],
    );
    expect(topRow[0]!.headcount).toBeGreaterThan(1);
    await db.query("UPDATE cases SET headcount = 99 WHERE id = $1", [oldest.id]);
    await db.query("UPDATE cases SET headcount = 1 WHERE case_number = $1", [top]);
    try {
      // The side table's copy follows (the word index's way sorts by it, the walk by `cases`).
      const { rows: side } = await db.query<{ h: number }>(
        "SELECT headcount AS h FROM case_search WHERE id = $1",
        [oldest.id],
      );
      expect(side[0]!.h).toBe(99);
      const log: string[] = [];
      for (const s of SAMPLES.slice(0, 2)) {
        const first = await list("-headcount", 1, s, log);
        expect(first[0]).toBe(oldest.case_number);
        expect(first).not.toContain(top);
        // Headcount ascending: the corrected case is the last of all 180 matches.
        const last = await list("headcount", Math.ceil(180 / 7), s, log);
        expect(last.at(-1)).toBe(oldest.case_number);
      }
      // The first page walks the headcount index; the last one, deeper than the walk's bound, takes
      // the word index.
      expect(log).toContain("headcount walk");
      expect(log).toContain("headcount");
    } finally {
      await db.query("UPDATE cases SET headcount = $2 WHERE id = $1", [oldest.id, oldest.headcount]);
      await db.query("UPDATE cases SET headcount = $2 WHERE case_number = $1", [top, topRow[0]!.headcount]);
    }
  });

  it("walks the headcount index only when the sample's headcounts say the walk finds the page", async () => {
    // Most cases have headcount 1; 晒谷场 (every 19th case) has none above 2, 护栏 (three in four)
    // is everywhere. Sorted most first, the whole-table sample sees that 晒谷场's walk would read
    // every larger headcount first: the word index answers at once; 护栏's walk finds its page.
    const paths = async (q: string, sort: CaseListSort) => {
      const log: string[] = [];
      for (const page of [1, 2]) {
        const f = ZCaseListQuery.parse({ q, page, pageSize: 4, sort });
        const r = await listCases(recording(log), actors.reg, f, new Date(), {
          countCap: 5,
          gramBelow: GB,
          samplePages: 1_000_000,
          sureSampled: 20,
        });
        expect({ total: r.total, exact: r.totalIsExact }, `${q} ${sort}`).toEqual({ total: 5, exact: false });
        expect(
          r.rows.map((x) => x.case_number),
          `${q} ${sort} page ${page}`,
        ).toEqual((await listedBefore(actors.reg, f, GB)).slice((page - 1) * 4, page * 4));
      }
      return log;
    };
    const { rows } = await db.query<{ h: number }>(
      `SELECT max(s.headcount) AS h FROM case_search s WHERE s.tsv @@ to_tsquery('simple', '晒谷场')`,
    );
    expect(rows[0]!.h).toBeLessThanOrEqual(2);
    const rare = await paths("晒谷场", "-headcount");
    expect(rare).toContain("headcount");
    expect(rare).not.toContain("headcount walk");
    const common = await paths("护栏", "-headcount");
    expect(common).toContain("headcount walk");
    expect(common).not.toContain("headcount");
    // Fewest first, 护栏's matches of headcount 1 come first: walked too.
    expect(await paths("护栏", "headcount")).toContain("headcount walk");
  });

  it("keeps the database's settings and works inside a caller's transaction", async () => {
    const jit = async () =>
      (await db.query<{ jit: string }>("SELECT current_setting('jit') AS jit")).rows[0]!.jit;
    const was = await jit();
    await listCases(db, actors.reg, ZCaseListQuery.parse({ q: "护栏" }), new Date(), { countCap: CAP });
    expect(await jit()).toBe(was);
    const inTx = await db.transaction((tx) =>
      listCases(tx, actors.reg, ZCaseListQuery.parse({ q: "晒谷场" }), new Date(), { countCap: CAP }),
    );
    expect(inTx.total).toBe(12);
  });
});

describe("the case list's keyword box on a bureau with no cases yet", () => {
  it("answers every kind of keyword with an empty, exactly counted list", async () => {
    const empty = await openTestDb();
    try {
      await makeNetwork(empty);
      for (const user of ["reg", "town1", "rsj"] as const) {
        const actor = await actorFor(empty, user);
        for (const q of ["护栏", "拖欠工资 护栏", "S-000042", "0042", "王建国"])
          for (const sort of SORTS) {
            const r = await listCases(empty, actor, ZCaseListQuery.parse({ q, sort }), new Date());
            expect(
              { rows: r.rows.length, total: r.total, exact: r.totalIsExact },
              `${user} ${q} ${sort}`,
            ).toEqual({
              rows: 0,
              total: 0,
              exact: true,
            });
          }
      }
    } finally {
      await empty.close();
    }
  });
});
