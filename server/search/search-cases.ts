import type { TCaseListQuery } from "../../domain/schemas/case.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { type ResolvedFieldFilter, resolveFieldFilters } from "../fields/filters.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { CASE_COLUMNS, CASE_FROM, type CaseRow, listConditions } from "../queries/cases.ts";
import { areaTermSql, directHitsSql, isMatchable, parseKeyword, textMatchSql } from "./keyword.ts";
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
 * goes through the jurisdiction condition, so a capped count is still only of readable cases.
 */
export const COUNT_CAP = 1_000;
/**
 * When more than COUNT_CAP cases match, only the newest RANK_CAP matches are ranked: for a common
 * word the newest matches are what a registrar looks for, and they are found by reading the date
 * index newest first and checking each row's words, which stops after RANK_CAP readable matches.
 * When at most COUNT_CAP match, all of them are ranked (the word index finds them directly).
 */
export const RANK_CAP = 200;

/** The two caps; tests lower them to exercise the "more than N" path on a few cases. */
export interface SearchCaps {
  countCap?: number;
  rankCap?: number;
  gramBelow?: number;
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

  // The cases a number or a name points to, first and apart (two index probes): most searches
  // have none, and then the match is the word index alone, without an OR.
  const probe = new SqlParams();
  const directSql = directHitsSql(k, probe);
  const directIds = directSql
    ? (await q.query<{ ids: string[] }>(`SELECT ${directSql}::text[] AS ids`, probe.values)).rows[0]!.ids
    : [];
  const directIn = (p: SqlParams, col: string) =>
    directIds.length > 0 ? `${col} = ANY(${p.add(directIds)}::uuid[])` : null;
  const filters = { ...f, q: undefined };
  const needsCases = listConditions(actor, filters, new SqlParams(), undefined, fields).length > 1;
  const from = needsCases ? "case_search s JOIN cases c ON c.id = s.id" : "case_search s";
  /**
   * One statement's conditions with its own parameters: jurisdiction on the side table itself
   * (same columns, kept equal by the trigger), the list filters, the person, and the match —
   * words or bigrams (withGrams), or words alone, or the case found by its number or name.
   */
  const statement = (withGrams: boolean) => {
    const p = new SqlParams();
    const where = [visibleCasesCondition(actor, p, "s")];
    if (needsCases) where.push(...listConditions(actor, filters, p, undefined, fields));
    where.push(...personConditions(person, p, "s"));
    const text = textMatchSql(k, p, "s", withGrams);
    const match = [text, directIn(p, "s.id")].filter(Boolean).join(" OR ") || "false";
    // The actor's area in the words' index: implied by the visibility condition, so it changes no
    // answer; a township's search then visits its own matches only (also in the sample below).
    const area = areaTermSql(actor, p, "s");
    return { p, cond: where.join(" AND "), match: area ? `((${match}) AND ${area})` : `(${match})` };
  };
  const countOf = async (st: ReturnType<typeof statement>) =>
    (
      await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${st.match} AND ${st.cond}
          LIMIT ${countCap + 1}) m`,
        st.p.values,
      )
    ).rows[0]!.n;

  // Bigram-only matches rank after word matches. The bigrams are searched only when the words
  // alone find fewer than gramBelow readable cases: a clerk who typed a word jieba knows and finds
  // many cases by it has the cases it names; a name jieba cuts across finds few or none by its
  // words, and then its bigrams (in their own table and index) are searched too.
  const hasGrams = k.clauses.some((c) => c.grams);
  let withGrams = hasGrams;
  let n: number;
  if (hasGrams && k.words) {
    n = await countOf(statement(false));
    if (n >= gramBelow) withGrams = false;
    else n = await countOf(statement(true));
  } else {
    n = await countOf(statement(withGrams));
  }
  const total = Math.min(n, countCap);
  const isHuge = n > countCap;
  const st = statement(withGrams);
  // At most countCap matches: all are found through the indexes and all are ranked.
  let pp = st.p;
  let candidates = `SELECT s.id, s.received_at, s.tsv FROM ${from} WHERE ${st.match} AND ${st.cond}`;
  if (isHuge) {
    const ids = await newestMatches(q, from, st.match, st.cond, st.p.values, rankCap);
    // The page is built from those keys alone: a statement of its own, with its own parameters.
    pp = new SqlParams();
    candidates = `SELECT s.id, s.received_at, s.tsv FROM case_search s WHERE s.id = ANY(${pp.add(ids)}::uuid[])`;
  }
  // Case number or name first, then word matches by ts_rank_cd, then bigram-only matches; a
  // single number (2 + …, 1 + …, 0) so the client can show it.
  const direct = directIn(pp, "id");
  const wordsQ = k.words ? `to_tsquery('simple', ${pp.add(k.words)})` : null;
  const r = wordsQ ? `ts_rank_cd(tsv, ${wordsQ}, 1)` : "0";
  const rank = `(CASE WHEN ${direct ?? "false"} THEN 2
                      WHEN ${wordsQ ? `tsv @@ ${wordsQ}` : "false"} THEN 1 ELSE 0 END + ${r} / (1 + ${r}))::real`;
  const limit = pp.add(f.pageSize);
  const off = pp.add((f.page - 1) * f.pageSize);
  const { rows } = await q.query<CaseRow & { rank: number }>(
    `WITH m AS MATERIALIZED (${candidates}), page AS (
       SELECT id, ${rank} AS rank, received_at FROM m
        ORDER BY rank DESC, received_at DESC, id LIMIT ${limit} OFFSET ${off}
     )
     SELECT ${CASE_COLUMNS}, page.rank ${CASE_FROM} JOIN page ON page.id = c.id
      ORDER BY page.rank DESC, c.received_at DESC, c.id`,
    pp.values,
  );
  return { rows, total, totalIsExact: !isHuge, terms };
}

/** Pages (≈ 9 rows each) a search samples to learn how dense its matches are. */
const SAMPLE_PAGES = 300;

/**
 * The newest rankCap readable matches of a query with many matches, found the cheaper of two
 * ways, judged from a fixed sample of the side table's pages (TABLESAMPLE SYSTEM, REPEATABLE so
 * the same data gives the same plan):
 *
 * - walk the date index newest first and test each row's words: ≈ rankCap ÷ (share of rows that
 *   match *and* are readable) row visits. The walk is bounded (4 × that, and never more than the
 *   other way): words common in old cases but absent from recent ones would make it read far, and
 *   then the word index takes over;
 * - the word index: one visit per match, readable or not, then the newest rankCap are kept.
 *
 * Both give the same rows. The planner cannot make this choice itself: it estimates two words as
 * independent (拖欠 & 工资: 6,000 estimated, 47,600 real) and knows nothing of the user's share.
 */
async function newestMatches(
  q: Queryable,
  from: string,
  match: string,
  cond: string,
  values: unknown[],
  rankCap: number,
): Promise<string[]> {
  // The table's size from its file, not from planner statistics: PGlite never runs ANALYZE.
  const size = await q.query<{ pages: number }>(
    "SELECT (pg_relation_size('case_search') / current_setting('block_size')::int)::float8 AS pages",
  );
  const pages = Math.max(1, Number(size.rows[0]?.pages ?? 1));
  const percent = Math.min(100, (100 * SAMPLE_PAGES) / pages);
  const sampleFrom = from.replace(
    "case_search s",
    `case_search s TABLESAMPLE SYSTEM (${percent.toFixed(4)}) REPEATABLE (7)`,
  );
  const { rows: r } = await q.query<{ sampled: number; matches: number; readable: number }>(
    `SELECT count(*)::int AS sampled, count(*) FILTER (WHERE ${match})::int AS matches,
            count(*) FILTER (WHERE ${match} AND ${cond})::int AS readable
       FROM ${sampleFrom}`,
    values,
  );
  const { sampled, matches, readable } = r[0]!;
  if (sampled > 0 && readable > 0) {
    const rows = (sampled * 100) / percent;
    const walk = (rankCap * sampled) / readable;
    const byWords = (matches / sampled) * rows;
    if (walk <= byWords) {
      const budget = Math.ceil(Math.min(4 * walk, byWords));
      const walked = await q.query<{ id: string }>(
        `SELECT s.id FROM (SELECT * FROM case_search ORDER BY received_at DESC, id LIMIT ${budget}) s
           ${from.includes("JOIN cases c") ? "JOIN cases c ON c.id = s.id" : ""}
          WHERE ${match} AND ${cond} ORDER BY s.received_at DESC, s.id LIMIT ${rankCap}`,
        values,
      );
      if (walked.rows.length >= rankCap) return walked.rows.map((x) => x.id);
    }
  }
  // OFFSET 0 keeps the planner from walking the dates itself.
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM (SELECT s.id, s.received_at FROM ${from} WHERE ${match} AND ${cond} OFFSET 0) x
      ORDER BY received_at DESC, id LIMIT ${rankCap}`,
    values,
  );
  return rows.map((x) => x.id);
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
