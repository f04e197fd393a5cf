import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZPublicAppointmentAnswer,
  ZPublicAppointmentCreate,
  ZPublicAppointmentLookup,
  ZPublicReceptionDay,
} from "../../../../domain/schemas/bureau/reception.ts";
import { ZErrorResponse } from "../../../../domain/schemas/common.ts";
import {
  bookAppointment,
  findAppointmentByCode,
  listPublicDays,
  presentPublicAppointment,
  setAppointmentStatus,
} from "../../../bureau/reception/days.ts";

const errors = {
  400: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
  422: ZErrorResponse,
  429: ZErrorResponse,
};

/**
 * Citizens book a leader reception without an account. Answers carry the appointment number, the
 * query code (once, on booking), date, place and the leader's title — never a name, phone or ID
 * number, so a guessed number reveals nothing and a wrong code is the same 404 as no appointment.
 */
export const publicReceptionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, keyRing, config } = app.deps;
  const limit = { max: config.publicRateLimitPerMinute, timeWindow: "1 minute" };
  const tags = ["public"];

  app.get(
    "/days",
    {
      config: { rateLimit: limit },
      schema: {
        tags,
        summary: "可预约的领导接访日 Upcoming reception days open for booking",
        response: { 200: z.object({ items: z.array(ZPublicReceptionDay) }), ...errors },
      },
    },
    async () => ({ items: await listPublicDays(db, app.deps.now()) }),
  );

  app.post(
    "/appointments",
    {
      config: { csrf: false, rateLimit: limit },
      schema: {
        tags,
        summary: "预约领导接访（无需账号） Book a leader reception (no account)",
        body: ZPublicAppointmentCreate,
        response: { 201: ZPublicAppointmentAnswer, ...errors },
      },
    },
    async (req, reply) => {
      const { row, queryCode } = await db.transaction((tx) =>
        bookAppointment(tx, { actor: null, now: app.deps.now(), ip: req.ip, keyRing }, req.body),
      );
      return reply.code(201).send({ ...presentPublicAppointment(row), queryCode });
    },
  );

  app.post(
    "/appointments/status",
    {
      config: { csrf: false, rateLimit: limit },
      schema: {
        tags,
        summary: "查询预约 Look up an appointment",
        body: ZPublicAppointmentLookup,
        response: { 200: ZPublicAppointmentAnswer, ...errors },
      },
    },
    async (req) =>
      presentPublicAppointment(
        await findAppointmentByCode(db, keyRing, req.body.appointmentNumber, req.body.queryCode),
      ),
  );

  app.post(
    "/appointments/cancel",
    {
      config: { csrf: false, rateLimit: limit },
      schema: {
        tags,
        summary: "取消预约 Cancel an appointment",
        body: ZPublicAppointmentLookup,
        response: { 200: ZPublicAppointmentAnswer, ...errors },
      },
    },
    async (req) =>
      presentPublicAppointment(
        await db.transaction(async (tx) => {
          const row = await findAppointmentByCode(
            tx,
            keyRing,
            req.body.appointmentNumber,
            req.body.queryCode,
            true,
          );
          return setAppointmentStatus(tx, { actor: null, now: app.deps.now(), ip: req.ip }, row, "cancelled");
        }),
      ),
  );
};
