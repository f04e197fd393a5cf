/**
 * The statutory holidays of any year, computed from 全国年节及纪念日放假办法 (the table of festivals
 * and their lengths is data: rules/holidays/national.json, one entry per revision with the day it
 * took effect) and the lunar calendar (tyme4ts). Only the holidays themselves follow from the law;
 * the make-up working days and substitute rest days (调休) of a year are whatever the State Council
 * publishes, so a year known only from this computation is provisional until an administrator
 * confirms it.
 */
import { LunarDay, SolarDay, SolarTerm } from "tyme4ts";
import { z } from "zod";
import table from "../../rules/holidays/national.json" with { type: "json" };
import { addCalendarDays, isLocalDate, type LocalDate, yearOf } from "./local-date.ts";

const ZDateRule = z.discriminatedUnion("calendar", [
  z.strictObject({
    calendar: z.literal("solar"),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  }),
  z.strictObject({
    calendar: z.literal("lunar"),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(30),
  }),
  z.strictObject({ calendar: z.literal("solar_term"), term: z.string().min(1) }),
]);

const ZFestival = z.strictObject({
  name: z.string().min(1),
  en: z.string().min(1),
  rule: ZDateRule,
  /** Days before the rule's day that the holiday starts: 春节 starts on 除夕, the day before 初一. */
  startOffset: z.number().int().max(0).default(0),
  days: z.number().int().min(1).max(10),
  note: z.string().min(1).optional(),
});

const ZRevision = z.strictObject({
  revision: z.string().min(1),
  source: z.string().min(1),
  effectiveFrom: z.string().refine(isLocalDate, { message: "expected a real YYYY-MM-DD day" }),
  holidays: z.array(ZFestival).min(1),
});

export const ZStatutoryHolidayTable = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  note: z.string().min(1).optional(),
  revisions: z.array(ZRevision).min(1),
});
export type StatutoryHolidayTable = z.infer<typeof ZStatutoryHolidayTable>;
export type StatutoryRevision = z.infer<typeof ZRevision>;

export const STATUTORY_HOLIDAYS: StatutoryHolidayTable = ZStatutoryHolidayTable.parse(table);

export interface StatutoryHoliday {
  date: LocalDate;
  /** Chinese name of the festival, e.g. 春节; two names when festivals fall on one day. */
  name: string;
  en: string;
}

const pad = (n: number): string => String(n).padStart(2, "0");
const fromSolarDay = (d: SolarDay): LocalDate =>
  `${String(d.getYear()).padStart(4, "0")}-${pad(d.getMonth())}-${pad(d.getDay())}`;

function anchorDay(year: number, rule: z.infer<typeof ZDateRule>): LocalDate {
  switch (rule.calendar) {
    case "solar":
      return fromSolarDay(SolarDay.fromYmd(year, rule.month, rule.day));
    case "lunar":
      // The lunar year that starts in this Gregorian year: its festivals all fall in it.
      return fromSolarDay(LunarDay.fromYmd(year, rule.month, rule.day).getSolarDay());
    case "solar_term":
      return fromSolarDay(SolarTerm.fromName(year, rule.term).getJulianDay().getSolarDay());
  }
}

/** The revision in force on 1 January of the year (revisions take effect at a year's start). */
export function revisionForYear(
  year: number,
  data: StatutoryHolidayTable = STATUTORY_HOLIDAYS,
): StatutoryRevision | undefined {
  const start = `${String(year).padStart(4, "0")}-01-01`;
  return data.revisions
    .filter((r) => r.effectiveFrom <= start)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .at(-1);
}

/**
 * The days off the law itself fixes in `year`, in date order. Festivals that fall on one day
 * (中秋 on 1 October) share it; the law's substitute day for such a case, like any 调休, comes
 * from the State Council's notice. Empty for a year before the first revision.
 */
export function statutoryHolidays(
  year: number,
  data: StatutoryHolidayTable = STATUTORY_HOLIDAYS,
): StatutoryHoliday[] {
  const revision = revisionForYear(year, data);
  if (!revision) return [];
  const byDate = new Map<LocalDate, StatutoryHoliday>();
  for (const f of revision.holidays) {
    const first = addCalendarDays(anchorDay(year, f.rule), f.startOffset);
    for (let i = 0; i < f.days; i += 1) {
      const date = addCalendarDays(first, i);
      // A day computed outside the year (no festival of the 2024 revision does this) is not its.
      if (yearOf(date) !== year) continue;
      const seen = byDate.get(date);
      byDate.set(
        date,
        seen
          ? { date, name: `${seen.name}、${f.name}`, en: `${seen.en}, ${f.en}` }
          : { date, name: f.name, en: f.en },
      );
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
