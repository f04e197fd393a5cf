import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  ZCancel,
  ZConference,
  ZConferenceCreate,
  ZConferenceFigures,
  ZConferenceListQuery,
  ZConferenceSummary,
  ZDecision,
  ZDecisionListQuery,
  ZMinutes,
  ZProgress,
} from "../../../../domain/schemas/bureau/conferences.ts";
import { STANDARD_ERRORS, zIsoDate } from "../../../../domain/schemas/common.ts";
import {
  addDecisionProgress,
  cancelConference,
  conferenceFigures,
  createConference,
  listConferences,
  listDecisions,
  loadConference,
  recordMinutes,
} from "../../../bureau/conferences/conferences.ts";
import { minutesDocument } from "../../../bureau/conferences/minutes.ts";
import type { BureauCtx } from "../../../bureau/context.ts";
import { requireAnyRole } from "../../../bureau/scope.ts";
import { requireActor } from "../../../plugins/auth.ts";
import { bureauModule, found, ZId } from "../kit.ts";
import { CONFERENCE_MANAGE_ROLES, CONFERENCE_PROGRESS_ROLES } from "./policy.ts";

export const conferenceRoutes: FastifyPluginAsync = async (base) => {
  const { app, db, tags, ctxOf, list, figures, detail } = bureauModule(base, "conferences");
  const present = (ctx: BureauCtx, id: string) => found(loadConference(db, ctx.actor, id, ctx.now));

  app.post(
    "/",
    {
      schema: {
        tags,
        summary: "召开联席会议（参会单位和人员、议题） Convene a joint conference",
        body: ZConferenceCreate,
        response: { 201: ZConference, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, CONFERENCE_MANAGE_ROLES);
      const id = await db.transaction((tx) => createConference(tx, ctx, req.body));
      return reply.code(201).send(await present(ctx, id));
    },
  );

  list(
    "/",
    "联席会议列表 Joint conferences",
    { filters: ZConferenceListQuery, item: ZConferenceSummary },
    (actor, q, page) => listConferences(db, actor, q, page),
  );

  figures(
    "联席会议统计（召开次数、议定事项、按期落实率） Conference figures",
    { query: z.object({ from: zIsoDate.optional(), to: zIsoDate.optional() }), figures: ZConferenceFigures },
    (actor, q) => conferenceFigures(db, actor, app.deps.now(), q),
  );

  list(
    "/decisions",
    "议定事项督办（overdue=true：逾期未落实） Decisions to follow up",
    { filters: ZDecisionListQuery, item: ZDecision },
    (actor, q, page) => listDecisions(db, actor, app.deps.now(), q, page),
  );

  app.post(
    "/decisions/:id/progress",
    {
      schema: {
        tags,
        summary: "议定事项落实进展（done=true：已落实） Report progress on a decision",
        params: ZId,
        body: ZProgress,
        response: { 200: ZConference, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const conferenceId = await db.transaction((tx) =>
        addDecisionProgress(tx, ctx, req.params.id, req.body, CONFERENCE_PROGRESS_ROLES),
      );
      return present(ctx, conferenceId);
    },
  );

  detail("/:id", "联席会议详情 Joint conference", ZConference, present);

  app.post(
    "/:id/minutes",
    {
      schema: {
        tags,
        summary: "录入会议纪要和议定事项 Record the minutes and decisions",
        params: ZId,
        body: ZMinutes,
        response: { 200: ZConference, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => recordMinutes(tx, ctx, req.params.id, req.body, CONFERENCE_MANAGE_ROLES));
      return present(ctx, req.params.id);
    },
  );

  app.post(
    "/:id/cancel",
    {
      schema: {
        tags,
        summary: "取消会议 Cancel a planned meeting",
        params: ZId,
        body: ZCancel,
        response: { 200: ZConference, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) =>
        cancelConference(tx, ctx, req.params.id, req.body.reason, CONFERENCE_MANAGE_ROLES),
      );
      return present(ctx, req.params.id);
    },
  );

  app.get(
    "/:id/minutes/document",
    {
      schema: {
        tags,
        summary: "会议纪要（Word） The minutes as .docx",
        params: ZId,
      },
    },
    async (req, reply) => {
      const { fileName, data } = await minutesDocument(db, requireActor(req), req.params.id, app.deps.now());
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(data);
    },
  );
};
