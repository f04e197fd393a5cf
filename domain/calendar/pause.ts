/**
 * A pause in a clock (听证所需时间不计算在内): the days from `from` to `to`, both counted, in the
 * limit's own unit, added to the due date the clock had — a working-day clock loses nothing to a
 * weekend or a holiday inside the pause, a calendar clock loses every day of it, and a calendar
 * clock that then lands on a rest day rolls over as any period does.
 */
import type { LocalDate } from "./local-date.ts";
import { computeDueDate, countPausedDays, type DueDateRule, type TimeLimit } from "./time-limit.ts";
import type { WorkCalendar } from "./working-days.ts";

export interface PauseMove {
  days: number;
  due: LocalDate;
}

export function movedByPause(
  limit: DueDateRule,
  due: LocalDate,
  from: LocalDate,
  to: LocalDate,
  calendar: WorkCalendar,
): PauseMove {
  const days = countPausedDays(from, to, limit.unit, calendar);
  if (days === 0) return { days, due };
  return {
    days,
    due: computeDueDate(
      { amount: days, unit: limit.unit, holidayRollover: limit.holidayRollover },
      due,
      calendar,
    ),
  };
}

/** Whether a limit of the pack leaves the time of `event` (e.g. "hearing") out of its count. */
export function pausesOn(limit: Pick<TimeLimit, "pausesOn"> | undefined, event: string): boolean {
  return limit?.pausesOn?.includes(event) ?? false;
}

/** A hearing scheduled and not yet held or cancelled: the day it was scheduled and its own day. */
export interface WaitingHearing {
  scheduledOn: LocalDate;
  hearingOn: LocalDate;
}

/** The marker of a clock that stands still while a hearing waits. */
export interface HearingPause {
  reason: "hearing";
  since: LocalDate;
  hearingOn: LocalDate;
}

/**
 * Whether a clock stands still while `hearing` waits: a running statutory clock of this pack whose
 * limit leaves hearing time out — exactly the clocks a held hearing moves (server/commands/hearing.ts)
 * and the deadline scan leaves alone meanwhile. A clock started under another pack is not moved, so
 * it is not marked either.
 */
export function pausedByHearing(
  clock: { clock: string; step: string; state: string; pack?: string | null },
  pack: { id: string; limits: Record<string, Pick<TimeLimit, "pausesOn"> | undefined> },
  hearing: WaitingHearing | null,
): HearingPause | null {
  if (!hearing || clock.state !== "running" || clock.clock !== "statutory" || clock.pack !== pack.id)
    return null;
  if (!pausesOn(pack.limits[clock.step], "hearing")) return null;
  return { reason: "hearing", since: hearing.scheduledOn, hearingOn: hearing.hearingOn };
}
