/**
 * The working-day calendar: statutory holidays and 调休 make-up working days from the
 * `chinese-days` package, corrected and extended by admin-entered overrides.
 */

// The package's functions parse "YYYY-MM-DD" as UTC midnight and then read local fields, so west
// of UTC they answer for the previous day. Its raw table has no such problem, so we read that.
import packageTable from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { z } from "zod";
import {
  addCalendarDays,
  diffCalendarDays,
  fromEpochDay,
  isLocalDate,
  isWeekend,
  type LocalDate,
  toEpochDay,
  yearOf,
} from "./local-date.ts";

export { addCalendarDays, type LocalDate, toShanghaiDate } from "./local-date.ts";

export const ZCalendarOverride = z.strictObject({
  date: z.string().refine(isLocalDate, { message: "expected a real YYYY-MM-DD day" }),
  kind: z.enum(["holiday", "workday"]),
  name: z.string().trim().min(1).max(50).optional(),
});
export type CalendarOverride = z.infer<typeof ZCalendarOverride>;

/** Each value is "English name,中文名,index", e.g. "National Day,国庆节,3". */
export interface HolidayTable {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export type DayKind = "workday" | "rest_day" | "holiday" | "makeup_workday";

export interface DayInfo {
  date: LocalDate;
  isWorkingDay: boolean;
  kind: DayKind;
  name?: string;
  /** Which layer decided: an admin override, the package table, or the plain weekend rule. */
  source: "override" | "package" | "weekday";
}

export interface WorkCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /** Not a working day: a statutory holiday, or a weekend that is not a 调休 make-up day. */
  isHoliday(date: LocalDate): boolean;
  describeDay(date: LocalDate): DayInfo;
  /** The n-th working day after `date` (the start day itself never counts); n < 0 goes back. */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** Working days in (from, to]; negative when `to` is before `from`. */
  countWorkingDays(from: LocalDate, to: LocalDate): number;
  /**
   * Whether holiday data exists for the year (package or an override holiday). When false, the
   * calendar still answers from weekends alone, which misses holidays and 调休: warn the admin.
   */
  knowsYear(year: number): boolean;
}

interface Entry {
  isWorkingDay: boolean;
  name?: string;
  source: "override" | "package";
}

function chineseName(raw: string): string | undefined {
  return raw.split(",")[1]?.trim() || undefined;
}

function buildPackageEntries(table: HolidayTable): Map<LocalDate, Entry> {
  const entries = new Map<LocalDate, Entry>();
  for (const [date, raw] of Object.entries(table.holidays)) {
    entries.set(date, { isWorkingDay: false, name: chineseName(raw), source: "package" });
  }
  for (const [date, raw] of Object.entries(table.workdays)) {
    entries.set(date, { isWorkingDay: true, name: chineseName(raw), source: "package" });
  }
  return entries;
}

export const PACKAGE_TABLE: HolidayTable = packageTable;

/**
 * Overrides win over the package, date by date. A duplicate date in the overrides is refused
 * rather than resolved silently, since either answer could be the one the admin meant.
 */
export function createWorkCalendar(
  overrides: readonly CalendarOverride[] = [],
  table: HolidayTable = PACKAGE_TABLE,
): WorkCalendar {
  const entries = buildPackageEntries(table);
  const knownYears = new Set<number>(Object.keys(table.holidays).map(yearOf));
  const seen = new Set<LocalDate>();
  for (const raw of overrides) {
    const o = ZCalendarOverride.parse(raw);
    if (seen.has(o.date)) throw new RangeError(`calendar override for ${o.date} is given twice`);
    seen.add(o.date);
    entries.set(o.date, { isWorkingDay: o.kind === "workday", name: o.name, source: "override" });
    if (o.kind === "holiday") knownYears.add(yearOf(o.date));
  }

  const describeDay = (date: LocalDate): DayInfo => {
    const weekend = isWeekend(date);
    const entry = entries.get(date);
    if (!entry) {
      return { date, isWorkingDay: !weekend, kind: weekend ? "rest_day" : "workday", source: "weekday" };
    }
    const kind: DayKind = entry.isWorkingDay ? (weekend ? "makeup_workday" : "workday") : "holiday";
    return {
      date,
      isWorkingDay: entry.isWorkingDay,
      kind,
      ...(entry.name ? { name: entry.name } : {}),
      source: entry.source,
    };
  };

  const isWorkingDay = (date: LocalDate): boolean => {
    const entry = entries.get(date);
    return entry ? entry.isWorkingDay : !isWeekend(date);
  };

  const addWorkingDays = (date: LocalDate, n: number): LocalDate => {
    if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let day = toEpochDay(date);
    let left = Math.abs(n);
    while (left > 0) {
      day += step;
      if (isWorkingDay(fromEpochDay(day))) left -= 1;
    }
    return fromEpochDay(day);
  };

  const countWorkingDays = (from: LocalDate, to: LocalDate): number => {
    const span = diffCalendarDays(from, to);
    if (span < 0) return -countWorkingDays(to, from);
    let count = 0;
    for (let i = 1; i <= span; i += 1) if (isWorkingDay(addCalendarDays(from, i))) count += 1;
    return count;
  };

  return {
    isWorkingDay,
    isHoliday: (date) => !isWorkingDay(date),
    describeDay,
    addWorkingDays,
    nextWorkingDay: (date) => addWorkingDays(date, 1),
    countWorkingDays,
    knowsYear: (year) => knownYears.has(year),
  };
}
