import type { TCaseListQuery } from "../../domain/schemas/case.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { CASE_COLUMNS, CASE_FROM, type CaseRow, listConditions } from "../queries/cases.ts";
import { queryWords, searchTokens, toTsQuery } from "./segment.ts";

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
 * Counting stops here: beyond it the list says "more than 1,000". Each counted match is a heap
 * visit (jurisdiction is on the row, not in the GIN index), so an exact count of a word found in
 * a tenth of a million cases would cost a tenth of a second.
 */
export const COUNT_CAP = 1_000;
/**
 * Ranking reads at most this many matches, newest first, and orders them by relevance: for a
 * common word the newest matches are what a registrar looks for; a rarer phrase has fewer
 * matches than this and is ranked whole. Ranking detoasts each tsvector, so only these are ranked.
 */
export const RANK_CAP = 200;

/**
 * Full-text search over the cases the actor may read, with every list filter, ranked by
 * ts_rank_cd and then by date. Without query words the newest cases come first. The count goes
 * through the same condition as the rows, so it never counts a case the actor cannot open.
 */
export async function searchCases(
  q: Queryable,
  actor: Actor,
  f: TCaseListQuery,
  person: PersonFilter = {},
): Promise<SearchResult> {
  const p = new SqlParams();
  const where = listConditions(actor, { ...f, q: undefined }, p);
  const tsq = f.q ? toTsQuery(f.q) : null;
  const terms = f.q ? [...new Set(queryWords(f.q).flatMap((w) => [w, ...searchTokens(w)]))] : [];
  if (f.q && !tsq) return { rows: [], total: 0, totalIsExact: true, terms };
  let query = "NULL::tsquery";
  if (tsq) {
    query = `to_tsquery('simple', ${p.add(tsq)})`;
    where.push(`c.search_tsv @@ ${query}`);
  }
  if (person.name) {
    where.push(`c.id IN (SELECT case_id FROM case_petitioners WHERE name = ${p.add(person.name)})`);
  }
  if (person.idNumberBidx) {
    where.push(
      `c.id IN (SELECT case_id FROM case_petitioners WHERE id_number_bidx = ${p.add(person.idNumberBidx)})`,
    );
  }
  if (person.phoneBidx) {
    where.push(
      `c.id IN (SELECT case_id FROM case_petitioners WHERE phone_bidx = ${p.add(person.phoneBidx)})`,
    );
  }
  const cond = where.join(" AND ");
  const count = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${cond} LIMIT ${COUNT_CAP + 1}) m`,
    p.values,
  );
  const n = count.rows[0]!.n;
  const total = Math.min(n, COUNT_CAP);
  const offset = (f.page - 1) * f.pageSize;
  const limit = p.add(f.pageSize);
  const off = p.add(offset);
  if (!tsq) {
    const { rows } = await q.query<CaseRow & { rank: number }>(
      `SELECT ${CASE_COLUMNS}, 0::real AS rank ${CASE_FROM} WHERE ${cond}
        ORDER BY c.received_at DESC, c.id LIMIT ${limit} OFFSET ${off}`,
      p.values,
    );
    return { rows, total, totalIsExact: n <= COUNT_CAP, terms };
  }
  // The newest RANK_CAP matches first (no tsvector read), then rank only those.
  const { rows } = await q.query<CaseRow & { rank: number }>(
    `WITH m AS MATERIALIZED (
       SELECT c.id, c.received_at FROM cases c WHERE ${cond}
        ORDER BY c.received_at DESC, c.id LIMIT ${RANK_CAP}
     ), ranked AS (
       SELECT m.id, m.received_at, ts_rank_cd(x.search_tsv, ${query}, 1)::real AS rank
         FROM m JOIN cases x ON x.id = m.id
     ), page AS (
       SELECT id, rank FROM ranked ORDER BY rank DESC, received_at DESC, id LIMIT ${limit} OFFSET ${off}
     )
     SELECT ${CASE_COLUMNS}, page.rank ${CASE_FROM} JOIN page ON page.id = c.id
      ORDER BY page.rank DESC, c.received_at DESC, c.id`,
    p.values,
  );
  return { rows, total, totalIsExact: n <= COUNT_CAP, terms };
}
