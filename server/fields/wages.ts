import { canSeeField, type TFieldDefinition } from "../../domain/fields/definitions.ts";
import { formatFenAsWan } from "../../domain/fields/money.ts";
import type { Period } from "../../domain/metrics/period.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { currentFieldSet } from "./store.ts";

/** The category whose cases are "为农民工讨要工资" (shipped by migration 20261208300100). */
export const WAGE_CATEGORY_CODE = "labor.wage_arrears";

export interface WageSummary {
  /** Cases with at least one payment (not voided) dated in the period. */
  cases: number;
  /** Sum of those payments, integer fen as a string of digits (summed in SQL as bigint). */
  recoveredFen: string;
  /** The same in 万元 with two decimals, from the integer. */
  recoveredWan: string;
  sentence: string;
}

const dayStart = (p: SqlParams, d: string) => `(${p.add(d)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const dayEnd = (p: SqlParams, d: string) =>
  `((${p.add(d)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** "为农民工讨要工资N件，累计追回X万元" from the payments of the period, over the cases the actor may read. */
export async function wageSummary(
  q: Queryable,
  actor: Actor,
  period: Pick<Period, "from" | "to">,
): Promise<WageSummary> {
  const p = new SqlParams();
  const visible = visibleCasesCondition(actor, p);
  const { rows } = await q.query<{ cases: number; fen: string }>(
    `SELECT count(DISTINCT c.id)::int AS cases, coalesce(sum(pm.amount_fen), 0)::text AS fen
       FROM case_payments pm
       JOIN cases c ON c.id = pm.case_id
       JOIN categories cat ON cat.id = c.category_id AND cat.code = ${p.add(WAGE_CATEGORY_CODE)}
      WHERE pm.voided_at IS NULL AND pm.paid_on BETWEEN ${p.add(period.from)}::date AND ${p.add(period.to)}::date
        AND ${visible}`,
    p.values,
  );
  const cases = rows[0]?.cases ?? 0;
  const fen = rows[0]?.fen ?? "0";
  const wan = formatFenAsWan(fen);
  return {
    cases,
    recoveredFen: fen,
    recoveredWan: wan,
    sentence: `为农民工讨要工资${cases}件，累计追回${wan}万元`,
  };
}

export interface WageLedgerRow {
  employer: string;
  project: string;
  cases: number;
  workers: string;
  owedFen: string;
  recoveredPeriodFen: string;
  recoveredTotalFen: string;
  outstandingFen: string;
}

/**
 * The wage-arrears ledger of a period by employer and project: the wage cases received in the
 * period or with a payment in it; amounts owed as recorded; recovered in the period and up to its
 * end; outstanding = owed − recovered up to the end (never below 0). A field the actor may not see
 * is read as empty, so it neither names nor sums anything for them.
 */
export async function wageLedger(
  q: Queryable,
  actor: Actor,
  period: Pick<Period, "from" | "to">,
): Promise<WageLedgerRow[]> {
  const cat = await q.query<{ id: string }>("SELECT id FROM categories WHERE code = $1", [
    WAGE_CATEGORY_CODE,
  ]);
  if (!cat.rows[0]) return [];
  const set = await currentFieldSet(q, cat.rows[0].id);
  const defs: TFieldDefinition[] = set?.fields ?? [];
  const p = new SqlParams();
  const seen = (key: string, sql: string, type: string) =>
    defs.some((d) => d.key === key && canSeeField(d, actor.roles)) ? sql : `NULL::${type}`;
  const from = p.add(period.from);
  const to = p.add(period.to);
  const visible = visibleCasesCondition(actor, p);
  const { rows } = await q.query<{
    employer: string;
    project: string;
    cases: number;
    workers: string;
    owed: string;
    rec_period: string;
    rec_total: string;
    outstanding: string;
  }>(
    `WITH wc AS (
       SELECT c.id, v.field_values AS fv
         FROM cases c
         JOIN categories cat ON cat.id = c.category_id AND cat.id = ${p.add(cat.rows[0].id)}
         LEFT JOIN LATERAL (
           SELECT cv.field_values FROM case_field_values cv JOIN field_sets s ON s.id = cv.field_set_id
            WHERE cv.case_id = c.id AND s.category_id = c.category_id ORDER BY s.version DESC LIMIT 1) v ON true
        WHERE ${visible}
          AND ((c.received_at >= ${dayStart(p, period.from)} AND c.received_at < ${dayEnd(p, period.to)})
               OR EXISTS (SELECT 1 FROM case_payments x WHERE x.case_id = c.id AND x.voided_at IS NULL
                            AND x.paid_on BETWEEN ${from}::date AND ${to}::date))
     ), pay AS (
       SELECT pm.case_id,
              coalesce(sum(pm.amount_fen) FILTER (WHERE pm.paid_on >= ${from}::date), 0) AS period_fen,
              sum(pm.amount_fen) AS total_fen
         FROM case_payments pm JOIN wc ON wc.id = pm.case_id
        WHERE pm.voided_at IS NULL AND pm.paid_on <= ${to}::date
        GROUP BY pm.case_id
     ), per_case AS (
       SELECT coalesce(${seen("employer", "wc.fv->>'employer'", "text")}, '') AS employer,
              coalesce(${seen("project", "wc.fv->>'project'", "text")}, '') AS project,
              ${seen("workers", "(wc.fv->>'workers')::numeric", "numeric")} AS workers,
              coalesce(${seen("amount_owed", "(wc.fv->>'amount_owed')::bigint", "bigint")}, 0) AS owed,
              coalesce(pay.period_fen, 0) AS rec_period, coalesce(pay.total_fen, 0) AS rec_total
         FROM wc LEFT JOIN pay ON pay.case_id = wc.id
     )
     SELECT employer, project, count(*)::int AS cases, coalesce(sum(workers), 0)::text AS workers,
            sum(owed)::text AS owed, sum(rec_period)::text AS rec_period, sum(rec_total)::text AS rec_total,
            sum(GREATEST(owed - rec_total, 0))::text AS outstanding
       FROM per_case GROUP BY employer, project ORDER BY employer, project`,
    p.values,
  );
  return rows.map((r) => ({
    employer: r.employer,
    project: r.project,
    cases: r.cases,
    workers: r.workers,
    owedFen: r.owed,
    recoveredPeriodFen: r.rec_period,
    recoveredTotalFen: r.rec_total,
    outstandingFen: r.outstanding,
  }));
}
