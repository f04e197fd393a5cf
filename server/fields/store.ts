import {
  changedTypes,
  type TFieldDefinition,
  type TFieldSet,
  type TFieldSetInput,
  ZFieldDefinition,
} from "../../domain/fields/definitions.ts";
import type { StoredValues } from "../../domain/fields/values.ts";
import { recordActorAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";

interface FieldSetRow {
  id: string;
  category_id: string;
  version: number;
  fields: unknown;
  has_payments: boolean;
  payments_label_zh: string | null;
  payments_label_en: string | null;
  created_at: Date;
}

const SET_COLUMNS =
  "s.id, s.category_id, s.version, s.fields, s.has_payments, s.payments_label_zh, s.payments_label_en, s.created_at";

export function presentFieldSet(r: FieldSetRow): TFieldSet {
  return {
    id: r.id,
    categoryId: r.category_id,
    version: r.version,
    // Written only after ZFieldSetInput checked them; parsed again so defaults are filled the same way.
    fields: ZFieldDefinition.array().parse(r.fields),
    hasPayments: r.has_payments,
    paymentsLabelZh: r.payments_label_zh,
    paymentsLabelEn: r.payments_label_en,
    createdAt: r.created_at.toISOString(),
  };
}

/** Every version of a category's field set, newest first. */
export async function listFieldSetVersions(q: Queryable, categoryId: string): Promise<TFieldSet[]> {
  const { rows } = await q.query<FieldSetRow>(
    `SELECT ${SET_COLUMNS} FROM field_sets s WHERE s.category_id = $1 ORDER BY s.version DESC`,
    [categoryId],
  );
  return rows.map(presentFieldSet);
}

/** The newest version of a category's field set, or null if the category has none. */
export async function currentFieldSet(q: Queryable, categoryId: string): Promise<TFieldSet | null> {
  const { rows } = await q.query<FieldSetRow>(
    `SELECT ${SET_COLUMNS} FROM field_sets s WHERE s.category_id = $1 ORDER BY s.version DESC LIMIT 1`,
    [categoryId],
  );
  return rows[0] ? presentFieldSet(rows[0]) : null;
}

/** The current versions of every category's field set (a county has a handful). */
export async function allCurrentFieldSets(q: Queryable): Promise<TFieldSet[]> {
  const { rows } = await q.query<FieldSetRow>(
    `SELECT DISTINCT ON (s.category_id) ${SET_COLUMNS} FROM field_sets s ORDER BY s.category_id, s.version DESC`,
  );
  return rows.map(presentFieldSet);
}

/** Every version of every field set: filters and the ledger read old cases by their own version. */
export async function allFieldSetVersions(q: Queryable): Promise<TFieldSet[]> {
  const { rows } = await q.query<FieldSetRow>(
    `SELECT ${SET_COLUMNS} FROM field_sets s ORDER BY s.category_id, s.version`,
  );
  return rows.map(presentFieldSet);
}

/**
 * Writes the next version of a category's field set. The category row is locked, so two
 * administrators saving at once get versions n+1 and n+2, never the same number twice.
 */
export async function createFieldSetVersion(
  tx: Queryable,
  ctx: { actor: Actor; ip: string | null },
  categoryId: string,
  input: TFieldSetInput,
): Promise<TFieldSet> {
  const cat = await tx.query("SELECT id FROM categories WHERE id = $1 FOR UPDATE", [categoryId]);
  if (!cat.rows[0]) throw new AppError("CATEGORY_UNKNOWN");
  const earlier = await listFieldSetVersions(tx, categoryId);
  const changed = changedTypes(
    earlier.flatMap((s) => s.fields),
    input.fields,
  );
  if (changed.length > 0) throw new AppError("FIELD_TYPE_CHANGED", { keys: changed });
  const version = (earlier[0]?.version ?? 0) + 1;
  const { rows } = await tx.query<FieldSetRow>(
    `INSERT INTO field_sets AS s (category_id, version, fields, has_payments, payments_label_zh, payments_label_en, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SET_COLUMNS}`,
    [
      categoryId,
      version,
      JSON.stringify(input.fields),
      input.hasPayments,
      input.hasPayments ? (input.paymentsLabelZh ?? "追回金额（按笔）") : null,
      input.hasPayments ? (input.paymentsLabelEn ?? "Amounts recovered (per payment)") : null,
      ctx.actor.id,
    ],
  );
  const set = presentFieldSet(rows[0]!);
  await recordActorAudit(tx, ctx, "field_set_version", "category", categoryId, {
    version,
    keys: input.fields.map((f) => f.key),
    hasPayments: input.hasPayments,
  });
  return set;
}

/**
 * The field set a case is read and edited with in its current category: the version it has values
 * under (so an old case keeps the definition it was recorded with), else the category's newest.
 */
export async function caseFieldSet(
  q: Queryable,
  caseId: string,
  categoryId: string | null,
): Promise<{ set: TFieldSet; values: StoredValues; updatedAt: Date | null } | null> {
  if (!categoryId) return null;
  const { rows } = await q.query<FieldSetRow & { field_values: StoredValues; updated_at: Date }>(
    `SELECT ${SET_COLUMNS}, v.field_values, v.updated_at
       FROM case_field_values v JOIN field_sets s ON s.id = v.field_set_id
      WHERE v.case_id = $1 AND s.category_id = $2
      ORDER BY s.version DESC LIMIT 1`,
    [caseId, categoryId],
  );
  if (rows[0])
    return { set: presentFieldSet(rows[0]), values: rows[0].field_values, updatedAt: rows[0].updated_at };
  const set = await currentFieldSet(q, categoryId);
  return set ? { set, values: {}, updatedAt: null } : null;
}

/** Writes a case's values under a field set version (insert or replace). */
export async function writeCaseValues(
  tx: Queryable,
  caseId: string,
  setId: string,
  values: StoredValues,
  actorId: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO case_field_values (case_id, field_set_id, field_values, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id, field_set_id) DO UPDATE
       SET field_values = EXCLUDED.field_values, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [caseId, setId, JSON.stringify(values), at, actorId],
  );
}

/** The keys whose value differs between two stored sets, with both values (money in fen). */
export function changedValues(
  defs: readonly TFieldDefinition[],
  before: StoredValues,
  after: StoredValues,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const d of defs) {
    const a = before[d.key] ?? null;
    const b = after[d.key] ?? null;
    if (a !== b) out[d.key] = { from: a, to: b };
  }
  return out;
}
