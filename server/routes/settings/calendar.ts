import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { COUNTY_WIDE_ROLES } from "../../../domain/auth/roles.ts";
import { isLocalDate, yearOf } from "../../../domain/calendar/local-date.ts";
import { statutoryHolidays } from "../../../domain/calendar/statutory-holidays.ts";
import type { TimeLimit } from "../../../domain/calendar/time-limit.ts";
import { toShanghaiDate, type WorkCalendar } from "../../../domain/calendar/working-days.ts";
import { STANDARD_ERRORS, zText } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { type Actor, hasRole } from "../../auth/actor.ts";
import { CONFIRMED_YEARS_SETTING, loadConfirmedYears, loadWorkCalendar } from "../../cases/clocks.ts";
import { recomputeClocksForYears } from "../../cases/recompute-clocks.ts";
import type { Queryable } from "../../db/index.ts";
import { requireActor, requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { writeSettings } from "../../settings/store.ts";

const ZLimit = z.object({
  step: z.string(),
  amount: z.number(),
  unit: z.string(),
  starts: z.string(),
  note: z.string().nullable(),
});

export const ZCalendarSettings = z.object({
  pack: z.object({
    id: z.string(),
    title: z.string(),
    source: z.string().nullable(),
    lineage: z.array(z.string()),
    warnDaysBeforeBreach: z.number(),
    limits: z.array(ZLimit),
    internalTargets: z.array(ZLimit),
  }),
  overrides: z.array(
    z.object({ date: z.string(), kind: z.enum(["holiday", "workday"]), name: z.string().nullable() }),
  ),
  /** Years from last to next for which neither the holiday package nor an override knows holidays. */
  unknownYears: z.array(z.number()),
  /**
   * This year and the next two: whether their 调休 are published (the package) or confirmed by an
   * administrator; for the others, the statutory holidays the calendar computes meanwhile.
   */
  years: z.array(
    z.object({
      year: z.number(),
      status: z.enum(["published", "confirmed", "provisional"]),
      confirmedAt: z.string().nullable(),
      statutoryHolidays: z.array(z.object({ date: z.string(), name: z.string(), en: z.string() })),
    }),
  ),
  /** From 1 November until next year is confirmed: the year the administrator should confirm. */
  confirmNextYear: z.number().nullable(),
});

export const ZCalendarStatus = z.object({
  confirmNextYear: z.number().nullable(),
});

export const ZConfirmYearInput = z.object({
  /** The published make-up working days and extra rest days, imported with the confirmation. */
  overrides: z
    .array(
      z.object({
        date: z.string().refine(isLocalDate, { message: "expected a real YYYY-MM-DD day" }),
        kind: z.enum(["holiday", "workday"]),
        name: zText(1, 50).optional(),
      }),
    )
    .max(100)
    .default([]),
});

const zDay = z.string().refine(isLocalDate, { message: "expected a real YYYY-MM-DD day" });
export const ZOverrideInput = z.object({
  kind: z.enum(["holiday", "workday"]),
  name: zText(1, 50).optional(),
});

const limitRow = (step: string, l: TimeLimit) => ({
  step,
  amount: l.amount,
  unit: l.unit,
  starts: l.starts,
  note: l.note ?? null,
});

/**
 * The active rule pack's time limits (data in rules/*.json, read-only here: a pack is chosen by
 * configuration) and the holiday / make-up working-day overrides the administrator keeps for the
 * years the holiday package does not know, and the confirmation of such a year's 调休. After a change
 * the calendar of this process is reloaded; a change that touches a confirmed year (or confirms one)
 * recomputes the stored due dates of open cases' running clocks over that year in its transaction.
 */
export const calendarSettingsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  const present = async () => {
    const { pack, calendar } = app.deps.clocks;
    const { rows } = await db.query<{ date: string; kind: "holiday" | "workday"; name: string | null }>(
      "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides ORDER BY date",
    );
    const year = Number(app.deps.now().toISOString().slice(0, 4));
    const confirmed = new Map((await loadConfirmedYears(db)).map((c) => [c.year, c.confirmedAt]));
    return {
      pack: {
        id: pack.id,
        title: pack.title,
        source: pack.source ?? null,
        lineage: pack.lineage,
        warnDaysBeforeBreach: pack.warnDaysBeforeBreach,
        limits: Object.entries(pack.limits).map(([step, l]) => limitRow(step, l)),
        internalTargets: Object.entries(pack.internalTargets).flatMap(([severity, l]) =>
          l ? [limitRow(severity, l)] : [],
        ),
      },
      overrides: rows,
      unknownYears: [year - 1, year, year + 1].filter((y) => !calendar.knowsYear(y)),
      years: [year, year + 1, year + 2].map((y) => {
        const status =
          y <= calendar.lastPackageYear
            ? "published"
            : calendar.isYearConfirmed(y)
              ? "confirmed"
              : "provisional";
        return {
          year: y,
          status,
          confirmedAt: confirmed.get(y) ?? null,
          statutoryHolidays: status === "published" ? [] : statutoryHolidays(y),
        } as const;
      }),
      confirmNextYear: confirmNextYear(),
    };
  };

  /** Next year, when it is 1 November or later (Shanghai) and next year is not yet confirmed. */
  const confirmNextYear = (): number | null => {
    const today = toShanghaiDate(app.deps.now());
    const next = yearOf(today) + 1;
    return today.slice(5) >= "11-01" && !app.deps.clocks.calendar.isYearConfirmed(next) ? next : null;
  };

  app.get(
    "/calendar/status",
    {
      schema: {
        tags: ["settings"],
        summary: "下一年度调休是否待确认（横幅） Whether next year's make-up days await confirmation",
        response: { 200: ZCalendarStatus, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      // The banner is for those who enter the notice (system administrators) and the bureau office.
      return { confirmNextYear: hasRole(actor, "system_admin", "bureau_office") ? confirmNextYear() : null };
    },
  );

  app.get(
    "/calendar",
    {
      schema: {
        tags: ["settings"],
        summary: "时限规则与节假日调整 The rule pack's limits and the holiday overrides",
        response: { 200: ZCalendarSettings, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...COUNTY_WIDE_ROLES, "system_admin");
      return present();
    },
  );

  /**
   * Writes a calendar change, and when it touches a confirmed year (or confirms one) recomputes
   * the stored due dates of the open cases' running clocks over that year, in the same transaction.
   */
  const change = async (
    actor: Actor,
    ip: string,
    action: "settings_calendar_override" | "settings_calendar_confirm_year",
    objectId: string,
    recomputeYears: (calendar: WorkCalendar) => number[],
    write: (tx: Queryable) => Promise<Record<string, unknown>>,
  ) => {
    const before = app.deps.clocks.calendar;
    const after = await db.transaction(async (tx) => {
      const detail = await write(tx);
      const calendar = await loadWorkCalendar(tx);
      const years = recomputeYears(calendar);
      const changed = await recomputeClocksForYears(
        tx,
        { pack: app.deps.clocks.pack, calendar },
        before,
        calendar,
        years,
        actor,
        app.deps.now(),
        action === "settings_calendar_confirm_year" ? `确认 ${years.join("、")} 年调休安排` : "节假日调整",
      );
      // The action spelled out, so the audit catalogue's check reads both codes here.
      await recordAudit(tx, {
        actorId: actor.id,
        actorRole: "system_admin",
        ip,
        action:
          action === "settings_calendar_override"
            ? "settings_calendar_override"
            : "settings_calendar_confirm_year",
        objectType: action === "settings_calendar_override" ? "calendar_override" : "calendar_year",
        objectId,
        detail: {
          ...detail,
          recomputedClocks: changed.length,
          recomputedCases: new Set(changed.map((c) => c.caseId)).size,
        },
      });
      return calendar;
    });
    // This process computes the next due dates with the new calendar at once.
    app.deps.clocks.calendar = after;
  };
  const ifConfirmed = (date: string) => (calendar: WorkCalendar) => {
    const year = yearOf(date);
    return year > calendar.lastPackageYear && calendar.isYearConfirmed(year) ? [year] : [];
  };

  app.put(
    "/calendar/overrides/:date",
    {
      schema: {
        tags: ["settings"],
        summary: "设置节假日或调休工作日（系统管理员） Set a holiday or make-up working day",
        params: z.object({ date: zDay }),
        body: ZOverrideInput,
        response: { 200: ZCalendarSettings, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      const { date } = req.params;
      const { kind, name } = req.body;
      await change(actor, req.ip, "settings_calendar_override", date, ifConfirmed(date), async (tx) => {
        const before = await tx.query<{ kind: string; name: string | null }>(
          "SELECT kind, name FROM calendar_overrides WHERE date = $1 FOR UPDATE",
          [date],
        );
        await tx.query(
          `INSERT INTO calendar_overrides (date, kind, name) VALUES ($1, $2, $3)
             ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
          [date, kind, name ?? null],
        );
        return { from: before.rows[0] ?? null, to: { kind, name: name ?? null } };
      });
      return present();
    },
  );

  app.delete(
    "/calendar/overrides/:date",
    {
      schema: {
        tags: ["settings"],
        summary: "删除节假日调整（系统管理员） Remove an override",
        params: z.object({ date: zDay }),
        response: { 200: ZCalendarSettings, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      const { date } = req.params;
      await change(actor, req.ip, "settings_calendar_override", date, ifConfirmed(date), async (tx) => {
        const res = await tx.query("DELETE FROM calendar_overrides WHERE date = $1", [date]);
        if (res.rowCount === 0) throw new AppError("NOT_FOUND");
        return { removed: true };
      });
      return present();
    },
  );

  app.post(
    "/calendar/years/:year/confirm",
    {
      schema: {
        tags: ["settings"],
        summary:
          "确认年度调休安排（系统管理员），可同时导入国务院公布的调休日期 Confirm a year's make-up working days",
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: ZConfirmYearInput,
        response: { 200: ZCalendarSettings, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      const { year } = req.params;
      const { overrides } = req.body;
      const calendar = app.deps.clocks.calendar;
      if (year <= calendar.lastPackageYear) throw new AppError("CALENDAR_YEAR_PUBLISHED", { year });
      if (calendar.isYearConfirmed(year)) throw new AppError("CALENDAR_YEAR_CONFIRMED", { year });
      const outside = overrides.find((o) => yearOf(o.date) !== year);
      if (outside) throw new AppError("CALENDAR_OVERRIDE_OUTSIDE_YEAR", { date: outside.date });
      await change(
        actor,
        req.ip,
        "settings_calendar_confirm_year",
        String(year),
        () => [year],
        async (tx) => {
          if (overrides.length > 0) {
            await tx.query(
              `INSERT INTO calendar_overrides (date, kind, name)
             SELECT o.date, o.kind, o.name FROM jsonb_to_recordset($1::jsonb) AS o(date date, kind text, name text)
             ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
              [JSON.stringify(overrides.map((o) => ({ date: o.date, kind: o.kind, name: o.name ?? null })))],
            );
          }
          const confirmed = await loadConfirmedYears(tx, true);
          if (confirmed.some((c) => c.year === year)) throw new AppError("CALENDAR_YEAR_CONFIRMED", { year });
          const now = app.deps.now().toISOString();
          await writeSettings(
            tx,
            [[CONFIRMED_YEARS_SETTING, [...confirmed, { year, confirmedAt: now, by: actor.id }]]],
            app.deps.now(),
          );
          return { year, imported: overrides.length };
        },
      );
      return present();
    },
  );
};
