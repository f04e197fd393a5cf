import { COUNTY_WIDE_ROLES } from "../../domain/auth/roles.ts";
import { type Actor, hasRole } from "../auth/actor.ts";
import type { Db, Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { listConditions } from "../queries/cases.ts";
import { shanghaiDay } from "./filters.ts";
import {
  BUCKET_SQL,
  COUNTED_BUCKETS,
  type CountedBucket,
  KEY_SQL,
  type StatsFilter,
  VISIT_BATCHES_SQL,
  VISIT_PERSONS_SQL,
} from "./summary.ts";

/**
 * The monthly rollup of case_stats (migrations/20261126004100_case_stats_monthly.sql): per Shanghai
 * month, region path and accused path, one row per breakdown key with its counts, plus the pending
 * differences in case_stats_delta. The dashboard reads it for whole months when every condition of
 * the request can be checked on those columns; everything else reads case_stats as before.
 */

/** The breakdowns the rollup keeps, with their key expressions over a case_stats row `c`. */
const ROLLUP_DIMS: readonly { dim: string; k1: string; k2: string }[] = [
  { dim: "total", k1: "NULL::text", k2: "NULL::text" },
  { dim: "channel", k1: "c.channel", k2: "NULL" },
  { dim: "nature", k1: "c.nature", k2: "NULL" },
  { dim: "legalClass", k1: "c.legal_class", k2: "NULL" },
  { dim: "category", k1: "c.category_top_id::text", k2: "NULL" },
  { dim: "subcategory", k1: "c.category_id::text", k2: "NULL" },
  { dim: "householdRegion", k1: "c.household_key", k2: "NULL" },
  { dim: "destinationLevel", k1: "c.destination_level", k2: "NULL" },
  { dim: "collective", k1: "c.is_collective::text", k2: "NULL" },
  { dim: "firstPetition", k1: "c.is_first_petition::text", k2: "NULL" },
  { dim: "handlingUnit", k1: "c.lead_unit_id::text", k2: "NULL" },
  { dim: "status", k1: "c.status", k2: "NULL" },
  { dim: "channel×collective", k1: "c.channel", k2: "c.is_collective::text" },
  { dim: "channel×nature", k1: "c.channel", k2: "c.nature" },
  { dim: "channel×destinationLevel", k1: "c.channel", k2: "c.destination_level" },
];

/** Column of a rate bucket in case_stats_monthly: acceptance.timely → acceptance_timely. */
export const bucketColumn = (b: CountedBucket) =>
  b.replace(".", "_").replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

const NEVER = "'-infinity'::date";

/**
 * Rows of `source` (case_stats columns plus `sign`, alias c) as rollup rows: one per breakdown key,
 * the buckets that do not depend on today's date on the handlingUnit rows (a bucket condition
 * compared with a day before every due day is its part that needs no date).
 */
export function explodeSql(source: string): string {
  const buckets = BUCKET_SQL(NEVER);
  return `SELECT (date_trunc('month', c.received_at AT TIME ZONE 'Asia/Shanghai'))::date AS month, c.region_path,
                 c.accused_path, x.dim, x.k1, x.k2, c.sign::int8 AS items, ${VISIT_BATCHES_SQL("c")} * c.sign AS batches,
                 ${VISIT_PERSONS_SQL("c")} * c.sign AS person_visits
                 ${COUNTED_BUCKETS.map(
                   (b) =>
                     `, CASE WHEN x.dim = 'handlingUnit' AND (${buckets[b]}) THEN c.sign ELSE 0 END::int8 AS ${bucketColumn(b)}`,
                 ).join("")}
            FROM ${source} c
           CROSS JOIN LATERAL (VALUES ${ROLLUP_DIMS.map((d) => `('${d.dim}', ${d.k1}, ${d.k2})`).join(", ")}) AS x(dim, k1, k2)`;
}

/** The case_stats columns explodeSql reads. */
const EXPLODED_COLUMNS = [
  "received_at",
  "region_path",
  "accused_path",
  "channel",
  "nature",
  "legal_class",
  "category_top_id",
  "category_id",
  "household_key",
  "destination_level",
  "is_collective",
  "is_first_petition",
  "lead_unit_id",
  "status",
  "batch_count",
  "headcount",
  "acceptance_state",
  "acceptance_due",
  "handling_state",
  "handling_due",
  "evaluation_state",
  "evaluation_due",
  "bureau_rating",
  "unit_rating",
  "replied_at",
]
  .map((x) => `c.${x}`)
  .join(", ");

/**
 * Differences with the same values summed first: one transaction that writes a case and then its
 * parts leaves +1/−1 pairs for every intermediate row, which cancel here instead of being counted
 * fifteen times each.
 */
export function netSql(source: string): string {
  return `(SELECT sum(c.sign)::int AS sign, ${EXPLODED_COLUMNS} FROM ${source} c
            GROUP BY ${EXPLODED_COLUMNS} HAVING sum(c.sign) <> 0)`;
}

// A function, not a constant: summary.ts and this module import each other.
const sumColumns = () => [
  "items",
  "batches",
  "person_visits",
  ...COUNTED_BUCKETS.map((b) => bucketColumn(b)),
];

const FOLD_LOCK = 7_221_031;

/**
 * Moves the pending differences into the rollup, in one transaction: they are deleted and added in
 * one statement, so a concurrent reader sees them either pending or folded, never both or neither.
 * Returns how many differences were folded.
 */
export async function foldCaseStatsMonthly(db: Db): Promise<number> {
  // Nothing pending is the usual case between two writes: a read, not a write transaction, then.
  // A difference committed after this check is still read from the delta by the summary itself.
  const pending = await db.query<{ any: boolean }>("SELECT EXISTS (SELECT 1 FROM case_stats_delta) AS any");
  if (!pending.rows[0]?.any) return 0;
  const SUMS = sumColumns();
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [FOLD_LOCK]);
    await tx.query("SELECT set_config('xinfang.case_stats_rollup', 'on', true)");
    const r = await tx.query<{ months: string[] | null; n: string }>(
      `WITH d AS (DELETE FROM case_stats_delta RETURNING *),
            n AS (SELECT count(*) AS n FROM d),
            up AS (
              INSERT INTO case_stats_monthly AS m (month, region_path, accused_path, dim, k1, k2, ${SUMS.join(", ")})
              SELECT month, region_path, accused_path, dim, k1, k2, ${SUMS.map((s) => `sum(${s})`).join(", ")}
                FROM (${explodeSql(netSql("d"))}) e
               GROUP BY month, region_path, accused_path, dim, k1, k2
              ON CONFLICT (month, region_path, accused_path, dim, k1, k2) DO UPDATE SET
                ${SUMS.map((s) => `${s} = m.${s} + EXCLUDED.${s}`).join(", ")}
              RETURNING m.month, m.items
            )
       SELECT (SELECT array_agg(DISTINCT month::text) FROM up WHERE items = 0) AS months, (SELECT n FROM n)::text AS n`,
    );
    const months = r.rows[0]?.months ?? [];
    // Keys no case has any more: kept out so the table only holds what counts.
    if (months.length > 0) {
      await tx.query("DELETE FROM case_stats_monthly WHERE month = ANY($1::date[]) AND items = 0", [months]);
    }
    await tx.query("SELECT set_config('xinfang.case_stats_rollup', 'off', true)");
    return Number(r.rows[0]?.n ?? 0);
  });
}

/** Filters the rollup can answer: the period and the region scope. */
const ROLLUP_FILTERS = new Set(["from", "to", "regionCode", "regionUnitId"]);

/** Whether `day` (YYYY-MM-DD) is the first / last day of its month. */
const isFirstOfMonth = (day: string) => day.endsWith("-01");
function isLastOfMonth(day: string): boolean {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

/**
 * Whether a request can be answered from the rollup: whole months, no filter but the region scope,
 * and a user whose visibility is a condition on region and accused paths (the bureau and the county
 * leadership). A unit head or unit handler sees the cases assigned to the unit, and township staff
 * do not see confidential cases, neither of which the rollup records: those users, custom day
 * ranges and other filters read case_stats.
 */
export function canUseRollup(actor: Actor, f: StatsFilter): boolean {
  // Township and village staff do not see confidential cases, which the rollup does not tell apart.
  if (!hasRole(actor, ...COUNTY_WIDE_ROLES) || hasRole(actor, "unit_staff", "unit_leader")) return false;
  if (!f.from || !f.to || !isFirstOfMonth(f.from) || !isLastOfMonth(f.to)) return false;
  return Object.entries(f).every(([k, v]) => v === undefined || ROLLUP_FILTERS.has(k));
}

export interface RollupCountRow {
  /** The breakdown: total, a dimension, or a cross "a×b". */
  dim: string;
  k1: string | null;
  k2: string | null;
  items: string;
  batches: string;
  person_visits: string;
}

type Run = <T>(sql: string, params: unknown[]) => Promise<{ rows: T[] }>;

/**
 * Counts per breakdown key from the rollup and the pending differences: the stored breakdowns, the
 * problem regions (children of `regionRoot`) as dim "problemRegion" and the months as dim "month".
 */
export async function rollupCounts(
  run: Run,
  actor: Actor,
  f: StatsFilter,
  asOf: Date,
  regionRoot: string,
  /** The stored breakdowns to read ("total" is always read: regions and months come from it); all when absent. */
  dims?: readonly string[],
): Promise<RollupCountRow[]> {
  const p = new SqlParams();
  const scope = { regionCode: f.regionCode, regionUnitId: f.regionUnitId, page: 1, pageSize: 1 };
  const rollWhere = listConditions(actor, scope, p, asOf).join(" AND ");
  const from = p.add(f.from);
  const to = p.add(f.to);
  const deltaWhere = listConditions(actor, { ...f, page: 1, pageSize: 1 }, p, asOf).join(" AND ");
  const dimWhere = dims ? ` AND c.dim = ANY(${p.add(["total", ...dims])}::text[])` : "";
  const root = p.add(regionRoot);
  const sums =
    "sum(c.items)::int8 AS items, sum(c.batches)::int8 AS batches, sum(c.person_visits)::int8 AS person_visits";
  const { rows } = await run<RollupCountRow>(
    `WITH src AS (
       SELECT c.month, c.region_path, c.dim, c.k1, c.k2, c.items, c.batches, c.person_visits
         FROM case_stats_monthly c
        WHERE ${rollWhere} AND c.month >= ${from}::date AND c.month <= ${to}::date${dimWhere}
       UNION ALL
       SELECT e.month, e.region_path, e.dim, e.k1, e.k2, e.items, e.batches, e.person_visits
         FROM (${explodeSql(netSql(`(SELECT * FROM case_stats_delta c WHERE ${deltaWhere})`))}) e${dimWhere.replaceAll("c.dim", "e.dim").replace(" AND ", " WHERE ")}
     )
     SELECT c.dim, c.k1, c.k2, ${sums} FROM src c GROUP BY c.dim, c.k1, c.k2 HAVING sum(c.items) <> 0
     UNION ALL
     SELECT 'problemRegion', ${KEY_SQL.problemRegion.replaceAll("$ROOT", root)}, NULL, ${sums}
       FROM src c WHERE c.dim = 'total' GROUP BY 2 HAVING sum(c.items) <> 0
     UNION ALL
     SELECT 'month', to_char(c.month, 'YYYY-MM'), NULL, ${sums}
       FROM src c WHERE c.dim = 'total' GROUP BY 2 HAVING sum(c.items) <> 0`,
    p.values,
  );
  return rows;
}

/**
 * The rate buckets per lead unit: the parts that need no date from the rollup and the pending
 * differences, plus, from case_stats, what today adds for the cases with a running clock (a
 * running clock past its due day).
 */
export async function rollupBuckets(
  run: Run,
  actor: Actor,
  f: StatsFilter,
  asOf: Date,
): Promise<Record<string, string | number | null>[]> {
  const p = new SqlParams();
  const scope = { regionCode: f.regionCode, regionUnitId: f.regionUnitId, page: 1, pageSize: 1 };
  const rollWhere = listConditions(actor, scope, p, asOf).join(" AND ");
  const from = p.add(f.from);
  const to = p.add(f.to);
  const deltaWhere = listConditions(actor, { ...f, page: 1, pageSize: 1 }, p, asOf).join(" AND ");
  const liveWhere = listConditions(actor, { ...f, page: 1, pageSize: 1 }, p, asOf).join(" AND ");
  const day = `${p.add(shanghaiDay(asOf))}::date`;
  const today = BUCKET_SQL(day);
  const never = BUCKET_SQL(NEVER);
  const cols = COUNTED_BUCKETS.map((b) => bucketColumn(b));
  const { rows } = await run<Record<string, string | number | null>>(
    `WITH src AS (
       SELECT c.k1 AS unit, ${cols.map((x) => `c.${x}`).join(", ")}
         FROM case_stats_monthly c
        WHERE ${rollWhere} AND c.month >= ${from}::date AND c.month <= ${to}::date AND c.dim = 'handlingUnit'
       UNION ALL
       SELECT e.k1, ${cols.map((x) => `e.${x}`).join(", ")}
         FROM (${explodeSql(netSql(`(SELECT * FROM case_stats_delta c WHERE ${deltaWhere})`))}) e
        WHERE e.dim = 'handlingUnit'
       UNION ALL
       SELECT c.lead_unit_id::text,
              ${COUNTED_BUCKETS.map((b) =>
                today[b] === never[b]
                  ? "0"
                  : `(CASE WHEN ${today[b]} THEN 1 ELSE 0 END) - (CASE WHEN ${never[b]} THEN 1 ELSE 0 END)`,
              ).join(", ")}
         FROM case_stats c
        WHERE ${liveWhere}
          AND (c.acceptance_state = 'running' OR c.handling_state = 'running' OR c.evaluation_state = 'running')
          AND ((c.acceptance_state = 'running' AND c.acceptance_due < ${day})
               OR (c.handling_state = 'running' AND c.handling_due < ${day})
               OR (c.evaluation_state = 'running' AND c.evaluation_due < ${day}))
     )
     SELECT unit ${cols.map((x, i) => `, sum(${x})::int8 AS b${i}`).join("")} FROM src GROUP BY unit`,
    p.values,
  );
  return rows;
}

/** Whether the database has the rollup (a Db, not an open transaction, so it can fold first). */
export function isDb(q: Queryable): q is Db {
  return typeof (q as Partial<Db>).transaction === "function";
}
