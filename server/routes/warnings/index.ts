import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STANDARD_ERRORS, zIsoDate, zUuid } from "../../../domain/schemas/common.ts";
import {
  ZCloseRequest,
  ZDigest,
  ZFollowUpRequest,
  ZPeriod,
  ZPeriodRequest,
  ZScanResult,
  ZSettings,
  ZWarning,
  ZWarningDetail,
  ZWarningListQuery,
} from "../../../domain/warnings/schemas.ts";
import { WARNING_SETTING_KEYS, type WarningSettings } from "../../../domain/warnings/settings.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { writeSettings } from "../../settings/store.ts";
import {
  acknowledgeWarning,
  addWarningFollowUp,
  closeWarning,
  type WarningCtx,
} from "../../warnings/commands.ts";
import { digestDocx, generateDigest, listDigestDates, readDigest } from "../../warnings/digest.ts";
import { loadWarningSettings } from "../../warnings/load.ts";
import { createPeriod, deletePeriod, listPeriods, updatePeriod } from "../../warnings/periods.ts";
import {
  DIGEST_READ_ROLES,
  PERIOD_EDIT_ROLES,
  PERIOD_READ_ROLES,
  WARNING_READ_ROLES,
  WARNING_SCAN_ROLES,
} from "../../warnings/policy.ts";
import {
  evidenceCases,
  findVisibleWarning,
  followUps,
  listWarnings,
  warningHandling,
} from "../../warnings/queries.ts";

import { scanWarnings } from "../../warnings/scan.ts";

const SETTINGS_EDIT_ROLES = ["bureau_office", "system_admin"] as const;

/**
 * Warnings across cases (分析研判): the scan's findings, their evidence cases, the office's
 * acknowledgement, follow-up notes and closing, the daily digest for leaders, the calendar of
 * sensitive periods and the thresholds. Every read goes through the case policy: a warning whose
 * evidence the user may not read at all is 404, and its other evidence cases never show.
 */
export const warningRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const ctx = (req: FastifyRequest, actor: Actor): WarningCtx => ({ actor, now: app.deps.now(), ip: req.ip });

  async function detail(q: Queryable, actor: Actor, id: string) {
    const w = await findVisibleWarning(q, actor, id);
    if (!w) throw new AppError("WARNING_NOT_FOUND");
    return {
      ...w,
      cases: await evidenceCases(q, actor, id),
      followUps: await followUps(q, id),
      ...(await warningHandling(q, id)),
    };
  }

  app.get(
    "/",
    {
      schema: {
        tags: ["warnings"],
        summary: "预警列表 Warnings across cases",
        querystring: ZWarningListQuery,
        response: { 200: z.object({ items: z.array(ZWarning), total: z.number() }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...WARNING_READ_ROLES);
      const { page, pageSize, ...filter } = req.query;
      if (filter.from && filter.to && filter.from > filter.to) throw new AppError("DATE_RANGE_INVALID");
      return listWarnings(db, actor, filter, { page, pageSize });
    },
  );

  app.post(
    "/scan",
    {
      schema: {
        tags: ["warnings"],
        summary: "立即分析研判（信访局办公室） Run the warning scan now",
        response: { 200: ZScanResult, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...WARNING_SCAN_ROLES);
      const now = app.deps.now();
      const result = await scanWarnings(db, now, { actor, ip: req.ip });
      const digest = await generateDigest(db, now);
      return { ...result, digest };
    },
  );

  app.get(
    "/digests",
    {
      schema: {
        tags: ["warnings"],
        summary: "预警日报列表 Daily digests",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(366).default(30) }),
        response: {
          200: z.object({ items: z.array(z.object({ date: z.string(), generatedAt: z.string() })) }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      requireRole(req, ...DIGEST_READ_ROLES);
      return { items: await listDigestDates(db, req.query.limit) };
    },
  );

  app.get(
    "/digests/:date",
    {
      schema: {
        tags: ["warnings"],
        summary: "某日预警日报 The digest of a day",
        params: z.object({ date: zIsoDate }),
        response: { 200: ZDigest, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...DIGEST_READ_ROLES);
      const d = await readDigest(db, actor, req.params.date);
      if (!d) throw new AppError("WARNING_DIGEST_NOT_FOUND");
      return d;
    },
  );

  app.get(
    "/digests/:date/docx",
    {
      schema: {
        tags: ["warnings"],
        summary: "预警日报（Word） The digest as a Word document",
        params: z.object({ date: zIsoDate }),
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...DIGEST_READ_ROLES);
      const d = await readDigest(db, actor, req.params.date);
      if (!d) throw new AppError("WARNING_DIGEST_NOT_FOUND");
      const buf = await digestDocx(db, d);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename="warning-digest-${d.date}.docx"`)
        .send(buf);
    },
  );

  app.get(
    "/sensitive-periods",
    {
      schema: {
        tags: ["warnings"],
        summary: "敏感节点 The calendar of sensitive periods",
        response: { 200: z.object({ items: z.array(ZPeriod) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...PERIOD_READ_ROLES);
      return { items: await listPeriods(db) };
    },
  );

  app.post(
    "/sensitive-periods",
    {
      schema: {
        tags: ["warnings"],
        summary: "新增敏感节点 Add a sensitive period",
        body: ZPeriodRequest,
        response: { 201: ZPeriod, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...PERIOD_EDIT_ROLES);
      const p = await db.transaction((tx) => createPeriod(tx, ctx(req, actor), req.body));
      return reply.code(201).send(p);
    },
  );

  app.put(
    "/sensitive-periods/:id",
    {
      schema: {
        tags: ["warnings"],
        summary: "修改敏感节点 Change a sensitive period",
        params: z.object({ id: zUuid }),
        body: ZPeriodRequest,
        response: { 200: ZPeriod, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...PERIOD_EDIT_ROLES);
      return db.transaction((tx) => updatePeriod(tx, ctx(req, actor), req.params.id, req.body));
    },
  );

  app.delete(
    "/sensitive-periods/:id",
    {
      schema: {
        tags: ["warnings"],
        summary: "删除敏感节点 Remove a sensitive period",
        params: z.object({ id: zUuid }),
        response: { 204: z.null(), ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...PERIOD_EDIT_ROLES);
      await db.transaction((tx) => deletePeriod(tx, ctx(req, actor), req.params.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/settings",
    {
      schema: {
        tags: ["warnings"],
        summary: "预警阈值与词表 Thresholds and word lists",
        response: { 200: ZSettings, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...DIGEST_READ_ROLES, "system_admin");
      return loadWarningSettings(db);
    },
  );

  app.put(
    "/settings",
    {
      schema: {
        tags: ["warnings"],
        summary: "设置预警阈值与词表（信访局办公室、系统管理员） Set thresholds and word lists",
        body: ZSettings,
        response: { 200: ZSettings, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...SETTINGS_EDIT_ROLES);
      const { safetyWords, ...rest } = req.body;
      await db.transaction(async (tx) => {
        const entries: [string, unknown][] = [
          ...(Object.entries(WARNING_SETTING_KEYS) as [keyof WarningSettings, string][]).map(
            ([field, key]): [string, unknown] => [key, rest[field]],
          ),
          ["warning.safety_words", safetyWords],
        ];
        await writeSettings(tx, entries, app.deps.now());
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: actor.roles.join(","),
          ip: req.ip,
          action: "warning_settings_changed",
          objectType: "settings",
          objectId: "warning",
          detail: req.body,
        });
      });
      return loadWarningSettings(db);
    },
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: ["warnings"],
        summary: "预警详情与证据事项 A warning with its evidence cases",
        params: z.object({ id: zUuid }),
        response: { 200: ZWarningDetail, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...WARNING_READ_ROLES);
      return detail(db, actor, req.params.id);
    },
  );

  app.post(
    "/:id/acknowledge",
    {
      schema: {
        tags: ["warnings"],
        summary: "签收预警（信访局办公室） Acknowledge a warning",
        params: z.object({ id: zUuid }),
        response: { 200: ZWarningDetail, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...WARNING_READ_ROLES);
      return db.transaction(async (tx) => {
        await acknowledgeWarning(tx, ctx(req, actor), req.params.id);
        return detail(tx, actor, req.params.id);
      });
    },
  );

  app.post(
    "/:id/follow-ups",
    {
      schema: {
        tags: ["warnings"],
        summary: "记录跟进情况 Add a follow-up note",
        params: z.object({ id: zUuid }),
        body: ZFollowUpRequest,
        response: { 201: ZWarningDetail, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...WARNING_READ_ROLES);
      const out = await db.transaction(async (tx) => {
        await addWarningFollowUp(tx, ctx(req, actor), req.params.id, req.body.note);
        return detail(tx, actor, req.params.id);
      });
      return reply.code(201).send(out);
    },
  );

  app.post(
    "/:id/close",
    {
      schema: {
        tags: ["warnings"],
        summary: "办结预警 Close a warning with the reason",
        params: z.object({ id: zUuid }),
        body: ZCloseRequest,
        response: { 200: ZWarningDetail, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...WARNING_READ_ROLES);
      return db.transaction(async (tx) => {
        await closeWarning(tx, ctx(req, actor), req.params.id, req.body.reason);
        return detail(tx, actor, req.params.id);
      });
    },
  );
};
