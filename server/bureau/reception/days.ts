import type { Role } from "../../../domain/auth/roles.ts";
import type { TAppointmentCreate, TReceptionDayCreate } from "../../../domain/schemas/bureau/reception.ts";
import type { Actor } from "../../auth/actor.ts";
import { newQueryCode } from "../../cases/case-numbers.ts";
import { blindIndex, type KeyRing } from "../../crypto/field-crypto.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { noteOnCases, requireVisibleCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, expectState, today } from "../context.ts";
import { type PageOf, type PageReq, pagedRows } from "../page.ts";
import { sealIdentity } from "../personal.ts";
import {
  AREA_KINDS,
  type CaseRef,
  recordScope,
  requireAnyRole,
  unitInArea,
  visibleCaseRefs,
} from "../scope.ts";

export interface DayRow {
  id: string;
  area_unit_id: string;
  area_name: string;
  area_path: string;
  reception_date: string;
  leader_name: string;
  leader_title: string;
  place: string;
  capacity: number;
  booked: number;
  note: string | null;
  status: "scheduled" | "cancelled";
}

const DAY_COLUMNS = `d.id, d.area_unit_id, o.name AS area_name, d.area_path,
  to_char(d.reception_date, 'YYYY-MM-DD') AS reception_date, d.leader_name, d.leader_title, d.place, d.capacity,
  (SELECT count(*)::int FROM reception_appointments a WHERE a.day_id = d.id AND a.status IN ('booked', 'received')) AS booked,
  d.note, d.status`;

export function presentDay(d: DayRow) {
  return {
    id: d.id,
    areaUnitId: d.area_unit_id,
    areaName: d.area_name,
    date: d.reception_date,
    leaderName: d.leader_name,
    leaderTitle: d.leader_title,
    place: d.place,
    capacity: d.capacity,
    booked: d.booked,
    note: d.note,
    status: d.status,
  };
}

/** Schedules a leader's reception day: a working day, not in the past, in the actor's area. */
export async function createReceptionDay(
  tx: Queryable,
  ctx: BureauCtx,
  input: TReceptionDayCreate,
): Promise<DayRow> {
  const unit = await unitInArea(tx, ctx.actor, input.areaUnitId, AREA_KINDS);
  if (input.date < today(ctx.now)) throw new AppError("DATE_IN_PAST");
  if (!ctx.calendar.isWorkingDay(input.date)) throw new AppError("NOT_A_WORKING_DAY", { date: input.date });
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO reception_days (area_unit_id, area_path, reception_date, leader_name, leader_title, place, capacity,
       note, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (area_unit_id, reception_date, leader_name) WHERE status = 'scheduled' DO NOTHING
     RETURNING id`,
    [
      unit.id,
      unit.path,
      input.date,
      input.leaderName,
      input.leaderTitle,
      input.place,
      input.capacity,
      input.note ?? null,
      ctx.actor.id,
      ctx.now,
    ],
  );
  if (!rows[0]) throw new AppError("BUREAU_DUPLICATE", { date: input.date, leaderName: input.leaderName });
  await auditBureau(tx, ctx, "reception_day_create", "reception_day", rows[0].id, {
    date: input.date,
    leaderName: input.leaderName,
    area: unit.path,
  });
  return (await findDay(tx, ctx.actor, rows[0].id))!;
}

export async function findDay(q: Queryable, actor: Actor, id: string, lock = false): Promise<DayRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<DayRow>(
    `SELECT ${DAY_COLUMNS} FROM reception_days d JOIN org_units o ON o.id = d.area_unit_id
      WHERE d.id = ${p.add(id)} AND ${recordScope(actor, p, "d.area_path")}${lock ? " FOR UPDATE OF d" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

export async function listDays(
  q: Queryable,
  actor: Actor,
  range: { from?: string | undefined; to?: string | undefined },
  page: PageReq,
): Promise<PageOf<DayRow>> {
  checkRange(range);
  const p = new SqlParams();
  const where = [recordScope(actor, p, "d.area_path")];
  if (range.from) where.push(`d.reception_date >= ${p.add(range.from)}::date`);
  if (range.to) where.push(`d.reception_date <= ${p.add(range.to)}::date`);
  return pagedRows<DayRow>(
    q,
    p,
    {
      select: DAY_COLUMNS,
      from: "reception_days d JOIN org_units o ON o.id = d.area_unit_id",
      where: where.join(" AND "),
      orderBy: "d.reception_date, o.path, d.leader_name, d.id",
    },
    page,
  );
}

/** Cancels a day and tells its booked appointments (they become cancelled too). */
export async function cancelReceptionDay(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  reason: string,
  roles: readonly Role[],
): Promise<DayRow> {
  const day = await findDay(tx, ctx.actor, id, true);
  if (!day) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(day.status, ["scheduled"]);
  await tx.query("UPDATE reception_days SET status = 'cancelled', updated_at = $2 WHERE id = $1", [
    id,
    ctx.now,
  ]);
  const cancelled = await tx.query(
    "UPDATE reception_appointments SET status = 'cancelled', updated_at = $2 WHERE day_id = $1 AND status = 'booked'",
    [id, ctx.now],
  );
  await auditBureau(tx, ctx, "reception_day_cancel", "reception_day", id, {
    reason,
    appointmentsCancelled: cancelled.rowCount,
  });
  return (await findDay(tx, ctx.actor, id))!;
}

/** Upcoming scheduled days any citizen may book: leader, title, place and free places only. */
export async function listPublicDays(q: Queryable, now: Date, days = 30) {
  const { rows } = await q.query<DayRow>(
    `SELECT ${DAY_COLUMNS} FROM reception_days d JOIN org_units o ON o.id = d.area_unit_id
      WHERE d.status = 'scheduled' AND d.reception_date BETWEEN $1::date AND $1::date + $2::int
      ORDER BY d.reception_date, o.path, d.leader_name LIMIT 500`,
    [today(now), days],
  );
  return rows.map((d) => ({
    id: d.id,
    date: d.reception_date,
    areaName: d.area_name,
    leaderName: d.leader_name,
    leaderTitle: d.leader_title,
    place: d.place,
    remaining: Math.max(0, d.capacity - d.booked),
  }));
}

export interface AppointmentRow {
  id: string;
  day_id: string;
  appointment_number: string;
  source: "staff" | "public";
  name: string;
  phone_masked: string;
  id_number_masked: string | null;
  matter: string;
  headcount: number;
  case_id: string | null;
  status: "booked" | "cancelled" | "received" | "no_show";
  record_id: string | null;
  reception_date: string;
  place: string;
  leader_title: string;
  area_path: string;
}

const APPOINTMENT_COLUMNS = `a.id, a.day_id, a.appointment_number, a.source, a.name, a.phone_masked, a.id_number_masked,
  a.matter, a.headcount, a.case_id, a.status, a.record_id, to_char(d.reception_date, 'YYYY-MM-DD') AS reception_date,
  d.place, d.leader_title, d.area_path`;

export function presentAppointment(a: AppointmentRow, cases: Map<string, CaseRef>) {
  return {
    id: a.id,
    dayId: a.day_id,
    appointmentNumber: a.appointment_number,
    source: a.source,
    name: a.name,
    phone: a.phone_masked,
    idNumber: a.id_number_masked,
    matter: a.matter,
    headcount: a.headcount,
    case: a.case_id ? (cases.get(a.case_id) ?? null) : null,
    status: a.status,
    recordId: a.record_id,
  };
}

/** The public answer: number, status, date, place, leader's title — nothing personal. */
export function presentPublicAppointment(
  a: Pick<AppointmentRow, "appointment_number" | "status" | "reception_date" | "place" | "leader_title">,
) {
  return {
    appointmentNumber: a.appointment_number,
    status: a.status,
    date: a.reception_date,
    place: a.place,
    leaderTitle: a.leader_title,
  };
}

export interface BookingContext {
  actor: Actor | null;
  now: Date;
  ip: string | null;
  keyRing: KeyRing;
}

/**
 * Books an appointment on a scheduled, not yet past day with a free place. The day row is locked,
 * so two bookings for the last place cannot both succeed. Staff may tie it to a case they can read.
 */
export async function bookAppointment(
  tx: Queryable,
  ctx: BookingContext,
  input: TAppointmentCreate,
): Promise<{ row: AppointmentRow; queryCode: string }> {
  const p = new SqlParams();
  const scope = ctx.actor ? ` AND ${recordScope(ctx.actor, p, "d.area_path")}` : "";
  const dayRows = await tx.query<{ id: string; status: string; reception_date: string; capacity: number }>(
    `SELECT d.id, d.status, to_char(d.reception_date, 'YYYY-MM-DD') AS reception_date, d.capacity
       FROM reception_days d WHERE d.id = ${p.add(input.dayId)}${scope} FOR UPDATE`,
    p.values,
  );
  const day = dayRows.rows[0];
  if (!day) throw new AppError("NOT_FOUND");
  if (day.status !== "scheduled" || day.reception_date < today(ctx.now))
    throw new AppError("RECEPTION_DAY_CLOSED");
  const taken = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM reception_appointments WHERE day_id = $1 AND status IN ('booked', 'received')",
    [day.id],
  );
  if (taken.rows[0]!.n >= day.capacity) throw new AppError("RECEPTION_DAY_FULL");
  if (input.caseId && ctx.actor) await requireVisibleCases(tx, ctx.actor, [input.caseId]);
  const sealed = sealIdentity(ctx.keyRing, "reception_appointments", input);
  const queryCode = newQueryCode();
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO reception_appointments (day_id, appointment_number, query_code_hash, source, name, id_number_enc,
       id_number_bidx, id_number_masked, phone_enc, phone_bidx, phone_masked, matter, headcount, case_id, created_by,
       created_at, updated_at)
     VALUES ($1, 'YY' || replace($2, '-', '') || '-' || lpad(nextval('reception_appointment_seq')::text, 5, '0'),
       $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
     RETURNING id`,
    [
      day.id,
      day.reception_date,
      blindIndex(ctx.keyRing, "appointment_code", queryCode),
      ctx.actor ? "staff" : "public",
      input.name,
      sealed.id_number_enc,
      sealed.id_number_bidx,
      sealed.id_number_masked,
      sealed.phone_enc,
      sealed.phone_bidx,
      sealed.phone_masked,
      input.matter,
      input.headcount,
      ctx.actor ? (input.caseId ?? null) : null,
      ctx.actor?.id ?? null,
      ctx.now,
    ],
  );
  const id = rows[0]!.id;
  const row = (await loadAppointment(tx, id))!;
  if (ctx.actor && input.caseId) {
    await noteOnCases(tx, ctx.actor, [input.caseId], ctx.now, () => ({
      action: "reception_appointment",
      note: `预约领导接访：${row.reception_date} ${row.leader_title}（${row.place}）`,
      detail: { appointmentNumber: row.appointment_number },
    }));
  }
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_role, ip, action, object_type, object_id, detail)
     VALUES ($1, $2, $3, 'reception_appointment_book', 'reception_appointment', $4, $5)`,
    [
      ctx.actor?.id ?? null,
      ctx.actor?.roles.join(",") ?? "public",
      ctx.ip,
      id,
      JSON.stringify({ appointmentNumber: row.appointment_number, dayId: day.id, source: row.source }),
    ],
  );
  return { row, queryCode };
}

async function loadAppointment(q: Queryable, id: string, lock = false): Promise<AppointmentRow | null> {
  const { rows } = await q.query<AppointmentRow>(
    `SELECT ${APPOINTMENT_COLUMNS} FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id
      WHERE a.id = $1${lock ? " FOR UPDATE OF a" : ""}`,
    [id],
  );
  return rows[0] ?? null;
}

/** An appointment in the actor's area (through its day), or null. */
export async function findAppointment(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<AppointmentRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<AppointmentRow>(
    `SELECT ${APPOINTMENT_COLUMNS} FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id
      WHERE a.id = ${p.add(id)} AND ${recordScope(actor, p, "d.area_path")}${lock ? " FOR UPDATE OF a" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

/** The appointment behind a number and code, or 404 — the same answer for a wrong code and no appointment. */
export async function findAppointmentByCode(
  q: Queryable,
  keyRing: KeyRing,
  number: string,
  code: string,
  lock = false,
): Promise<AppointmentRow> {
  const { rows } = await q.query<AppointmentRow>(
    `SELECT ${APPOINTMENT_COLUMNS} FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id
      WHERE a.appointment_number = $1 AND a.query_code_hash = $2${lock ? " FOR UPDATE OF a" : ""}`,
    [number, blindIndex(keyRing, "appointment_code", code.toUpperCase())],
  );
  if (!rows[0]) throw new AppError("APPOINTMENT_CODE_INVALID");
  return rows[0];
}

export async function listAppointments(q: Queryable, actor: Actor, dayId: string) {
  const day = await findDay(q, actor, dayId);
  if (!day) throw new AppError("NOT_FOUND");
  const { rows } = await q.query<AppointmentRow>(
    `SELECT ${APPOINTMENT_COLUMNS} FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id
      WHERE a.day_id = $1 ORDER BY a.appointment_number`,
    [dayId],
  );
  const cases = await visibleCaseRefs(
    q,
    actor,
    rows.flatMap((r) => (r.case_id ? [r.case_id] : [])),
  );
  return rows.map((r) => presentAppointment(r, cases));
}

/** booked → cancelled (by staff or by the citizen) or booked → no_show (staff, on or after the day). */
export async function setAppointmentStatus(
  tx: Queryable,
  ctx: { actor: Actor | null; now: Date; ip: string | null },
  row: AppointmentRow,
  to: "cancelled" | "no_show",
): Promise<AppointmentRow> {
  expectState(row.status, ["booked"]);
  if (to === "no_show" && row.reception_date > today(ctx.now))
    throw new AppError("BUREAU_INVALID_STATE", { state: row.status });
  await tx.query("UPDATE reception_appointments SET status = $2, updated_at = $3 WHERE id = $1", [
    row.id,
    to,
    ctx.now,
  ]);
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_role, ip, action, object_type, object_id, detail)
     VALUES ($1, $2, $3, $4, 'reception_appointment', $5, $6)`,
    [
      ctx.actor?.id ?? null,
      ctx.actor?.roles.join(",") ?? "public",
      ctx.ip,
      `reception_appointment_${to}`,
      row.id,
      JSON.stringify({ appointmentNumber: row.appointment_number }),
    ],
  );
  return { ...row, status: to };
}
