/**
 * When the calendar of a year changes after due dates were stored (a year's 调休 confirmed, an
 * override added to a confirmed year), the running clocks of open cases that count a day of that
 * year get their due dates computed again from their rules, in the caller's transaction, with one
 * `clock_recomputed` case event (old → new due date) per changed case.
 */

import { diffCalendarDays, type LocalDate } from "../../domain/calendar/local-date.ts";
import { computeDueDate, type DueDateRule } from "../../domain/calendar/time-limit.ts";
import type { WorkCalendar } from "../../domain/calendar/working-days.ts";
import type { CaseStatus } from "../../domain/workflow/statuses.ts";
import { isOpen } from "../../domain/workflow/statuses.ts";
import type { Queryable } from "../db/index.ts";
import type { ClockContext } from "./clocks.ts";
import { appendCaseEvent } from "./events.ts";

interface RunningClock {
  case_id: string;
  status: CaseStatus;
  severity: "urgent" | "general" | "major";
  clock: "statutory" | "assigned" | "internal";
  step: string;
  started_on: LocalDate;
  due_on: LocalDate;
  pack: string;
  extended_days: number;
  /** Days hearings moved the clock on (听证时间不计入), applied after the rule and any extension. */
  paused_days: number;
  assigned_days: number | null;
}

export interface RecomputedClock {
  caseId: string;
  clock: string;
  step: string;
  fromDue: LocalDate;
  toDue: LocalDate;
}

/**
 * The rules a clock may have been computed with, most likely first. Statutory clocks follow the
 * pack they were started under (a clock of another pack is left alone); the internal target is the
 * one of the severity that reproduces the stored date under the old calendar (the severity may
 * have changed since), else the case's current one; the assigned deadline is the bureau's own
 * number of days, kept on the assignment event.
 */
function candidateRules(c: RunningClock, ctx: ClockContext): DueDateRule[] {
  const { pack } = ctx;
  if (c.clock === "statutory") {
    if (c.pack !== pack.id) return [];
    const limit = (pack.limits as Record<string, DueDateRule | undefined>)[c.step];
    return limit ? [limit] : [];
  }
  if (c.clock === "internal") {
    if (c.pack !== pack.id) return [];
    const own = pack.internalTargets[c.severity];
    const others = Object.values(pack.internalTargets).filter((t) => t && t !== own);
    return [own, ...others].filter((t): t is NonNullable<typeof t> => t !== undefined);
  }
  const days = c.assigned_days ?? diffCalendarDays(c.started_on, c.due_on);
  return days > 0 ? [{ amount: days, unit: "calendar" }] : [];
}

function dueUnder(c: RunningClock, rule: DueDateRule, ctx: ClockContext, calendar: WorkCalendar): LocalDate {
  const extended = extendedDue(c, computeDueDate(rule, c.started_on, calendar), ctx, calendar);
  if (c.paused_days === 0) return extended;
  return computeDueDate(
    { amount: c.paused_days, unit: rule.unit, holidayRollover: rule.holidayRollover },
    extended,
    calendar,
  );
}

function extendedDue(c: RunningClock, base: LocalDate, ctx: ClockContext, calendar: WorkCalendar): LocalDate {
  if (c.clock !== "statutory" || c.step !== "handling" || c.extended_days === 0) return base;
  // Extensions count from the due date before them, with the extension limit's own unit.
  const max = ctx.pack.limits.extensionMax;
  return computeDueDate(
    { amount: c.extended_days, unit: max.unit, holidayRollover: max.holidayRollover },
    base,
    calendar,
  );
}

export async function recomputeClocksForYears(
  tx: Queryable,
  ctx: ClockContext,
  before: WorkCalendar,
  after: WorkCalendar,
  years: readonly number[],
  actor: { id: string; displayName: string },
  now: Date,
  reason: string,
): Promise<RecomputedClock[]> {
  if (years.length === 0) return [];
  const first = `${Math.min(...years)}-01-01`;
  const last = `${Math.max(...years)}-12-31`;
  // A clock counts days in (started_on, due_on]: it touches the years when that span meets them.
  // Case rows are locked first, in id order, so the events' seq cannot collide.
  const { rows } = await tx.query<RunningClock>(
    `WITH touched AS (
       SELECT c.id FROM cases c
        WHERE EXISTS (SELECT 1 FROM case_clocks k WHERE k.case_id = c.id AND k.state = 'running'
                         AND k.due_on >= $1::date AND k.started_on < $2::date)
        ORDER BY c.id FOR UPDATE OF c)
     SELECT k.case_id, c.status, c.severity, k.clock, k.step, to_char(k.started_on, 'YYYY-MM-DD') AS started_on,
            to_char(k.due_on, 'YYYY-MM-DD') AS due_on, k.pack, k.extended_days, k.paused_days,
            (SELECT (e.detail->>'dueDays')::int FROM case_events e
              WHERE e.case_id = k.case_id AND e.action = 'assign' AND k.clock = 'assigned'
              ORDER BY e.seq DESC LIMIT 1) AS assigned_days
       FROM touched t JOIN cases c ON c.id = t.id JOIN case_clocks k ON k.case_id = c.id
      WHERE k.state = 'running' AND k.due_on >= $1::date AND k.started_on < $2::date
      ORDER BY k.case_id, k.clock, k.step`,
    [first, last],
  );
  const changed: RecomputedClock[] = [];
  for (const c of rows) {
    if (!isOpen(c.status)) continue;
    const rules = candidateRules(c, ctx);
    if (rules.length === 0) continue;
    const rule = rules.find((r) => dueUnder(c, r, ctx, before) === c.due_on) ?? rules[0]!;
    const toDue = dueUnder(c, rule, ctx, after);
    if (toDue === c.due_on) continue;
    changed.push({ caseId: c.case_id, clock: c.clock, step: c.step, fromDue: c.due_on, toDue });
  }
  if (changed.length === 0) return changed;
  await tx.query(
    `UPDATE case_clocks k SET due_on = v.due_on
       FROM jsonb_to_recordset($1::jsonb) AS v(case_id uuid, clock text, step text, due_on date)
      WHERE k.case_id = v.case_id AND k.clock = v.clock AND k.step = v.step AND k.state = 'running'`,
    [
      JSON.stringify(
        changed.map((c) => ({ case_id: c.caseId, clock: c.clock, step: c.step, due_on: c.toDue })),
      ),
    ],
  );
  const byCase = new Map<string, RecomputedClock[]>();
  for (const c of changed) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
  for (const [caseId, clocks] of byCase) {
    await appendCaseEvent(tx, {
      caseId,
      actorId: actor.id,
      actorLabel: actor.displayName,
      action: "clock_recomputed",
      fromStatus: null,
      toStatus: null,
      note: reason,
      detail: {
        years: [...years],
        clocks: clocks.map(({ clock, step, fromDue, toDue }) => ({ clock, step, fromDue, toDue })),
      },
      at: now,
    });
  }
  return changed;
}
