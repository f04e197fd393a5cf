import type { TCaseListQuery } from "../../domain/schemas/case.ts";
import type { RateBucket } from "../../domain/schemas/stats-filters.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { listConditions } from "../queries/cases.ts";
import { bucketOnClock, householdKeySql, shanghaiDay } from "./filters.ts";

/**
 * One pass over the cases a user may read under a filter: totals, every breakdown and the rate
 * buckets, computed by one statement with GROUPING SETS. The WHERE clause is the case list's own
 * (`listConditions`, which starts with `visibleCasesCondition`), so no figure can count a case the
 * user may not read, and every figure is reproducible as a list filter.
 */

/** The filters statistics accept: the case list's, without paging and search. */
export type StatsFilter = Omit<TCaseListQuery, "page" | "pageSize" | "q" | "blank" | "bucket">;

export const DIMENSIONS = [
  "channel",
  "nature",
  "legalClass",
  "category",
  "subcategory",
  "problemRegion",
  "householdRegion",
  "destinationLevel",
  "collective",
  "firstPetition",
  "handlingUnit",
  "status",
  "month",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Two-way splits the work report needs (visits by individual/collective and by destination, online by nature). */
export const CROSSES = [
  ["channel", "collective"],
  ["channel", "nature"],
  ["channel", "destinationLevel"],
] as const satisfies readonly (readonly [Dimension, Dimension])[];
export type Cross = (typeof CROSSES)[number];

/** Counted per group: the three counting units and the rate buckets. */
export const COUNTED_BUCKETS = [
  "acceptance.timely",
  "acceptance.late",
  "acceptance.overdue",
  "completion.onTime",
  "completion.late",
  "completion.notReplied",
  "completion.overdue",
  "completion.pastDue",
  "evaluation.rated",
  "evaluation.overdueUnrated",
  "bureauRating.satisfied",
  "bureauRating.basically_satisfied",
  "bureauRating.dissatisfied",
  "unitRating.satisfied",
  "unitRating.basically_satisfied",
  "unitRating.dissatisfied",
] as const satisfies readonly RateBucket[];
export type CountedBucket = (typeof COUNTED_BUCKETS)[number];

export interface GroupCounts {
  items: number;
  batches: number;
  personVisits: number;
  repeatItems: number;
  onlineItems: number;
  buckets: Record<CountedBucket, number>;
}

export interface GroupRow {
  /** The group's key per dimension of its grouping set (null = the field is empty). */
  keys: Partial<Record<Dimension, string | null>>;
  counts: GroupCounts;
}

export interface RawSummary {
  total: GroupCounts;
  byDimension: Record<Dimension, GroupRow[]>;
  byCross: Map<string, GroupRow[]>;
  /** Path of the unit problem-region groups are the children of. */
  regionRoot: string;
}

const KEY_SQL: Record<Dimension, string> = {
  channel: "c.channel",
  nature: "c.nature",
  legalClass: "c.legal_class",
  category: "COALESCE(cat.parent_id, cat.id)::text",
  subcategory: "c.category_id::text",
  // Placeholder for the root is substituted in buildSql.
  problemRegion: `CASE WHEN c.region_path = $ROOT THEN $ROOT
    WHEN starts_with(c.region_path, $ROOT || '.') THEN $ROOT || '.' || split_part(substr(c.region_path, length($ROOT) + 2), '.', 1)
    END`,
  householdRegion: householdKeySql("hp.household_region_code"),
  destinationLevel: "c.destination_level",
  collective: "c.is_collective::text",
  firstPetition: "c.is_first_petition::text",
  handlingUnit: "la.unit_id::text",
  status: "c.status",
  month: "to_char(c.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')",
};

const BUCKET_SQL = (asOfParam: string): Record<CountedBucket, string> => ({
  "acceptance.timely": bucketOnClock("acceptance.timely", "c", "ka", asOfParam),
  "acceptance.late": bucketOnClock("acceptance.late", "c", "ka", asOfParam),
  "acceptance.overdue": bucketOnClock("acceptance.overdue", "c", "ka", asOfParam),
  "completion.onTime": bucketOnClock("completion.onTime", "c", "kh", asOfParam),
  "completion.late": bucketOnClock("completion.late", "c", "kh", asOfParam),
  "completion.notReplied": bucketOnClock("completion.notReplied", "c", "kh", asOfParam),
  "completion.overdue": bucketOnClock("completion.overdue", "c", "kh", asOfParam),
  "completion.pastDue": bucketOnClock("completion.pastDue", "c", "kh", asOfParam),
  "evaluation.rated": "c.bureau_rating IS NOT NULL",
  "evaluation.overdueUnrated": bucketOnClock("evaluation.overdueUnrated", "c", "ke", asOfParam),
  "bureauRating.satisfied": "c.bureau_rating = 'satisfied'",
  "bureauRating.basically_satisfied": "c.bureau_rating = 'basically_satisfied'",
  "bureauRating.dissatisfied": "c.bureau_rating = 'dissatisfied'",
  "unitRating.satisfied": "c.unit_rating = 'satisfied'",
  "unitRating.basically_satisfied": "c.unit_rating = 'basically_satisfied'",
  "unitRating.dissatisfied": "c.unit_rating = 'dissatisfied'",
});

const col = (d: Dimension) => `k_${d.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}`;
const bcol = (i: number) => `b${i}`;

interface SqlRow {
  g: number;
  items: string;
  batches: string;
  person_visits: string;
  repeat_items: string;
  online_items: string;
  [key: string]: string | number | null;
}

/** The path whose children problem-region groups are: the filter's region unit, its region code, or the user's area. */
export async function regionRootOf(q: Queryable, actor: Actor, f: StatsFilter): Promise<string> {
  if (f.regionUnitId) {
    const r = await q.query<{ path: string }>("SELECT path FROM org_units WHERE id = $1", [f.regionUnitId]);
    if (r.rows[0]) return r.rows[0].path;
  }
  if (f.regionCode) {
    const r = await q.query<{ path: string }>(
      `SELECT path FROM org_units WHERE region_code = $1 AND kind IN ('county', 'township', 'village', 'group')
        ORDER BY length(path) LIMIT 1`,
      [f.regionCode],
    );
    if (r.rows[0]) return r.rows[0].path;
  }
  return actor.areaPath;
}

export interface SummaryOptions {
  /** Which grouping sets to compute; all by default (the dashboard), fewer for light queries. */
  dimensions?: readonly Dimension[];
  crosses?: readonly Cross[];
  withBuckets?: boolean;
}

/** Runs the one statement and sorts its rows into the total, each breakdown and each cross split. */
export async function computeSummary(
  q: Queryable,
  actor: Actor,
  f: StatsFilter,
  asOf: Date,
  options: SummaryOptions = {},
): Promise<RawSummary> {
  const dims = options.dimensions ?? DIMENSIONS;
  const crosses = options.crosses ?? CROSSES;
  const withBuckets = options.withBuckets ?? true;
  const regionRoot = await regionRootOf(q, actor, f);
  const p = new SqlParams();
  const where = listConditions(actor, { ...f, page: 1, pageSize: 1 }, p, asOf).join(" AND ");
  const used = DIMENSIONS.filter((d) => dims.includes(d) || crosses.some((x) => x.includes(d as never)));
  // Every parameter must appear in the statement, so these are added only when used.
  const root = used.includes("problemRegion") ? p.add(regionRoot) : "";
  const asOfDay = withBuckets ? `${p.add(shanghaiDay(asOf))}::date` : "";
  const keyCols = used.map((d) => `${KEY_SQL[d].replaceAll("$ROOT", root)} AS ${col(d)}`);
  const bucketSql = BUCKET_SQL(asOfDay);
  const bucketCols = withBuckets ? COUNTED_BUCKETS.map((b, i) => `(${bucketSql[b]}) AS ${bcol(i)}`) : [];
  const sets = ["()", ...dims.map((d) => `(${col(d)})`), ...crosses.map((x) => `(${x.map(col).join(", ")})`)];
  const needs = (alias: string) => used.some((d) => KEY_SQL[d].includes(alias));
  const joins = [
    needs("cat.") ? "LEFT JOIN categories cat ON cat.id = c.category_id" : "",
    needs("hp.") ? "LEFT JOIN case_petitioners hp ON hp.case_id = c.id AND hp.position = 0" : "",
    needs("la.")
      ? "LEFT JOIN case_assignments la ON la.case_id = c.id AND la.role = 'lead' AND la.status <> 'returned'"
      : "",
    ...(withBuckets
      ? [
          "LEFT JOIN case_clocks ka ON ka.case_id = c.id AND ka.clock = 'statutory' AND ka.step = 'acceptanceNotice'",
          "LEFT JOIN case_clocks kh ON kh.case_id = c.id AND kh.clock = 'statutory' AND kh.step = 'handling'",
          "LEFT JOIN case_clocks ke ON ke.case_id = c.id AND ke.clock = 'statutory' AND ke.step = 'evaluationWindow'",
        ]
      : []),
  ].filter(Boolean);
  const groupingArgs = used.length > 0 ? `GROUPING(${used.map(col).join(", ")})` : "0";
  const sql = `SELECT ${groupingArgs} AS g, ${used.map(col).join(", ")}${used.length ? "," : ""}
      count(*)::int8 AS items, COALESCE(sum(batch_count), 0)::int8 AS batches,
      COALESCE(sum(headcount), 0)::int8 AS person_visits,
      count(*) FILTER (WHERE NOT is_first_petition)::int8 AS repeat_items,
      count(*) FILTER (WHERE channel = 'online')::int8 AS online_items
      ${bucketCols.map((_, i) => `, count(*) FILTER (WHERE ${bcol(i)})::int8 AS ${bcol(i)}`).join("")}
    FROM (SELECT c.batch_count, c.headcount, c.is_first_petition, c.channel
            ${keyCols.map((k) => `, ${k}`).join("")}${bucketCols.map((b) => `, ${b}`).join("")}
            FROM cases c ${joins.join(" ")}
           WHERE ${where}) x
    GROUP BY GROUPING SETS (${sets.join(", ")})`;
  const { rows } = await q.query<SqlRow>(sql, p.values);

  // GROUPING() sets a bit for every column NOT in the set, the first argument being the highest bit.
  const maskOf = (inSet: readonly Dimension[]) =>
    used.reduce((m, d, i) => (inSet.includes(d) ? m : m | (1 << (used.length - 1 - i))), 0);
  const totalMask = maskOf([]);
  const dimMasks = new Map(dims.map((d) => [maskOf([d]), d]));
  const crossMasks = new Map(crosses.map((x) => [maskOf(x), x]));
  const empty = (): GroupCounts => ({
    items: 0,
    batches: 0,
    personVisits: 0,
    repeatItems: 0,
    onlineItems: 0,
    buckets: Object.fromEntries(COUNTED_BUCKETS.map((b) => [b, 0])) as Record<CountedBucket, number>,
  });
  const countsOf = (r: SqlRow): GroupCounts => ({
    items: Number(r.items),
    batches: Number(r.batches),
    personVisits: Number(r.person_visits),
    repeatItems: Number(r.repeat_items),
    onlineItems: Number(r.online_items),
    buckets: Object.fromEntries(
      COUNTED_BUCKETS.map((b, i) => [b, withBuckets ? Number(r[bcol(i)]) : 0]),
    ) as Record<CountedBucket, number>,
  });
  const keyOf = (r: SqlRow, d: Dimension) => {
    const v = r[col(d)];
    return v === null || v === undefined ? null : String(v);
  };
  let total = empty();
  const byDimension = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as GroupRow[]])) as Record<
    Dimension,
    GroupRow[]
  >;
  const byCross = new Map<string, GroupRow[]>(crosses.map((x) => [x.join("×"), []]));
  for (const r of rows) {
    const g = Number(r.g);
    if (g === totalMask) {
      total = countsOf(r);
      continue;
    }
    const d = dimMasks.get(g);
    if (d) {
      byDimension[d].push({ keys: { [d]: keyOf(r, d) }, counts: countsOf(r) });
      continue;
    }
    const x = crossMasks.get(g);
    if (x) {
      byCross.get(x.join("×"))!.push({
        keys: Object.fromEntries(x.map((dd) => [dd, keyOf(r, dd)])),
        counts: countsOf(r),
      });
    }
  }
  return { total, byDimension, byCross, regionRoot };
}
