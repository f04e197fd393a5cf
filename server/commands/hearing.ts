/**
 * Hearings (听证): scheduled with date, place, host and participants (and a 听证通知书), then held
 * — the record of what was said and the outcome (and a 听证记录) — or cancelled. When it is held,
 * every running statutory clock whose rule-pack limit `pausesOn` "hearing" moves on by the days from
 * scheduling to the hearing (both counted, in the limit's unit), with a `clock_paused` event.
 * While it waits, those clocks are shown paused (`pausedByHearing`); a rescheduled hearing is the
 * same hearing and still counts from its first scheduling; a cancelled one moves nothing.
 */
import { movedByPause, pausesOn } from "../../domain/calendar/pause.ts";
import type { DueDateRule } from "../../domain/calendar/time-limit.ts";
import type { WorkCalendar } from "../../domain/calendar/working-days.ts";
import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import type { HearingParticipant } from "../../domain/schemas/steps.ts";
import { isOpen } from "../../domain/workflow/statuses.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { issueDocument } from "../documents/issue.ts";
import { AppError } from "../plugins/errors.ts";
import type { CaseRow } from "../queries/cases.ts";
import type { StepEnv } from "./report-up.ts";

export interface ClockMove {
  clock: string;
  step: string;
  days: number;
  fromDue: string;
  toDue: string;
}

function auditOf(env: StepEnv, row: CaseRow, detail: Record<string, unknown>) {
  return {
    actorId: env.actor.id,
    actorRole: env.actor.roles.join(","),
    ip: env.ip,
    objectType: "case",
    objectId: row.id,
    detail: { caseNumber: row.case_number, ...detail },
  };
}

async function event(
  tx: Queryable,
  env: StepEnv,
  row: CaseRow,
  action: string,
  note: string | null,
  detail: Record<string, unknown>,
) {
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: env.actor.id,
    actorLabel: env.actor.displayName,
    action,
    fromStatus: null,
    toStatus: null,
    note,
    detail,
    at: env.now,
  });
}

export async function scheduleHearing(
  tx: Queryable,
  env: StepEnv,
  row: CaseRow,
  input: { startsAt: string; place: string; host: string; participants: HearingParticipant[] },
): Promise<string> {
  if (!isOpen(row.status)) throw new AppError("STEP_CASE_CLOSED", { status: row.status });
  const today = toShanghaiDate(env.now);
  const startsAt = new Date(input.startsAt);
  if (toShanghaiDate(startsAt) < today) throw new AppError("DATE_IN_PAST");
  const open = await tx.query("SELECT 1 FROM case_hearings WHERE case_id = $1 AND status = 'scheduled'", [
    row.id,
  ]);
  if (open.rows[0]) throw new AppError("HEARING_ALREADY_SCHEDULED");
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_hearings (case_id, scheduled_on, starts_at, place, host, participants, created_by,
                                created_by_label, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $9) RETURNING id`,
    [
      row.id,
      today,
      startsAt,
      input.place,
      input.host,
      JSON.stringify(input.participants),
      env.actor.id,
      env.actor.displayName,
      env.now,
    ],
  );
  const id = rows[0]!.id;
  const detail = { hearingId: id, startsAt: startsAt.toISOString(), place: input.place, host: input.host };
  await event(tx, env, row, "hearing_scheduled", `${input.place}，主持人${input.host}`, detail);
  await recordAudit(tx, { ...auditOf(env, row, detail), action: "case_hearing_schedule" });
  await issueDocument(tx, env.actor, row, "hearing_notice", { ...env, ref: id });
  return id;
}

async function lockScheduled(
  tx: Queryable,
  row: CaseRow,
  hearingId: string,
): Promise<{ scheduled_on: string }> {
  const h = (
    await tx.query<{ status: string; scheduled_on: string }>(
      `SELECT status, to_char(scheduled_on, 'YYYY-MM-DD') AS scheduled_on FROM case_hearings
        WHERE case_id = $1 AND id = $2 FOR UPDATE`,
      [row.id, hearingId],
    )
  ).rows[0];
  if (!h) throw new AppError("NOT_FOUND");
  if (h.status !== "scheduled") throw new AppError("HEARING_NOT_SCHEDULED", { status: h.status });
  return h;
}

/**
 * Moves the case's running statutory clocks whose limit leaves hearing time out, by the days from
 * `from` to `to`. Clocks started under another pack are left as they are (their rule is not known).
 */
export async function pauseClocksForHearing(
  tx: Queryable,
  caseId: string,
  pack: StepEnv["pack"],
  calendar: WorkCalendar,
  from: string,
  to: string,
): Promise<ClockMove[]> {
  const { rows } = await tx.query<{ clock: string; step: string; due_on: string }>(
    `SELECT clock, step, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM case_clocks
      WHERE case_id = $1 AND state = 'running' AND clock = 'statutory' AND pack = $2 ORDER BY step`,
    [caseId, pack.id],
  );
  const moves: ClockMove[] = [];
  for (const c of rows) {
    const limit = (pack.limits as Record<string, (DueDateRule & { pausesOn?: string[] }) | undefined>)[
      c.step
    ];
    if (!limit || !pausesOn(limit, "hearing")) continue;
    const moved = movedByPause(limit, c.due_on, from, to, calendar);
    if (moved.days === 0) continue;
    moves.push({ clock: c.clock, step: c.step, days: moved.days, fromDue: c.due_on, toDue: moved.due });
  }
  for (const m of moves) {
    await tx.query(
      `UPDATE case_clocks SET due_on = $4, paused_days = paused_days + $5
        WHERE case_id = $1 AND clock = $2 AND step = $3 AND state = 'running'`,
      [caseId, m.clock, m.step, m.toDue, m.days],
    );
  }
  return moves;
}

export async function recordHearing(
  tx: Queryable,
  env: StepEnv & { calendar: WorkCalendar },
  row: CaseRow,
  hearingId: string,
  input: { heldOn: string; record: string; outcome: string },
): Promise<ClockMove[]> {
  const h = await lockScheduled(tx, row, hearingId);
  if (input.heldOn < h.scheduled_on || input.heldOn > toShanghaiDate(env.now))
    throw new AppError("HEARING_DATE_INVALID");
  const moves = await pauseClocksForHearing(tx, row.id, env.pack, env.calendar, h.scheduled_on, input.heldOn);
  await tx.query(
    `UPDATE case_hearings SET status = 'held', held_on = $3, record = $4, outcome = $5, clock_moves = $6::jsonb,
            updated_at = $7
      WHERE case_id = $1 AND id = $2`,
    [row.id, hearingId, input.heldOn, input.record, input.outcome, JSON.stringify(moves), env.now],
  );
  await event(tx, env, row, "hearing_held", input.outcome, { hearingId, heldOn: input.heldOn });
  if (moves.length > 0) {
    await event(
      tx,
      env,
      row,
      "clock_paused",
      `听证（${h.scheduled_on}至${input.heldOn}）所需时间不计算在期限内`,
      {
        hearingId,
        from: h.scheduled_on,
        to: input.heldOn,
        clocks: moves,
      },
    );
  }
  await recordAudit(tx, {
    ...auditOf(env, row, { hearingId, heldOn: input.heldOn, clocks: moves }),
    action: "case_hearing_record",
  });
  await issueDocument(tx, env.actor, row, "hearing_record", { ...env, ref: hearingId });
  return moves;
}

export async function cancelHearing(
  tx: Queryable,
  env: StepEnv,
  row: CaseRow,
  hearingId: string,
  reason: string,
): Promise<void> {
  await lockScheduled(tx, row, hearingId);
  await tx.query(
    `UPDATE case_hearings SET status = 'cancelled', cancel_reason = $3, updated_at = $4 WHERE case_id = $1 AND id = $2`,
    [row.id, hearingId, reason, env.now],
  );
  await event(tx, env, row, "hearing_cancelled", reason, { hearingId });
  await recordAudit(tx, { ...auditOf(env, row, { hearingId }), action: "case_hearing_cancel" });
}

/**
 * Moves a waiting hearing to another time (and place or host): the same hearing, counted from the
 * day it was first scheduled, so that when it is held the clocks move once, by the days from that
 * day to the hearing. A new 听证通知书 is issued with the new time; nothing else changes.
 */
export async function rescheduleHearing(
  tx: Queryable,
  env: StepEnv,
  row: CaseRow,
  hearingId: string,
  input: { startsAt: string; place?: string | undefined; host?: string | undefined; reason: string },
): Promise<void> {
  if (!isOpen(row.status)) throw new AppError("STEP_CASE_CLOSED", { status: row.status });
  await lockScheduled(tx, row, hearingId);
  const startsAt = new Date(input.startsAt);
  if (toShanghaiDate(startsAt) < toShanghaiDate(env.now)) throw new AppError("DATE_IN_PAST");
  const { rows } = await tx.query<{ place: string; host: string }>(
    `UPDATE case_hearings SET starts_at = $3, place = COALESCE($4, place), host = COALESCE($5, host), updated_at = $6
      WHERE case_id = $1 AND id = $2 RETURNING place, host`,
    [row.id, hearingId, startsAt, input.place ?? null, input.host ?? null, env.now],
  );
  const { place, host } = rows[0]!;
  const detail = { hearingId, startsAt: startsAt.toISOString(), place, host };
  await event(tx, env, row, "hearing_rescheduled", input.reason, detail);
  await recordAudit(tx, { ...auditOf(env, row, detail), action: "case_hearing_reschedule" });
  await issueDocument(tx, env.actor, row, "hearing_notice", { ...env, ref: hearingId });
}
