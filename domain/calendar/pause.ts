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
