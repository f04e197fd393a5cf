import {
  BLANK_ZH,
  CHANNEL_ZH,
  DESTINATION_ZH,
  LEGAL_CLASS_ZH,
  NATURE_ZH,
  OUTSIDE_ZH,
  STATUS_ZH,
} from "../../domain/metrics/labels.ts";
import { rate, shares } from "../../domain/metrics/percent.ts";
import {
  monthsOf,
  type Period,
  periodLabel,
  previousPeriod,
  samePeriodLastYear,
} from "../../domain/metrics/period.ts";
import { change } from "../../domain/metrics/rates.ts";
import type { TBreakdownRow, TRankingRow, TStatsSummary } from "../../domain/schemas/stats.ts";
import type { BlankField } from "../../domain/schemas/stats-filters.ts";
import {
  CHANNELS,
  DESTINATION_LEVELS,
  type DestinationLevel,
  LEGAL_CLASSES,
  NATURES,
} from "../../domain/workflow/statuses.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { listConditions } from "../queries/cases.ts";
import { DrillDown } from "./drill-down.ts";
import { type RankingSort, rankUnits, ratesOf, simpleRate } from "./rates.ts";
import {
  computeSummary,
  DIMENSIONS,
  type Dimension,
  type GroupCounts,
  type GroupRow,
  type StatsFilter,
} from "./summary.ts";

interface Names {
  categories: Map<string, string>;
  unitsById: Map<string, string>;
  unitsByPath: Map<string, { id: string; name: string }>;
  regions: Map<string, string>;
}

async function loadNames(
  q: Queryable,
  groups: Record<Dimension, GroupRow[]>,
  regionRoot: string,
): Promise<Names> {
  const keys = (d: Dimension) => groups[d].map((g) => g.keys[d]).filter((k): k is string => !!k);
  const cats = await q.query<{ id: string; name_zh: string }>("SELECT id, name_zh FROM categories");
  const units = await q.query<{ id: string; name: string; path: string }>(
    "SELECT id, name, path FROM org_units WHERE id::text = ANY($1::text[]) OR path = ANY($2::text[])",
    [keys("handlingUnit"), [...keys("problemRegion"), regionRoot]],
  );
  const regions = await q.query<{ region_code: string; name: string }>(
    `SELECT DISTINCT ON (region_code) region_code, name FROM org_units
      WHERE region_code = ANY($1::text[]) AND kind IN ('county', 'township', 'village', 'group')
      ORDER BY region_code, length(path)`,
    [keys("householdRegion")],
  );
  return {
    categories: new Map(cats.rows.map((r) => [r.id, r.name_zh])),
    unitsById: new Map(units.rows.map((r) => [r.id, r.name])),
    unitsByPath: new Map(units.rows.map((r) => [r.path, { id: r.id, name: r.name }])),
    regions: new Map(regions.rows.map((r) => [r.region_code, r.name])),
  };
}

/** The enumerated values of a dimension, shown even when 0 (when the filter leaves them possible). */
const ENUMS: Partial<Record<Dimension, { param: string; values: readonly string[] }>> = {
  channel: { param: "channel", values: CHANNELS },
  nature: { param: "nature", values: NATURES },
  legalClass: { param: "legalClass", values: LEGAL_CLASSES },
  destinationLevel: { param: "destinationLevel", values: DESTINATION_LEVELS },
  collective: { param: "isCollective", values: ["false", "true"] },
  firstPetition: { param: "isFirstPetition", values: ["true", "false"] },
};

const BLANK_OF: Partial<Record<Dimension, BlankField>> = {
  nature: "nature",
  legalClass: "legalClass",
  category: "category",
  subcategory: "category",
  destinationLevel: "destinationLevel",
  householdRegion: "householdRegion",
  handlingUnit: "handlingUnit",
};

interface DimContext {
  names: Names;
  drill: DrillDown;
  period: Period;
  regionRoot: string;
  /** When the filter names a category, `category` groups by the exact category instead of its top level. */
  categoryFiltered: boolean;
}

function labelOf(d: Dimension, key: string | null, ctx: DimContext): string {
  if (key === null) return d === "problemRegion" ? OUTSIDE_ZH : BLANK_ZH;
  switch (d) {
    case "channel":
      return CHANNEL_ZH[key as keyof typeof CHANNEL_ZH] ?? key;
    case "nature":
      return NATURE_ZH[key as keyof typeof NATURE_ZH] ?? key;
    case "legalClass":
      return LEGAL_CLASS_ZH[key as keyof typeof LEGAL_CLASS_ZH] ?? key;
    case "destinationLevel":
      return DESTINATION_ZH[key as keyof typeof DESTINATION_ZH] ?? key;
    case "status":
      return STATUS_ZH[key as keyof typeof STATUS_ZH] ?? key;
    case "collective":
      return key === "true" ? "集体访" : "个体访";
    case "firstPetition":
      return key === "true" ? "初信初访" : "重复信访";
    case "category":
    case "subcategory":
      return ctx.names.categories.get(key) ?? key;
    case "handlingUnit":
      return ctx.names.unitsById.get(key) ?? key;
    case "problemRegion":
      return key === ctx.regionRoot
        ? `${ctx.names.unitsByPath.get(key)?.name ?? key}（本级）`
        : (ctx.names.unitsByPath.get(key)?.name ?? key);
    case "householdRegion":
      return ctx.names.regions.get(key) ?? key;
    case "month": {
      const [y, m] = key.split("-");
      return `${y}年${Number(m)}月`;
    }
  }
}

function drillOf(d: Dimension, key: string | null, ctx: DimContext): string | null {
  const blank = BLANK_OF[d];
  if (key === null) return blank ? ctx.drill.query({}, [blank]) : null;
  switch (d) {
    case "category":
      return ctx.categoryFiltered
        ? ctx.drill.query({ categoryExact: key })
        : ctx.drill.query({ categoryId: key });
    case "subcategory":
      return ctx.drill.query({ categoryExact: key });
    case "handlingUnit":
      return ctx.drill.query({ handlingUnitId: key });
    case "householdRegion":
      return ctx.drill.query({ householdRegion: key });
    case "status":
      return ctx.drill.query({ status: key });
    case "problemRegion": {
      const unit = ctx.names.unitsByPath.get(key);
      if (!unit) return null;
      return key === ctx.regionRoot
        ? ctx.drill.query({ regionUnitExact: unit.id })
        : ctx.drill.query({ regionUnitId: unit.id });
    }
    case "month": {
      // ISO dates compare as strings: the month clipped to the period.
      const from = [ctx.period.from, `${key}-01`].sort()[1]!;
      const to = [ctx.period.to, monthEnd(key)].sort()[0]!;
      return ctx.drill.query({ from, to });
    }
    default: {
      const e = ENUMS[d];
      return e ? ctx.drill.query({ [e.param]: key }) : null;
    }
  }
}

function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}

/** Rows of one breakdown with labels, shares and drill-downs; zero rows for values still possible. */
function breakdownRows(d: Dimension, groups: GroupRow[], ctx: DimContext): TBreakdownRow[] {
  const found = new Map(groups.map((g) => [g.keys[d] ?? null, g.counts]));
  let keys: (string | null)[];
  const e = ENUMS[d];
  if (e && ctx.drill.get(e.param) === undefined) {
    keys = [...e.values, ...(found.has(null) ? [null] : [])];
  } else if (d === "month") {
    keys = monthsOf(ctx.period);
  } else {
    keys = [...found.keys()];
    if (!e) {
      keys.sort((a, b) => {
        const diff = (found.get(b)?.items ?? 0) - (found.get(a)?.items ?? 0);
        if (diff !== 0) return diff;
        if (a === null) return 1;
        if (b === null) return -1;
        return a.localeCompare(b);
      });
    }
  }
  const rows = keys.map((key) => {
    const c = found.get(key);
    return {
      key,
      label: labelOf(d, key, ctx),
      items: c?.items ?? 0,
      batches: c?.batches ?? 0,
      personVisits: c?.personVisits ?? 0,
      drillDown: drillOf(d, key, ctx),
    };
  });
  return shares(rows);
}

export interface SummaryInput {
  actor: Actor;
  filter: StatsFilter;
  period: Period;
  asOf: Date;
  sortBy?: RankingSort;
  /** false: count from case_stats even where the monthly rollup could answer (benchmarks, tests). */
  rollup?: boolean;
}

/** The whole statistics answer for a period and filter: what the dashboard and the report read. */
/**
 * Visits to an upper level that it registered (其中登记), per level, under the same filters and
 * visibility as the summary. Read from the cases beside case_stats: a few rows per period.
 */
async function visitsRegisteredAbove(
  q: Queryable,
  actor: Actor,
  filter: StatsFilter,
  asOf: Date,
): Promise<TStatsSummary["splits"]["visitsRegisteredAbove"]> {
  const p = new SqlParams();
  const where = listConditions(actor, { ...filter, page: 1, pageSize: 1 }, p, asOf).join(" AND ");
  const { rows } = await q.query<{ key: DestinationLevel; items: string; batches: string; persons: string }>(
    `SELECT c.destination_level AS key, count(*)::int8 AS items, sum(c.batch_count)::int8 AS batches,
            sum(c.headcount)::int8 AS persons
       FROM case_stats c JOIN cases x ON x.id = c.id
      WHERE ${where} AND c.channel = 'visit' AND x.upper_registered
        AND c.destination_level IN ('municipal', 'provincial', 'national')
      GROUP BY c.destination_level ORDER BY c.destination_level`,
    p.values,
  );
  const drill = new DrillDown(filter);
  return rows.map((r) => ({
    key: r.key,
    items: Number(r.items),
    batches: Number(r.batches),
    personVisits: Number(r.persons),
    drillDown: drill.query({ channel: "visit", destinationLevel: r.key, upperRegistered: "true" }),
  }));
}

const RATING_CHANNELS = ["portal", "phone", "visit", "letter"] as const;

/**
 * The period's ratings by how they came in (参评 online or at a follow-up), with the satisfaction
 * rates of each, under the same filters and visibility: read from the cases beside case_stats.
 */
async function ratingsByChannel(
  q: Queryable,
  actor: Actor,
  filter: StatsFilter,
  asOf: Date,
): Promise<TStatsSummary["splits"]["ratingsByChannel"]> {
  const p = new SqlParams();
  const where = listConditions(actor, { ...filter, page: 1, pageSize: 1 }, p, asOf).join(" AND ");
  const { rows } = await q.query<{ key: string; rated: string; bureau_ok: string; unit_ok: string }>(
    `SELECT COALESCE(x.rating_channel, 'portal') AS key, count(*)::int8 AS rated,
            count(*) FILTER (WHERE c.bureau_rating IN ('satisfied', 'basically_satisfied'))::int8 AS bureau_ok,
            count(*) FILTER (WHERE c.unit_rating IN ('satisfied', 'basically_satisfied'))::int8 AS unit_ok
       FROM case_stats c JOIN cases x ON x.id = c.id
      WHERE ${where} AND c.bureau_rating IS NOT NULL
      GROUP BY 1`,
    p.values,
  );
  const drill = new DrillDown(filter);
  return RATING_CHANNELS.flatMap((key) => {
    const r = rows.find((x) => x.key === key);
    if (!r) return [];
    const rated = Number(r.rated);
    return [
      {
        key,
        rated,
        drillDown: drill.query({ ratingChannel: key }),
        bureauSatisfaction: rate(Number(r.bureau_ok), rated),
        unitSatisfaction: rate(Number(r.unit_ok), rated),
      },
    ];
  });
}

export async function buildSummary(q: Queryable, input: SummaryInput): Promise<TStatsSummary> {
  const { actor, period, asOf } = input;
  const filter: StatsFilter = { ...input.filter, from: period.from, to: period.to };
  // The period, the one before it and the same period last year, concurrently on a connection pool.
  const light = {
    dimensions: ["channel", "category"] as const,
    crosses: [] as const,
    withBuckets: false,
    ...(input.rollup === false ? { rollup: false } : {}),
  };
  const prevPeriod = previousPeriod(period);
  const lastYear = samePeriodLastYear(period);
  const [raw, prev, yoy, registeredAbove, ratings] = await Promise.all([
    computeSummary(q, actor, filter, asOf, input.rollup === false ? { rollup: false } : {}),
    computeSummary(q, actor, { ...filter, from: prevPeriod.from, to: prevPeriod.to }, asOf, light),
    computeSummary(q, actor, { ...filter, from: lastYear.from, to: lastYear.to }, asOf, light),
    visitsRegisteredAbove(q, actor, filter, asOf),
    ratingsByChannel(q, actor, filter, asOf),
  ]);
  const names = await loadNames(q, raw.byDimension, raw.regionRoot);
  const drill = new DrillDown(filter);
  const ctx: DimContext = {
    names,
    drill,
    period,
    regionRoot: raw.regionRoot,
    categoryFiltered: !!(filter.categoryId || filter.categoryExact),
  };
  const breakdowns = Object.fromEntries(
    DIMENSIONS.map((d) => [d, breakdownRows(d, raw.byDimension[d], ctx)]),
  ) as Record<Dimension, TBreakdownRow[]>;

  // Cross splits, keyed by the channel: each channel's rows are a breakdown of that channel's cases.
  const split = (crossKey: string, second: Dimension) => {
    const out: Record<string, TBreakdownRow[]> = {};
    for (const ch of CHANNELS) {
      if (drill.get("channel") !== undefined && drill.get("channel") !== ch) continue;
      const groups = (raw.byCross.get(crossKey) ?? []).filter((g) => g.keys.channel === ch);
      const sub = new DrillDown({ ...filter, channel: ch });
      out[ch] = breakdownRows(second, groups, { ...ctx, drill: sub });
    }
    return out;
  };

  const t = raw.total;
  const channelItems = (groups: GroupRow[], ch: string) =>
    groups.find((g) => g.keys.channel === ch)?.counts.items ?? 0;
  const categoryItems = (groups: GroupRow[], key: string | null) =>
    groups.find((g) => (g.keys.category ?? null) === key)?.counts.items ?? 0;

  const unitRows: TRankingRow[] = raw.byDimension.handlingUnit
    .filter((g) => g.keys.handlingUnit)
    .map((g) => {
      const unitId = g.keys.handlingUnit as string;
      const r = ratesOf(g.counts, drill, { handlingUnitId: unitId });
      return {
        unitId,
        unitName: names.unitsById.get(unitId) ?? unitId,
        items: g.counts.items,
        onTime: r.onTimeCompletion,
        unitSatisfaction: r.unitSatisfaction,
        overdue: g.counts.buckets["completion.pastDue"],
        drillDown: drill.query({ handlingUnitId: unitId }),
        overdueDrillDown: drill.query({ handlingUnitId: unitId, bucket: "completion.pastDue" }),
      };
    });

  const rootUnit = names.unitsByPath.get(raw.regionRoot);
  return {
    period: { ...period, label: periodLabel(period) },
    asOf: asOf.toISOString(),
    scope: { path: raw.regionRoot, name: rootUnit?.name ?? raw.regionRoot },
    totals: { items: t.items, batches: t.batches, personVisits: t.personVisits, drillDown: drill.query() },
    breakdowns,
    splits: {
      byCollective: split("channel×collective", "collective"),
      byNature: split("channel×nature", "nature"),
      byDestinationLevel: split("channel×destinationLevel", "destinationLevel"),
      visitsRegisteredAbove: registeredAbove,
      ratingsByChannel: ratings,
    },
    rates: {
      ...ratesOf(t, drill),
      repeat: simpleRate(t.repeatItems, t.items, drill.query({ isFirstPetition: "false" }), "重复信访"),
      onlineShare: simpleRate(t.onlineItems, t.items, drill.query({ channel: "online" }), "网上信访"),
    },
    comparison: {
      previous: { ...prevPeriod, label: periodLabel(prevPeriod), ...countsOnly(prev.total) },
      lastYear: { ...lastYear, label: periodLabel(lastYear), ...countsOnly(yoy.total) },
      items: { mom: change(t.items, prev.total.items), yoy: change(t.items, yoy.total.items) },
      personVisits: {
        mom: change(t.personVisits, prev.total.personVisits),
        yoy: change(t.personVisits, yoy.total.personVisits),
      },
      byChannel: CHANNELS.map((ch) => ({
        channel: ch,
        label: CHANNEL_ZH[ch],
        mom: change(channelItems(raw.byDimension.channel, ch), channelItems(prev.byDimension.channel, ch)),
        yoy: change(channelItems(raw.byDimension.channel, ch), channelItems(yoy.byDimension.channel, ch)),
      })),
      // Grouped by top-level category in every period (prev/yoy never narrow to an exact category).
      byCategory: ctx.categoryFiltered
        ? []
        : breakdowns.category.map((r) => ({
            key: r.key,
            label: r.label,
            mom: change(r.items, categoryItems(prev.byDimension.category, r.key)),
            yoy: change(r.items, categoryItems(yoy.byDimension.category, r.key)),
          })),
    },
    rankings: rankUnits(unitRows, input.sortBy ?? "onTime"),
  };
}

function countsOnly(c: GroupCounts) {
  return { items: c.items, batches: c.batches, personVisits: c.personVisits };
}
