import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { COUNTY_WIDE_ROLES } from "../../../domain/auth/roles.ts";
import { isLocalDate } from "../../../domain/calendar/local-date.ts";
import type { TimeLimit } from "../../../domain/calendar/time-limit.ts";
import { STANDARD_ERRORS, zText } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { loadWorkCalendar } from "../../cases/clocks.ts";
import type { Queryable } from "../../db/index.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";

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
 * years the holiday package does not know. After a change the calendar of this process is reloaded;
 * due dates already stored on cases keep the calendar they were computed with.
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
    };
  };

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

  const change = async (
    actorId: string,
    ip: string,
    date: string,
    write: (tx: Queryable) => Promise<Record<string, unknown>>,
  ) => {
    await db.transaction(async (tx) => {
      const detail = await write(tx);
      await recordAudit(tx, {
        actorId,
        actorRole: "system_admin",
        ip,
        action: "settings_calendar_override",
        objectType: "calendar_override",
        objectId: date,
        detail,
      });
    });
    // This process computes the next due dates with the new calendar at once.
    app.deps.clocks.calendar = await loadWorkCalendar(db);
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
      await change(actor.id, req.ip, date, async (tx) => {
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
      await change(actor.id, req.ip, date, async (tx) => {
        const res = await tx.query("DELETE FROM calendar_overrides WHERE date = $1", [date]);
        if (res.rowCount === 0) throw new AppError("NOT_FOUND");
        return { removed: true };
      });
      return present();
    },
  );
};
