import { canSeeField } from "../../domain/fields/definitions.ts";
import { formatFen } from "../../domain/fields/money.ts";
import type { Period } from "../../domain/metrics/period.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { currentFieldSet } from "./store.ts";

export interface FieldStatsRow {
  value: string | null;
  label: string;
  cases: number;
  /** Per money or number field: the sum, money in yuan from integer fen, numbers as decimals. */
  sums: Record<string, string>;
}

/**
 * A category's cases received in the period, grouped by a choice or yes/no field (or all together),
 * with the sums of its money and number fields — only the fields the actor may see; sums in SQL
 * (bigint for money).
 */
export async function fieldStats(
  q: Queryable,
  actor: Actor,
  categoryId: string,
  period: Pick<Period, "from" | "to">,
  groupBy: string | undefined,
) {
  const set = await currentFieldSet(q, categoryId);
  if (!set) throw new AppError("FIELD_SET_NONE");
  const visible = set.fields.filter((d) => canSeeField(d, actor.roles));
  const group = groupBy === undefined ? undefined : visible.find((d) => d.key === groupBy);
  if (groupBy !== undefined && (!group || (group.type !== "choice" && group.type !== "boolean")))
    throw new AppError("FIELD_FILTER_INVALID", { groupBy, reason: "a choice or yes/no field you may see" });
  const summed = visible.filter((d) => d.type === "money" || d.type === "number");
  const p = new SqlParams();
  const groupExpr = group ? `v.fv->>${p.add(group.key)}` : "NULL::text";
  const sums = summed.map(
    (d, i) =>
      `coalesce(sum((v.fv->>${p.add(d.key)})::${d.type === "money" ? "bigint" : "numeric"}), 0)::text AS s${i}`,
  );
  const cond = visibleCasesCondition(actor, p);
  const { rows } = await q.query<Record<string, string | number | null>>(
    `SELECT ${groupExpr} AS k, count(*)::int AS n${sums.map((s) => `, ${s}`).join("")}
       FROM cases c
       LEFT JOIN LATERAL (
         SELECT cv.field_values AS fv FROM case_field_values cv JOIN field_sets s ON s.id = cv.field_set_id
          WHERE cv.case_id = c.id AND s.category_id = c.category_id ORDER BY s.version DESC LIMIT 1) v ON true
      WHERE c.category_id = ${p.add(categoryId)} AND ${cond}
        AND c.received_at >= (${p.add(period.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND c.received_at < ((${p.add(period.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
      GROUP BY 1 ORDER BY 1 NULLS LAST`,
    p.values,
  );
  const labelOf = (k: string | null) => {
    // Without a grouping field the one row is the category's total.
    if (!group) return "合计";
    if (k === null) return "未填写";
    if (group?.type === "boolean") return k === "true" ? "是" : "否";
    return group?.options?.find((o) => o.value === k)?.labelZh ?? k;
  };
  return {
    groupBy: group ? { key: group.key, labelZh: group.labelZh, labelEn: group.labelEn } : null,
    sumFields: summed.map((d) => ({
      key: d.key,
      labelZh: d.labelZh,
      labelEn: d.labelEn,
      type: d.type,
      unit: d.unit ?? null,
    })),
    rows: rows.map(
      (r): FieldStatsRow => ({
        value: (r.k as string | null) ?? null,
        label: labelOf((r.k as string | null) ?? null),
        cases: Number(r.n),
        sums: Object.fromEntries(
          summed.map((d, i) => [
            d.key,
            d.type === "money" ? formatFen(String(r[`s${i}`])) : String(r[`s${i}`]),
          ]),
        ),
      }),
    ),
  };
}
