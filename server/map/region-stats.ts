import { type Period, periodLabel } from "../../domain/metrics/period.ts";
import type { MapLevel, TMapData, TMapRegion } from "../../domain/schemas/map.ts";
import { WARNING_READ_ROLES } from "../../domain/warnings/access.ts";
import { type Actor, hasRole } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { listConditions } from "../queries/cases.ts";
import { DrillDown } from "../stats/drill-down.ts";
import { shanghaiDay } from "../stats/filters.ts";
import { ratesOf } from "../stats/rates.ts";
import { BUCKET_SQL, COUNTED_BUCKETS, type CountedBucket, type StatsFilter } from "../stats/summary.ts";
import { boundariesOfArea } from "./boundaries.ts";
import { centroid } from "./geometry.ts";

/**
 * Cases per township or village of the user's area, with the on-time and satisfaction rates the
 * statistics page computes (the same WHERE clause — `listConditions`, which starts with the case
 * policy — and the same bucket expressions over `case_stats`), so a region's figure on the map and
 * its row on the statistics page and in the case list are the same count.
 */
export async function mapData(
  q: Queryable,
  actor: Actor,
  input: { filter: StatsFilter; period: Period; level: MapLevel; asOf: Date },
): Promise<TMapData> {
  const { period, level, asOf } = input;
  const filter: StatsFilter = { ...input.filter, from: period.from, to: period.to };
  const p = new SqlParams();
  const where = listConditions(actor, { ...filter, page: 1, pageSize: 1 }, p, asOf).join(" AND ");
  const bucketSql = BUCKET_SQL(`${p.add(shanghaiDay(asOf))}::date`);
  const area = p.add(actor.areaPath);
  const levelParam = p.add(level);
  const { rows } = await q.query<Record<string, string | number | null>>(
    `WITH r AS (
       SELECT u.id, u.path, u.name, u.region_code, par.name AS parent_name
         FROM org_units u LEFT JOIN org_units par ON par.id = u.parent_id
        WHERE u.kind = ${levelParam} AND u.is_active AND u.region_code IS NOT NULL
          AND (u.path = ${area} OR starts_with(u.path, ${area} || '.'))),
     x AS (SELECT c.* FROM case_stats c WHERE ${where})
     SELECT r.id::text AS id, r.name, r.region_code, r.parent_name,
            count(c.id)::int8 AS items, COALESCE(sum(c.headcount), 0)::int8 AS person_visits,
            count(c.id) FILTER (WHERE c.is_collective)::int8 AS collective
            ${COUNTED_BUCKETS.map((b, i) => `, count(c.id) FILTER (WHERE ${bucketSql[b]})::int8 AS b${i}`).join("")}
       FROM r LEFT JOIN x c ON (c.region_path = r.path OR starts_with(c.region_path, r.path || '.'))
      GROUP BY r.id, r.name, r.region_code, r.parent_name, r.path
      ORDER BY r.path`,
    p.values,
  );

  // Items of the filter that lie above the level (registered at the county or a township itself).
  const up = new SqlParams();
  const upWhere = listConditions(actor, { ...filter, page: 1, pageSize: 1 }, up, asOf).join(" AND ");
  const upLevel = up.add(level);
  const upArea = up.add(actor.areaPath);
  const unplaced = await q.query<{ n: string }>(
    `SELECT count(*)::int8 AS n FROM case_stats c WHERE ${upWhere}
       AND NOT EXISTS (SELECT 1 FROM org_units u WHERE u.kind = ${upLevel} AND u.is_active
         AND (u.path = ${upArea} OR starts_with(u.path, ${upArea} || '.'))
         AND (c.region_path = u.path OR starts_with(c.region_path, u.path || '.')))`,
    up.values,
  );

  const warnings = hasRole(actor, ...WARNING_READ_ROLES)
    ? await warningsByRegion(q, actor, level)
    : new Map();
  const shapes = await boundariesOfArea(q, level, actor.areaPath);
  const shapeOf = new Map((shapes ?? []).map((s) => [s.unit.id, s.feature]));
  const drill = new DrillDown(filter);
  const regions: TMapRegion[] = rows.map((r) => {
    const buckets = Object.fromEntries(COUNTED_BUCKETS.map((b, i) => [b, Number(r[`b${i}`])])) as Record<
      CountedBucket,
      number
    >;
    const counts = {
      items: Number(r.items),
      batches: 0,
      personVisits: Number(r.person_visits),
      repeatItems: 0,
      onlineItems: 0,
      buckets,
    };
    const id = String(r.id);
    const rates = ratesOf(counts, drill, { regionUnitId: id });
    const strip = ({
      numerator,
      denominator,
      percent,
    }: {
      numerator: number;
      denominator: number;
      percent: number | null;
    }) => ({
      numerator,
      denominator,
      percent,
    });
    const feature = shapeOf.get(id);
    return {
      unitId: id,
      regionCode: String(r.region_code),
      name: String(r.name),
      parentName: level === "village" && r.parent_name !== null ? String(r.parent_name) : null,
      items: counts.items,
      personVisits: counts.personVisits,
      collective: Number(r.collective),
      warnings: warnings.get(id) ?? 0,
      onTime: strip(rates.onTimeCompletion),
      satisfaction: strip(rates.bureauSatisfaction),
      drillDown: drill.query({ regionUnitId: id }),
      centroid: feature ? centroid(feature.geometry) : null,
      hasBoundary: feature !== undefined,
    };
  });
  const scope = await q.query<{ id: string; name: string }>(
    "SELECT id::text AS id, name FROM org_units WHERE path = $1",
    [actor.areaPath],
  );
  const unplacedItems = Number(unplaced.rows[0]?.n ?? 0);
  // Above the townships lies only the area's root: its own items are one exact-region list.
  const rootId = scope.rows[0]?.id;
  const unplacedDrill =
    unplacedItems > 0 && level === "township" && rootId ? drill.query({ regionUnitExact: rootId }) : null;
  return {
    period: { from: period.from, to: period.to, label: periodLabel(period) },
    level,
    scope: { path: actor.areaPath, name: scope.rows[0]?.name ?? "" },
    hasBoundaries: regions.some((r) => r.hasBoundary),
    regions,
    unplaced: { items: unplacedItems, drillDown: unplacedDrill },
  };
}

/** Open (not closed) warnings per region, counting only warnings with a case the actor may read there. */
async function warningsByRegion(q: Queryable, actor: Actor, level: MapLevel): Promise<Map<string, number>> {
  const p = new SqlParams();
  const visible = visibleCasesCondition(actor, p, "c");
  const levelParam = p.add(level);
  const area = p.add(actor.areaPath);
  const { rows } = await q.query<{ id: string; n: string }>(
    `SELECT u.id::text AS id, count(DISTINCT w.id)::int8 AS n
       FROM warnings w
       JOIN warning_cases wc ON wc.warning_id = w.id
       JOIN case_stats c ON c.id = wc.case_id
       JOIN org_units u ON u.kind = ${levelParam} AND u.is_active
        AND (u.path = ${area} OR starts_with(u.path, ${area} || '.'))
        AND (c.region_path = u.path OR starts_with(c.region_path, u.path || '.'))
      WHERE w.status <> 'closed' AND ${visible}
      GROUP BY u.id`,
    p.values,
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}
