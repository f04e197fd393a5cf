import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZBacklogCase,
  ZBacklogClear,
  ZBacklogFigures,
  ZBacklogMark,
  ZSuggestion,
} from "../../../../domain/schemas/bureau/backlog.ts";
import { STANDARD_ERRORS, zUuid } from "../../../../domain/schemas/common.ts";
import {
  backlogFigures,
  clearBacklog,
  listBacklog,
  markBacklog,
  suggestBacklog,
} from "../../../bureau/backlog/backlog.ts";
import type { BureauCtx } from "../../../bureau/context.ts";
import { today } from "../../../bureau/context.ts";
import { requireAnyRole } from "../../../bureau/scope.ts";
import { requireActor } from "../../../plugins/auth.ts";
import { AppError } from "../../../plugins/errors.ts";
import { bureauCtx } from "../request-context.ts";
import { BACKLOG_ROLES } from "./policy.ts";

export const backlogRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ["bureau: backlog"];
  const ctxOf = (req: FastifyRequest) => bureauCtx(app, req);
  const one = async (ctx: BureauCtx, caseId: string) => {
    const found = (await listBacklog(db, ctx.actor)).find((b) => b.case.id === caseId);
    if (!found) throw new AppError("NOT_FOUND");
    return found;
  };

  app.get(
    "/suggestions",
    {
      schema: {
        tags,
        summary: "积案建议（久拖未结、多次重复、重新办理） Cases the rule suggests as backlog",
        response: { 200: z.object({ items: z.array(ZSuggestion) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => ({ items: await suggestBacklog(db, requireActor(req), app.deps.now()) }),
  );

  app.post(
    "/",
    {
      schema: {
        tags,
        summary: "列为积案 Mark a case as backlog",
        body: ZBacklogMark,
        response: { 201: ZBacklogCase, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, BACKLOG_ROLES);
      await db.transaction((tx) => markBacklog(tx, ctx, req.body));
      return reply.code(201).send(await one(ctx, req.body.caseId));
    },
  );

  app.get(
    "/",
    {
      schema: {
        tags,
        summary: "积案台账 Backlog cases",
        querystring: z.object({ status: z.enum(["open", "cleared"]).optional() }),
        response: { 200: z.object({ items: z.array(ZBacklogCase) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => ({ items: await listBacklog(db, requireActor(req), req.query.status) }),
  );

  app.post(
    "/:caseId/clear",
    {
      schema: {
        tags,
        summary: "积案化解销号 Record a backlog case's clearance",
        params: z.object({ caseId: zUuid }),
        body: ZBacklogClear,
        response: { 200: ZBacklogCase, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction(async (tx) => {
        if (!(await listBacklog(tx, ctx.actor)).some((b) => b.case.id === req.params.caseId)) {
          throw new AppError("NOT_FOUND");
        }
        requireAnyRole(ctx.actor, BACKLOG_ROLES);
        await clearBacklog(tx, ctx, req.params.caseId, req.body.route, req.body.clearance);
      });
      return one(ctx, req.params.caseId);
    },
  );

  app.get(
    "/figures",
    {
      schema: {
        tags,
        summary: "积案统计（年初存量、新增、化解、年末存量） Backlog figures",
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: ZBacklogFigures, ...STANDARD_ERRORS },
      },
    },
    async (req) =>
      backlogFigures(db, requireActor(req), req.query.year ?? Number(today(app.deps.now()).slice(0, 4))),
  );
};
