/**
 * Reporting periods as inclusive ranges of Shanghai calendar days ("YYYY-MM-DD"), the same `from` /
 * `to` the case list filters on, so a figure and its drill-down cover the same days.
 */

export const PERIOD_KINDS = ["month", "quarter", "half", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

export type PeriodSpec =
  | { kind: "month"; year: number; index: number }
  | { kind: "quarter"; year: number; index: number }
  | { kind: "half"; year: number; index: number }
  | { kind: "year"; year: number }
  | { kind: "custom"; from: string; to: string };

const MONTHS_PER: Record<Exclude<PeriodKind, "custom">, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const COUNT_PER_YEAR: Record<Exclude<PeriodKind, "custom" | "year">, number> = {
  month: 12,
  quarter: 4,
  half: 2,
};

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Day number since the epoch for a "YYYY-MM-DD" string (UTC arithmetic: no time zone involved). */
function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function fromDayNumber(n: number): string {
  const dt = new Date(n * 86_400_000);
  return ymd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return fromDayNumber(dayNumber(date)) === date;
}

/** The days of a period; throws RangeError on an index out of range or a reversed custom range. */
export function resolvePeriod(spec: PeriodSpec): Period {
  if (spec.kind === "custom") {
    if (!isValidDate(spec.from) || !isValidDate(spec.to) || spec.from > spec.to) {
      throw new RangeError(`bad custom period ${spec.from}..${spec.to}`);
    }
    return { kind: "custom", from: spec.from, to: spec.to };
  }
  if (!Number.isInteger(spec.year) || spec.year < 1990 || spec.year > 2999) throw new RangeError("bad year");
  const index = spec.kind === "year" ? 1 : spec.index;
  const count = spec.kind === "year" ? 1 : COUNT_PER_YEAR[spec.kind];
  if (!Number.isInteger(index) || index < 1 || index > count) throw new RangeError(`bad ${spec.kind} index`);
  const span = MONTHS_PER[spec.kind];
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  return {
    kind: spec.kind,
    from: ymd(spec.year, firstMonth, 1),
    to: ymd(spec.year, lastMonth, daysInMonth(spec.year, lastMonth)),
  };
}

/** 环比: the period just before — the previous month/quarter/half/year, or the same number of days before a custom range. */
export function previousPeriod(p: Period): Period {
  if (p.kind === "custom") {
    const len = dayNumber(p.to) - dayNumber(p.from) + 1;
    return {
      kind: "custom",
      from: fromDayNumber(dayNumber(p.from) - len),
      to: fromDayNumber(dayNumber(p.from) - 1),
    };
  }
  const [y, m] = p.from.split("-").map(Number) as [number, number];
  const span = MONTHS_PER[p.kind];
  const startIndex = y * 12 + (m - 1) - span;
  const year = Math.floor(startIndex / 12);
  const month = (startIndex % 12) + 1;
  const lastMonth = month + span - 1;
  return { kind: p.kind, from: ymd(year, month, 1), to: ymd(year, lastMonth, daysInMonth(year, lastMonth)) };
}

function shiftYear(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return ymd(y + years, m, Math.min(d, daysInMonth(y + years, m)));
}

/** 同比: the same days one year earlier (29 February becomes 28 February). */
export function samePeriodLastYear(p: Period): Period {
  return { kind: p.kind, from: shiftYear(p.from, -1), to: shiftYear(p.to, -1) };
}

/** The months ("YYYY-MM") a period touches, for trend charts. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let [y, m] = p.from.split("-").map(Number) as [number, number];
  const end = p.to.slice(0, 7);
  for (;;) {
    const key = `${pad(y, 4)}-${pad(m)}`;
    out.push(key);
    if (key >= end) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Label for documents: "2025年", "2025年第一季度", "2025年上半年", "2025年3月", "2025-01-05至2025-02-10". */
export function periodLabel(p: Period): string {
  const [y, m] = p.from.split("-").map(Number) as [number, number];
  switch (p.kind) {
    case "year":
      return `${y}年`;
    case "half":
      return `${y}年${m === 1 ? "上" : "下"}半年`;
    case "quarter":
      return `${y}年第${"一二三四"[(m - 1) / 3]}季度`;
    case "month":
      return `${y}年${m}月`;
    default:
      return `${p.from}至${p.to}`;
  }
}
