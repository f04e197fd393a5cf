import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Role } from "../../domain/auth/roles.ts";
import type { Actor } from "../auth/actor.ts";
import { hasRole } from "../auth/actor.ts";
import { lookupSession, SESSION_COOKIE } from "../auth/sessions.ts";
import { AppError } from "./errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    sessionState: "none" | "expired" | "active";
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Mutating routes check the CSRF header unless a route says otherwise (login, public). */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionState", "none");
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("csrfToken", null);

  app.addHook("onRequest", async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && token.length <= 100) {
      const found = await lookupSession(
        app.deps.db,
        token,
        app.deps.now(),
        app.deps.config.sessionIdleMinutes,
      );
      req.sessionState = found.state;
      if (found.state === "active") {
        req.actor = found.actor;
        req.sessionToken = token;
        req.csrfToken = found.csrfToken;
      }
    }
    if (!SAFE_METHODS.has(req.method) && req.actor && req.routeOptions.config.csrf !== false) {
      const header = req.headers["x-csrf-token"];
      if (typeof header !== "string" || header !== req.csrfToken) throw new AppError("CSRF_INVALID");
    }
  });
}

/** The logged-in actor, or 401 (saying whether the session timed out). */
export function requireActor(req: FastifyRequest): Actor {
  if (req.actor) return req.actor;
  throw new AppError(req.sessionState === "expired" ? "AUTH_SESSION_EXPIRED" : "AUTH_REQUIRED");
}

/** The actor, who must hold one of the roles; otherwise 403 (for actions, not for reading records). */
export function requireRole(req: FastifyRequest, ...roles: readonly Role[]): Actor {
  const actor = requireActor(req);
  if (!hasRole(actor, ...roles)) throw new AppError("FORBIDDEN");
  return actor;
}
