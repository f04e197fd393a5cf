/**
 * The working-day calendar: statutory holidays and 调休 make-up working days from the
 * `chinese-days` package for the years it publishes (2004–2026), the statutory holidays computed
 * from 全国年节及纪念日放假办法 for later years, and admin-entered overrides over both. A year the
 * package does not cover is *confirmed* only when an administrator says its 调休 are entered;
 * until then every due date that counts a day of it is provisional.
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
import { type StatutoryHolidayTable, statutoryHolidays } from "./statutory-holidays.ts";

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
  /**
   * Which layer decided: an admin override, the package table, the holidays computed from the
   * law (a year after the package's), or the plain weekend rule.
   */
  source: "override" | "package" | "statutory" | "weekday";
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
   * Whether holiday data exists for the year (package, an override holiday, or the statutory
   * holidays computed for a year after the package's). When false, the calendar answers from
   * weekends alone. Known is not confirmed: see `isYearConfirmed`.
   */
  knowsYear(year: number): boolean;
  /** The package publishes the year, or an administrator confirmed its 调休 were entered. */
  isYearConfirmed(year: number): boolean;
  /**
   * The unconfirmed years among the days in (from, to]: a due date counted over them is
   * provisional. Empty when `to` is not after `from`.
   */
  unconfirmedYearsBetween(from: LocalDate, to: LocalDate): number[];
  /** The last year the package publishes; later years are computed from the law. */
  readonly lastPackageYear: number;
}

export interface WorkCalendarOptions {
  /** Years after the package's whose 调休 an administrator confirmed. */
  confirmedYears?: readonly number[];
  /** The statutory holiday table (rules/holidays/national.json unless a test gives another). */
  statutory?: StatutoryHolidayTable;
}

interface Entry {
  isWorkingDay: boolean;
  name?: string;
  source: "override" | "package" | "statutory";
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
  options: WorkCalendarOptions = {},
): WorkCalendar {
  const entries = buildPackageEntries(table);
  const packageYears = new Set<number>(Object.keys(table.holidays).map(yearOf));
  const knownYears = new Set<number>(packageYears);
  const lastPackageYear = Math.max(0, ...packageYears);
  const confirmedYears = new Set<number>([...packageYears, ...(options.confirmedYears ?? [])]);
  // Computed per year on first use: counting may walk into any year.
  const computedYears = new Set<number>();
  const computeYear = (year: number): void => {
    if (year <= lastPackageYear || computedYears.has(year)) return;
    computedYears.add(year);
    const days = statutoryHolidays(year, options.statutory);
    if (days.length > 0) knownYears.add(year);
    for (const h of days) {
      // An override of the same day (added before) stays: the administrator's word wins.
      if (!entries.has(h.date))
        entries.set(h.date, { isWorkingDay: false, name: h.name, source: "statutory" });
    }
  };
  const entryOf = (date: LocalDate): Entry | undefined => {
    // Days here come from fromEpochDay or a validated override: the year is the first four digits.
    computeYear(Number(date.slice(0, 4)));
    return entries.get(date);
  };
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
    const entry = entryOf(date);
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
    const entry = entryOf(date);
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
    knowsYear: (year) => {
      computeYear(year);
      return knownYears.has(year);
    },
    isYearConfirmed: (year) => confirmedYears.has(year),
    unconfirmedYearsBetween: (from, to) => {
      const first = yearOf(addCalendarDays(from, 1));
      const years: number[] = [];
      if (diffCalendarDays(from, to) < 1) return years;
      for (let y = first; y <= yearOf(to); y += 1) if (!confirmedYears.has(y)) years.push(y);
      return years;
    },
    lastPackageYear,
  };
}
