import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  ZBacklogCase,
  ZBacklogClear,
  ZBacklogFigures,
  ZBacklogFiguresQuery,
  ZBacklogListQuery,
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
import { AppError } from "../../../plugins/errors.ts";
import { bureauModule, found } from "../kit.ts";
import { BACKLOG_ROLES } from "./policy.ts";

/** The one row of a single case's lookup. */
const ONE = { limit: 1, offset: 0 };

export const backlogRoutes: FastifyPluginAsync = async (base) => {
  const { app, db, tags, ctxOf, list, figures } = bureauModule(base, "backlog");
  const one = (ctx: BureauCtx, caseId: string) =>
    found(listBacklog(db, ctx.actor, ONE, { caseId }).then((rows) => rows.items[0]));

  list(
    "/suggestions",
    "积案建议（久拖未结、多次重复、重新办理） Cases the rule suggests as backlog",
    { filters: z.object({}), item: ZSuggestion },
    (actor, _q, page) => suggestBacklog(db, actor, app.deps.now(), page),
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

  list("/", "积案台账 Backlog cases", { filters: ZBacklogListQuery, item: ZBacklogCase }, (actor, q, page) =>
    listBacklog(db, actor, page, { status: q.status }),
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
        if ((await listBacklog(tx, ctx.actor, ONE, { caseId: req.params.caseId })).total === 0) {
          throw new AppError("NOT_FOUND");
        }
        requireAnyRole(ctx.actor, BACKLOG_ROLES);
        await clearBacklog(tx, ctx, req.params.caseId, req.body.route, req.body.clearance);
      });
      return one(ctx, req.params.caseId);
    },
  );

  figures(
    "积案统计（年初存量、新增、化解、年末存量） Backlog figures",
    { query: ZBacklogFiguresQuery, figures: ZBacklogFigures },
    (actor, q) => backlogFigures(db, actor, q.year ?? Number(today(app.deps.now()).slice(0, 4))),
  );
};
