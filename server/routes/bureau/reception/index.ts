import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { SENSITIVE_VIEW_ROLES } from "../../../../domain/auth/roles.ts";
import {
  ZAppointment,
  ZAppointmentCreate,
  ZCancelReason,
  ZDateRange,
  ZOutreach,
  ZOutreachComplete,
  ZOutreachCreate,
  ZOutreachSummary,
  ZReceptionDay,
  ZReceptionDayCreate,
  ZReceptionFigures,
  ZReceptionRecord,
  ZReceptionRecordCreate,
  ZReceptionRecordSummary,
} from "../../../../domain/schemas/bureau/reception.ts";
import { STANDARD_ERRORS, zUuid } from "../../../../domain/schemas/common.ts";
import { auditBureau } from "../../../bureau/context.ts";
import {
  bookAppointment,
  cancelReceptionDay,
  createReceptionDay,
  findAppointment,
  listAppointments,
  listDays,
  presentAppointment,
  presentDay,
  setAppointmentStatus,
} from "../../../bureau/reception/days.ts";
import { receptionFigures } from "../../../bureau/reception/figures.ts";
import {
  cancelOutreach,
  completeOutreach,
  createOutreach,
  listOutreach,
  loadOutreach,
} from "../../../bureau/reception/outreach.ts";
import {
  createReceptionRecord,
  listReceptionRecords,
  loadReceptionRecord,
} from "../../../bureau/reception/records.ts";
import { requireAnyRole, visibleCaseRefs } from "../../../bureau/scope.ts";
import { decryptField } from "../../../crypto/field-crypto.ts";
import { requireActor } from "../../../plugins/auth.ts";
import { AppError } from "../../../plugins/errors.ts";
import { bureauModule, ZId } from "../kit.ts";
import { APPOINTMENT_ROLES, OUTREACH_ROLES, RECORD_ROLES, SCHEDULE_ROLES } from "./policy.ts";

export const receptionRoutes: FastifyPluginAsync = async (base) => {
  const { app, db, tags, ctxOf, list, figures, detail } = bureauModule(base, "reception");
  const { keyRing, config } = app.deps;

  list(
    "/days",
    "领导接访日安排 Reception schedule",
    { filters: ZDateRange, item: ZReceptionDay },
    async (actor, q, page) => {
      const rows = await listDays(db, actor, q, page);
      return { items: rows.items.map(presentDay), total: rows.total };
    },
  );

  app.post(
    "/days",
    {
      schema: {
        tags,
        summary: "安排领导接访日（须为工作日） Schedule a leader's reception day (a working day)",
        body: ZReceptionDayCreate,
        response: { 201: ZReceptionDay, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, SCHEDULE_ROLES);
      const day = await db.transaction((tx) => createReceptionDay(tx, ctx, req.body));
      return reply.code(201).send(presentDay(day));
    },
  );

  app.post(
    "/days/:id/cancel",
    {
      schema: {
        tags,
        summary: "取消接访日（已预约的一并取消） Cancel a reception day and its bookings",
        params: ZId,
        body: ZCancelReason,
        response: { 200: ZReceptionDay, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return presentDay(
        await db.transaction((tx) =>
          cancelReceptionDay(tx, ctx, req.params.id, req.body.reason, SCHEDULE_ROLES),
        ),
      );
    },
  );

  app.get(
    "/days/:id/appointments",
    {
      schema: {
        tags,
        summary: "接访日的预约（身份信息脱敏） Appointments of a day (masked)",
        params: ZId,
        response: { 200: z.object({ items: z.array(ZAppointment) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => ({ items: await listAppointments(db, requireActor(req), req.params.id) }),
  );

  app.post(
    "/appointments",
    {
      schema: {
        tags,
        summary: "工作人员代为预约接访 Book an appointment for a citizen",
        body: ZAppointmentCreate,
        response: { 201: ZAppointment.extend({ queryCode: z.string() }), ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, APPOINTMENT_ROLES);
      const { row, queryCode } = await db.transaction((tx) => bookAppointment(tx, ctx, req.body));
      const cases = await visibleCaseRefs(db, ctx.actor, row.case_id ? [row.case_id] : []);
      return reply.code(201).send({ ...presentAppointment(row, cases), queryCode });
    },
  );

  for (const [path, to] of [
    ["cancel", "cancelled"],
    ["no-show", "no_show"],
  ] as const) {
    app.post(
      `/appointments/:id/${path}`,
      {
        schema: {
          tags,
          summary: to === "cancelled" ? "取消预约 Cancel an appointment" : "未到访 Mark a no-show",
          params: ZId,
          response: { 200: ZAppointment, ...STANDARD_ERRORS },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const row = await db.transaction(async (tx) => {
          const found = await findAppointment(tx, ctx.actor, req.params.id, true);
          if (!found) throw new AppError("NOT_FOUND");
          requireAnyRole(ctx.actor, APPOINTMENT_ROLES);
          return setAppointmentStatus(tx, ctx, found, to);
        });
        const cases = await visibleCaseRefs(db, ctx.actor, row.case_id ? [row.case_id] : []);
        return presentAppointment(row, cases);
      },
    );
  }

  app.post(
    "/records",
    {
      schema: {
        tags,
        summary: "登记领导接访记录（批次、人次、来访人、事项） Record a leader reception",
        description:
          "Each matter links a case the actor may read (caseId), opens a new visit case through the registration command (newCase, with positions in the petitioners list), or neither; its outcome is resolved_on_spot, assigned (to assignedUnitId), explained or pending.",
        body: ZReceptionRecordCreate,
        response: { 201: ZReceptionRecord, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, RECORD_ROLES);
      const id = await db.transaction((tx) =>
        createReceptionRecord(tx, { ...ctx, clocks: app.deps.clocks, config }, req.body),
      );
      return reply.code(201).send((await loadReceptionRecord(db, ctx.actor, id))!);
    },
  );

  list(
    "/records",
    "领导接访记录列表 Reception records",
    { filters: ZDateRange, item: ZReceptionRecordSummary },
    (actor, q, page) => listReceptionRecords(db, actor, q, page),
  );

  detail("/records/:id", "领导接访记录详情 Reception record", ZReceptionRecord, (ctx, id) =>
    loadReceptionRecord(db, ctx.actor, id),
  );

  app.get(
    "/records/:id/petitioners/:position/identity",
    {
      schema: {
        tags,
        summary: "查看来访人完整身份证号和电话（留痕） Reveal a received person's ID and phone (audited)",
        params: z.object({
          id: zUuid,
          position: z
            .string()
            .regex(/^\d{1,3}$/)
            .transform(Number),
        }),
        response: {
          200: z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return db.transaction(async (tx) => {
        if (!(await loadReceptionRecord(tx, ctx.actor, req.params.id))) throw new AppError("NOT_FOUND");
        requireAnyRole(ctx.actor, SENSITIVE_VIEW_ROLES);
        const { rows } = await tx.query<{ id_number_enc: string | null; phone_enc: string | null }>(
          "SELECT id_number_enc, phone_enc FROM reception_petitioners WHERE record_id = $1 AND position = $2",
          [req.params.id, req.params.position],
        );
        if (!rows[0]) throw new AppError("NOT_FOUND");
        await auditBureau(
          tx,
          ctx,
          "sensitive_view",
          "reception_petitioner",
          `${req.params.id}/${req.params.position}`,
          {
            fields: ["id_number", "phone"],
          },
        );
        return {
          idNumber: rows[0].id_number_enc
            ? decryptField(keyRing, rows[0].id_number_enc, "reception_petitioners.id_number")
            : null,
          phone: rows[0].phone_enc
            ? decryptField(keyRing, rows[0].phone_enc, "reception_petitioners.phone")
            : null,
        };
      });
    },
  );

  app.post(
    "/outreach",
    {
      schema: {
        tags,
        summary: "安排下访（可带案） Plan an outreach visit, optionally carrying cases",
        body: ZOutreachCreate,
        response: { 201: ZOutreach, ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireAnyRole(ctx.actor, OUTREACH_ROLES);
      const id = await db.transaction((tx) => createOutreach(tx, ctx, req.body));
      return reply.code(201).send((await loadOutreach(db, ctx.actor, id))!);
    },
  );

  list(
    "/outreach",
    "下访列表 Outreach visits",
    { filters: ZDateRange, item: ZOutreachSummary },
    (actor, q, page) => listOutreach(db, actor, q, page),
  );

  detail("/outreach/:id", "下访详情 Outreach visit", ZOutreach, (ctx, id) => loadOutreach(db, ctx.actor, id));

  app.post(
    "/outreach/:id/complete",
    {
      schema: {
        tags,
        summary: "记录下访结果 Record the visit's results",
        params: ZId,
        body: ZOutreachComplete,
        response: { 200: ZOutreach, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => completeOutreach(tx, ctx, req.params.id, req.body, OUTREACH_ROLES));
      return (await loadOutreach(db, ctx.actor, req.params.id))!;
    },
  );

  app.post(
    "/outreach/:id/cancel",
    {
      schema: {
        tags,
        summary: "取消下访 Cancel a planned visit",
        params: ZId,
        body: ZCancelReason,
        response: { 200: ZOutreach, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await db.transaction((tx) => cancelOutreach(tx, ctx, req.params.id, req.body.reason, OUTREACH_ROLES));
      return (await loadOutreach(db, ctx.actor, req.params.id))!;
    },
  );

  figures(
    "领导接访统计（批、人次、当场解决、交办、带案下访） Reception figures",
    { query: ZDateRange, figures: ZReceptionFigures },
    (actor, q) => receptionFigures(db, actor, q),
  );
};
