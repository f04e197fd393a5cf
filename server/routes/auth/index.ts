import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZLoginRequest, ZMe } from "../../../domain/schemas/auth.ts";
import { ZErrorResponse } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import type { Actor } from "../../auth/actor.ts";
import { deleteSession, lookupSession, SESSION_COOKIE } from "../../auth/sessions.ts";
import { login } from "../../commands/login.ts";
import { requireActor } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";

function presentMe(actor: Actor, csrfToken: string, idleTimeoutMinutes: number) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    unit: { id: actor.unitId, name: actor.unitName, kind: actor.unitKind },
    csrfToken,
    idleTimeoutMinutes,
  };
}

export const authRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;

  app.post(
    "/login",
    {
      config: { csrf: false, rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "登录 Log in",
        body: ZLoginRequest,
        response: { 200: ZMe, 401: ZErrorResponse, 423: ZErrorResponse },
      },
    },
    async (req, reply) => {
      const now = app.deps.now();
      const result = await db.transaction((tx) =>
        login(tx, {
          ...req.body,
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? null,
          now,
          maxFailures: config.loginMaxFailures,
          lockMinutes: config.loginLockMinutes,
        }),
      );
      if (!result.ok) {
        throw new AppError(result.reason === "locked" ? "AUTH_ACCOUNT_LOCKED" : "AUTH_INVALID_CREDENTIALS");
      }
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: config.secureCookies,
      });
      const found = await lookupSession(db, result.token, now, config.sessionIdleMinutes);
      if (found.state !== "active") throw new AppError("AUTH_REQUIRED");
      return presentMe(found.actor, found.csrfToken, config.sessionIdleMinutes);
    },
  );

  app.post(
    "/logout",
    {
      schema: {
        tags: ["auth"],
        summary: "退出 Log out",
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await db.transaction(async (tx) => {
        if (req.sessionToken) await deleteSession(tx, req.sessionToken);
        await recordAudit(tx, {
          actorId: actor.id,
          ip: req.ip,
          action: "logout",
          objectType: "user",
          objectId: actor.id,
        });
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/me",
    {
      schema: {
        tags: ["auth"],
        summary: "当前用户 Current user",
        response: { 200: ZMe, 401: ZErrorResponse },
      },
    },
    async (req) => presentMe(requireActor(req), req.csrfToken ?? "", config.sessionIdleMinutes),
  );
};
