import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Role } from "../../domain/auth/roles.ts";
import type { PasswordChangeReason, SessionRestriction } from "../../domain/schemas/auth.ts";
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
    totpEnabled: boolean;
    restrictions: SessionRestriction[];
    passwordChangeReason: PasswordChangeReason | null;
  }
  interface FastifyContextConfig {
    /** Mutating routes check the CSRF header unless a route says otherwise (login, public). */
    csrf?: boolean;
    /** Reachable while the session still has restrictions (enrol a second factor, change password). */
    whileRestricted?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionState", "none");
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("csrfToken", null);
  app.decorateRequest("totpEnabled", false);
  // Reference-type decorations must start as null (Fastify shares the initial value across requests).
  app.decorateRequest("restrictions", null as unknown as SessionRestriction[]);
  app.decorateRequest("passwordChangeReason", null);

  app.addHook("onRequest", async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && token.length <= 100) {
      const { config } = app.deps;
      const found = await lookupSession(app.deps.db, token, app.deps.now(), {
        idleMinutes: config.sessionIdleMinutes,
        securityProfile: config.securityProfile,
        passwordMaxAgeDays: config.passwordMaxAgeDays,
      });
      req.sessionState = found.state;
      if (found.state === "active") {
        req.actor = found.actor;
        req.sessionToken = token;
        req.csrfToken = found.csrfToken;
        req.totpEnabled = found.totpEnabled;
        req.restrictions = found.restrictions;
        req.passwordChangeReason = found.passwordChangeReason;
      }
    }
    const pending = req.actor ? (req.restrictions ?? []) : [];
    if (pending.length > 0 && req.routeOptions.config.whileRestricted !== true) {
      throw new AppError(
        pending[0] === "enrol_totp" ? "AUTH_TOTP_ENROLMENT_REQUIRED" : "AUTH_PASSWORD_CHANGE_REQUIRED",
      );
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
