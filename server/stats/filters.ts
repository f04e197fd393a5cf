import type { BlankField, RateBucket } from "../../domain/schemas/stats-filters.ts";
import type { SqlParams } from "../db/sql.ts";

/**
 * SQL shared by the statistics and the case list, so a figure and the list behind it are counted
 * by the same expressions. `c` is the alias of `cases`.
 */

/** Township-level household region of the first petitioner (see domain/schemas/stats-filters.ts). */
export function householdKeySql(codeSql: string): string {
  return `(CASE WHEN length(${codeSql}) >= 9 THEN left(${codeSql}, 9) ELSE ${codeSql} END)`;
}

const FIRST_PETITIONER_HOUSEHOLD = (c: string) =>
  `(SELECT hp.household_region_code FROM case_petitioners hp WHERE hp.case_id = ${c}.id AND hp.position = 0)`;

const LEAD_UNIT = (c: string) =>
  `(SELECT la.unit_id FROM case_assignments la WHERE la.case_id = ${c}.id AND la.role = 'lead' AND la.status <> 'returned')`;

/**
 * The acceptance, completion and evaluation buckets as conditions on a clock's state and due-day
 * expressions and the case `c` (the clock row in the case list, case_stats columns in statistics).
 */
export function bucketOnClock(
  bucket: RateBucket,
  c: string,
  state: string,
  due: string,
  asOf: string,
): string {
  const k = { state, due_on: due };
  switch (bucket) {
    case "acceptance.timely":
    case "completion.onTime":
      return `${k.state} = 'met'${bucket === "completion.onTime" ? ` AND ${c}.replied_at IS NOT NULL` : ""}`;
    case "acceptance.late":
      return `${k.state} = 'breached'`;
    case "completion.late":
      return `${k.state} = 'breached' AND ${c}.replied_at IS NOT NULL`;
    case "completion.notReplied":
      return `${k.state} <> 'running' AND ${c}.replied_at IS NULL`;
    case "acceptance.overdue":
    case "completion.overdue":
      return `${k.state} = 'running' AND ${k.due_on} < ${asOf}`;
    case "acceptance.pending":
    case "completion.pending":
      return `${k.state} = 'running' AND ${k.due_on} >= ${asOf}`;
    case "completion.pastDue":
      return `(${k.state} = 'breached' OR (${k.state} = 'running' AND ${k.due_on} < ${asOf}))`;
    case "evaluation.overdueUnrated":
      return `${c}.bureau_rating IS NULL AND (${k.state} = 'breached' OR (${k.state} = 'running' AND ${k.due_on} < ${asOf}))`;
    default:
      throw new Error(`not a clock bucket: ${bucket}`);
  }
}

export const BUCKET_CLOCK_STEP: Partial<Record<RateBucket, string>> = {
  "acceptance.timely": "acceptanceNotice",
  "acceptance.late": "acceptanceNotice",
  "acceptance.overdue": "acceptanceNotice",
  "acceptance.pending": "acceptanceNotice",
  "completion.onTime": "handling",
  "completion.late": "handling",
  "completion.notReplied": "handling",
  "completion.overdue": "handling",
  "completion.pending": "handling",
  "completion.pastDue": "handling",
  "evaluation.overdueUnrated": "evaluationWindow",
};

function bucketCondition(bucket: RateBucket, c: string, p: SqlParams, asOf: Date): string {
  const step = BUCKET_CLOCK_STEP[bucket];
  if (step) {
    const stepParam = p.add(step);
    let cond = bucketOnClock(bucket, c, "bk.state", "bk.due_on", "@AS_OF@");
    // A statement may not carry parameters it does not use: add the day only where it is compared.
    if (cond.includes("@AS_OF@")) cond = cond.replaceAll("@AS_OF@", `${p.add(shanghaiDay(asOf))}::date`);
    return `EXISTS (SELECT 1 FROM case_clocks bk WHERE bk.case_id = ${c}.id AND bk.clock = 'statutory'
      AND bk.step = ${stepParam} AND ${cond})`;
  }
  if (bucket === "evaluation.rated") return `${c}.bureau_rating IS NOT NULL`;
  const [who, value] = bucket.split(".") as [string, string];
  return `${c}.${who === "bureauRating" ? "bureau_rating" : "unit_rating"} = ${p.add(value)}`;
}

// Made once: building an Intl.DateTimeFormat costs far more than formatting with it.
const SHANGHAI_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

export function shanghaiDay(at: Date): string {
  return SHANGHAI_DAY.format(at);
}

export interface StatsListFilters {
  legalClass?: string | undefined;
  destinationLevel?: string | undefined;
  categoryExact?: string | undefined;
  regionUnitId?: string | undefined;
  regionUnitExact?: string | undefined;
  householdRegion?: string | undefined;
  handlingUnitId?: string | undefined;
  blank?: BlankField[] | undefined;
  bucket?: RateBucket | undefined;
}

/** The conditions of the statistics filters, for the case list. */
export function statsListConditions(f: StatsListFilters, p: SqlParams, asOf: Date, c = "c"): string[] {
  const where: string[] = [];
  if (f.legalClass) where.push(`${c}.legal_class = ${p.add(f.legalClass)}`);
  if (f.categoryExact) where.push(`${c}.category_id = ${p.add(f.categoryExact)}`);
  if (f.destinationLevel) where.push(`${c}.destination_level = ${p.add(f.destinationLevel)}`);
  if (f.regionUnitId) {
    where.push(`EXISTS (SELECT 1 FROM org_units ru WHERE ru.id = ${p.add(f.regionUnitId)}
      AND (${c}.region_path = ru.path OR starts_with(${c}.region_path, ru.path || '.')))`);
  }
  if (f.regionUnitExact) where.push(`${c}.region_unit_id = ${p.add(f.regionUnitExact)}`);
  if (f.householdRegion) {
    where.push(`${householdKeySql(FIRST_PETITIONER_HOUSEHOLD(c))} = ${p.add(f.householdRegion)}`);
  }
  if (f.handlingUnitId) where.push(`${LEAD_UNIT(c)} = ${p.add(f.handlingUnitId)}`);
  for (const field of f.blank ?? []) where.push(blankCondition(field, c));
  if (f.bucket) where.push(bucketCondition(f.bucket, c, p, asOf));
  return where;
}

function blankCondition(field: BlankField, c: string): string {
  switch (field) {
    case "nature":
      return `${c}.nature IS NULL`;
    case "legalClass":
      return `${c}.legal_class IS NULL`;
    case "category":
      return `${c}.category_id IS NULL`;
    case "destinationLevel":
      return `${c}.destination_level IS NULL`;
    case "householdRegion":
      return `${FIRST_PETITIONER_HOUSEHOLD(c)} IS NULL`;
    case "handlingUnit":
      return `${LEAD_UNIT(c)} IS NULL`;
  }
}
