import type { CaseListSort, TCaseListQuery } from "../../domain/schemas/case.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db, Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { type ResolvedFieldFilter, resolveFieldFilters } from "../fields/filters.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { CASE_COLUMNS, CASE_FROM, type CaseRow, listConditions } from "../queries/cases.ts";
import {
  areaTermSql,
  directHitsSql,
  isMatchable,
  type KeywordQuery,
  parseKeyword,
  textMatchSql,
} from "./keyword.ts";
import { loadSynonyms } from "./synonyms.ts";

export interface PersonFilter {
  /** Exact petitioner name. */
  name?: string;
  /** Blind indexes (HMAC) of an ID number or a phone number: exact match only. */
  idNumberBidx?: string;
  phoneBidx?: string;
}

export interface SearchResult {
  rows: (CaseRow & { rank: number })[];
  /** Matching cases the actor may read; capped at `countCap` (then `totalIsExact` is false). */
  total: number;
  totalIsExact: boolean;
  /** Words and word parts to highlight. */
  terms: string[];
}

/**
 * Counting stops here: beyond it the list says "more than 1,000" (`totalIsExact: false`). The count
 * goes through the jurisdiction condition, so a capped count is still only of readable cases. A
 * query whose fixed sample already shows many times more readable matches is not counted at all
 * (SURE_SAMPLED below): it has more than COUNT_CAP.
 */
export const COUNT_CAP = 1_000;
/**
 * When more than COUNT_CAP cases match, only the newest RANK_CAP matches are ranked: for a common
 * word the newest matches are what a registrar looks for, and they are found by reading the date
 * index newest first and checking each row's words, which stops after RANK_CAP readable matches
 * (or, when the sample says that is dearer, through the word index). When at most COUNT_CAP
 * match, all of them are ranked (the word index finds them directly).
 */
export const RANK_CAP = 200;

/**
 * The caps; tests lower them to exercise the "more than N" path on a few cases, and the sample's
 * size (SAMPLE_PAGES) and certainty (SURE_SAMPLED) to take the paths of a large table on a small one.
 */
export interface SearchCaps {
  countCap?: number;
  rankCap?: number;
  gramBelow?: number;
  samplePages?: number;
  sureSampled?: number;
}

/**
 * The bigrams of a query are searched only when its words find fewer readable cases than this
 * (docs/SEARCH.md: a common word's bigrams have long lists, and what they add ranks after the
 * word matches anyway).
 */
export const GRAM_BELOW = 100;

/** Person filters read case_petitioners; each narrows the search to the cases of that person. */
function personConditions(person: PersonFilter, p: SqlParams, c: string): string[] {
  const where: string[] = [];
  if (person.name) {
    where.push(`${c}.id IN (SELECT case_id FROM case_petitioners WHERE name = ${p.add(person.name)})`);
  }
  if (person.idNumberBidx) {
    where.push(
      `${c}.id IN (SELECT case_id FROM case_petitioners WHERE id_number_bidx = ${p.add(person.idNumberBidx)})`,
    );
  }
  if (person.phoneBidx) {
    where.push(
      `${c}.id IN (SELECT case_id FROM case_petitioners WHERE phone_bidx = ${p.add(person.phoneBidx)})`,
    );
  }
  return where;
}

/**
 * Full-text search over the cases the actor may read, with every list filter, ranked by
 * ts_rank_cd and then by date. Without query words the newest cases come first. The count goes
 * through the same condition as the rows, so it never counts a case the actor cannot open.
 *
 * Words are matched in the narrow side table `case_search` (alias s: key, date, the paths the
 * visibility condition reads, tsvector in line), never on the wide `cases` rows; `cases` is joined
 * only when a list filter needs its other columns, and read for the one page shown.
 */
export async function searchCases(
  q: Queryable,
  actor: Actor,
  f: TCaseListQuery,
  person: PersonFilter = {},
  caps: SearchCaps = {},
): Promise<SearchResult> {
  const countCap = caps.countCap ?? COUNT_CAP;
  const rankCap = caps.rankCap ?? RANK_CAP;
  const gramBelow = caps.gramBelow ?? GRAM_BELOW;
  const k = f.q ? parseKeyword(f.q, await loadSynonyms(q), actor) : null;
  const terms = k?.terms ?? [];
  if (k && !isMatchable(k)) return { rows: [], total: 0, totalIsExact: true, terms };
  // Category-field filters (docs/FIELDS.md) are checked against the actor's field definitions first.
  const fields = await resolveFieldFilters(q, actor, f.fieldFilter);
  if (!k) return listNewest(q, actor, f, person, terms, countCap, fields);

  const sample = { pages: caps.samplePages ?? SAMPLE_PAGES, sure: caps.sureSampled ?? SURE_SAMPLED };
  return inSearchTransaction(q, (tx) =>
    rankedMatches(tx, { actor, f, k, person, fields }, { countCap, rankCap, gramBelow }, sample),
  );
}

/**
 * The statements of one search in one transaction (one snapshot for the count and the page) without
 * JIT: a search statement's estimated cost often crosses `jit_above_cost` because of the
 * visibility condition's subplans, and compiling took longer than the statement runs (a
 * township's newest-first walk at 1,000,000 cases: 16–21 ms with JIT, 4–9 ms without). On a
 * plain Queryable (an open transaction) the statements run as they are.
 */
async function inSearchTransaction<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const db = q as Partial<Db>;
  if (typeof db.transaction !== "function") return fn(q);
  return db.transaction(async (tx) => {
    await tx.exec("SET LOCAL jit = off");
    return fn(tx);
  });
}

/** What one keyword query is about: who asks, the list's filters, the keyword read, the person. */
interface KeywordInput {
  actor: Actor;
  f: TCaseListQuery;
  k: KeywordQuery;
  person: PersonFilter;
  /** Category-field filters, resolved against the actor's field definitions. */
  fields: ResolvedFieldFilter[] | undefined;
}

/** One statement's parts: its parameters, the jurisdiction and filters (`cond`), and the match. */
interface Statement {
  p: SqlParams;
  withGrams: boolean;
  cond: string;
  match: string;
}

/**
 * What every statement of one keyword query shares (the search page's and the case list's):
 *
 * - the cases a number or a name points to, found first and apart (two index probes): most
 *   queries have none, and then the match is the word index alone, without an OR;
 * - `from`: the side table, joined to `cases` only when a list filter needs its other columns
 *   (`joinsCases` says which);
 * - `statement`: one statement's conditions with its own parameters — jurisdiction on the side
 *   table itself (same columns, kept equal by the trigger), the list filters, the person, and the
 *   match: words or bigrams (withGrams), or words alone, or the case found by its number or name.
 */
async function matchPlan(
  q: Queryable,
  { actor, f, k, person, fields }: KeywordInput,
  opts: { asOf?: Date } = {},
) {
  const probe = new SqlParams();
  const directSql = directHitsSql(k, probe);
  const directIds = directSql
    ? (await q.query<{ ids: string[] }>(`SELECT ${directSql}::text[] AS ids`, probe.values)).rows[0]!.ids
    : [];
  const directIn = (p: SqlParams, col: string) =>
    directIds.length > 0 ? `${col} = ANY(${p.add(directIds)}::uuid[])` : null;
  const filters = { ...f, q: undefined };
  const hasFilters = listConditions(actor, filters, new SqlParams(), opts.asOf, fields).length > 1;
  const from = hasFilters ? "case_search s JOIN cases c ON c.id = s.id" : "case_search s";
  const statement = (withGrams: boolean, p = new SqlParams()): Statement => {
    const where = [visibleCasesCondition(actor, p, "s")];
    if (hasFilters) where.push(...listConditions(actor, filters, p, opts.asOf, fields));
    where.push(...personConditions(person, p, "s"));
    const text = textMatchSql(k, p, "s", withGrams);
    const match = [text, directIn(p, "s.id")].filter(Boolean).join(" OR ") || "false";
    // The actor's area in the words' index: implied by the visibility condition, so it changes no
    // answer; a township's search then visits its own matches only (also in the sample below).
    const area = areaTermSql(actor, p, "s");
    return {
      p,
      withGrams,
      cond: where.join(" AND "),
      match: area ? `((${match}) AND ${area})` : `(${match})`,
    };
  };
  return { directIn, from, joinsCases: hasFilters, statement };
}

async function rankedMatches(
  q: Queryable,
  input: KeywordInput,
  caps: { countCap: number; rankCap: number; gramBelow: number },
  sample: { pages: number; sure: number },
): Promise<SearchResult> {
  const { f, k } = input;
  const { countCap, rankCap, gramBelow } = caps;
  const terms = k.terms;
  const { directIn, from, statement } = await matchPlan(q, input);
  /**
   * Case number or name first, then word matches by ts_rank_cd, then bigram-only matches; a single
   * number (2 + …, 1 + …, 0) so the client can show it. On the row alias `w` (id, tsv).
   */
  const rankSql = (p: SqlParams) => {
    const direct = directIn(p, "w.id") ?? "false";
    const wordsQ = k.words ? `to_tsquery('simple', ${p.add(k.words)})` : null;
    const r = wordsQ ? `ts_rank_cd(w.tsv, ${wordsQ}, 1)` : "0";
    return `(CASE WHEN ${direct} THEN 2
                  WHEN ${wordsQ ? `w.tsv @@ ${wordsQ}` : "false"} THEN 1 ELSE 0 END + ${r} / (1 + ${r}))::real`;
  };
  /**
   * One statement for the candidates and how many there are (`ctes`: `w` with id, received_at,
   * tsv, and `t` with n; `candidatesOf` makes them from one select), and — when `keep` holds for
   * that number — the keys and ranks of one page of them. Ranks are computed for the kept
   * candidates only (`keep` is evaluated once, before them).
   */
  const page = async (ctes: string, keep: (n: string) => string, p: SqlParams) => {
    const rank = rankSql(p);
    const limit = p.add(f.pageSize);
    const off = p.add((f.page - 1) * f.pageSize);
    const { rows } = await q.query<{ n: number; id: string | null; rank: number | null }>(
      `WITH ${ctes},
            page AS (SELECT w.id, ${rank} AS rank, w.received_at FROM w WHERE ${keep("(SELECT n FROM t)")}
                      ORDER BY rank DESC, received_at DESC, id LIMIT ${limit} OFFSET ${off})
       SELECT t.n, page.id, page.rank FROM t LEFT JOIN page ON true
        ORDER BY page.rank DESC, page.received_at DESC, page.id`,
      p.values,
    );
    const hits = rows.filter((r): r is { n: number; id: string; rank: number } => r.id !== null);
    return { n: rows[0]?.n ?? 0, hits };
  };
  /**
   * The cases' columns for one page, in its order: a statement whose text never changes, so a
   * prepared statement keeps its plan instead of planning the wide select list every time.
   */
  const fetch = async (hits: { id: string; rank: number }[]) => {
    if (hits.length === 0) return [];
    const { rows } = await q.query<CaseRow & { rank: number }>(
      `SELECT ${CASE_COLUMNS}, x.rank ${CASE_FROM}
         JOIN unnest($1::uuid[], $2::real[]) WITH ORDINALITY AS x(id, rank, ord) ON x.id = c.id
        ORDER BY x.ord`,
      [hits.map((h) => h.id), hits.map((h) => h.rank)],
    );
    return rows;
  };
  /**
   * Every match in one pass, keys and dates only: the exact count, and the candidates to rank —
   * all of them when there are at most countCap, else the newest rankCap (read again by key, with
   * their words). One visit per match, as a count alone would cost; used when the sample does not
   * show many more than countCap.
   */
  const allMatches = (st: Statement) =>
    page(
      `m AS MATERIALIZED (SELECT s.id, s.received_at FROM ${from} WHERE ${st.match} AND ${st.cond}),
       t AS (SELECT count(*)::int AS n FROM m),
       w AS (SELECT s.id, s.received_at, s.tsv FROM case_search s
              WHERE s.id = ANY(ARRAY(SELECT m.id FROM m ORDER BY m.received_at DESC, m.id
                LIMIT (SELECT CASE WHEN n <= ${countCap} THEN n ELSE ${rankCap} END FROM t))))`,
      () => "true",
      st.p,
    );
  /** Up to countCap + 1 matches: the count, and the page when there are at most countCap. */
  const rankAll = (st: Statement) =>
    page(
      candidatesOf(
        `SELECT s.id, s.received_at, s.tsv FROM ${from} WHERE ${st.match} AND ${st.cond} LIMIT ${countCap + 1}`,
      ),
      (n) => `${n} <= ${countCap}`,
      st.p,
    );
  const newest = (est: SampleEstimate) => newestMatches(est, rankCap, from, () => statement(withGrams), page);

  // Bigram-only matches rank after word matches. The bigrams are searched only when the words
  // alone find fewer than gramBelow readable cases: a clerk who typed a word jieba knows and finds
  // many cases by it has the cases it names; a name jieba cuts across finds few or none by its
  // words, and then its bigrams (in their own table and index) are searched too.
  const hasGrams = k.clauses.some((c) => c.grams);
  let withGrams = hasGrams && !k.words;
  // A case number's digits are rare as words: counted in one pass, without sampling first.
  const est = k.caseNumber ? WHOLE : await sampleMatches(q, from, statement(withGrams), rankCap, sample);
  if (sampleJudges(f) && est.surelyMore(hasGrams && k.words ? Math.max(countCap, gramBelow - 1) : countCap)) {
    // Surely more than countCap: not counted, and only the newest rankCap readable matches are
    // ranked (docs/SEARCH.md).
    return { rows: await fetch(await newest(est)), total: countCap, totalIsExact: false, terms };
  }
  // Counted. In one pass over every match when that visits fewer rows than counting up to the cap
  // and then finding the newest (the sample's estimate; always for a table read whole).
  if (est.whole || est.matchRows <= countCap + 1 + est.newestCost) {
    let all = await allMatches(statement(withGrams));
    if (hasGrams && k.words && all.n < gramBelow) {
      withGrams = true;
      all = await allMatches(statement(true));
    }
    return {
      rows: await fetch(all.hits),
      total: Math.min(all.n, countCap),
      totalIsExact: all.n <= countCap,
      terms,
    };
  }
  const counted = await rankAll(statement(withGrams));
  if (hasGrams && k.words && counted.n < gramBelow) {
    withGrams = true;
    const all = await allMatches(statement(true));
    return {
      rows: await fetch(all.hits),
      total: Math.min(all.n, countCap),
      totalIsExact: all.n <= countCap,
      terms,
    };
  }
  if (counted.n <= countCap)
    return { rows: await fetch(counted.hits), total: counted.n, totalIsExact: true, terms };
  return { rows: await fetch(await newest(est)), total: countCap, totalIsExact: false, terms };
}

/** One page of the case list under a keyword (`listByKeyword`). */
export interface KeywordListPage {
  rows: CaseRow[];
  /** Matching cases the actor may read; capped at `countCap` (then `totalIsExact` is false). */
  total: number;
  totalIsExact: boolean;
}

/**
 * The case list's orders on a row of matches `x` (id, received_at, and headcount when the sort
 * needs it): the same as the list without a keyword (server/queries/case-list.ts), ties by key.
 */
const LIST_ORDER: Record<CaseListSort, (x: string, h?: string) => string> = {
  "-receivedAt": (x) => `${x}.received_at DESC, ${x}.id`,
  receivedAt: (x) => `${x}.received_at ASC, ${x}.id`,
  "-headcount": (x, h = x) => `${h}.headcount DESC, ${x}.received_at DESC, ${x}.id`,
  headcount: (x, h = x) => `${h}.headcount ASC, ${x}.received_at DESC, ${x}.id`,
};

/**
 * The case list's keyword box (`GET /api/cases?q=`): the cases of the list's keyword condition
 * (`keywordCondition`: words or bigrams, synonyms, case number, name for the roles that may see
 * names; every list filter and the jurisdiction), in the list's own order and pages, found the
 * way the search page finds them — and, like it, reading the bigrams only when the words find
 * fewer than `gramBelow` readable cases under the filters (a case holding a common word only
 * across jieba's word boundaries is then not listed: docs/SEARCH.md):
 *
 * - the fixed sample first: a query that surely has more than `countCap` readable matches is not
 *   counted (`total` countCap, `totalIsExact: false`: "more than 1,000");
 * - otherwise counted in one pass over every match, or up to countCap + 1, whichever the sample
 *   says visits fewer rows (a case number in one pass, without sampling);
 * - the page of a query with more than countCap matches: by date (the list's default, newest or
 *   oldest first) the first `page × pageSize` matches in date order, by the bounded walk of the
 *   date index or through the word index (`newestMatches`); by headcount the same way on an index
 *   of `cases` in that order (headcount, date, key), stopping at the page's last match and
 *   bounded, when the sample's headcounts say it finds the page, or through the word index, every
 *   match visited in the side table (its headcount beside the words) and sorted;
 * - one transaction without JIT, the number and name probes in index order.
 */
export async function listByKeyword(
  q: Queryable,
  actor: Actor,
  f: TCaseListQuery & { q: string },
  asOf = new Date(),
  caps: SearchCaps = {},
): Promise<KeywordListPage> {
  const countCap = caps.countCap ?? COUNT_CAP;
  const gramBelow = caps.gramBelow ?? GRAM_BELOW;
  const fields = await resolveFieldFilters(q, actor, f.fieldFilter);
  const k = parseKeyword(f.q, await loadSynonyms(q), actor);
  if (!isMatchable(k)) return { rows: [], total: 0, totalIsExact: true };
  const sample = { pages: caps.samplePages ?? SAMPLE_PAGES, sure: caps.sureSampled ?? SURE_SAMPLED };
  return inSearchTransaction(q, (tx) =>
    listedMatches(tx, { actor, f, k, person: {}, fields }, asOf, { countCap, gramBelow }, sample),
  );
}

async function listedMatches(
  q: Queryable,
  input: KeywordInput,
  asOf: Date,
  caps: { countCap: number; gramBelow: number },
  sample: { pages: number; sure: number },
): Promise<KeywordListPage> {
  const { countCap, gramBelow } = caps;
  const { f, k } = input;
  const sort = f.sort ?? "-receivedAt";
  const byDate = sort === "-receivedAt" || sort === "receivedAt";
  const order = LIST_ORDER[sort];
  const { from, joinsCases: joined, statement } = await matchPlan(q, input, { asOf });
  // The headcount is in the side table (kept by the trigger on `cases`): no statement joins `cases`
  // for it.
  const cols = byDate ? "s.id, s.received_at" : "s.id, s.received_at, s.headcount";
  const dir = sort === "-headcount" ? "DESC" : "ASC";
  // The bigrams are read, as on the search page, only when the words find fewer than gramBelow
  // readable cases under the filters (or when a token has no word at all).
  const hasGrams = k.clauses.some((c) => c.grams);
  const withGrams = hasGrams && !k.words;
  const offset = (f.page - 1) * f.pageSize;
  const want = offset + f.pageSize;
  /** The count of `m` and one page of it in the list's order, in one statement. */
  const counted = async (ctes: string, p: SqlParams) => {
    const limit = p.add(f.pageSize);
    const off = p.add(offset);
    const { rows } = await q.query<{ n: number; ids: string[] }>(
      `WITH ${ctes}
       SELECT (SELECT count(*)::int FROM m) AS n,
              ARRAY(SELECT m.id FROM m ORDER BY ${order("m")} LIMIT ${limit} OFFSET ${off})::text[] AS ids`,
      p.values,
    );
    return { n: rows[0]!.n, hits: rows[0]!.ids };
  };
  const fetch = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const { rows } = await q.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} ${CASE_FROM}
         JOIN unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord) ON x.id = c.id
        ORDER BY x.ord`,
      [ids],
    );
    return rows;
  };
  /** The page of a query with more than countCap matches. */
  const pageOfMany = async (est: SampleEstimate): Promise<string[]> => {
    if (byDate) {
      // The candidates (`w`) are the first `want` matches in date order; the page is their tail.
      const run = (candidates: string, _keep: (n: string) => string, p: SqlParams) =>
        counted(`${candidates}, m AS (SELECT id, received_at FROM w)`, p);
      return newestMatches(est, want, from, () => statement(withGrams), run, sort === "receivedAt");
    }
    // Headcount: the index of the list's headcount order on `cases` (headcount, date, key) walked
    // and each case's words tested, bounded as the date walk is; the word index (every match
    // visited in the side table, its headcount beside it, and sorted) when the sample says the walk
    // would be dearer — a headcount without sampled matches is walked whole in its projection — or
    // when it stops at its bound short of the page.
    const { walkRows, matchRows } = est;
    if (Number.isFinite(walkRows) && walkRows / HEADCOUNT_WALK_ROWS_PER_MATCH <= matchRows) {
      const budget = Math.ceil(
        Math.min(HEADCOUNT_WALK_SPAN * walkRows, HEADCOUNT_WALK_ROWS_PER_MATCH * matchRows),
      );
      const st = statement(withGrams);
      const limit = st.p.add(want);
      // The index alone (key, headcount, date); the case's row only when a list filter reads it.
      // Ordered by the walked index's own columns (the side table's date and key are the same) and
      // each row looked up by key (LATERAL … OFFSET 0: a nested loop, never a hash join of every
      // word match), so that the walk stops at the page's last match instead of reading its whole
      // bound and sorting.
      const { rows } = await q.query<{ ids: string[] }>(
        `SELECT ARRAY(SELECT s.id
           FROM (SELECT id, headcount, received_at FROM cases
                  ORDER BY headcount ${dir}, received_at DESC, id LIMIT ${budget}) h
           CROSS JOIN LATERAL (SELECT * FROM case_search s WHERE s.id = h.id OFFSET 0) s
           ${joined ? "CROSS JOIN LATERAL (SELECT * FROM cases c WHERE c.id = h.id OFFSET 0) c" : ""}
          WHERE ${st.match} AND ${st.cond} ORDER BY ${order("h")} LIMIT ${limit})::text[] AS ids`,
        st.p.values,
      );
      const walked = rows[0]!.ids;
      if (walked.length >= want) return walked.slice(offset);
    }
    // OFFSET 0 keeps the planner from walking the headcount index itself.
    const st = statement(withGrams);
    const limit = st.p.add(f.pageSize);
    const off = st.p.add(offset);
    const { rows } = await q.query<{ ids: string[] }>(
      `SELECT ARRAY(SELECT x.id FROM (SELECT ${cols} FROM ${from}
                      WHERE ${st.match} AND ${st.cond} OFFSET 0) x
                     ORDER BY ${order("x")} LIMIT ${limit} OFFSET ${off})::text[] AS ids`,
      st.p.values,
    );
    return rows[0]!.ids;
  };

  /** Every match in one pass: the exact count, and the page. */
  const onePass = (withGrams: boolean) => {
    const st = statement(withGrams);
    return counted(`m AS MATERIALIZED (SELECT ${cols} FROM ${from} WHERE ${st.match} AND ${st.cond})`, st.p);
  };
  const exact = async (all: { n: number; hits: string[] }): Promise<KeywordListPage> => ({
    rows: await fetch(all.hits),
    total: Math.min(all.n, countCap),
    totalIsExact: all.n <= countCap,
  });

  const est = k.caseNumber
    ? WHOLE
    : await sampleMatches(q, from, statement(withGrams), want, sample, byDate ? undefined : dir);
  if (sampleJudges(f) && est.surelyMore(hasGrams && k.words ? Math.max(countCap, gramBelow - 1) : countCap)) {
    return { rows: await fetch(await pageOfMany(est)), total: countCap, totalIsExact: false };
  }
  if (est.whole || est.matchRows <= countCap + 1 + est.newestCost) {
    const all = await onePass(withGrams);
    return exact(hasGrams && k.words && all.n < gramBelow ? await onePass(true) : all);
  }
  // Up to countCap + 1 matches: the count, and the page when there are at most countCap.
  const st = statement(withGrams);
  const capped = await counted(
    `m AS MATERIALIZED (SELECT ${cols} FROM ${from} WHERE ${st.match} AND ${st.cond} LIMIT ${countCap + 1})`,
    st.p,
  );
  if (hasGrams && k.words && capped.n < gramBelow) return exact(await onePass(true));
  if (capped.n <= countCap) return { rows: await fetch(capped.hits), total: capped.n, totalIsExact: true };
  return { rows: await fetch(await pageOfMany(est)), total: countCap, totalIsExact: false };
}

/** The `w` and `t` of a ranked page (searchCases) from one select of candidates. */
const candidatesOf = (candidates: string) =>
  `w AS MATERIALIZED (${candidates}), t AS (SELECT count(*)::int AS n FROM w)`;

/**
 * Whether the sample may declare a query uncounted ("surely more than countCap"). Not under a date
 * range: the side table is filled in date order, so the matches of a range lie on neighbouring
 * pages, and a sampled page inside the range projects its density onto the whole table (a test
 * with a one-page sample listed 22 matches as "more than 30"). Such a query is counted (up to
 * countCap + 1); the sample still chooses the cheaper way of counting and of finding the page.
 */
const sampleJudges = (f: TCaseListQuery) => !f.from && !f.to;

/** Pages (≈ 9 rows each) a search samples to learn how dense its matches are. */
const SAMPLE_PAGES = 300;
/**
 * A search whose sample holds at least this many readable matches, projecting to more than
 * SURE_FACTOR × countCap, is not counted: it has more than countCap matches. At 1,000,000 cases the
 * sample reads ≈ 2,400 rows, so 20 sampled matches project to ≈ 8,000, and a query with 1,000
 * matches shows 2.4 of them on average: 20 is far out of reach even when matches come in runs of
 * a whole page (a collective petition registered case after case needs three sampled pages out
 * of ≈ 0.3 expected). Tables of up to SAMPLE_PAGES pages are read whole, and then the count is
 * exact (docs/SEARCH.md).
 */
const SURE_SAMPLED = 20;
const SURE_FACTOR = 3;

/**
 * A row the newest-first walk reads costs about this fraction of a match the word index visits:
 * the walk reads rows in date order, about nine to a page and the newest pages mostly in memory;
 * the matches of a word lie anywhere. Measured at 1,000,000 cases: 0.25 µs a walked row, 1.2–2.2
 * µs a visited match (both from shared buffers); 4 is on the safe side.
 */
const WALK_ROWS_PER_MATCH = 4;
/**
 * The same for the case list's walk of a headcount index on `cases`: each walked row is an index
 * entry and its side-table row by key (a random page), counted at half a match visit. Since the
 * headcount is in the side table (migration 20261209700100) the word index's visit no longer joins
 * `cases`, but the walk stops at the page's last match: counting a walked row at two match visits
 * instead chose the word index more often and was slower (township p95 103 vs 40–52 ms at
 * 1,000,000 cases, docs/SEARCH.md).
 */
const HEADCOUNT_WALK_ROWS_PER_MATCH = 2;
/**
 * How far past its estimate the headcount walk reads before the word index takes over: the
 * estimate follows the sample's headcounts (a headcount without sampled matches is walked whole),
 * but a headcount's few sampled matches can still mislead; never dearer than the word index.
 */
const HEADCOUNT_WALK_SPAN = 8;

interface SampleEstimate {
  sampled: number;
  matches: number;
  readable: number;
  /** Rows in the side table, projected from the sample. */
  rows: number;
  /** Whether the table was read whole (the figures are exact). */
  whole: boolean;
  /** Matches the word index would visit (readable or not), projected. */
  matchRows: number;
  /** Rows the newest-first walk would read to find rankCap readable matches (Infinity: none seen). */
  walkRows: number;
  /** What finding the newest rankCap costs the cheaper way, in matches visited. */
  newestCost: number;
  /** True when the readable matches are certainly more than `cap` (exact for a whole sample). */
  surelyMore(cap: number): boolean;
}

/** What a search that does not sample assumes: a table read whole, nothing seen (one pass). */
const WHOLE: SampleEstimate = {
  sampled: 0,
  matches: 0,
  readable: 0,
  rows: 0,
  whole: true,
  matchRows: 0,
  walkRows: Number.POSITIVE_INFINITY,
  newestCost: 0,
  surelyMore: () => false,
};

/**
 * A fixed sample of the side table's pages (TABLESAMPLE SYSTEM, REPEATABLE so the same data gives
 * the same plan): how many rows match, and how many of those the actor may read. The table's size
 * comes from its file, not from planner statistics (PGlite never runs ANALYZE); a table of at most
 * SAMPLE_PAGES pages is read whole.
 */
async function sampleMatches(
  q: Queryable,
  from: string,
  st: { p: SqlParams; match: string; cond: string },
  rankCap: number,
  size: { pages: number; sure: number },
  headcountOrder?: "ASC" | "DESC",
): Promise<SampleEstimate> {
  const pages = "greatest(1, pg_relation_size('case_search') / current_setting('block_size')::int)::float8";
  const sampleFrom = from.replace(
    "case_search s",
    `case_search s TABLESAMPLE SYSTEM ((SELECT least(100, ${100 * size.pages} / ${pages})::real)) REPEATABLE (7)`,
  );
  // Sorted by headcount, the sample is counted per headcount (in the list's order), for the walk.
  const group = headcountOrder ? `GROUP BY s.headcount ORDER BY s.headcount ${headcountOrder}` : "";
  const { rows: groups } = await q.query<{
    pages: number;
    sampled: number;
    matches: number;
    readable: number;
  }>(
    `SELECT (SELECT ${pages}) AS pages, count(*)::int AS sampled,
            count(*) FILTER (WHERE ${st.match})::int AS matches,
            count(*) FILTER (WHERE ${st.match} AND ${st.cond})::int AS readable
       FROM ${sampleFrom} ${group}`,
    st.p.values,
  );
  const sum = (key: "sampled" | "matches" | "readable") => groups.reduce((n, g) => n + g[key], 0);
  const [sampled, matches, readable] = [sum("sampled"), sum("matches"), sum("readable")];
  // Grouped, a sample that drew no page has no row: the table's size is asked apart.
  const tablePages = Number(
    groups[0]?.pages ?? (await q.query<{ pages: number }>(`SELECT ${pages} AS pages`)).rows[0]!.pages,
  );
  const percent = Math.min(100, (100 * size.pages) / tablePages);
  const whole = percent >= 100;
  const rows = whole ? sampled : (sampled * 100) / percent;
  const matchRows = sampled > 0 ? (matches / sampled) * rows : 0;
  const walkRows = headcountOrder
    ? headcountWalkRows(groups, rankCap, rows / Math.max(1, sampled))
    : readable > 0
      ? (rankCap * sampled) / readable
      : Number.POSITIVE_INFINITY;
  return {
    sampled,
    matches,
    readable,
    rows,
    whole,
    matchRows,
    walkRows,
    newestCost: Math.min(walkRows / WALK_ROWS_PER_MATCH, matchRows),
    surelyMore: (cap) =>
      whole
        ? readable > cap
        : sampled > 0 && readable >= size.sure && (readable / sampled) * rows > SURE_FACTOR * cap,
  };
}

/**
 * Rows a walk of the headcount index reads to find `want` readable matches, projected from the
 * sample's headcounts in the walk's order: a headcount whose sampled rows hold no readable match is
 * walked whole (a word of individual matters absent from the collective petitions that come
 * first), the one where the matches suffice in proportion. Infinity when the sample's matches do
 * not reach `want`: the walk would read the whole index.
 */
function headcountWalkRows(
  groups: { sampled: number; readable: number }[],
  want: number,
  scale: number,
): number {
  let found = 0;
  let walked = 0;
  for (const g of groups) {
    const readable = g.readable * scale;
    if (found + readable >= want) return walked + ((want - found) / readable) * g.sampled * scale;
    found += readable;
    walked += g.sampled * scale;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * The newest `want` readable matches of a query with many matches (the oldest, `ascending`), handed
 * to `run` as candidates (`w`, `t`), found the cheaper of two ways, judged from the sample:
 *
 * - walk the date index newest first (oldest first) and test each row's words: ≈ want ÷ (share
 *   of rows that match *and* are readable) rows read, each about a quarter of a match visit
 *   (WALK_ROWS_PER_MATCH). The walk is bounded (4 × that, and never dearer than the other way):
 *   words common in old cases but absent from recent ones would make it read far, and then the
 *   word index takes over;
 * - the word index: one visit per match, readable or not, then the newest `want` are kept.
 *
 * Both give the same rows. The planner cannot make this choice itself: it estimates two words as
 * independent (拖欠 & 工资: 6,000 estimated, 47,600 real) and knows nothing of the user's share.
 * The search page ranks the newest RANK_CAP this way; the case list pages through its date order.
 */
async function newestMatches<T>(
  est: SampleEstimate,
  want: number,
  from: string,
  statement: () => { p: SqlParams; match: string; cond: string },
  run: (candidates: string, keep: (n: string) => string, p: SqlParams) => Promise<{ n: number; hits: T[] }>,
  ascending = false,
): Promise<T[]> {
  const { walkRows, matchRows } = est;
  const dir = ascending ? "ASC" : "DESC";
  if (Number.isFinite(walkRows)) {
    if (walkRows / WALK_ROWS_PER_MATCH <= matchRows) {
      const budget = Math.ceil(Math.min(4 * walkRows, WALK_ROWS_PER_MATCH * matchRows));
      const st = statement();
      const walked = await run(
        candidatesOf(`SELECT s.id, s.received_at, s.tsv
           FROM (SELECT * FROM case_search ORDER BY received_at ${dir}, id LIMIT ${budget}) s
           ${from.includes("JOIN cases c") ? "JOIN cases c ON c.id = s.id" : ""}
          WHERE ${st.match} AND ${st.cond} ORDER BY s.received_at ${dir}, s.id LIMIT ${want}`),
        (n) => `${n} >= ${want}`,
        st.p,
      );
      if (walked.n >= want) return walked.hits;
    }
  }
  // OFFSET 0 keeps the planner from walking the dates itself.
  const st = statement();
  const byIndex = await run(
    candidatesOf(`SELECT id, received_at, tsv FROM (SELECT s.id, s.received_at, s.tsv FROM ${from}
       WHERE ${st.match} AND ${st.cond} OFFSET 0) x ORDER BY received_at ${dir}, id LIMIT ${want}`),
    () => "true",
    st.p,
  );
  return byIndex.hits;
}

/** No words: the newest cases under the filters, counted up to COUNT_CAP. */
async function listNewest(
  q: Queryable,
  actor: Actor,
  f: TCaseListQuery,
  person: PersonFilter,
  terms: string[],
  countCap: number,
  fields: ResolvedFieldFilter[] | undefined,
): Promise<SearchResult> {
  const p = new SqlParams();
  const where = listConditions(actor, { ...f, q: undefined }, p, undefined, fields);
  where.push(...personConditions(person, p, "c"));
  const cond = where.join(" AND ");
  const count = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${cond} LIMIT ${countCap + 1}) m`,
    p.values,
  );
  const n = count.rows[0]!.n;
  const limit = p.add(f.pageSize);
  const off = p.add((f.page - 1) * f.pageSize);
  const { rows } = await q.query<CaseRow & { rank: number }>(
    `SELECT ${CASE_COLUMNS}, 0::real AS rank ${CASE_FROM} WHERE ${cond}
      ORDER BY c.received_at DESC, c.id LIMIT ${limit} OFFSET ${off}`,
    p.values,
  );
  return { rows, total: Math.min(n, countCap), totalIsExact: n <= countCap, terms };
}
