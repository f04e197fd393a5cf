import type { TCaseListQuery } from "../../domain/schemas/case.ts";
import type { RateBucket } from "../../domain/schemas/stats-filters.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db, Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { listConditions } from "../queries/cases.ts";
import { bucketOnClock, shanghaiDay } from "./filters.ts";
import {
  canUseRollup,
  foldCaseStatsMonthly,
  isDb,
  type RollupCountRow,
  rollupBuckets,
  rollupCounts,
} from "./monthly.ts";

/**
 * One pass over the cases a user may read under a filter: totals, every breakdown and the rate
 * buckets, computed by one statement with GROUPING SETS over `case_stats` (one narrow row per case,
 * kept equal to the source rows by triggers; see migrations/20261125002100_case_stats.sql). The
 * WHERE clause is the case list's own (`listConditions`, which starts with `visibleCasesCondition`;
 * case_stats carries the same column names), so no figure can count a case the user may not read,
 * and every figure is reproducible as a list filter.
 */

/** The filters statistics accept: the case list's, without paging and search. */
/**
 * 批次 and 人次 are measures of visits (来访), as the bureau's report counts them: a letter's signers
 * or a web petition's co-petitioners are not person-visits. Over a case_stats row aliased `t`.
 */
export const VISIT_BATCHES_SQL = (t: string) =>
  `(CASE WHEN ${t}.channel = 'visit' THEN ${t}.batch_count ELSE 0 END)::int8`;
export const VISIT_PERSONS_SQL = (t: string) =>
  `(CASE WHEN ${t}.channel = 'visit' THEN ${t}.headcount ELSE 0 END)::int8`;

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

export const KEY_SQL: Record<Dimension, string> = {
  channel: "c.channel",
  nature: "c.nature",
  legalClass: "c.legal_class",
  category: "c.category_top_id",
  subcategory: "c.category_id",
  // Placeholder for the root is substituted in buildSql.
  problemRegion: `CASE WHEN c.region_path = $ROOT THEN $ROOT
    WHEN starts_with(c.region_path, $ROOT || '.') THEN $ROOT || '.' || split_part(substr(c.region_path, length($ROOT) + 2), '.', 1)
    END`,
  householdRegion: "c.household_key",
  destinationLevel: "c.destination_level",
  collective: "c.is_collective",
  firstPetition: "c.is_first_petition",
  handlingUnit: "c.lead_unit_id",
  status: "c.status",
  // Grouped as a timestamp (cheap per row) and printed as YYYY-MM once per group.
  month: "date_trunc('month', c.received_at AT TIME ZONE 'Asia/Shanghai')",
};

export const BUCKET_SQL = (asOfParam: string): Record<CountedBucket, string> => ({
  "acceptance.timely": bucketOnClock(
    "acceptance.timely",
    "c",
    "c.acceptance_state",
    "c.acceptance_due",
    asOfParam,
  ),
  "acceptance.late": bucketOnClock(
    "acceptance.late",
    "c",
    "c.acceptance_state",
    "c.acceptance_due",
    asOfParam,
  ),
  "acceptance.overdue": bucketOnClock(
    "acceptance.overdue",
    "c",
    "c.acceptance_state",
    "c.acceptance_due",
    asOfParam,
  ),
  "completion.onTime": bucketOnClock(
    "completion.onTime",
    "c",
    "c.handling_state",
    "c.handling_due",
    asOfParam,
  ),
  "completion.late": bucketOnClock("completion.late", "c", "c.handling_state", "c.handling_due", asOfParam),
  "completion.notReplied": bucketOnClock(
    "completion.notReplied",
    "c",
    "c.handling_state",
    "c.handling_due",
    asOfParam,
  ),
  "completion.overdue": bucketOnClock(
    "completion.overdue",
    "c",
    "c.handling_state",
    "c.handling_due",
    asOfParam,
  ),
  "completion.pastDue": bucketOnClock(
    "completion.pastDue",
    "c",
    "c.handling_state",
    "c.handling_due",
    asOfParam,
  ),
  "evaluation.rated": "c.bureau_rating IS NOT NULL",
  "evaluation.overdueUnrated": bucketOnClock(
    "evaluation.overdueUnrated",
    "c",
    "c.evaluation_state",
    "c.evaluation_due",
    asOfParam,
  ),
  "bureauRating.satisfied": "c.bureau_rating = 'satisfied'",
  "bureauRating.basically_satisfied": "c.bureau_rating = 'basically_satisfied'",
  "bureauRating.dissatisfied": "c.bureau_rating = 'dissatisfied'",
  "unitRating.satisfied": "c.unit_rating = 'satisfied'",
  "unitRating.basically_satisfied": "c.unit_rating = 'basically_satisfied'",
  "unitRating.dissatisfied": "c.unit_rating = 'dissatisfied'",
});

export const col = (d: Dimension) => `k_${d.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}`;
const bcol = (i: number) => `b${i}`;

interface SqlRow {
  g: number;
  items: string;
  batches: string;
  person_visits: string;
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
  /** Read the monthly rollup when the request allows it (default); false forces case_stats (tests, benchmarks). */
  rollup?: boolean;
}

/**
 * Three statements over case_stats, run concurrently (on PostgreSQL each on its own pooled
 * connection, so both cores work): the counts of half of the grouping sets each, and the rate
 * buckets per lead unit. Each gets 64 MB for sorts and hashes, so a year of a large county stays in
 * memory.
 */
export async function computeSummary(
  q: Queryable,
  actor: Actor,
  f: StatsFilter,
  asOf: Date,
  options: SummaryOptions = {},
): Promise<RawSummary> {
  // The embedded database has one session, given the same work_mem when it is opened.
  const run = <T>(sql: string, params: unknown[]) =>
    isDb(q) && q.kind !== "pglite"
      ? q.transaction(async (tx) => {
          await tx.query("SET LOCAL work_mem = '64MB'");
          return tx.query<T>(sql, params);
        })
      : q.query<T>(sql, params);
  return summaryStatements(q, run, actor, f, asOf, options);
}

type Run = <T>(sql: string, params: unknown[]) => Promise<{ rows: T[] }>;

const emptyBuckets = () =>
  Object.fromEntries(COUNTED_BUCKETS.map((b) => [b, 0])) as Record<CountedBucket, number>;

async function summaryStatements(
  q: Queryable,
  run: Run,
  actor: Actor,
  f: StatsFilter,
  asOf: Date,
  options: SummaryOptions,
): Promise<RawSummary> {
  const dims = options.dimensions ?? DIMENSIONS;
  const crosses = options.crosses ?? CROSSES;
  const withBuckets = options.withBuckets ?? true;
  const regionRoot = await regionRootOf(q, actor, f);
  const rollup = options.rollup !== false && isDb(q) && canUseRollup(actor, f);
  if (rollup) await foldCaseStatsMonthly(q as Db);
  const used = DIMENSIONS.filter((d) => dims.includes(d) || crosses.some((x) => x.includes(d as never)));

  // 1. Counts per grouping set, the sets dealt out to two statements.
  const allSets: Dimension[][] = [[], ...dims.map((d) => [d]), ...crosses.map((x) => [...x])];
  const countStatement = async (part: number): Promise<{ inSet: Dimension[]; row: SqlRow }[]> => {
    const mine = allSets.filter((_, i) => i % 2 === part);
    // GROUPING() may only name columns some set of this statement groups by.
    const cols = used.filter((d) => mine.some((set) => set.includes(d)));
    if (mine.length === 0) return [];
    const p = new SqlParams();
    const where = listConditions(actor, { ...f, page: 1, pageSize: 1 }, p, asOf).join(" AND ");
    // Every parameter must appear in the statement, so the root is added only when used.
    const root = cols.includes("problemRegion") ? p.add(regionRoot) : "";
    const keyCols = cols.map((d) => `${KEY_SQL[d].replaceAll("$ROOT", root)} AS ${col(d)}`);
    const outCols = cols.map((d) => (d === "month" ? `to_char(${col(d)}, 'YYYY-MM') AS ${col(d)}` : col(d)));
    const groupingArgs = cols.length > 0 ? `GROUPING(${cols.map(col).join(", ")})` : "0";
    const sets = mine.map((set) => `(${set.map(col).join(", ")})`);
    const { rows } = await run<SqlRow>(
      `SELECT ${groupingArgs} AS g${outCols.map((c) => `, ${c}`).join("")},
              count(*)::int8 AS items, COALESCE(sum(${VISIT_BATCHES_SQL("x")}), 0)::int8 AS batches,
              COALESCE(sum(${VISIT_PERSONS_SQL("x")}), 0)::int8 AS person_visits
         FROM (SELECT c.channel, c.batch_count, c.headcount${keyCols.map((k) => `, ${k}`).join("")}
                 FROM case_stats c WHERE ${where}) x
        GROUP BY GROUPING SETS (${sets.join(", ")})`,
      p.values,
    );
    // GROUPING() sets a bit for every column NOT in the row's set, the first argument highest.
    return rows.map((row) => ({
      inSet: cols.filter((_, i) => (Number(row.g) & (1 << (cols.length - 1 - i))) === 0),
      row,
    }));
  };

  // 2. Rate buckets per lead unit (rankings); the total's are their sum.
  const bucketStatement = () => {
    const bp = new SqlParams();
    const bwhere = listConditions(actor, { ...f, page: 1, pageSize: 1 }, bp, asOf).join(" AND ");
    const bucketSql = BUCKET_SQL(`${bp.add(shanghaiDay(asOf))}::date`);
    return run<Record<string, string | number | null>>(
      `SELECT c.lead_unit_id::text AS unit
              ${COUNTED_BUCKETS.map((k, i) => `, count(*) FILTER (WHERE ${bucketSql[k]})::int8 AS ${bcol(i)}`).join("")}
         FROM case_stats c WHERE ${bwhere}
        GROUP BY c.lead_unit_id`,
      bp.values,
    );
  };
  let rows: { inSet: Dimension[]; row: SqlRow }[];
  let bucketRows: { rows: Record<string, string | number | null>[] };
  if (rollup) {
    // Whole months for an area user without other filters: the monthly rollup (server/stats/monthly.ts).
    const [counted, buckets] = await Promise.all([
      rollupCounts(
        run,
        actor,
        f,
        asOf,
        regionRoot,
        options.dimensions || options.crosses ? [...dims, ...crosses.map((x) => x.join("×"))] : undefined,
      ),
      withBuckets ? rollupBuckets(run, actor, f, asOf) : Promise.resolve([]),
    ]);
    rows = rollupRows(counted, dims, crosses);
    bucketRows = { rows: buckets };
  } else {
    const [partA, partB, fromCases] = await Promise.all([
      countStatement(0),
      countStatement(1),
      withBuckets ? bucketStatement() : Promise.resolve({ rows: [] }),
    ]);
    rows = [...partA, ...partB];
    bucketRows = fromCases;
  }
  const unitBuckets = new Map<string | null, Record<CountedBucket, number>>();
  if (withBuckets) {
    // Buckets are counts: the total's are the sum over the units (and the cases without one).
    const all = emptyBuckets();
    for (const r of bucketRows.rows) {
      const counts = emptyBuckets();
      COUNTED_BUCKETS.forEach((k, i) => {
        counts[k] = Number(r[bcol(i)]);
        all[k] += counts[k];
      });
      unitBuckets.set((r.unit as string | null) ?? null, counts);
    }
    unitBuckets.set("*", all);
  }

  const countsOf = (r: SqlRow, buckets = emptyBuckets()): GroupCounts => ({
    items: Number(r.items),
    batches: Number(r.batches),
    personVisits: Number(r.person_visits),
    repeatItems: 0,
    onlineItems: 0,
    buckets,
  });
  const keyOf = (r: SqlRow, d: Dimension) => {
    const v = r[col(d)];
    return v === null || v === undefined ? null : String(v);
  };
  let total: GroupCounts = countsOf({ g: 0, items: "0", batches: "0", person_visits: "0" });
  const byDimension = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as GroupRow[]])) as Record<
    Dimension,
    GroupRow[]
  >;
  const byCross = new Map<string, GroupRow[]>(crosses.map((x) => [x.join("×"), []]));
  for (const { inSet, row: r } of rows) {
    if (inSet.length === 0) {
      total = countsOf(r, unitBuckets.get("*"));
    } else if (inSet.length === 1) {
      const d = inSet[0]!;
      const key = keyOf(r, d);
      const buckets = d === "handlingUnit" ? unitBuckets.get(key) : undefined;
      byDimension[d].push({ keys: { [d]: key }, counts: countsOf(r, buckets) });
    } else {
      const x = crosses.find((c) => c.length === inSet.length && c.every((dd) => inSet.includes(dd)));
      if (x) {
        byCross.get(x.join("×"))!.push({
          keys: Object.fromEntries(x.map((dd) => [dd, keyOf(r, dd)])),
          counts: countsOf(r),
        });
      }
    }
  }
  // Repeat and online items are rows of two breakdowns, not extra aggregates over every set.
  total.repeatItems =
    byDimension.firstPetition.find((g) => g.keys.firstPetition === "false")?.counts.items ?? 0;
  total.onlineItems = byDimension.channel.find((g) => g.keys.channel === "online")?.counts.items ?? 0;
  return { total, byDimension, byCross, regionRoot };
}

/** Rollup rows in the shape of the GROUPING SETS rows: the set each belongs to and its key columns. */
function rollupRows(
  counted: readonly RollupCountRow[],
  dims: readonly Dimension[],
  crosses: readonly Cross[],
): { inSet: Dimension[]; row: SqlRow }[] {
  const out: { inSet: Dimension[]; row: SqlRow }[] = [];
  for (const r of counted) {
    const row: SqlRow = { g: 0, items: r.items, batches: r.batches, person_visits: r.person_visits };
    if (r.dim === "total") {
      out.push({ inSet: [], row });
      continue;
    }
    const cross = crosses.find((x) => x.join("×") === r.dim);
    if (cross) {
      row[col(cross[0])] = r.k1;
      row[col(cross[1])] = r.k2;
      out.push({ inSet: [...cross], row });
      continue;
    }
    const d = dims.find((x) => x === r.dim);
    if (!d) continue;
    row[col(d)] = r.k1;
    out.push({ inSet: [d], row });
  }
  return out;
}
