import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { loadRulePack } from "../domain/calendar/rule-pack.ts";
import { type ClockContext, loadWorkCalendar } from "./cases/clocks.ts";
import type { Config } from "./config/index.ts";
import type { KeyRing } from "./crypto/field-crypto.ts";
import type { Db } from "./db/index.ts";
import { type RequestLogOptions, requestLogOptions } from "./logging/request-log.ts";
import { registerAuth } from "./plugins/auth.ts";
import { AppError, errorBody, registerErrorHandling } from "./plugins/errors.ts";
import { registerHardening } from "./plugins/hardening.ts";
import { adminRoutes } from "./routes/admin/index.ts";
import { alertRoutes } from "./routes/alerts/index.ts";
import { auditRoutes } from "./routes/audit/index.ts";
import { authRoutes } from "./routes/auth/index.ts";
import { bureauRoutes } from "./routes/bureau/index.ts";
import { publicReceptionRoutes } from "./routes/bureau/reception/public.ts";
import { caseRoutes } from "./routes/cases/index.ts";
import { caseFieldRoutes, fieldRoutes } from "./routes/fields/index.ts";
import { healthRoutes } from "./routes/health/index.ts";
import { knowledgeRoutes } from "./routes/knowledge/index.ts";
import { publicKnowledgeRoutes } from "./routes/knowledge/public.ts";
import { mapRoutes } from "./routes/map/index.ts";
import { open311Routes } from "./routes/open311/index.ts";
import { openDataRoutes } from "./routes/opendata/index.ts";
import { orgRoutes } from "./routes/org/index.ts";
import { publicRoutes } from "./routes/public/index.ts";
import { publicRegionRoutes } from "./routes/public/regions.ts";
import { publicSetupStatusRoutes } from "./routes/public/setup-status.ts";
import { searchRoutes } from "./routes/search/index.ts";
import { settingsRoutes } from "./routes/settings/index.ts";
import { statsRoutes } from "./routes/stats/index.ts";
import { todoRoutes } from "./routes/todos/index.ts";
import { triageRoutes } from "./routes/triage/index.ts";
import { warningRoutes } from "./routes/warnings/index.ts";
import { webRoutes } from "./routes/web/index.ts";

export interface Deps {
  db: Db;
  config: Config;
  keyRing: KeyRing;
  /** The rule pack and the working-day calendar every due date is computed with. */
  clocks: ClockContext;
  /** The clock; tests replace it to cross idle timeouts and lockouts without waiting. */
  now: () => Date;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
  }
}

export interface AppOptions extends Omit<Deps, "now" | "clocks"> {
  now?: () => Date;
  clocks?: ClockContext;
  /** Request logging (off when absent); ID and phone numbers never reach it (server/logging). */
  logger?: RequestLogOptions | false;
  /** The built web app served at / (default web/dist). */
  webDistDir?: string;
}

/** Builds the API with every plugin and route registered. It never listens: main.ts and tests decide. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? requestLogOptions(options.logger) : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Case and query-code lookups are case-sensitive; keep paths exact.
    routerOptions: { ignoreTrailingSlash: true },
    // Router-level errors (a malformed URL, an overlong parameter) answer in the API's own format.
    frameworkErrors: (err, _req, reply) => {
      (reply as unknown as FastifyReply)
        .code(err.statusCode === 414 ? 414 : 400)
        .send(errorBody("VALIDATION_FAILED", [{ path: "url", message: err.message }]));
    },
  });
  // JSON must be valid UTF-8: the default parser would quietly turn bad bytes into U+FFFD.
  const parseJsonText = app.getDefaultJsonParser("error", "error");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError("VALIDATION_FAILED", [{ path: "", message: "body is not valid UTF-8" }]), undefined);
      return;
    }
    parseJsonText(req, text, done);
  });
  app.decorate("deps", {
    db: options.db,
    config: options.config,
    keyRing: options.keyRing,
    clocks: options.clocks ?? {
      pack: loadRulePack(options.config.rulePack),
      calendar: await loadWorkCalendar(options.db),
    },
    now: options.now ?? (() => new Date()),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(cookie);
  await app.register(multipart, {
    // Keep the client's whole file name so one with a directory part is refused, not shortened.
    preservePath: true,
    limits: { fileSize: options.config.attachmentMaxBytes, files: 1, fields: 5, parts: 6 },
  });
  await app.register(rateLimit, {
    global: false,
    allowList: (req) =>
      options.config.rateLimitAllowLoopback &&
      (req.ip === "127.0.0.1" || req.ip === "::1" || req.ip === "::ffff:127.0.0.1"),
    errorResponseBuilder: () => ({ statusCode: 429, ...errorBody("RATE_LIMITED") }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "Xinfang API", description: "信访事项办理系统 API", version: "0.1.0" },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "xf_session" },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  registerAuth(app);
  registerHardening(app, {
    docsPublic: options.config.docsPublic,
    publicLimitPerMinute: options.config.publicRateLimitPerMinute,
    allowLoopback: options.config.rateLimitAllowLoopback,
    now: app.deps.now,
  });

  await app.register(healthRoutes, { prefix: "/api" });
  await app.register(authRoutes, { prefix: "/api/auth" });
  await app.register(orgRoutes, { prefix: "/api" });
  await app.register(caseRoutes, { prefix: "/api/cases" });
  await app.register(caseFieldRoutes, { prefix: "/api/cases" });
  await app.register(fieldRoutes, { prefix: "/api/fields" });
  await app.register(publicRoutes, { prefix: "/api/public" });
  await app.register(adminRoutes, { prefix: "/api/admin" });
  await app.register(auditRoutes, { prefix: "/api/audit" });
  await app.register(settingsRoutes, { prefix: "/api/settings" });
  await app.register(alertRoutes, { prefix: "/api/alerts" });
  await app.register(statsRoutes, { prefix: "/api/stats" });
  await app.register(searchRoutes, { prefix: "/api/search" });
  await app.register(triageRoutes, { prefix: "/api/triage" });
  await app.register(todoRoutes, { prefix: "/api/todos" });
  await app.register(warningRoutes, { prefix: "/api/warnings" });
  await app.register(publicRegionRoutes, { prefix: "/api/public" });
  await app.register(publicSetupStatusRoutes, { prefix: "/api/public" });
  await app.register(webRoutes, options.webDistDir ? { distDir: options.webDistDir } : {});
  await app.register(bureauRoutes, { prefix: "/api/bureau" });
  await app.register(publicReceptionRoutes, { prefix: "/api/public/reception" });
  await app.register(mapRoutes, { prefix: "/api/map" });
  await app.register(openDataRoutes, { prefix: "/api/public/open-data" });
  await app.register(open311Routes, { prefix: "/open311/v2" });
  await app.register(knowledgeRoutes, { prefix: "/api/knowledge" });
  await app.register(publicKnowledgeRoutes, { prefix: "/api/public/knowledge" });
  return app;
}
