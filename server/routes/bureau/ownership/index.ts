import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  DUTIES,
  ZDone,
  ZNote,
  ZOwnership,
  ZOwnershipCreate,
  ZOwnershipFigures,
  ZOwnershipListQuery,
  ZOwnershipSummary,
  ZResolve,
} from "../../../../domain/schemas/bureau/ownership.ts";
import { ZDateRange as ZDayRange } from "../../../../domain/schemas/bureau/reception.ts";
import { STANDARD_ERRORS } from "../../../../domain/schemas/common.ts";
import type { BureauCtx } from "../../../bureau/context.ts";
import {
  addProgressNote,
  createOwnership,
  finishOwnership,
  listOwnerships,
  loadOwnership,
  markDutyDone,
  markMilestoneDone,
  ownershipFigures,
} from "../../../bureau/ownership/ownership.ts";
import { requireAnyRole } from "../../../bureau/scope.ts";
import { bureauModule, found, ZId } from "../kit.ts";
import { OWNERSHIP_MANAGE_ROLES, OWNERSHIP_PROGRESS_ROLES } from "./policy.ts";

export const ownershipRoutes: FastifyPluginAsync = async (base) => {
  const { app, db, tags, ctxOf, list, figures, detail } = bureauModule(base, "ownership");
  const present = (ctx: BureauCtx, id: string) => found(loadOwnership(db, ctx.actor, id, ctx.now));

  app.post(
    "/",
    {
      schema: {
        tags,
        summary: "领导包案（一案一领导一单位一方案，五包责任） Put cases under a leader's ownership",
        body: ZOwnershipCreate,
        response: { 201: ZOwnership, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, OWNERSHIP_MANAGE_ROLES);
      const id = await db.transaction((tx) => createOwnership(tx, ctx, req.body));
      return reply.code(201).send(await present(ctx, id));
    },
  );

  list(
    "/",
    "包案列表（slipped=true：有节点逾期） Ownerships (slipped=true: a milestone or duty is late)",
    { filters: ZOwnershipListQuery, item: ZOwnershipSummary },
    (actor, q, page) => listOwnerships(db, actor, app.deps.now(), q, page),
  );

  figures(
    "包案统计（包案数、化解数、化解率） Ownership figures",
    { query: ZDayRange, figures: ZOwnershipFigures },
    (actor, q) => ownershipFigures(db, actor, app.deps.now(), q),
  );

  detail("/:id", "包案详情 Ownership", ZOwnership, present);

  app.post(
    "/:id/duties/:duty/done",
    {
      schema: {
        tags,
        summary: "落实一项包案责任 Mark one of the five duties done",
        params: ZId.extend({ duty: z.enum(DUTIES) }),
        body: ZDone,
        response: { 200: ZOwnership, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) =>
        markDutyDone(tx, ctx, req.params.id, req.params.duty, req.body.note, OWNERSHIP_PROGRESS_ROLES),
      );
      return present(ctx, req.params.id);
    },
  );

  app.post(
    "/:id/milestones/:position/done",
    {
      schema: {
        tags,
        summary: "完成节点 Mark a milestone done",
        params: ZId.extend({
          position: z
            .string()
            .regex(/^\d{1,2}$/)
            .transform(Number),
        }),
        body: ZDone,
        response: { 200: ZOwnership, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) =>
        markMilestoneDone(
          tx,
          ctx,
          req.params.id,
          req.params.position,
          req.body.note,
          OWNERSHIP_PROGRESS_ROLES,
        ),
      );
      return present(ctx, req.params.id);
    },
  );

  app.post(
    "/:id/notes",
    {
      schema: {
        tags,
        summary: "记录进展 Add a progress note",
        params: ZId,
        body: ZNote,
        response: { 200: ZOwnership, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) =>
        addProgressNote(tx, ctx, req.params.id, req.body.text, OWNERSHIP_PROGRESS_ROLES),
      );
      return present(ctx, req.params.id);
    },
  );

  for (const [path, to] of [
    ["resolve", "resolved"],
    ["withdraw", "withdrawn"],
  ] as const) {
    app.post(
      `/:id/${path}`,
      {
        schema: {
          tags,
          summary: to === "resolved" ? "认定包案化解 Resolve (all five duties done)" : "撤销包案 Withdraw",
          params: ZId,
          body: ZResolve,
          response: { 200: ZOwnership, ...STANDARD_ERRORS },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        await db.transaction((tx) =>
          finishOwnership(tx, ctx, req.params.id, to, req.body.resolution, OWNERSHIP_MANAGE_ROLES),
        );
        return present(ctx, req.params.id);
      },
    );
  }
};
