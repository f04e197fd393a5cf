import type { Role } from "../../domain/auth/roles.ts";
import {
  canEditField,
  canSeeField,
  PAYMENT_EDIT_ROLES,
  type TFieldSet,
} from "../../domain/fields/definitions.ts";
import { formatFen, parseYuan } from "../../domain/fields/money.ts";
import {
  describeIssues,
  fieldValuesSchema,
  type InputValue,
  type StoredValues,
  visibleValues,
} from "../../domain/fields/values.ts";
import { recordActorAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { caseFieldSet, changedValues, currentFieldSet, writeCaseValues } from "./store.ts";

export interface PaymentRow {
  id: string;
  paid_on: string;
  amount_fen: string;
  note: string | null;
  recorded_at: Date;
  recorded_by_name: string | null;
  voided_at: Date | null;
  void_reason: string | null;
}

export const canRecordPayments = (roles: readonly Role[]) =>
  roles.some((r) => PAYMENT_EDIT_ROLES.includes(r));

/** Checks submitted values against a field set for an actor, or throws 422 with every field's problem. */
export function checkValues(
  set: TFieldSet,
  roles: readonly Role[],
  input: Record<string, InputValue>,
  current: StoredValues = {},
): StoredValues {
  const r = fieldValuesSchema(set.fields, roles, current).safeParse(input);
  if (!r.success)
    throw new AppError("FIELD_VALUES_INVALID", { fields: describeIssues(set.fields, r.error.issues) });
  return r.data;
}

/**
 * The category fields sent with a registration, checked before the case is written (so a bad value
 * refuses the registration and nothing is written): the category's newest set and the stored values.
 */
export async function prepareRegistrationFields(
  q: Queryable,
  roles: readonly Role[],
  categoryId: string | undefined,
  input: Record<string, InputValue> | undefined,
): Promise<{ set: TFieldSet; values: StoredValues } | null> {
  if (input === undefined) return null;
  const set = categoryId ? await currentFieldSet(q, categoryId) : null;
  if (!set) {
    if (Object.keys(input).length === 0) return null;
    throw new AppError("FIELD_VALUES_INVALID", {
      fields: Object.keys(input).map((k) => ({
        field: k,
        labelZh: k,
        labelEn: k,
        message: "该问题类别没有附加字段 / the category has no extra fields",
      })),
    });
  }
  return { set, values: checkValues(set, roles, input) };
}

/** Writes a registration's checked values with their audit row, right after the case was written. */
export async function writeRegistrationFields(
  tx: Queryable,
  ctx: { actor: Actor; ip: string | null; now: Date },
  caseId: string,
  prepared: { set: TFieldSet; values: StoredValues },
): Promise<void> {
  await writeCaseValues(tx, caseId, prepared.set.id, prepared.values, ctx.actor.id, ctx.now);
  await recordActorAudit(tx, ctx, "case_fields_update", "case", caseId, {
    fieldSetId: prepared.set.id,
    version: prepared.set.version,
    changes: changedValues(prepared.set.fields, {}, prepared.values),
  });
}

async function loadPayments(q: Queryable, caseId: string): Promise<PaymentRow[]> {
  const { rows } = await q.query<PaymentRow>(
    `SELECT p.id, to_char(p.paid_on, 'YYYY-MM-DD') AS paid_on, p.amount_fen::text AS amount_fen, p.note,
            p.recorded_at, u.display_name AS recorded_by_name, p.voided_at, p.void_reason
       FROM case_payments p LEFT JOIN users u ON u.id = p.recorded_by
      WHERE p.case_id = $1 ORDER BY p.paid_on, p.recorded_at`,
    [caseId],
  );
  return rows;
}

/** The case's fields as the actor sees them: definitions they may see, values, payments, what they may change. */
export async function caseFieldsView(
  q: Queryable,
  actor: Actor,
  c: { id: string; category_id: string | null },
) {
  const found = await caseFieldSet(q, c.id, c.category_id);
  if (!found) return { fieldSet: null, values: {}, editable: [], missingRequired: [], payments: null };
  const { set, values } = found;
  const visible = set.fields.filter((d) => canSeeField(d, actor.roles));
  const payments = set.hasPayments ? await loadPayments(q, c.id) : [];
  const live = payments.filter((p) => p.voided_at === null);
  const total = live.reduce((s, p) => s + BigInt(p.amount_fen), 0n);
  return {
    fieldSet: {
      id: set.id,
      categoryId: set.categoryId,
      version: set.version,
      fields: visible,
      hasPayments: set.hasPayments,
      paymentsLabelZh: set.paymentsLabelZh,
      paymentsLabelEn: set.paymentsLabelEn,
      createdAt: set.createdAt,
    },
    values: visibleValues(set.fields, actor.roles, values),
    editable: visible.filter((d) => canEditField(d, actor.roles)).map((d) => d.key),
    missingRequired: visible.filter((d) => d.required && values[d.key] === undefined).map((d) => d.key),
    payments: set.hasPayments
      ? {
          items: payments.map((p) => ({
            id: p.id,
            paidOn: p.paid_on,
            amount: formatFen(p.amount_fen),
            note: p.note,
            recordedAt: p.recorded_at.toISOString(),
            recordedBy: p.recorded_by_name,
            voided: p.voided_at !== null,
            voidReason: p.void_reason,
          })),
          total: formatFen(total),
          canRecord: canRecordPayments(actor.roles),
        }
      : null,
  };
}

/** Changes some of a case's values (partial: absent keys stay, null clears), audited with before and after. */
export async function updateCaseFields(
  tx: Queryable,
  ctx: { actor: Actor; ip: string | null; now: Date },
  c: { id: string; category_id: string | null },
  input: Record<string, InputValue>,
): Promise<void> {
  const found = await caseFieldSet(tx, c.id, c.category_id);
  if (!found) throw new AppError("FIELD_SET_NONE");
  const next = checkValues(found.set, ctx.actor.roles, input, found.values);
  const changes = changedValues(found.set.fields, found.values, next);
  if (Object.keys(changes).length === 0) return;
  await writeCaseValues(tx, c.id, found.set.id, next, ctx.actor.id, ctx.now);
  await recordActorAudit(tx, ctx, "case_fields_update", "case", c.id, {
    fieldSetId: found.set.id,
    version: found.set.version,
    changes,
  });
}

/** Records one payment recovered for the petitioners, audited. */
export async function addPayment(
  tx: Queryable,
  ctx: { actor: Actor; ip: string | null; now: Date },
  c: { id: string; category_id: string | null },
  body: { paidOn: string; amount: string; note?: string | undefined },
): Promise<string> {
  if (!canRecordPayments(ctx.actor.roles)) throw new AppError("FORBIDDEN");
  const found = await caseFieldSet(tx, c.id, c.category_id);
  if (!found?.set.hasPayments) throw new AppError("FIELD_SET_NONE");
  const fen = parseYuan(body.amount);
  if (fen === null || fen === 0n) throw new AppError("PAYMENT_AMOUNT_INVALID");
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(ctx.now);
  if (body.paidOn > today) throw new AppError("PAYMENT_DATE_FUTURE");
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_payments (case_id, paid_on, amount_fen, note, recorded_at, recorded_by)
     VALUES ($1, $2, $3::bigint, $4, $5, $6) RETURNING id`,
    [c.id, body.paidOn, fen.toString(), body.note ?? null, ctx.now, ctx.actor.id],
  );
  const id = rows[0]!.id;
  // The case's values row exists once a payment does, so the ledger finds the case's version.
  if (found.updatedAt === null)
    await writeCaseValues(tx, c.id, found.set.id, found.values, ctx.actor.id, ctx.now);
  await recordActorAudit(tx, ctx, "case_payment_add", "case", c.id, {
    paymentId: id,
    paidOn: body.paidOn,
    amountFen: fen.toString(),
  });
  return id;
}

/** Voids a payment entered by mistake (kept, marked, with the reason), audited. */
export async function voidPayment(
  tx: Queryable,
  ctx: { actor: Actor; ip: string | null; now: Date },
  caseId: string,
  paymentId: string,
  reason: string,
): Promise<void> {
  if (!canRecordPayments(ctx.actor.roles)) throw new AppError("FORBIDDEN");
  const { rows } = await tx.query<{ amount_fen: string }>(
    `UPDATE case_payments SET voided_at = $3, voided_by = $4, void_reason = $5
      WHERE case_id = $1 AND id = $2 AND voided_at IS NULL RETURNING amount_fen::text AS amount_fen`,
    [caseId, paymentId, ctx.now, ctx.actor.id, reason],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND");
  await recordActorAudit(tx, ctx, "case_payment_void", "case", caseId, {
    paymentId,
    amountFen: rows[0].amount_fen,
    reason,
  });
}
