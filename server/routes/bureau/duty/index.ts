import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  ZDutyFigures,
  ZLogCreate,
  ZRoster24,
  ZShift,
  ZShiftCreate,
  ZShiftRange,
} from "../../../../domain/schemas/bureau/duty.ts";
import { ZCancelReason } from "../../../../domain/schemas/bureau/reception.ts";
import { STANDARD_ERRORS } from "../../../../domain/schemas/common.ts";
import type { BureauCtx } from "../../../bureau/context.ts";
import {
  addLogEntry,
  cancelShift,
  createRoster24,
  createShift,
  currentDuty,
  dutyFigures,
  listShifts,
  loadShift,
} from "../../../bureau/duty/duty.ts";
import { dutyOfficers } from "../../../bureau/duty/officers.ts";
import { requireAnyRole } from "../../../bureau/scope.ts";
import { requireActor } from "../../../plugins/auth.ts";
import { bureauModule, found, ZId } from "../kit.ts";
import { ROSTER_ROLES } from "./policy.ts";

export const dutyRoutes: FastifyPluginAsync = async (base) => {
  const { app, db, tags, ctxOf, list, figures, detail } = bureauModule(base, "duty");
  const shift = (ctx: BureauCtx, id: string) => found(loadShift(db, ctx.actor, id));

  app.post(
    "/shifts",
    {
      schema: {
        tags,
        summary: "排班 Put an officer on duty",
        body: ZShiftCreate,
        response: { 201: ZShift, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, ROSTER_ROLES);
      const id = await db.transaction((tx) => createShift(tx, ctx, req.body));
      return reply.code(201).send(await shift(ctx, id));
    },
  );

  app.post(
    "/rosters/24h",
    {
      schema: {
        tags,
        summary: "敏感时期24小时值班表 A 24-hour roster for a sensitive period",
        body: ZRoster24,
        response: { 201: z.object({ items: z.array(ZShift) }), ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, ROSTER_ROLES);
      const ids = await db.transaction((tx) => createRoster24(tx, ctx, req.body));
      const items = [];
      for (const id of ids) items.push(await shift(ctx, id));
      return reply.code(201).send({ items });
    },
  );

  list("/shifts", "值班表 Roster", { filters: ZShiftRange, item: ZShift }, (actor, q, page) =>
    listShifts(db, actor, q, page),
  );

  app.get(
    "/officers",
    {
      schema: {
        tags,
        summary: "可排班人员（本辖区工作人员） Staff of the actor's area who may be put on duty",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                displayName: z.string(),
                unitName: z.string(),
                phone: z.string().nullable(),
              }),
            ),
          }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      requireAnyRole(actor, ROSTER_ROLES);
      return { items: await dutyOfficers(db, actor) };
    },
  );

  app.get(
    "/current",
    {
      schema: {
        tags,
        summary: "当前值班人员（本级及上级） Who is on duty now (own area and above)",
        response: { 200: z.object({ items: z.array(ZShift) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => ({ items: await currentDuty(db, requireActor(req), app.deps.now()) }),
  );

  detail("/shifts/:id", "班次与值班日志 Shift and its log", ZShift, shift);

  app.post(
    "/shifts/:id/cancel",
    {
      schema: {
        tags,
        summary: "取消班次 Cancel a shift",
        params: ZId,
        body: ZCancelReason,
        response: { 200: ZShift, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => cancelShift(tx, ctx, req.params.id, req.body.reason, ROSTER_ROLES));
      return shift(ctx, req.params.id);
    },
  );

  app.post(
    "/shifts/:id/log",
    {
      schema: {
        tags,
        summary: "记录值班日志（来电、来访、突发情况、交接班） Log what happened on the shift",
        params: ZId,
        body: ZLogCreate,
        response: { 200: ZShift, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => addLogEntry(tx, ctx, req.params.id, req.body));
      return shift(ctx, req.params.id);
    },
  );

  figures("值班统计 Duty figures", { query: ZShiftRange, figures: ZDutyFigures }, (actor, q) =>
    dutyFigures(db, actor, q),
  );
};
