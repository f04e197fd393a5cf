/**
 * Plain `YYYY-MM-DD` day strings, meaning a day on the Asia/Shanghai wall calendar.
 *
 * Arithmetic goes through UTC epoch days so that nothing here depends on the time zone of the
 * process running it: a server in UTC and a browser in Europe must agree on every deadline.
 */

/** A day as `YYYY-MM-DD`, read as a local day in Asia/Shanghai. */
export type LocalDate = string;

const MS_PER_DAY = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01; throws on anything that is not a real calendar day. */
export function toEpochDay(date: LocalDate): number {
  const match = DATE_SHAPE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC silently rolls 2025-02-30 into March; a round trip catches it (and years < 100).
  if (fromEpochDay(ms / MS_PER_DAY) !== date) throw new RangeError(`no such day: ${date}`);
  return ms / MS_PER_DAY;
}

export function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  const y = String(d.getUTCFullYear()).padStart(4, "0");
  const m = String(d.getUTCMonth() + 1).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}

export function isLocalDate(value: string): boolean {
  try {
    toEpochDay(value);
    return true;
  } catch {
    return false;
  }
}

export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer, got ${n}`);
  return fromEpochDay(toEpochDay(date) + n);
}

/** `to − from` in calendar days: positive when `to` is later. */
export function diffCalendarDays(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(toEpochDay(date) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(date: LocalDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

export function yearOf(date: LocalDate): number {
  toEpochDay(date);
  return Number(date.slice(0, 4));
}

// en-CA formats as YYYY-MM-DD, but we read the parts rather than trust a locale's layout.
const SHANGHAI_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Asia/Shanghai day an instant falls on, whatever the process time zone is. */
export function toShanghaiDate(instant: Date): LocalDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError("invalid Date");
  const parts = SHANGHAI_DAY.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => {
    const found = parts.find((p) => p.type === type);
    if (!found) throw new Error(`Intl gave no ${type} part`);
    return found.value;
  };
  // Intl does not pad years below 1000; a LocalDate always has four digits.
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}
