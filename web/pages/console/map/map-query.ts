import type { MapLevel, MapMetric, TMapRegion } from "../../../../domain/schemas/map.ts";
import { type PeriodChoice, periodQuery } from "../stats/stats-query.ts";

export interface MapFilters {
  period: PeriodChoice;
  level: MapLevel;
  channel?: string | undefined;
  categoryId?: string | undefined;
}

/** The query string of GET /api/map/regions: the statistics page's period and filters, and the level. */
export function mapQuery(f: MapFilters): string {
  const q = new URLSearchParams(periodQuery(f.period));
  q.set("level", f.level);
  if (f.channel) q.set("channel", f.channel);
  if (f.categoryId) q.set("categoryId", f.categoryId);
  return q.toString();
}

/** The value a region is coloured by; null when a rate has nothing to divide by (drawn grey). */
export function metricValue(r: TMapRegion, metric: MapMetric): number | null {
  if (metric === "items") return r.items;
  return metric === "onTime" ? r.onTime.percent : r.satisfaction.percent;
}

/** The colour scale's ends: counts from 0 to the largest, rates from 0 to 100. */
export function metricRange(regions: readonly TMapRegion[], metric: MapMetric): [number, number] {
  if (metric !== "items") return [0, 100];
  return [0, Math.max(1, ...regions.map((r) => r.items))];
}
