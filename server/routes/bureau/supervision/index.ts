import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import { ZDateRange as ZDayRange } from "../../../../domain/schemas/bureau/reception.ts";
import {
  ZBulletin,
  ZBulletinDraft,
  ZFlagCreate,
  ZItem,
  ZItemListQuery,
  ZOrderCreate,
  ZReason,
  ZReminderCreate,
  ZSupervisionFigures,
  ZText,
} from "../../../../domain/schemas/bureau/supervision.ts";
import { STANDARD_ERRORS } from "../../../../domain/schemas/common.ts";
import type { BureauCtx } from "../../../bureau/context.ts";
import { requireAnyRole } from "../../../bureau/scope.ts";
import {
  bulletinDocument,
  draftBulletin,
  issueBulletin,
  listBulletins,
  loadBulletin,
} from "../../../bureau/supervision/bulletins.ts";
import {
  createItem,
  listItems,
  loadItem,
  type NewItem,
  replyToOrder,
  settleItem,
  supervisionFigures,
} from "../../../bureau/supervision/items.ts";
import { supervisionOrderDocument } from "../../../bureau/supervision/order-document.ts";
import { requireActor } from "../../../plugins/auth.ts";
import { bureauModule, found, ZId } from "../kit.ts";
import { REPLY_ROLES, SUPERVISE_ROLES, SUPERVISION_CLOSE_ROLES } from "./policy.ts";

export const supervisionRoutes: FastifyPluginAsync = async (base) => {
  const { app, db, tags, ctxOf, list, figures, detail } = bureauModule(base, "supervision");
  const item = (ctx: BureauCtx, id: string) => found(loadItem(db, ctx.actor, id, ctx.now));
  const bulletin = (ctx: BureauCtx, id: string) => found(loadBulletin(db, ctx.actor, id));

  const create = async (req: FastifyRequest, input: Omit<NewItem, "caseId"> & { caseId: string }) => {
    const ctx = ctxOf(req);
    requireAnyRole(ctx.actor, SUPERVISE_ROLES);
    const id = await db.transaction((tx) => createItem(tx, ctx, app.deps.clocks.pack, input));
    return item(ctx, id);
  };

  app.post(
    "/reminders",
    {
      schema: {
        tags,
        summary: "催办 Send a reminder to the handling unit",
        body: ZReminderCreate,
        response: { 201: ZItem, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => reply.code(201).send(await create(req, { kind: "reminder", ...req.body })),
  );

  app.post(
    "/orders",
    {
      schema: {
        tags,
        summary: "下发督办单（限期书面答复） Issue a supervision order with a reply deadline",
        body: ZOrderCreate,
        response: { 201: ZItem, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const { requirements, ...rest } = req.body;
      return reply.code(201).send(await create(req, { kind: "order", text: requirements, ...rest }));
    },
  );

  app.post(
    "/flags",
    {
      schema: {
        tags,
        summary: "挂牌督办 Put a case under flagged supervision",
        body: ZFlagCreate,
        response: { 201: ZItem, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const { reason, ...rest } = req.body;
      return reply.code(201).send(await create(req, { kind: "flag", text: reason, ...rest }));
    },
  );

  list(
    "/items",
    "催办、督办、挂牌督办列表（overdue=true：督办逾期未答复） Supervision items",
    { filters: ZItemListQuery, item: ZItem },
    (actor, q, page) => listItems(db, actor, app.deps.now(), q, page),
  );

  detail("/items/:id", "督办事项 Supervision item", ZItem, item);

  app.post(
    "/orders/:id/reply",
    {
      schema: {
        tags,
        summary: "被督办单位书面答复 The addressed unit replies in writing",
        params: ZId,
        body: ZText,
        response: { 200: ZItem, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => replyToOrder(tx, ctx, req.params.id, req.body.text, REPLY_ROLES));
      return item(ctx, req.params.id);
    },
  );

  for (const [path, action, summary] of [
    ["orders/:id/accept", "accept", "审核通过督办答复 Accept the reply"],
    ["orders/:id/return", "return", "退回督办答复 Return the reply"],
    ["flags/:id/lift", "lift", "撤销挂牌督办 Lift the flag"],
  ] as const) {
    app.post(
      `/${path}`,
      { schema: { tags, summary, params: ZId, body: ZReason, response: { 200: ZItem, ...STANDARD_ERRORS } } },
      async (req) => {
        const ctx = ctxOf(req);
        await db.transaction((tx) =>
          settleItem(tx, ctx, req.params.id, action, req.body.reason, SUPERVISION_CLOSE_ROLES),
        );
        return item(ctx, req.params.id);
      },
    );
  }

  app.post(
    "/bulletins",
    {
      schema: {
        tags,
        summary: "按超期和满意度数据生成通报草稿 Draft a bulletin from overdue and satisfaction figures",
        body: ZBulletinDraft.extend({ criticiseBelow: z.number().min(0).max(100).default(80) }),
        response: { 201: ZBulletin, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, SUPERVISION_CLOSE_ROLES);
      const id = await db.transaction((tx) => draftBulletin(tx, ctx, req.body));
      return reply.code(201).send(await bulletin(ctx, id));
    },
  );

  list("/bulletins", "通报列表 Bulletins", { filters: z.object({}), item: ZBulletin }, (actor, _q, page) =>
    listBulletins(db, actor, page),
  );

  detail("/bulletins/:id", "通报 Bulletin", ZBulletin, bulletin);

  app.post(
    "/bulletins/:id/issue",
    {
      schema: {
        tags,
        summary: "印发通报 Issue the bulletin",
        params: ZId,
        response: { 200: ZBulletin, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => issueBulletin(tx, ctx, req.params.id, SUPERVISION_CLOSE_ROLES));
      return bulletin(ctx, req.params.id);
    },
  );

  app.get(
    "/bulletins/:id/document",
    {
      schema: {
        tags,
        summary: "通报文件（Word） The issued bulletin as .docx",
        params: ZId,
      },
    },
    async (req, reply) => {
      const { fileName, data } = await bulletinDocument(db, requireActor(req), req.params.id);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(data);
    },
  );

  app.get(
    "/items/:id/order/:format",
    {
      schema: {
        tags,
        summary: "督办单（Word 或 PDF） The supervision order as .docx or .pdf",
        params: ZId.extend({ format: z.enum(["docx", "pdf"]) }),
      },
    },
    async (req, reply) => {
      const { fileName, data } = await supervisionOrderDocument(
        db,
        requireActor(req),
        req.params.id,
        req.params.format,
        { now: app.deps.now(), pdfFont: app.deps.config.pdfFont },
      );
      return reply
        .header(
          "content-type",
          req.params.format === "pdf"
            ? "application/pdf"
            : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .header("x-content-type-options", "nosniff")
        .send(data);
    },
  );

  figures(
    "督查督办统计 Supervision figures",
    { query: ZDayRange, figures: ZSupervisionFigures },
    (actor, q) => supervisionFigures(db, actor, app.deps.now(), q),
  );
};
