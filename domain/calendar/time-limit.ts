/**
 * Time limits and due dates, counted the way 民法典 Arts. 201–203 count periods: the start day is
 * not counted, and a period whose last day is a statutory holiday or rest day ends on the next
 * working day (the rollover, a setting on by default since some bodies count otherwise).
 */
import { z } from "zod";
import { addCalendarDays, diffCalendarDays, type LocalDate } from "./local-date.ts";
import type { WorkCalendar } from "./working-days.ts";

export const DAY_UNITS = ["calendar", "working"] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

/** The case event a clock starts from; the caller looks up that event's date. */
export const CLOCK_EVENTS = [
  "receipt",
  "registration",
  "acceptance",
  "assignment",
  "original_due",
  "reply_served",
  "review_received",
  "review_served",
  "reexam_received",
  "supervision_issued",
] as const;
export type ClockEvent = (typeof CLOCK_EVENTS)[number];

export const ZTimeLimit = z.strictObject({
  amount: z.number().int().positive().max(3660),
  unit: z.enum(DAY_UNITS),
  starts: z.enum(CLOCK_EVENTS),
  holidayRollover: z.boolean().default(true),
  /** Events whose duration is not counted, e.g. "hearing" for reexamination (XF2022). */
  pausesOn: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, "snake_case event name")).optional(),
  /** Where the number comes from; JSON has no comments, and an admin will ask. */
  note: z.string().min(1).optional(),
});
export type TimeLimit = z.output<typeof ZTimeLimit>;
export type TimeLimitInput = z.input<typeof ZTimeLimit>;

/** What computing a due date needs; a bureau's ad-hoc assigned limit has no more than this. */
export type DueDateRule = Pick<TimeLimitInput, "amount" | "unit" | "holidayRollover">;

/**
 * The last day of the period (inclusive: the act is in time if done on that day).
 * `pausedDays` are in the limit's own unit; `countPausedDays` converts a pause interval.
 */
export function computeDueDate(
  limit: DueDateRule,
  startDate: LocalDate,
  calendar: WorkCalendar,
  pausedDays = 0,
): LocalDate {
  if (!Number.isInteger(pausedDays) || pausedDays < 0) {
    throw new RangeError(`paused days must be a non-negative integer, got ${pausedDays}`);
  }
  const total = limit.amount + pausedDays;
  // A working-day count already lands on a working day, so rollover cannot change it.
  if (limit.unit === "working") return calendar.addWorkingDays(startDate, total);
  const last = addCalendarDays(startDate, total);
  const rollover = limit.holidayRollover ?? true;
  return rollover && !calendar.isWorkingDay(last) ? calendar.nextWorkingDay(last) : last;
}

/**
 * Days a pause from `from` to `to` (both inclusive, e.g. the hearing days) takes off the clock,
 * in the limit's unit: a hearing over a weekend costs a working-day clock nothing for the weekend.
 */
export function countPausedDays(
  from: LocalDate,
  to: LocalDate,
  unit: DayUnit,
  calendar: WorkCalendar,
): number {
  const span = diffCalendarDays(from, to);
  if (span < 0) throw new RangeError(`pause ends (${to}) before it starts (${from})`);
  if (unit === "calendar") return span + 1;
  return calendar.countWorkingDays(addCalendarDays(from, -1), to);
}

/**
 * Days left until the due date: 0 on the due day itself, negative once overdue. Working-day
 * mode counts the working days in (today, due], so a Friday before a Monday due date gives 1.
 */
export function daysRemaining(
  due: LocalDate,
  today: LocalDate,
  calendar: WorkCalendar,
  unit: DayUnit = "calendar",
): number {
  return unit === "calendar" ? diffCalendarDays(today, due) : calendar.countWorkingDays(today, due);
}

export type ClockState = "ok" | "warning" | "overdue";

/** Overdue only after the due day has passed: the period runs to 24:00 of its last day. */
export function clockState(due: LocalDate, today: LocalDate, warnDays: number): ClockState {
  if (!Number.isInteger(warnDays) || warnDays < 0) {
    throw new RangeError(`warn days must be a non-negative integer, got ${warnDays}`);
  }
  const left = diffCalendarDays(today, due);
  if (left < 0) return "overdue";
  return left <= warnDays ? "warning" : "ok";
}
