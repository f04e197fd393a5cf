import type { CaseListSort, TCaseListQuery } from "../../domain/schemas/case.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { resolveFieldFilters } from "../fields/filters.ts";
import { listByKeyword, type SearchCaps } from "../search/search-cases.ts";
import { loadSynonyms } from "../search/synonyms.ts";
import { CASE_COLUMNS, CASE_FROM, type CaseRow, listConditions } from "./cases.ts";

const ORDER_BY: Record<CaseListSort, string> = {
  "-receivedAt": "c.received_at DESC, c.id",
  receivedAt: "c.received_at ASC, c.id",
  "-headcount": "c.headcount DESC, c.received_at DESC, c.id",
  headcount: "c.headcount ASC, c.received_at DESC, c.id",
};

export interface CaseListPage {
  rows: CaseRow[];
  /** The cases under the filter; with a keyword at most COUNT_CAP, and then `totalIsExact` is false. */
  total: number;
  totalIsExact: boolean;
}

/**
 * One page of the cases the actor may read in the chosen order (newest first by default), and the
 * total under the same filter. With a keyword the search index drives the query, as on the search
 * page (`listByKeyword`: the sample, "more than 1,000" uncounted, the one-pass count); without
 * one every visible case under the filters is counted.
 */
export async function listCases(
  q: Queryable,
  actor: Actor,
  f: TCaseListQuery,
  asOf = new Date(),
  caps: SearchCaps = {},
): Promise<CaseListPage> {
  if (f.q) return listByKeyword(q, actor, { ...f, q: f.q }, asOf, caps);
  return listByConditions(q, actor, f, asOf);
}

/**
 * Every visible case under the filters counted, and one page in the chosen order, from `cases`
 * and `listConditions`. The list without a keyword; with one it is how the keyword box listed
 * before it went through the search index (`keywordCondition`, an `EXISTS` on the side table for
 * each visible case), kept for `npm run bench:search` to compare against.
 */
export async function listByConditions(
  q: Queryable,
  actor: Actor,
  f: TCaseListQuery,
  asOf = new Date(),
): Promise<CaseListPage> {
  if (f.q) await loadSynonyms(q); // the keyword's synonym list, as the administrator last set it
  const fieldFilters = await resolveFieldFilters(q, actor, f.fieldFilter);
  const p = new SqlParams();
  const where = listConditions(actor, f, p, asOf, fieldFilters).join(" AND ");
  const count = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases c WHERE ${where}`,
    p.values,
  );
  const limit = p.add(f.pageSize);
  const offset = p.add((f.page - 1) * f.pageSize);
  const order = ORDER_BY[f.sort ?? "-receivedAt"];
  // The page's ids first, over narrow rows; the wide columns (content, replies, the sub-selects)
  // are read for those rows only, not carried through the sort of every visible case.
  const { rows } = await q.query<CaseRow>(
    `WITH page AS MATERIALIZED (
       SELECT c.id FROM cases c WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
     SELECT ${CASE_COLUMNS} ${CASE_FROM} JOIN page ON page.id = c.id ORDER BY ${order}`,
    p.values,
  );
  return { rows, total: count.rows[0]!.n, totalIsExact: true };
}
