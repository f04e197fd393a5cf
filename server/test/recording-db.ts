import type { Db, Queryable } from "../db/index.ts";

/**
 * The database, telling `seen` the text of every statement run through it (in a transaction too):
 * for tests that check which statements a query took, not only its answer.
 */
export function recordingDb(db: Db, seen: (sql: string) => void): Queryable & Pick<Db, "transaction"> {
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      seen(sql);
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return { ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}
