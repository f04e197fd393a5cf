import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ERRORS, type ErrorCode } from "../../../domain/i18n/errors.ts";
import { submitOnline } from "../../commands/submit-online.ts";
import { findRequests, listServices, SERVICE_ATTRIBUTES } from "../../open311/present.ts";
import { field, type Open311Body, toPortalSubmission } from "../../open311/submit.ts";
import { toXml, type XmlObject } from "../../open311/xml.ts";
import { AppError } from "../../plugins/errors.ts";

/**
 * Open311 GeoReport v2 at /open311/v2 (docs/OPENDATA.md): the public categories as services, a
 * petition POSTed as a request through the portal's own submission (checks, idempotency, the
 * shared public budget), and the status of requests by their id — the query code — without
 * personal data. JSON or XML by the resource's extension; errors as the spec's list of
 * {code, description}, in Chinese and English.
 */

type Format = "json" | "xml";

const ZIdempotency = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/);
const QUERY_CODE = /^[2-9A-HJ-NP-Z]{8}$/;
const MAX_IDS = 50;

function formatOf(req: FastifyRequest): Format {
  return (req.url.split("?")[0] ?? "").endsWith(".xml") ? "xml" : "json";
}

function send(
  reply: FastifyReply,
  format: Format,
  root: string,
  items: XmlObject[] | XmlObject,
  status = 200,
) {
  if (format === "xml") {
    return reply.code(status).header("content-type", "text/xml; charset=utf-8").send(toXml(root, items));
  }
  return reply
    .code(status)
    .header("content-type", "application/json; charset=utf-8")
    .send(JSON.stringify(items));
}

function describe(code: ErrorCode, details: unknown): string {
  const e = ERRORS[code];
  const parts = Array.isArray(details)
    ? details
        .map((d) => {
          if (typeof d !== "object" || d === null || !("message" in d)) return "";
          const path =
            "path" in d && typeof d.path === "string" && d.path !== ""
              ? `${d.path.replace(/^\//, "")}: `
              : "";
          return `${path}${String(d.message)}`;
        })
        .filter(Boolean)
    : [];
  const extra = parts.length > 0 ? `：${parts.join("；")}` : "";
  return `${e.zh}${extra} / ${e.en}`;
}

/** "file.json" → ["file", "json"]; anything else is not a resource of this API. */
function splitFile(file: string): [string, Format] {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new AppError("ROUTE_NOT_FOUND");
  return [m[1]!, m[2] as Format];
}

export const open311Routes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config, keyRing } = app.deps;

  // The spec's POST is a form (application/x-www-form-urlencoded); JSON with the same names also works.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) out[k] = v;
    done(null, out);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const format = formatOf(req);
    let code: ErrorCode = "INTERNAL";
    let details: unknown;
    if (err instanceof AppError) {
      code = err.code;
      details = err.details;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      code = "OPEN311_PARAM_INVALID";
      details = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    } else if (err.statusCode === 429) {
      code = "RATE_LIMITED";
    } else if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE" || err.statusCode === 413) {
      code = "BODY_TOO_LARGE";
    } else if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || err.statusCode === 415) {
      code = "UNSUPPORTED_MEDIA_TYPE";
    } else if (err.statusCode === 400) {
      code = "OPEN311_PARAM_INVALID";
    } else {
      req.log.error({ err }, "open311 request failed");
    }
    const status = ERRORS[code].status;
    return send(reply, format, "errors", [{ code: status, description: describe(code, details) }], status);
  });
  const notFound = (req: FastifyRequest, reply: FastifyReply) =>
    send(
      reply,
      formatOf(req),
      "errors",
      [{ code: 404, description: describe("ROUTE_NOT_FOUND", undefined) }],
      404,
    );
  app.setNotFoundHandler(notFound);
  // Any other path under /open311/v2 (tokens, discovery, a typo) answers in the spec's error format.
  app.all("/*", { config: { csrf: false }, schema: { hide: true } }, notFound);

  async function county(): Promise<{ path: string; code: string; bureauName: string }> {
    const { rows } = await db.query<{ path: string; region_code: string; bureau: string | null }>(
      `SELECT c.path, c.region_code,
              (SELECT b.name FROM org_units b WHERE b.kind = 'bureau' AND b.is_active ORDER BY b.path LIMIT 1) AS bureau
         FROM org_units c WHERE c.kind = 'county' AND c.is_active ORDER BY c.path LIMIT 1`,
    );
    const r = rows[0];
    if (!r) throw new AppError("REGION_UNKNOWN");
    return { path: r.path, code: r.region_code, bureauName: r.bureau ?? r.region_code };
  }

  /** jurisdiction_id may be left out; given, it must be this server's (the setting or the county code). */
  async function checkJurisdiction(given: string | undefined): Promise<void> {
    if (given === undefined || given.trim() === "") return;
    const own = config.open311Jurisdiction ?? (await county()).code;
    if (given.trim() !== own) throw new AppError("OPEN311_JURISDICTION_UNKNOWN");
  }

  const ZJurisdiction = z.object({ jurisdiction_id: z.string().max(100).optional() });

  for (const format of ["json", "xml"] as const) {
    app.get(
      `/services.${format}`,
      {
        schema: {
          tags: ["open311"],
          summary: `Open311 服务列表（公开的问题类别） GeoReport v2 services (${format})`,
          querystring: ZJurisdiction,
        },
      },
      async (req, reply) => {
        await checkJurisdiction(req.query.jurisdiction_id);
        return send(reply, format, "services", (await listServices(db)) as unknown as XmlObject[]);
      },
    );
  }

  app.get(
    "/services/:file",
    {
      schema: {
        tags: ["open311"],
        summary:
          "Open311 服务定义（需填写的附加属性） GeoReport v2 service definition (code.json | code.xml)",
        params: z.object({ file: z.string().max(120) }),
        querystring: ZJurisdiction,
      },
    },
    async (req, reply) => {
      const [code, format] = splitFile(req.params.file);
      await checkJurisdiction(req.query.jurisdiction_id);
      const services = await listServices(db);
      if (!services.some((s) => s.service_code === code)) throw new AppError("OPEN311_SERVICE_UNKNOWN");
      return send(reply, format, "service_definition", {
        service_code: code,
        attributes: SERVICE_ATTRIBUTES as unknown as XmlObject[],
      });
    },
  );

  for (const format of ["json", "xml"] as const) {
    app.post(
      `/requests.${format}`,
      {
        config: { csrf: false },
        schema: {
          tags: ["open311"],
          summary: `Open311 提交信访（同网上信访的校验、幂等与限流） GeoReport v2 POST a request (${format})`,
          description:
            "Form or JSON fields: service_code, description, lat+long | address_string | attribute[region_code], first_name, last_name, phone, attribute[id_number], attribute[consent_privacy]=true; optional jurisdiction_id, email (not kept). media_url is refused. An Idempotency-Key header works as on the portal.",
        },
      },
      async (req, reply) => {
        const b = (req.body ?? {}) as Open311Body;
        if (typeof b !== "object" || Array.isArray(b)) throw new AppError("OPEN311_PARAM_INVALID");
        await checkJurisdiction(field(b, "jurisdiction_id"));
        const rawKey = req.headers["idempotency-key"];
        const key = typeof rawKey === "string" ? rawKey : null;
        if (key !== null && !ZIdempotency.safeParse(key).success) {
          throw new AppError("OPEN311_PARAM_INVALID", [
            {
              path: "Idempotency-Key",
              message: "8–100 个字母、数字、- 或 _ / 8–100 letters, digits, '-' or '_'",
            },
          ]);
        }
        const serviceCode = field(b, "service_code");
        if (!serviceCode) {
          throw new AppError("OPEN311_PARAM_INVALID", [
            { path: "service_code", message: "缺少 service_code / service_code is required" },
          ]);
        }
        const cat = await db.query<{ id: string; name_zh: string }>(
          "SELECT id, name_zh FROM categories WHERE code = $1 AND is_active",
          [serviceCode],
        );
        if (!cat.rows[0]) throw new AppError("OPEN311_SERVICE_UNKNOWN");
        const body = await toPortalSubmission(db, b, { id: cat.rows[0].id, name: cat.rows[0].name_zh });
        const c = await county();
        const { response, replayed } = await submitOnline(db, body, key, {
          keyRing,
          clocks: app.deps.clocks,
          now: app.deps.now(),
          collectiveThreshold: config.collectiveThreshold,
          maxRepresentatives: config.maxRepresentatives,
          ip: req.ip,
          countyPath: c.path,
        });
        return send(
          reply,
          format,
          "service_requests",
          [
            {
              service_request_id: response.queryCode,
              // The case number: with the query code it opens the portal's status page.
              token: response.caseNumber,
              service_notice: `已收到，信访编号 ${response.caseNumber}，查询码 ${response.queryCode}；请凭二者在网上信访页面查询办理进度。 / Received: case number ${response.caseNumber}, query code ${response.queryCode}; use both on the portal to follow it.`,
              account_id: null,
            },
          ],
          replayed ? 200 : 201,
        );
      },
    );
  }

  const ZRequestsQuery = z.object({
    jurisdiction_id: z.string().max(100).optional(),
    service_request_id: z
      .string()
      .max(MAX_IDS * 9)
      .optional(),
    service_code: z.string().max(40).optional(),
    start_date: z.iso.datetime({ offset: true }).optional(),
    end_date: z.iso.datetime({ offset: true }).optional(),
    status: z.enum(["open", "closed"]).optional(),
  });

  async function answerRequests(
    reply: FastifyReply,
    format: Format,
    ids: string[],
    q: z.infer<typeof ZRequestsQuery>,
    single: boolean,
  ) {
    await checkJurisdiction(q.jurisdiction_id);
    const codes = ids.map((s) => s.trim().toUpperCase()).filter(Boolean);
    if (codes.length === 0) throw new AppError("OPEN311_REQUEST_ID_REQUIRED");
    if (codes.length > MAX_IDS) {
      throw new AppError("OPEN311_PARAM_INVALID", [
        { path: "service_request_id", message: `至多 ${MAX_IDS} 个 / at most ${MAX_IDS}` },
      ]);
    }
    // A malformed id cannot be a query code: it is simply not found, like a wrong one.
    const wellFormed = codes.filter((c) => QUERY_CODE.test(c));
    const found =
      wellFormed.length === 0
        ? []
        : await findRequests(
            db,
            keyRing,
            wellFormed,
            {
              serviceCode: q.service_code,
              status: q.status,
              start: q.start_date ? new Date(q.start_date) : undefined,
              end: q.end_date ? new Date(q.end_date) : undefined,
            },
            await county(),
          );
    if (single && found.length === 0) throw new AppError("OPEN311_REQUEST_NOT_FOUND");
    return send(reply, format, "service_requests", found as unknown as XmlObject[]);
  }

  for (const format of ["json", "xml"] as const) {
    app.get(
      `/requests.${format}`,
      {
        schema: {
          tags: ["open311"],
          summary: `Open311 查询办理状态（须提供 service_request_id） GeoReport v2 requests by id (${format})`,
          querystring: ZRequestsQuery,
        },
      },
      async (req, reply) =>
        answerRequests(reply, format, (req.query.service_request_id ?? "").split(","), req.query, false),
    );
  }

  app.get(
    "/requests/:file",
    {
      schema: {
        tags: ["open311"],
        summary: "Open311 单个请求的状态 GeoReport v2 one request (id.json | id.xml)",
        params: z.object({ file: z.string().max(60) }),
        querystring: ZRequestsQuery,
      },
    },
    async (req, reply) => {
      const [id, format] = splitFile(req.params.file);
      return answerRequests(reply, format, [id], req.query, true);
    },
  );
};
