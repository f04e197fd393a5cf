import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZCaseDetail } from "../../../domain/schemas/case.ts";
import { ZErrorResponse, zText, zUuid } from "../../../domain/schemas/common.ts";
import { type CaseAction, DECLINE_REASONS, TRANSITIONS } from "../../../domain/workflow/transitions.ts";
import { applyTransition } from "../../commands/apply-transition.ts";
import { requireActor } from "../../plugins/auth.ts";
import { loadCaseDetail } from "./detail.ts";

const zNote = zText(1, 5000);
const reasons = Object.keys(DECLINE_REASONS) as [
  keyof typeof DECLINE_REASONS,
  ...(keyof typeof DECLINE_REASONS)[],
];

/** Each workflow action is its own endpoint with its own required fields; never a PATCH of status. */
const ACTION_BODIES = {
  screen: z.object({ note: zNote.optional() }),
  reject_incomplete: z.object({ note: zNote }),
  accept: z.object({ note: zNote.optional() }),
  decline: z.object({ reason: z.enum(reasons), note: zNote.optional() }),
  forward: z.object({ forwardedTo: zText(1, 100), note: zNote.optional() }),
  refuse_again: z.object({ note: zNote.optional() }),
  report_up: z.object({ note: zNote }),
} satisfies Record<CaseAction, z.ZodType>;

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
};

export const caseActionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  for (const action of Object.keys(ACTION_BODIES) as CaseAction[]) {
    const body = ACTION_BODIES[action];
    app.post(
      `/:id/${action.replaceAll("_", "-")}`,
      {
        schema: {
          tags: ["workflow"],
          summary: `${TRANSITIONS[action].zh} ${TRANSITIONS[action].en}`,
          params: z.object({ id: zUuid }),
          body,
          response: { 200: ZCaseDetail, ...errors },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const input = req.body as z.infer<(typeof ACTION_BODIES)[CaseAction]>;
        const columns: Record<string, unknown> = {};
        if ("reason" in input) columns.decline_reason = input.reason;
        if ("forwardedTo" in input) columns.forwarded_to = input.forwardedTo;
        return db.transaction(async (tx) => {
          await applyTransition(tx, actor, req.params.id, action, {
            note: input.note ?? null,
            detail: "reason" in input ? { reason: input.reason } : undefined,
            columns,
            ip: req.ip,
            now: app.deps.now(),
            clocks: app.deps.clocks,
          });
          return loadCaseDetail(tx, actor, req.params.id);
        });
      },
    );
  }
};
