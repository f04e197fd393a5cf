import type { SqlParams } from "../db/sql.ts";

/** An optional day range, both ends inclusive (YYYY-MM-DD, Shanghai days). */
export interface DayRange {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * SQL: the timestamp in `col` falls on a Shanghai day inside the range (" AND …", or "" for no range).
 * Written as bounds on the column so an index on it can serve.
 */
export function instantInRange(p: SqlParams, col: string, range: DayRange): string {
  const parts: string[] = [];
  if (range.from)
    parts.push(`${col} >= (${p.add(range.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (range.to)
    parts.push(`${col} < ((${p.add(range.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  return parts.length ? ` AND ${parts.join(" AND ")}` : "";
}
