import type { Queryable } from "../db/index.ts";
import type { SqlParams } from "../db/sql.ts";

/** The rows a list page asks for: `limit` rows after skipping `offset`. */
export interface PageReq {
  limit: number;
  offset: number;
}

/** One page of rows and how many rows the filters match in all. */
export interface PageOf<T> {
  items: T[];
  total: number;
}

/** The statement's parts, so the page and the count share one FROM and WHERE. */
export interface PagedSelect {
  select: string;
  from: string;
  where: string;
  orderBy: string;
}

/**
 * One page of a filtered list, read by the database: the page's rows with `LIMIT`/`OFFSET` and the
 * total from a window count over the same rows. A page past the end has no row to carry the count,
 * so then the total is counted on its own.
 */
export async function pagedRows<R extends object>(
  q: Queryable,
  p: SqlParams,
  parts: PagedSelect,
  page: PageReq,
): Promise<PageOf<R>> {
  const values = [...p.values];
  const limit = `$${p.values.length + 1}`;
  const offset = `$${p.values.length + 2}`;
  const { rows } = await q.query<R & { xf_total: string | number }>(
    `SELECT ${parts.select}, count(*) OVER () AS xf_total FROM ${parts.from}
      WHERE ${parts.where} ORDER BY ${parts.orderBy} LIMIT ${limit} OFFSET ${offset}`,
    [...values, page.limit, page.offset],
  );
  if (rows.length === 0) {
    const total =
      page.offset === 0
        ? 0
        : Number(
            (
              await q.query<{ n: string | number }>(
                // The selected columns stay in: they may hold parameters the statement must use.
                `SELECT count(*) AS n FROM (SELECT ${parts.select} FROM ${parts.from} WHERE ${parts.where}) x`,
                values,
              )
            ).rows[0]?.n ?? 0,
          );
    return { items: [], total };
  }
  const total = Number(rows[0]!.xf_total);
  const items = rows.map(({ xf_total: _, ...row }) => row as unknown as R);
  return { items, total };
}
