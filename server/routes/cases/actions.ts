import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZCaseDetail } from "../../../domain/schemas/case.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import { CASE_ACTIONS, TRANSITIONS } from "../../../domain/workflow/transitions.ts";
import { applyTransition } from "../../commands/apply-transition.ts";
import { requireActor } from "../../plugins/auth.ts";
import { STEPS } from "../../workflow/steps.ts";
import { loadCaseDetail } from "./detail.ts";

const errors = STANDARD_ERRORS;

/** Each workflow action is its own endpoint with its own required fields; never a PATCH of status. */
export const caseActionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  for (const action of CASE_ACTIONS) {
    const def = STEPS[action];
    app.post(
      `/:id/${action.replaceAll("_", "-")}`,
      {
        schema: {
          tags: ["workflow"],
          summary: `${TRANSITIONS[action].zh} ${TRANSITIONS[action].en}`,
          params: z.object({ id: zUuid }),
          body: def.body,
          response: { 200: ZCaseDetail, ...errors },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const now = app.deps.now();
        const env = { actor, now, clocks: app.deps.clocks };
        return db.transaction(async (tx) => {
          await applyTransition(tx, actor, req.params.id, action, {
            note: def.note(req.body),
            ip: req.ip,
            now,
            clocks: app.deps.clocks,
            decide: def.decide?.(req.body, env),
          });
          return loadCaseDetail(tx, actor, req.params.id, app.deps.clocks);
        });
      },
    );
  }
};
