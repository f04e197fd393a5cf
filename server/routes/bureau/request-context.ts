import type { FastifyInstance, FastifyRequest } from "fastify";
import type { BureauCtx } from "../../bureau/context.ts";
import { requireActor } from "../../plugins/auth.ts";

/** The context every bureau command takes, from the request and the app's clock, calendar and keys. */
export function bureauCtx(app: FastifyInstance, req: FastifyRequest): BureauCtx {
  return {
    actor: requireActor(req),
    now: app.deps.now(),
    ip: req.ip,
    calendar: app.deps.clocks.calendar,
    keyRing: app.deps.keyRing,
  };
}
