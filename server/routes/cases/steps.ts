import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import {
  ZCaseSteps,
  ZHearingCancelRequest,
  ZHearingRecordRequest,
  ZHearingRescheduleRequest,
  ZHearingScheduleRequest,
  ZInstructionRequest,
  ZMediationRequest,
  ZReportUpFigures,
  ZReportUpRequest,
} from "../../../domain/schemas/steps.ts";
import type { Actor } from "../../auth/actor.ts";
import { cancelHearing, recordHearing, rescheduleHearing, scheduleHearing } from "../../commands/hearing.ts";
import { recordMediation } from "../../commands/mediation.ts";
import { recordInstruction, reportUp, type StepEnv } from "../../commands/report-up.ts";
import type { Queryable } from "../../db/index.ts";
import { requireActor, requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { type StepAbilities, stepAbilities } from "../../policies/step-policy.ts";
import { loadCaseSteps, reportUpFigures } from "../../queries/case-steps.ts";
import { type CaseRow, findVisibleCase } from "../../queries/cases.ts";

const ZParams = z.object({ id: zUuid });
/** Who reads the yearly report-up figures: the bureau and the county's leaders. */
const FIGURE_ROLES = [
  "registrar",
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "analyst",
] as const;

/**
 * The steps beside a case's main line (docs/WORKFLOW.md, "Reports up, hearings, mediation"): report
 * a major or urgent matter up and record the instructions back, schedule, record or cancel a
 * hearing, record a mediation agreement. Each answers the case's steps as the actor reads them.
 */
export const caseStepRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config, keyRing } = app.deps;
  const envOf = (req: FastifyRequest, actor: Actor): StepEnv => ({
    actor,
    now: app.deps.now(),
    ip: req.ip,
    pack: app.deps.clocks.pack,
    pdfFont: config.pdfFont,
    keyRing,
  });

  /** Locks the case the actor reads (404 otherwise) and checks the ability (403). */
  async function lockFor(
    tx: Queryable,
    actor: Actor,
    id: string,
    ability: keyof StepAbilities,
  ): Promise<CaseRow> {
    const row = await findVisibleCase(tx, actor, id, true);
    if (!row) throw new AppError("CASE_NOT_FOUND");
    if (!stepAbilities(actor, row, true)[ability]) throw new AppError("FORBIDDEN");
    return row;
  }
  const steps = (q: Queryable, actor: Actor, id: string) =>
    findVisibleCase(q, actor, id).then((row) => {
      if (!row) throw new AppError("CASE_NOT_FOUND");
      return loadCaseSteps(q, actor, row, app.deps.clocks.pack, app.deps.now());
    });
  const ok = { 200: ZCaseSteps, ...STANDARD_ERRORS };

  app.get(
    "/reports-up/figures",
    {
      schema: {
        tags: ["cases"],
        summary:
          "重大紧急事项报告统计 Reports up in a year: how many, on time and late, by recipient, instructions",
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: ZReportUpFigures, ...STANDARD_ERRORS },
      },
    },
    async (req) =>
      reportUpFigures(db, requireRole(req, ...FIGURE_ROLES), req.query.year, app.deps.clocks.pack),
  );

  app.get(
    "/:id/steps",
    {
      schema: {
        tags: ["cases"],
        summary: "上报、听证、调解 Reports up, hearings and mediation agreements of a case",
        params: ZParams,
        response: ok,
      },
    },
    async (req) => steps(db, requireActor(req), req.params.id),
  );

  app.post(
    "/:id/reports-up",
    {
      schema: {
        tags: ["cases"],
        summary: "报告重大紧急信访事项（出具报告单） Report a major or urgent matter up",
        params: ZParams,
        body: ZReportUpRequest,
        response: ok,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, actor, req.params.id, "reportUp");
        await reportUp(tx, envOf(req, actor), row, req.body);
        return steps(tx, actor, row.id);
      });
    },
  );

  app.post(
    "/:id/reports-up/:reportId/instructions",
    {
      schema: {
        tags: ["cases"],
        summary: "记录报告收到的批示 Record an instruction received on a report",
        params: z.object({ id: zUuid, reportId: zUuid }),
        body: ZInstructionRequest,
        response: ok,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, actor, req.params.id, "recordInstruction");
        await recordInstruction(tx, envOf(req, actor), row, req.params.reportId, req.body);
        return steps(tx, actor, row.id);
      });
    },
  );

  app.post(
    "/:id/hearings",
    {
      schema: {
        tags: ["cases"],
        summary: "安排听证（出具听证通知书） Schedule a hearing",
        params: ZParams,
        body: ZHearingScheduleRequest,
        response: ok,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, actor, req.params.id, "hearing");
        await scheduleHearing(tx, envOf(req, actor), row, req.body);
        return steps(tx, actor, row.id);
      });
    },
  );

  app.post(
    "/:id/hearings/:hearingId/record",
    {
      schema: {
        tags: ["cases"],
        summary: "记录听证（出具听证记录；听证时间不计入期限） Record a held hearing",
        params: z.object({ id: zUuid, hearingId: zUuid }),
        body: ZHearingRecordRequest,
        response: ok,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, actor, req.params.id, "hearing");
        await recordHearing(
          tx,
          { ...envOf(req, actor), calendar: app.deps.clocks.calendar },
          row,
          req.params.hearingId,
          req.body,
        );
        return steps(tx, actor, row.id);
      });
    },
  );

  app.post(
    "/:id/hearings/:hearingId/cancel",
    {
      schema: {
        tags: ["cases"],
        summary: "取消听证 Cancel a scheduled hearing",
        params: z.object({ id: zUuid, hearingId: zUuid }),
        body: ZHearingCancelRequest,
        response: ok,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, actor, req.params.id, "hearing");
        await cancelHearing(tx, envOf(req, actor), row, req.params.hearingId, req.body.reason);
        return steps(tx, actor, row.id);
      });
    },
  );

  app.post(
    "/:id/hearings/:hearingId/reschedule",
    {
      schema: {
        tags: ["cases"],
        summary: "听证改期（重新出具听证通知书） Reschedule a waiting hearing",
        params: z.object({ id: zUuid, hearingId: zUuid }),
        body: ZHearingRescheduleRequest,
        response: ok,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, actor, req.params.id, "hearing");
        await rescheduleHearing(tx, envOf(req, actor), row, req.params.hearingId, req.body);
        return steps(tx, actor, row.id);
      });
    },
  );

  app.post(
    "/:id/mediations",
    {
      schema: {
        tags: ["cases"],
        summary: "记录调解协议（出具调解协议书） Record a mediation agreement",
        params: ZParams,
        body: ZMediationRequest,
        response: ok,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, actor, req.params.id, "mediation");
        await recordMediation(tx, envOf(req, actor), row, req.body);
        return steps(tx, actor, row.id);
      });
    },
  );
};
