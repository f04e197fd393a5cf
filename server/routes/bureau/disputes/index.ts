import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  ZCampaign,
  ZCampaignCreate,
  ZClearance,
  ZClearanceAnswer,
  ZDispute,
  ZDisputeFigures,
  ZDisputeFiguresQuery,
  ZDisputeListQuery,
  ZHandover,
  ZLinkCase,
  ZReport,
  ZReportCreate,
  ZResolveDispute,
} from "../../../../domain/schemas/bureau/disputes.ts";
import { STANDARD_ERRORS } from "../../../../domain/schemas/common.ts";
import type { BureauCtx } from "../../../bureau/context.ts";
import {
  createCampaign,
  createReport,
  disputeFigures,
  handOver,
  linkDisputeCase,
  listCampaigns,
  listDisputes,
  loadDispute,
  loadReport,
  resolveDispute,
  signClearance,
} from "../../../bureau/disputes/disputes.ts";
import { requireAnyRole } from "../../../bureau/scope.ts";
import { bureauModule, found, ZId } from "../kit.ts";
import { CAMPAIGN_ROLES, CLEARANCE_ROLES, HANDOVER_ROLES, RESOLVE_ROLES, SCREENING_ROLES } from "./policy.ts";

export const disputeRoutes: FastifyPluginAsync = async (base) => {
  const { app, db, tags, ctxOf, list, figures, detail } = bureauModule(base, "disputes");
  const dispute = (ctx: BureauCtx, id: string) => found(loadDispute(db, ctx.actor, id));

  app.post(
    "/campaigns",
    {
      schema: {
        tags,
        summary: "发起专项排查 Launch a special screening campaign",
        body: ZCampaignCreate,
        response: { 201: ZCampaign, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, CAMPAIGN_ROLES);
      const id = await db.transaction((tx) => createCampaign(tx, ctx, req.body));
      return reply
        .code(201)
        .send((await listCampaigns(db, ctx.actor, { limit: 1, offset: 0 }, id)).items[0]!);
    },
  );

  list("/campaigns", "专项排查 Campaigns", { filters: z.object({}), item: ZCampaign }, (actor, _q, page) =>
    listCampaigns(db, actor, page),
  );

  app.post(
    "/reports",
    {
      schema: {
        tags,
        summary: "报送月排查（或专项排查）报告 File a monthly (or campaign) screening report",
        body: ZReportCreate,
        response: { 201: ZReport, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, SCREENING_ROLES);
      const id = await db.transaction((tx) => createReport(tx, ctx, req.body));
      return reply.code(201).send((await loadReport(db, ctx.actor, id))!);
    },
  );

  detail("/reports/:id", "排查报告 Report", ZReport, (ctx, id) => loadReport(db, ctx.actor, id));

  list(
    "/",
    "矛盾纠纷列表（高风险在前） Disputes, high risk first",
    { filters: ZDisputeListQuery, item: ZDispute },
    (actor, q, page) => listDisputes(db, actor, q, page),
  );

  figures(
    "排查化解统计（化解率按乡镇） Screening figures, resolution rate by township",
    { query: ZDisputeFiguresQuery, figures: ZDisputeFigures },
    (actor, q) => disputeFigures(db, actor, q.year, { from: q.from, to: q.to }),
  );

  detail("/:id", "矛盾纠纷 Dispute", ZDispute, dispute);

  app.post(
    "/:id/resolve",
    {
      schema: {
        tags,
        summary: "记录化解结果 Record the mediation result",
        params: ZId,
        body: ZResolveDispute,
        response: { 200: ZDispute, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => resolveDispute(tx, ctx, req.params.id, req.body, RESOLVE_ROLES));
      return dispute(ctx, req.params.id);
    },
  );

  app.post(
    "/:id/link-case",
    {
      schema: {
        tags,
        summary: "关联转为信访的事项 Link the case the dispute turned into",
        params: ZId,
        body: ZLinkCase,
        response: { 200: ZDispute, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => linkDisputeCase(tx, ctx, req.params.id, req.body.caseId, RESOLVE_ROLES));
      return dispute(ctx, req.params.id);
    },
  );

  app.post(
    "/handovers",
    {
      schema: {
        tags,
        summary: "季度交办未化解纠纷 Hand unresolved disputes to units for the quarter",
        body: ZHandover,
        response: { 200: z.object({ handedOver: z.number() }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, HANDOVER_ROLES);
      return { handedOver: await db.transaction((tx) => handOver(tx, ctx, req.body)) };
    },
  );

  app.post(
    "/clearances",
    {
      schema: {
        tags,
        summary: "年终销号（领导签字） Year-end clearance with sign-off",
        body: ZClearance,
        response: { 201: ZClearanceAnswer, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, CLEARANCE_ROLES);
      return reply.code(201).send(await db.transaction((tx) => signClearance(tx, ctx, req.body)));
    },
  );
};
