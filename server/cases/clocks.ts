import type { WaitingHearing } from "../../domain/calendar/pause.ts";
import type { TRulePack } from "../../domain/calendar/rule-pack.ts";
import type { ClockEvent } from "../../domain/calendar/time-limit.ts";
import { computeDueDate } from "../../domain/calendar/time-limit.ts";
import {
  type CalendarOverride,
  createWorkCalendar,
  toShanghaiDate,
  type WorkCalendar,
} from "../../domain/calendar/working-days.ts";
import type { Queryable } from "../db/index.ts";

export interface ClockContext {
  pack: TRulePack;
  calendar: WorkCalendar;
}

/**
 * The settings entry listing the years after the holiday package whose 调休 an administrator
 * confirmed (the State Council's notice entered as overrides): `[{ year, confirmedAt, by }]`.
 */
export const CONFIRMED_YEARS_SETTING = "calendar_confirmed_years";

export interface ConfirmedYear {
  year: number;
  confirmedAt: string;
  by: string;
}

/** `lock` (in a transaction): holds the entry until commit, so two confirmations queue. */
export async function loadConfirmedYears(q: Queryable, lock = false): Promise<ConfirmedYear[]> {
  if (lock) {
    await q.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, '[]'::jsonb, now()) ON CONFLICT (key) DO NOTHING`,
      [CONFIRMED_YEARS_SETTING],
    );
  }
  const { rows } = await q.query<{ value: unknown }>(
    `SELECT value FROM settings WHERE key = $1${lock ? " FOR UPDATE" : ""}`,
    [CONFIRMED_YEARS_SETTING],
  );
  const value = rows[0]?.value;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is ConfirmedYear =>
      typeof v === "object" && v !== null && Number.isInteger((v as ConfirmedYear).year),
  );
}

export async function loadWorkCalendar(q: Queryable): Promise<WorkCalendar> {
  const { rows } = await q.query<CalendarOverride>(
    "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides ORDER BY date",
  );
  const confirmed = await loadConfirmedYears(q);
  return createWorkCalendar(
    rows.map((r) => ({ date: r.date, kind: r.kind, ...(r.name ? { name: r.name } : {}) })),
    undefined,
    { confirmedYears: confirmed.map((c) => c.year) },
  );
}

/**
 * A running clock is provisional when a day it counts, (started, due], lies in a year whose 调休
 * are not confirmed: its due date may move when the State Council's notice is entered. A stopped
 * clock is history and never provisional.
 */
export function isClockProvisional(
  calendar: WorkCalendar,
  clock: { started_on: string; due_on: string; state: string },
): boolean {
  return (
    clock.state === "running" && calendar.unconfirmedYearsBetween(clock.started_on, clock.due_on).length > 0
  );
}

// Not clocks the administration runs on every case: extension is a maximum; the appeal windows
// are the petitioner's (stored on the case as dates they are told); the simplified procedure
// applies only when a case is put on it.
const NOT_AUTOMATIC = new Set(["extensionMax", "reviewRequest", "reexamRequest", "simplified"]);

export interface PlannedClock {
  clock: "statutory" | "assigned" | "internal";
  step: string;
  started_on: string;
  due_on: string;
  pack: string;
}

/**
 * The clocks of the pack whose start event just happened: the statutory limit of each step that
 * starts on `event`, and the internal target for the case's severity. Pure: the due date is
 * computed once, here, and stored by the caller.
 */
export function planClocks(
  ctx: ClockContext,
  event: ClockEvent,
  at: Date,
  severity: "urgent" | "general" | "major",
): PlannedClock[] {
  const startedOn = toShanghaiDate(at);
  const planned: PlannedClock[] = [];
  const add = (clock: PlannedClock["clock"], step: string, due: string) =>
    planned.push({ clock, step, started_on: startedOn, due_on: due, pack: ctx.pack.id });
  for (const [step, limit] of Object.entries(ctx.pack.limits)) {
    if (limit.starts !== event || NOT_AUTOMATIC.has(step)) continue;
    add("statutory", step, computeDueDate(limit, startedOn, ctx.calendar));
  }
  const target = ctx.pack.internalTargets[severity];
  if (target && target.starts === event)
    add("internal", "resolution", computeDueDate(target, startedOn, ctx.calendar));
  return planned;
}

/** SQL that inserts planned clocks given as a jsonb array parameter, for the case in `caseIdSql`. */
export function insertClocksSql(caseIdSql: string, jsonParam: string, from = ""): string {
  return `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, pack)
    SELECT ${caseIdSql}, k.clock, k.step, k.started_on, k.due_on, k.pack
      FROM ${from}jsonb_to_recordset(${jsonParam}::jsonb)
        AS k(clock text, step text, started_on date, due_on date, pack text)
    ON CONFLICT (case_id, clock, step) DO NOTHING`;
}

/** Starts the clocks of `event` for an existing case, in one statement. */
export async function startClocks(
  tx: Queryable,
  ctx: ClockContext,
  caseId: string,
  event: ClockEvent,
  at: Date,
  severity: "urgent" | "general" | "major",
): Promise<void> {
  const planned = planClocks(ctx, event, at, severity);
  if (planned.length === 0) return;
  await tx.query(insertClocksSql("$1::uuid", "$2"), [caseId, JSON.stringify(planned)]);
}

/**
 * Stops running clocks of the given steps (or all of them): met if the step was done on or before
 * the due day, else breached.
 */
export async function stopClocks(
  tx: Queryable,
  caseId: string,
  steps: readonly string[] | "all",
  at: Date,
): Promise<void> {
  if (steps !== "all" && steps.length === 0) return;
  await tx.query(
    `UPDATE case_clocks SET stopped_at = $3,
            state = CASE WHEN $4::date <= due_on THEN 'met' ELSE 'breached' END
      WHERE case_id = $1 AND ($2::text[] IS NULL OR step = ANY($2::text[])) AND state = 'running'`,
    [caseId, steps === "all" ? null : steps, at, toShanghaiDate(at)],
  );
}

export interface ClockRow {
  clock: string;
  step: string;
  started_on: string;
  due_on: string;
  state: string;
  stopped_at: Date | null;
  /** The rule pack the clock was started under (a statutory clock's rule). */
  pack?: string;
}

export async function loadClocks(q: Queryable, caseId: string): Promise<ClockRow[]> {
  const { rows } = await q.query<ClockRow>(
    `SELECT clock, step, to_char(started_on, 'YYYY-MM-DD') AS started_on, to_char(due_on, 'YYYY-MM-DD') AS due_on,
            state, stopped_at, pack FROM case_clocks WHERE case_id = $1 ORDER BY due_on, clock, step`,
    [caseId],
  );
  return rows;
}

/** The case's hearing that is scheduled and not yet held or cancelled (at most one waits). */
export async function loadWaitingHearing(q: Queryable, caseId: string): Promise<WaitingHearing | null> {
  const { rows } = await q.query<WaitingHearing>(
    `SELECT to_char(scheduled_on, 'YYYY-MM-DD') AS "scheduledOn",
            to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "hearingOn"
       FROM case_hearings WHERE case_id = $1 AND status = 'scheduled'`,
    [caseId],
  );
  return rows[0] ?? null;
}
