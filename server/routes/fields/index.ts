import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZCaseFieldsUpdate,
  ZCaseFieldsView,
  ZFieldStats,
  ZPaymentCreate,
  ZPaymentVoid,
  ZWageSummary,
} from "../../../domain/fields/api.ts";
import {
  canSeeField,
  type TFieldSet,
  ZFieldSet,
  ZFieldSetInput,
} from "../../../domain/fields/definitions.ts";
import { STATISTICS_ROLES } from "../../../domain/metrics/access.ts";
import { periodLabel } from "../../../domain/metrics/period.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import { ZStatsQuery } from "../../../domain/schemas/stats.ts";
import { recordActorAudit } from "../../audit/audit-log.ts";
import type { Actor } from "../../auth/actor.ts";
import { addPayment, caseFieldsView, updateCaseFields, voidPayment } from "../../fields/case-fields.ts";
import { fieldStats } from "../../fields/stats.ts";
import { allCurrentFieldSets, createFieldSetVersion, listFieldSetVersions } from "../../fields/store.ts";
import { wageLedger, wageSummary } from "../../fields/wages.ts";
import { writeWageLedgerXlsx } from "../../fields/xlsx.ts";
import { requireActor, requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { findVisibleCase } from "../../queries/cases.ts";
import { periodOf } from "../stats/period.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FIELD_ADMIN = "system_admin" as const;

/** A field set as one user may read it: the system administrator all of it, others what they may see. */
function asSeenBy(set: TFieldSet, actor: Actor): TFieldSet {
  if (actor.roles.includes(FIELD_ADMIN)) return set;
  return { ...set, fields: set.fields.filter((d) => canSeeField(d, actor.roles)) };
}

/** `/api/fields`: the definitions (system administrator), and the figures drawn from the values. */
export const fieldRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/sets",
    {
      schema: {
        tags: ["fields"],
        summary: "各问题类别的附加字段（当前版本） Every category's current field set",
        response: { 200: z.object({ items: z.array(ZFieldSet) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { items: (await allCurrentFieldSets(db)).map((s) => asSeenBy(s, actor)) };
    },
  );

  app.get(
    "/sets/:categoryId/versions",
    {
      schema: {
        tags: ["fields"],
        summary: "附加字段的历次版本（系统管理员） Every version of a category's field set",
        params: z.object({ categoryId: zUuid }),
        response: { 200: z.object({ items: z.array(ZFieldSet) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, FIELD_ADMIN);
      return { items: await listFieldSetVersions(db, req.params.categoryId) };
    },
  );

  app.put(
    "/sets/:categoryId",
    {
      schema: {
        tags: ["fields"],
        summary: "保存附加字段（新版本；系统管理员） Save a category's fields as a new version",
        params: z.object({ categoryId: zUuid }),
        body: ZFieldSetInput,
        response: { 200: ZFieldSet, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, FIELD_ADMIN);
      return db.transaction((tx) =>
        createFieldSetVersion(tx, { actor, ip: req.ip }, req.params.categoryId, req.body),
      );
    },
  );

  app.get(
    "/wages/summary",
    {
      schema: {
        tags: ["fields"],
        summary: "为农民工讨要工资的件数和追回金额 Wage recovery of a period",
        querystring: ZStatsQuery,
        response: { 200: ZWageSummary, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const period = periodOf(req.query, app.deps.now());
      const s = await wageSummary(db, actor, period);
      return { period: { from: period.from, to: period.to, label: periodLabel(period) }, ...s };
    },
  );

  app.get(
    "/wages/ledger.xlsx",
    {
      schema: {
        tags: ["fields"],
        summary: "欠薪台账（Excel，按用工单位和项目） The wage-arrears ledger by employer and project",
        querystring: ZStatsQuery,
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const period = periodOf(req.query, app.deps.now());
      const rows = await wageLedger(db, actor, period);
      const title = `${periodLabel(period)}拖欠农民工工资台账`;
      const buf = await writeWageLedgerXlsx(rows, title);
      await recordActorAudit(db, { actor, ip: req.ip }, "wage_ledger_export", "cases", "wage_arrears", {
        from: period.from,
        to: period.to,
        rows: rows.length,
      });
      return reply
        .header("content-type", XLSX)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`)
        .send(buf);
    },
  );

  app.get(
    "/stats",
    {
      schema: {
        tags: ["fields"],
        summary: "按附加字段统计（选项分组，金额和数字求和） Category cases by a choice field, with sums",
        querystring: ZStatsQuery.extend({ categoryId: zUuid, groupBy: z.string().max(40).optional() }),
        response: { 200: ZFieldStats, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const period = periodOf(req.query, app.deps.now());
      return fieldStats(db, actor, req.query.categoryId, period, req.query.groupBy);
    },
  );
};

/** `/api/cases/:id/fields` and `/payments`: a case's values and payments, read and changed through the case policy. */
export const caseFieldRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const env = (actor: Actor, ip: string) => ({ actor, ip, now: app.deps.now() });

  app.get(
    "/:id/fields",
    {
      schema: {
        tags: ["fields"],
        summary: "信访事项的附加字段和追回款项 A case's category fields and payments",
        params: z.object({ id: zUuid }),
        response: { 200: ZCaseFieldsView, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const c = await findVisibleCase(db, actor, req.params.id);
      if (!c) throw new AppError("CASE_NOT_FOUND");
      return caseFieldsView(db, actor, c);
    },
  );

  app.patch(
    "/:id/fields",
    {
      schema: {
        tags: ["fields"],
        summary: "修改附加字段（留痕） Change a case's category fields (audited)",
        params: z.object({ id: zUuid }),
        body: ZCaseFieldsUpdate,
        response: { 200: ZCaseFieldsView, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const c = await findVisibleCase(tx, actor, req.params.id, true);
        if (!c) throw new AppError("CASE_NOT_FOUND");
        await updateCaseFields(tx, env(actor, req.ip), c, req.body.values);
        return caseFieldsView(tx, actor, c);
      });
    },
  );

  app.post(
    "/:id/payments",
    {
      schema: {
        tags: ["fields"],
        summary: "登记一笔追回款项（留痕） Record a payment recovered (audited)",
        params: z.object({ id: zUuid }),
        body: ZPaymentCreate,
        response: { 201: ZCaseFieldsView, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const view = await db.transaction(async (tx) => {
        const c = await findVisibleCase(tx, actor, req.params.id, true);
        if (!c) throw new AppError("CASE_NOT_FOUND");
        await addPayment(tx, env(actor, req.ip), c, req.body);
        return caseFieldsView(tx, actor, c);
      });
      return reply.code(201).send(view);
    },
  );

  app.post(
    "/:id/payments/:paymentId/void",
    {
      schema: {
        tags: ["fields"],
        summary: "作废一笔误录的追回款项（留痕） Void a payment entered by mistake (audited)",
        params: z.object({ id: zUuid, paymentId: zUuid }),
        body: ZPaymentVoid,
        response: { 200: ZCaseFieldsView, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const c = await findVisibleCase(tx, actor, req.params.id, true);
        if (!c) throw new AppError("CASE_NOT_FOUND");
        await voidPayment(tx, env(actor, req.ip), c.id, req.params.paymentId, req.body.reason);
        return caseFieldsView(tx, actor, c);
      });
    },
  );
};
