import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { ERRORS, type ErrorCode } from "../../domain/i18n/errors.ts";
import { describeFieldIssues } from "../../domain/i18n/fields.ts";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown) {
    super(ERRORS[code].en);
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

export function errorBody(code: ErrorCode, details?: unknown) {
  const e = ERRORS[code];
  return { error: { code, message: e.zh, messageEn: e.en, ...(details === undefined ? {} : { details }) } };
}

// Connection-level failures mean the database is away, not that the request was wrong.
const UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
]);

function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNAVAILABLE.has(code)) return true;
  const msg = err instanceof Error ? err.message : "";
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|connection error and is not queryable|terminating connection due to administrator command/.test(
    msg,
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send(errorBody("ROUTE_NOT_FOUND"));
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send(errorBody(err.code, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      // Name the fields people know ("标题不能为空") instead of only saying something is wrong.
      const named = describeFieldIssues(
        err.validation.map((v) => ({
          path: v.instancePath,
          keyword: v.keyword,
          minimum: v.params.minimum,
          origin: v.params.origin,
        })),
      );
      const body = errorBody("VALIDATION_FAILED", issues);
      if (!named) return reply.code(400).send(body);
      const e = ERRORS.VALIDATION_FAILED;
      return reply.code(400).send({
        error: { ...body.error, message: `${e.zh}：${named.zh}`, messageEn: `${e.en}: ${named.en}` },
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, "response failed its schema");
      return reply.code(500).send(errorBody("INTERNAL"));
    }
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE" || err.statusCode === 413) {
      return reply.code(413).send(errorBody("BODY_TOO_LARGE"));
    }
    if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || err.statusCode === 415) {
      return reply.code(415).send(errorBody("UNSUPPORTED_MEDIA_TYPE"));
    }
    if (err.statusCode === 429) {
      return reply.code(429).send(errorBody("RATE_LIMITED"));
    }
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own parsing errors (bad JSON, empty body, bad encoding): the client's fault.
      return reply.code(400).send(errorBody("VALIDATION_FAILED", [{ path: "", message: err.message }]));
    }
    const pgCode = (err as { code?: unknown }).code;
    if (pgCode === "40001" || pgCode === "40P01" || pgCode === "23505" || pgCode === "55P03") {
      return reply.code(409).send(errorBody("CONFLICT"));
    }
    if (typeof pgCode === "string" && pgCode.startsWith("22")) {
      // A data exception the schemas did not catch (e.g. a value out of a column's range): still bad input.
      req.log.warn({ err }, "data exception from the database");
      return reply.code(422).send(errorBody("VALIDATION_FAILED"));
    }
    if (isUnavailable(err)) {
      req.log.warn({ err }, "database unavailable");
      return reply.code(503).header("retry-after", "2").send(errorBody("SERVICE_UNAVAILABLE"));
    }
    req.log.error({ err }, "unhandled error");
    return reply.code(500).send(errorBody("INTERNAL"));
  });
}
