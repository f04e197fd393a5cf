import { isAdminOnly, type Role } from "../../../domain/auth/roles.ts";
import { addCalendarDays } from "../../../domain/calendar/working-days.ts";
import type { Actor } from "../../auth/actor.ts";
import { hasRole } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, expectState } from "../context.ts";
import { type PageReq, pagedRows } from "../page.ts";
import { AREA_KINDS, recordScope, requireAnyRole, unitInArea, visibleCaseRefs } from "../scope.ts";

export interface ShiftInput {
  areaUnitId: string;
  officerUserId: string;
  dutyPhone: string;
  startsAt: string;
  endsAt: string;
  periodName?: string | undefined;
}

const LOG_LABELS = {
  call: "来电",
  visit: "来访",
  incident: "突发情况",
  handover: "交接班",
  other: "其他",
} as const;

/** The officer must be an active staff member of the area; two shifts of one officer may not overlap. */
async function insertShift(
  tx: Queryable,
  ctx: BureauCtx,
  unit: { id: string; path: string },
  s: ShiftInput,
): Promise<string> {
  if (new Date(s.endsAt) <= new Date(s.startsAt)) throw new AppError("DATE_RANGE_INVALID");
  if (new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime() > 48 * 3_600_000) {
    throw new AppError("VALIDATION_FAILED", [{ path: "endsAt", message: "a shift lasts at most 48 hours" }]);
  }
  // Locking the officer's user row serialises rostering of one officer, so the overlap check holds.
  const officer = await tx.query<{ display_name: string; roles: Role[] }>(
    `SELECT u.display_name, u.roles FROM users u JOIN org_units o ON o.id = u.unit_id
      WHERE u.id = $1 AND u.is_active AND (o.path = $2 OR starts_with(o.path, $2 || '.') OR starts_with($2, o.path || '.'))
      FOR UPDATE OF u`,
    [s.officerUserId, unit.path],
  );
  const found = officer.rows[0];
  if (!found || isAdminOnly(found.roles)) {
    throw new AppError("VALIDATION_FAILED", [
      { path: "officerUserId", message: "not a staff member of this area" },
    ]);
  }
  const overlap = await tx.query(
    `SELECT 1 FROM duty_shifts WHERE officer_user_id = $1 AND status = 'scheduled'
        AND starts_at < $3::timestamptz AND ends_at > $2::timestamptz LIMIT 1`,
    [s.officerUserId, s.startsAt, s.endsAt],
  );
  if (overlap.rows[0]) throw new AppError("DUTY_OVERLAP", { startsAt: s.startsAt });
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO duty_shifts (area_unit_id, area_path, officer_user_id, officer_name, duty_phone, starts_at, ends_at,
       period_name, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      unit.id,
      unit.path,
      s.officerUserId,
      found.display_name,
      s.dutyPhone,
      s.startsAt,
      s.endsAt,
      s.periodName ?? null,
      ctx.actor.id,
      ctx.now,
    ],
  );
  return rows[0]!.id;
}

export async function createShift(tx: Queryable, ctx: BureauCtx, s: ShiftInput): Promise<string> {
  const unit = await unitInArea(tx, ctx.actor, s.areaUnitId, AREA_KINDS);
  const id = await insertShift(tx, ctx, unit, s);
  await auditBureau(tx, ctx, "duty_shift_create", "duty_shift", id, {
    area: unit.path,
    officer: s.officerUserId,
  });
  return id;
}

/**
 * A 24-hour roster for a sensitive period: one 24-hour shift a day from 08:30 Shanghai time, from
 * `from` to `to`, the officers taking turns. All or nothing: one overlap refuses the whole roster.
 */
export async function createRoster24(
  tx: Queryable,
  ctx: BureauCtx,
  r: {
    areaUnitId: string;
    from: string;
    to: string;
    periodName: string;
    officers: { userId: string; dutyPhone: string }[];
  },
): Promise<string[]> {
  checkRange(r);
  const unit = await unitInArea(tx, ctx.actor, r.areaUnitId, AREA_KINDS);
  const ids: string[] = [];
  for (let day = r.from, i = 0; day <= r.to; day = addCalendarDays(day, 1), i++) {
    if (i >= 62) throw new AppError("VALIDATION_FAILED", [{ path: "to", message: "at most 62 days" }]);
    const officer = r.officers[i % r.officers.length]!;
    const startsAt = new Date(`${day}T08:30:00+08:00`).toISOString();
    const endsAt = new Date(`${addCalendarDays(day, 1)}T08:30:00+08:00`).toISOString();
    ids.push(
      await insertShift(tx, ctx, unit, {
        areaUnitId: unit.id,
        officerUserId: officer.userId,
        dutyPhone: officer.dutyPhone,
        startsAt,
        endsAt,
        periodName: r.periodName,
      }),
    );
  }
  await auditBureau(tx, ctx, "duty_roster24_create", "duty_roster", unit.id, {
    area: unit.path,
    from: r.from,
    to: r.to,
    periodName: r.periodName,
    shifts: ids.length,
  });
  return ids;
}

interface ShiftRow {
  id: string;
  area_name: string;
  officer_user_id: string;
  officer_name: string;
  duty_phone: string;
  starts_at: Date;
  ends_at: Date;
  period_name: string | null;
  status: "scheduled" | "cancelled";
  area_path: string;
}

const SHIFT_COLUMNS = `s.id, o.name AS area_name, s.officer_user_id, s.officer_name, s.duty_phone, s.starts_at, s.ends_at,
  s.period_name, s.status, s.area_path`;

async function findShift(q: Queryable, actor: Actor, id: string, lock = false): Promise<ShiftRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<ShiftRow>(
    `SELECT ${SHIFT_COLUMNS} FROM duty_shifts s JOIN org_units o ON o.id = s.area_unit_id
      WHERE s.id = ${p.add(id)} AND ${recordScope(actor, p, "s.area_path")}${lock ? " FOR UPDATE OF s" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

function presentShift(s: ShiftRow) {
  return {
    id: s.id,
    areaName: s.area_name,
    officerUserId: s.officer_user_id,
    officerName: s.officer_name,
    dutyPhone: s.duty_phone,
    startsAt: s.starts_at.toISOString(),
    endsAt: s.ends_at.toISOString(),
    periodName: s.period_name,
    status: s.status,
  };
}

export async function loadShift(q: Queryable, actor: Actor, id: string) {
  const s = await findShift(q, actor, id);
  if (!s) return null;
  const log = await q.query<{
    seq: number;
    at: Date;
    kind: keyof typeof LOG_LABELS;
    text: string;
    case_id: string | null;
    author_label: string;
  }>(
    "SELECT seq, at, kind, text, case_id, author_label FROM duty_log_entries WHERE shift_id = $1 ORDER BY seq",
    [id],
  );
  const refs = await visibleCaseRefs(
    q,
    actor,
    log.rows.flatMap((l) => (l.case_id ? [l.case_id] : [])),
  );
  return {
    ...presentShift(s),
    log: log.rows.map((l) => ({
      seq: l.seq,
      at: l.at.toISOString(),
      kind: l.kind,
      text: l.text,
      case: l.case_id ? (refs.get(l.case_id) ?? null) : null,
      author: l.author_label,
    })),
  };
}

export async function listShifts(
  q: Queryable,
  actor: Actor,
  range: { from?: string | undefined; to?: string | undefined },
  page: PageReq,
) {
  checkRange(range);
  const p = new SqlParams();
  const where = [recordScope(actor, p, "s.area_path")];
  if (range.from)
    where.push(`s.ends_at > (${p.add(range.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (range.to)
    where.push(`s.starts_at < ((${p.add(range.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  const rows = await pagedRows<ShiftRow>(
    q,
    p,
    {
      select: SHIFT_COLUMNS,
      from: "duty_shifts s JOIN org_units o ON o.id = s.area_unit_id",
      where: where.join(" AND "),
      orderBy: "s.starts_at, o.path, s.id",
    },
    page,
  );
  return { items: rows.items.map((s) => ({ ...presentShift(s), log: [] })), total: rows.total };
}

/**
 * Who is on duty now, for the staff member asking: shifts of their own area and of the areas above
 * it (a township clerk sees the township's officer and the county's).
 */
export async function currentDuty(q: Queryable, actor: Actor, now: Date) {
  if (isAdminOnly(actor.roles)) return [];
  const p = new SqlParams();
  const own = p.add(actor.areaPath);
  const { rows } = await q.query<ShiftRow>(
    `SELECT ${SHIFT_COLUMNS} FROM duty_shifts s JOIN org_units o ON o.id = s.area_unit_id
      WHERE s.status = 'scheduled' AND s.starts_at <= ${p.add(now)} AND s.ends_at > ${p.add(now)}
        AND (${recordScope(actor, p, "s.area_path")} OR ${own} = s.area_path OR starts_with(${own}, s.area_path || '.'))
      ORDER BY length(s.area_path), s.starts_at`,
    p.values,
  );
  return rows.map((s) => ({ ...presentShift(s), log: [] }));
}

export async function cancelShift(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  reason: string,
  roles: readonly Role[],
) {
  const s = await findShift(tx, ctx.actor, id, true);
  if (!s) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(s.status, ["scheduled"]);
  await tx.query("UPDATE duty_shifts SET status = 'cancelled' WHERE id = $1", [id]);
  await auditBureau(tx, ctx, "duty_shift_cancel", "duty_shift", id, { reason });
}

/** The officer on the shift (or the bureau office) logs what happened; a linked case gets an event. */
export async function addLogEntry(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  e: { kind: keyof typeof LOG_LABELS; text: string; caseId?: string | undefined },
) {
  const s = await findShift(tx, ctx.actor, id, true);
  if (!s) throw new AppError("NOT_FOUND");
  if (s.officer_user_id !== ctx.actor.id && !hasRole(ctx.actor, "bureau_office"))
    throw new AppError("DUTY_NOT_ON_SHIFT");
  expectState(s.status, ["scheduled"]);
  if (e.caseId) {
    await noteOnCases(tx, ctx.actor, [e.caseId], ctx.now, () => ({
      action: "duty_log",
      note: `值班记录（${LOG_LABELS[e.kind]}）：${e.text.slice(0, 500)}`,
      detail: { shiftId: id },
    }));
  }
  await tx.query(
    `INSERT INTO duty_log_entries (shift_id, seq, at, kind, text, case_id, author_id, author_label)
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7 FROM duty_log_entries WHERE shift_id = $1`,
    [id, ctx.now, e.kind, e.text, e.caseId ?? null, ctx.actor.id, ctx.actor.displayName],
  );
  await auditBureau(tx, ctx, "duty_log_add", "duty_shift", id, { kind: e.kind, caseId: e.caseId ?? null });
}

export async function dutyFigures(
  q: Queryable,
  actor: Actor,
  range: { from?: string | undefined; to?: string | undefined },
) {
  checkRange(range);
  const p = new SqlParams();
  const where = [recordScope(actor, p, "s.area_path"), "s.status = 'scheduled'"];
  if (range.from)
    where.push(`s.starts_at >= (${p.add(range.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (range.to)
    where.push(`s.starts_at < ((${p.add(range.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  const w = where.join(" AND ");
  const { rows } = await q.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM duty_shifts s WHERE ${w}) AS shifts,
            (SELECT count(*)::int FROM duty_shifts s WHERE ${w} AND s.period_name IS NOT NULL
               AND s.ends_at - s.starts_at >= interval '24 hours') AS round_the_clock,
            (SELECT count(*)::int FROM duty_log_entries l JOIN duty_shifts s ON s.id = l.shift_id WHERE ${w}) AS entries,
            (SELECT count(*) FILTER (WHERE l.kind = 'call')::int FROM duty_log_entries l JOIN duty_shifts s ON s.id = l.shift_id WHERE ${w}) AS calls,
            (SELECT count(*) FILTER (WHERE l.kind = 'visit')::int FROM duty_log_entries l JOIN duty_shifts s ON s.id = l.shift_id WHERE ${w}) AS visits,
            (SELECT count(*) FILTER (WHERE l.kind = 'incident')::int FROM duty_log_entries l JOIN duty_shifts s ON s.id = l.shift_id WHERE ${w}) AS incidents,
            (SELECT count(*) FILTER (WHERE l.kind = 'handover')::int FROM duty_log_entries l JOIN duty_shifts s ON s.id = l.shift_id WHERE ${w}) AS handovers`,
    p.values,
  );
  const f = rows[0]!;
  return {
    shifts: f.shifts!,
    roundTheClockShifts: f.round_the_clock!,
    logEntries: f.entries!,
    calls: f.calls!,
    visits: f.visits!,
    incidents: f.incidents!,
    handovers: f.handovers!,
  };
}
