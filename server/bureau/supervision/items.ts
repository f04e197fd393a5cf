import type { Role } from "../../../domain/auth/roles.ts";
import type { TRulePack } from "../../../domain/calendar/rule-pack.ts";
import { computeDueDate } from "../../../domain/calendar/time-limit.ts";
import { isOpen } from "../../../domain/workflow/statuses.ts";
import type { Actor } from "../../auth/actor.ts";
import { isWithin } from "../../auth/actor.ts";
import { appendCaseEvent } from "../../cases/events.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { findVisibleCase } from "../../queries/cases.ts";
import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, expectState, today } from "../context.ts";
import { type PageReq, pagedRows } from "../page.ts";
import { type DayRange, instantInRange } from "../range.ts";
import {
  noAccusationAgainst,
  percent,
  RESPONSIBLE_KINDS,
  recordScope,
  requireAnyRole,
  unitInArea,
  visibleCaseRefs,
} from "../scope.ts";

type Kind = "reminder" | "order" | "flag";

function itemScope(actor: Actor, p: SqlParams): string {
  return `(${recordScope(actor, p, "s.area_path", "s.unit_path")} AND ${noAccusationAgainst(actor, p, "supervision_items", "id", "s.id")})`;
}

export interface NewItem {
  kind: Kind;
  caseId: string;
  unitId?: string | undefined;
  text: string;
  leaderName?: string | undefined;
  replyDueOn?: string | undefined;
}

const EVENT: Record<Kind, { action: string; label: string }> = {
  reminder: { action: "supervision_reminder", label: "催办" },
  order: { action: "supervision_order", label: "督办" },
  flag: { action: "supervision_flag", label: "挂牌督办" },
};

/**
 * Presses a unit about one open case the actor may read: a reminder, a supervision order with a
 * reply deadline (the rule pack's supervisionReply limit unless given), or a flag. The addressee
 * defaults to the case's lead unit and may never be a unit the case accuses. The case gets an event.
 */
export async function createItem(
  tx: Queryable,
  ctx: BureauCtx,
  pack: TRulePack,
  input: NewItem,
): Promise<string> {
  const row = await findVisibleCase(tx, ctx.actor, input.caseId, true);
  if (!row) throw new AppError("CASE_NOT_FOUND");
  if (!isOpen(row.status)) throw new AppError("CASE_NOT_OPEN", { status: row.status });
  const addressee = input.unitId ?? row.lead_unit_id;
  if (!addressee) {
    throw new AppError("VALIDATION_FAILED", [
      { path: "unitId", message: "the case has no lead unit: name one" },
    ]);
  }
  const unit = await unitInArea(tx, ctx.actor, addressee, RESPONSIBLE_KINDS);
  if (row.accused_path && isWithin(unit.path, row.accused_path))
    throw new AppError("RESPONSIBLE_UNIT_ACCUSED");
  const due =
    input.kind === "order"
      ? (input.replyDueOn ?? computeDueDate(pack.limits.supervisionReply, today(ctx.now), ctx.calendar))
      : null;
  if (due && due < today(ctx.now)) throw new AppError("DATE_IN_PAST");
  if (input.kind === "flag") {
    const flagged = await tx.query(
      "SELECT 1 FROM supervision_items WHERE case_id = $1 AND kind = 'flag' AND status = 'active'",
      [row.id],
    );
    if (flagged.rows[0]) throw new AppError("CASE_ALREADY_FLAGGED");
  }
  const year = today(ctx.now).slice(0, 4);
  const { rows } = await tx.query<{ id: string; order_number: string | null }>(
    `INSERT INTO supervision_items (kind, case_id, area_path, unit_id, unit_path, order_number, text, leader_name,
       reply_due_on, status, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5,
       CASE WHEN $1 = 'order' THEN '督字〔' || $6 || '〕' || nextval('supervision_order_seq') || '号' END,
       $7, $8, $9, $10, $11, $12, $12)
     RETURNING id, order_number`,
    [
      input.kind,
      row.id,
      row.region_path,
      unit.id,
      unit.path,
      year,
      input.text,
      input.leaderName ?? null,
      due,
      input.kind === "reminder" ? "sent" : input.kind === "order" ? "issued" : "active",
      ctx.actor.id,
      ctx.now,
    ],
  );
  const item = rows[0]!;
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.displayName,
    action: EVENT[input.kind].action,
    fromStatus: null,
    toStatus: null,
    note: `${EVENT[input.kind].label}${item.order_number ? `（${item.order_number}）` : ""}：${unit.name}；${input.text}${due ? `；${due}前书面答复` : ""}`,
    detail: { supervisionId: item.id, unitId: unit.id },
    at: ctx.now,
  });
  await auditBureau(tx, ctx, `supervision_${input.kind}_create`, "supervision_item", item.id, {
    caseId: row.id,
    unit: unit.path,
    replyDueOn: due,
  });
  return item.id;
}

interface ItemRow {
  id: string;
  kind: Kind;
  case_id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  order_number: string | null;
  text: string;
  leader_name: string | null;
  reply_due_on: string | null;
  status: "sent" | "issued" | "replied" | "closed" | "active" | "lifted";
  reply_text: string | null;
  replied_at: Date | null;
  close_note: string | null;
  created_at: Date;
}

const ITEM_COLUMNS = `s.id, s.kind, s.case_id, s.unit_id, u.name AS unit_name, s.unit_path, s.order_number, s.text,
  s.leader_name, to_char(s.reply_due_on, 'YYYY-MM-DD') AS reply_due_on, s.status, s.reply_text, s.replied_at,
  s.close_note, s.created_at`;

async function findItem(q: Queryable, actor: Actor, id: string, lock = false): Promise<ItemRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM supervision_items s JOIN org_units u ON u.id = s.unit_id
      WHERE s.id = ${p.add(id)} AND ${itemScope(actor, p)}${lock ? " FOR UPDATE OF s" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

async function present(q: Queryable, actor: Actor, rows: ItemRow[], now: Date) {
  const refs = await visibleCaseRefs(
    q,
    actor,
    rows.map((r) => r.case_id),
  );
  const day = today(now);
  return rows.map((s) => ({
    id: s.id,
    kind: s.kind,
    case: refs.get(s.case_id) ?? null,
    unitId: s.unit_id,
    unitName: s.unit_name,
    orderNumber: s.order_number,
    text: s.text,
    leaderName: s.leader_name,
    replyDueOn: s.reply_due_on,
    status: s.status,
    replyText: s.reply_text,
    repliedAt: s.replied_at?.toISOString() ?? null,
    isReplyLate: s.replied_at && s.reply_due_on ? today(s.replied_at) > s.reply_due_on : null,
    isOverdue: s.status === "issued" && s.reply_due_on !== null && s.reply_due_on < day,
    closeNote: s.close_note,
    createdAt: s.created_at.toISOString(),
  }));
}

export async function loadItem(q: Queryable, actor: Actor, id: string, now: Date) {
  const s = await findItem(q, actor, id);
  return s ? (await present(q, actor, [s], now))[0]! : null;
}

export async function listItems(
  q: Queryable,
  actor: Actor,
  now: Date,
  f: {
    kind?: string | undefined;
    status?: string | undefined;
    overdue?: "true" | "false" | undefined;
    caseId?: string | undefined;
  },
  page: PageReq,
) {
  const p = new SqlParams();
  const where = [itemScope(actor, p)];
  if (f.kind) where.push(`s.kind = ${p.add(f.kind)}`);
  if (f.status) where.push(`s.status = ${p.add(f.status)}`);
  if (f.caseId) where.push(`s.case_id = ${p.add(f.caseId)}`);
  // Add the day only when the filter uses it: a parameter the statement never references fails it
  // ("bind message supplies 4 parameters, but prepared statement requires 3").
  if (f.overdue) {
    const overdue = `(s.status = 'issued' AND s.reply_due_on < ${p.add(today(now))}::date)`;
    where.push(f.overdue === "true" ? overdue : `NOT ${overdue}`);
  }
  const rows = await pagedRows<ItemRow>(
    q,
    p,
    {
      select: ITEM_COLUMNS,
      from: "supervision_items s JOIN org_units u ON u.id = s.unit_id",
      where: where.join(" AND "),
      orderBy: "s.created_at DESC, s.id",
    },
    page,
  );
  return { items: await present(q, actor, rows.items, now), total: rows.total };
}

/** The addressed unit answers an order in writing; the case gets an event. */
export async function replyToOrder(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  text: string,
  roles: readonly Role[],
) {
  const s = await findItem(tx, ctx.actor, id, true);
  if (s?.kind !== "order") throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  if (!isWithin(ctx.actor.unitPath, s.unit_path)) throw new AppError("NOT_ADDRESSEE");
  expectState(s.status, ["issued"]);
  await noteOnCases(tx, ctx.actor, [s.case_id], ctx.now, () => ({
    action: "supervision_reply",
    note: `督办答复（${s.order_number}）：${text.slice(0, 500)}`,
    detail: { supervisionId: id },
  }));
  await tx.query(
    `UPDATE supervision_items SET status = 'replied', reply_text = $2, replied_at = $3, replied_by = $4, updated_at = $3
      WHERE id = $1`,
    [id, text, ctx.now, ctx.actor.id],
  );
  await auditBureau(tx, ctx, "supervision_order_reply", "supervision_item", id, {
    late: s.reply_due_on !== null && today(ctx.now) > s.reply_due_on,
  });
}

/** The bureau accepts a reply (closed), returns it (issued again), or lifts a flag. */
export async function settleItem(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  action: "accept" | "return" | "lift",
  note: string,
  roles: readonly Role[],
) {
  const s = await findItem(tx, ctx.actor, id, true);
  if (!s) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  if (action === "lift") {
    if (s.kind !== "flag") throw new AppError("NOT_FOUND");
    expectState(s.status, ["active"]);
  } else {
    if (s.kind !== "order") throw new AppError("NOT_FOUND");
    expectState(s.status, ["replied"]);
  }
  const to = action === "accept" ? "closed" : action === "return" ? "issued" : "lifted";
  await noteOnCases(tx, ctx.actor, [s.case_id], ctx.now, () => ({
    action: `supervision_${action}`,
    note: `${action === "accept" ? "督办答复审核通过" : action === "return" ? "督办答复退回重报" : "撤销挂牌督办"}：${note}`,
    detail: { supervisionId: id },
  }));
  await tx.query(
    `UPDATE supervision_items SET status = $2::text, close_note = $3, updated_at = $4::timestamptz,
       closed_at = CASE WHEN $2::text IN ('closed', 'lifted') THEN $4::timestamptz END,
       reply_text = CASE WHEN $2::text = 'issued' THEN NULL ELSE reply_text END,
       replied_at = CASE WHEN $2::text = 'issued' THEN NULL ELSE replied_at END
      WHERE id = $1`,
    [id, to, note, ctx.now],
  );
  await auditBureau(tx, ctx, `supervision_${action}`, "supervision_item", id, {
    from: s.status,
    to,
    ...(action === "return" ? { returnedReply: s.reply_text } : {}),
  });
}

export async function supervisionFigures(q: Queryable, actor: Actor, now: Date, range: DayRange = {}) {
  checkRange(range);
  const p = new SqlParams();
  const day = p.add(today(now));
  const scope = `${itemScope(actor, p)}${instantInRange(p, "s.created_at", range)}`;
  const bulletinScope = `${recordScope(actor, p, "b.area_path")}${instantInRange(p, "b.issued_at", range)}`;
  const { rows } = await q.query<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE s.kind = 'reminder')::int AS reminders,
            count(*) FILTER (WHERE s.kind = 'order')::int AS orders,
            count(*) FILTER (WHERE s.kind = 'order' AND s.replied_at IS NOT NULL)::int AS replied,
            count(*) FILTER (WHERE s.kind = 'order' AND s.replied_at IS NOT NULL
              AND (s.replied_at AT TIME ZONE 'Asia/Shanghai')::date <= s.reply_due_on)::int AS on_time,
            count(*) FILTER (WHERE s.kind = 'order' AND s.status = 'issued' AND s.reply_due_on < ${day}::date)::int AS overdue,
            count(*) FILTER (WHERE s.kind = 'flag' AND s.status = 'active')::int AS flags_active,
            count(*) FILTER (WHERE s.kind = 'flag' AND s.status = 'lifted')::int AS flags_lifted,
            (SELECT count(*)::int FROM bulletins b WHERE b.status = 'issued' AND ${bulletinScope}) AS bulletins
       FROM supervision_items s WHERE ${scope}`,
    p.values,
  );
  const f = rows[0]!;
  return {
    reminders: f.reminders!,
    orders: f.orders!,
    ordersReplied: f.replied!,
    ordersRepliedOnTime: f.on_time!,
    ordersOverdue: f.overdue!,
    onTimeReplyRate: percent(f.on_time!, f.replied! + f.overdue!),
    flagsActive: f.flags_active!,
    flagsLifted: f.flags_lifted!,
    bulletinsIssued: f.bulletins!,
  };
}
