/** The statistics page's period, as the stats API's query (GET /api/stats/summary). */
export type PeriodKind = "month" | "quarter" | "half" | "year" | "custom";
export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  index?: number;
  from?: string;
  to?: string;
}

const INDEX_MAX: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 0, custom: 0 };

/** The query string for the choice; an index out of range for the kind is clamped, custom needs both dates. */
export function periodQuery(p: PeriodChoice): string {
  const q = new URLSearchParams();
  q.set("period", p.kind);
  if (p.kind === "custom") {
    if (p.from) q.set("from", p.from);
    if (p.to) q.set("to", p.to);
    return q.toString();
  }
  q.set("year", String(p.year));
  const max = INDEX_MAX[p.kind];
  if (max > 0) q.set("index", String(Math.min(Math.max(p.index ?? 1, 1), max)));
  return q.toString();
}

/** Where a figure drills to: the case list with the API's own filter, or nowhere when it has none. */
export function drillHref(drillDown: string | null | undefined): string | null {
  return drillDown ? `/cases?${drillDown}` : null;
}

export const indexOptions = (kind: PeriodKind): number[] =>
  Array.from({ length: INDEX_MAX[kind] }, (_, i) => i + 1);
