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

export async function loadWorkCalendar(q: Queryable): Promise<WorkCalendar> {
  const { rows } = await q.query<CalendarOverride>(
    "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides ORDER BY date",
  );
  return createWorkCalendar(
    rows.map((r) => ({ date: r.date, kind: r.kind, ...(r.name ? { name: r.name } : {}) })),
  );
}

/**
 * Starts every clock of the pack whose start event just happened: the statutory limit of each
 * step that starts on `event`, and the internal target for the case's severity. The due date is
 * computed once, here, and stored.
 */
export async function startClocks(
  tx: Queryable,
  ctx: ClockContext,
  caseId: string,
  event: ClockEvent,
  at: Date,
  severity: "urgent" | "general" | "major",
): Promise<void> {
  const startedOn = toShanghaiDate(at);
  const rows: [string, string, string][] = [];
  for (const [step, limit] of Object.entries(ctx.pack.limits)) {
    // Extension and the petitioner's own windows are not the administration's clocks to run here.
    if (limit.starts !== event || step === "extensionMax") continue;
    rows.push(["statutory", step, computeDueDate(limit, startedOn, ctx.calendar)]);
  }
  const target = ctx.pack.internalTargets[severity];
  if (target && target.starts === event)
    rows.push(["internal", "resolution", computeDueDate(target, startedOn, ctx.calendar)]);
  for (const [clock, step, due] of rows) {
    await tx.query(
      `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, pack)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id, clock, step) DO NOTHING`,
      [caseId, clock, step, startedOn, due, ctx.pack.id],
    );
  }
}

/** Stops running clocks of the given steps: met if done on or before the due day, else breached. */
export async function stopClocks(
  tx: Queryable,
  caseId: string,
  steps: readonly string[],
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE case_clocks SET stopped_at = $3,
            state = CASE WHEN $4::date <= due_on THEN 'met' ELSE 'breached' END
      WHERE case_id = $1 AND step = ANY($2::text[]) AND state = 'running'`,
    [caseId, steps, at, toShanghaiDate(at)],
  );
}

export interface ClockRow {
  clock: string;
  step: string;
  started_on: string;
  due_on: string;
  state: string;
  stopped_at: Date | null;
}

export async function loadClocks(q: Queryable, caseId: string): Promise<ClockRow[]> {
  const { rows } = await q.query<ClockRow>(
    `SELECT clock, step, to_char(started_on, 'YYYY-MM-DD') AS started_on, to_char(due_on, 'YYYY-MM-DD') AS due_on,
            state, stopped_at FROM case_clocks WHERE case_id = $1 ORDER BY due_on, clock, step`,
    [caseId],
  );
  return rows;
}
