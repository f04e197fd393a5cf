import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { COUNTY_WIDE_ROLES } from "../../../domain/auth/roles.ts";
import {
  ZAccusedUnitRequest,
  ZCaseDetail,
  ZConfidentialityRequest,
  ZReclassifyRequest,
  ZRecordRatingRequest,
} from "../../../domain/schemas/case.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import { type Actor, hasRole } from "../../auth/actor.ts";
import { setAccusedUnit, setConfidentiality } from "../../commands/accusation.ts";
import { evaluateCase } from "../../commands/evaluate-case.ts";
import { reclassifyCase } from "../../commands/reclassify.ts";
import type { Queryable } from "../../db/index.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { isAccusedSide } from "../../policies/case-policy.ts";
import { findVisibleCase } from "../../queries/cases.ts";
import { loadCaseDetail } from "./detail.ts";

/**
 * Whether recording `unitId` as accused would hide a case from the bureau and county leadership
 * that register it (their own unit is on the accused side): only they forward accusations.
 */
export async function accusesOwnChain(db: Queryable, actor: Actor, unitId: string): Promise<boolean> {
  if (!hasRole(actor, ...COUNTY_WIDE_ROLES)) return false;
  const unit = (await db.query<{ path: string }>("SELECT path FROM org_units WHERE id = $1", [unitId]))
    .rows[0];
  return unit !== undefined && isAccusedSide(actor.unitPath, actor.unitKind, unit.path);
}

/**
 * The bureau's steps on an accusation: whom it accuses (registrar or bureau office) and whether it
 * stays confidential (bureau office or bureau leader). Both answer the case as the actor now reads
 * it, or 404 when recording the bureau itself as accused forwarded the case out of its sight.
 */
export const caseAccusationRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.put(
    "/:id/accused-unit",
    {
      schema: {
        tags: ["cases"],
        summary: "记录或更改被检举控告单位 Record or change the accused unit",
        params: z.object({ id: zUuid }),
        body: ZAccusedUnitRequest,
        response: {
          200: z.object({ case: ZCaseDetail.nullable(), forwardedTo: z.string().nullable() }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      const actor = requireRole(req, "registrar", "bureau_office");
      const env = { actor, now: app.deps.now(), ip: req.ip, clocks: app.deps.clocks };
      return db.transaction(async (tx) => {
        const r = await setAccusedUnit(tx, env, req.params.id, req.body.accusedUnitId, req.body.reason);
        const detail = r.forwardedTo ? null : await loadCaseDetail(tx, actor, req.params.id, app.deps.clocks);
        return { case: detail, forwardedTo: r.forwardedTo };
      });
    },
  );

  app.put(
    "/:id/confidentiality",
    {
      schema: {
        tags: ["cases"],
        summary: "决定检举控告是否保密 Decide whether an accusation stays confidential",
        params: z.object({ id: zUuid }),
        body: ZConfidentialityRequest,
        response: { 200: ZCaseDetail, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "bureau_office", "bureau_leader");
      const env = { actor, now: app.deps.now(), ip: req.ip, clocks: app.deps.clocks };
      return db.transaction(async (tx) => {
        await setConfidentiality(tx, env, req.params.id, req.body.isConfidential, req.body.reason);
        return loadCaseDetail(tx, actor, req.params.id, app.deps.clocks);
      });
    },
  );

  app.put(
    "/:id/classification",
    {
      schema: {
        tags: ["cases"],
        summary: "调整分类 Reclassify a case: nature, legal class, category, problem region",
        params: z.object({ id: zUuid }),
        body: ZReclassifyRequest,
        response: { 200: ZCaseDetail, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "bureau_office");
      const env = { actor, now: app.deps.now(), ip: req.ip };
      return db.transaction(async (tx) => {
        await reclassifyCase(tx, env, req.params.id, req.body);
        return loadCaseDetail(tx, actor, req.params.id, app.deps.clocks);
      });
    },
  );

  app.post(
    "/:id/rating",
    {
      schema: {
        tags: ["cases"],
        summary: "记录回访评价 Record the rating the petitioner gave at a follow-up (phone, visit, letter)",
        params: z.object({ id: zUuid }),
        body: ZRecordRatingRequest,
        response: { 200: ZCaseDetail, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "bureau_office");
      return db.transaction(async (tx) => {
        // Only a case the office reads; the evaluation's own checks (replied, within the window) follow.
        if (!(await findVisibleCase(tx, actor, req.params.id))) throw new AppError("CASE_NOT_FOUND");
        await evaluateCase(tx, {
          caseId: req.params.id,
          bureauRating: req.body.bureauRating,
          unitRating: req.body.unitRating,
          comment: req.body.comment ?? null,
          ip: req.ip,
          now: app.deps.now(),
          recordedBy: { actor, channel: req.body.channel },
        });
        return loadCaseDetail(tx, actor, req.params.id, app.deps.clocks);
      });
    },
  );
};
