import path from "node:path";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { toShanghaiDate } from "../../../domain/calendar/working-days.ts";
import { DOCUMENT_KINDS } from "../../../domain/documents/templates.ts";
import {
  type RATINGS,
  ZPublicAppealRequest,
  ZPublicDocumentRequest,
  ZPublicEvaluateRequest,
  ZPublicStatusRequest,
  ZPublicStatusResponse,
  ZPublicSubmitRequest,
  ZPublicSubmitResponse,
} from "../../../domain/schemas/case.ts";
import { ZErrorResponse } from "../../../domain/schemas/common.ts";
import type { CaseStatus } from "../../../domain/workflow/statuses.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { isClockProvisional } from "../../cases/clocks.ts";
import { evaluateCase } from "../../commands/evaluate-case.ts";
import { requestAppeal } from "../../commands/request-appeal.ts";
import { submitOnline } from "../../commands/submit-online.ts";
import { blindIndex } from "../../crypto/field-crypto.ts";
import type { Queryable } from "../../db/index.ts";
import { answeringBody, appealBodyOf } from "../../documents/answering-body.ts";
import { loadTemplate } from "../../documents/issue.ts";
import { FileStore } from "../../files/store.ts";
import { readUpload } from "../../files/upload.ts";
import { AppError } from "../../plugins/errors.ts";
import { listIssued, sendDocument } from "../cases/documents.ts";

type TRating = (typeof RATINGS)[number];

/** A citizen may add files to the petition until it is accepted; staff add any later ones. */
const PUBLIC_ATTACHMENT_STATUSES: readonly CaseStatus[] = ["pending_screening", "registered"];

/** Events on a case that are the bureau's own bookkeeping, never shown to the citizen. */
const INTERNAL_EVENTS = ["accused_unit_set", "confidentiality_set", "confidentiality_lifted"];
/** The letters written to the petitioner (the others go to units: the assignment slip). */
const PETITIONER_DOCUMENT_KINDS = Object.entries(DOCUMENT_KINDS)
  .filter(([, k]) => k.forPetitioner)
  .map(([kind]) => kind);

export const PUBLIC_ATTACHMENTS_PER_CASE = 10;

const ZIdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, "8–100 letters, digits, '-' or '_'")
    .optional(),
});

export const publicRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config, keyRing } = app.deps;
  const limit = { max: config.publicRateLimitPerMinute, timeWindow: "1 minute" };
  const files = new FileStore(path.join(config.dataDir, "files"));

  app.post(
    "/petitions",
    {
      config: { csrf: false, rateLimit: limit },
      schema: {
        tags: ["public"],
        summary: "网上信访提交（无需账号） Submit a petition online (no account)",
        description:
          "Send an Idempotency-Key header (8–100 of A-Z a-z 0-9 - _): a retry with the same key and body returns the first answer (200) instead of creating a second case.",
        headers: ZIdempotencyHeaders,
        body: ZPublicSubmitRequest,
        response: {
          200: ZPublicSubmitResponse,
          201: ZPublicSubmitResponse,
          400: ZErrorResponse,
          422: ZErrorResponse,
          429: ZErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const county = await db.query<{ path: string }>(
        "SELECT path FROM org_units WHERE kind = 'county' AND is_active ORDER BY path LIMIT 1",
      );
      if (!county.rows[0]) throw new AppError("REGION_UNKNOWN");
      const { response, replayed } = await submitOnline(
        db,
        req.body,
        req.headers["idempotency-key"] ?? null,
        {
          keyRing,
          clocks: app.deps.clocks,
          now: app.deps.now(),
          collectiveThreshold: config.collectiveThreshold,
          maxRepresentatives: config.maxRepresentatives,
          ip: req.ip,
          countyPath: county.rows[0].path,
        },
      );
      return reply.code(replayed ? 200 : 201).send(response);
    },
  );

  interface PublicRow {
    id: string;
    title: string;
    status: CaseStatus;
    received_at: Date;
    reply_opinion: "support" | "explain" | "not_support" | null;
    reply_text: string | null;
    reply_legal_basis: string | null;
    replied_at: Date | null;
    review_request_until: string | null;
    review_opinion: "uphold" | "revise" | null;
    review_text: string | null;
    reviewed_at: Date | null;
    reexam_request_until: string | null;
    bureau_rating: TRating | null;
    unit_rating: TRating | null;
    rated_at: Date | null;
  }

  /** The case behind a number and query code, or 404 — the same answer for a wrong code and no case. */
  async function findByCode(
    q: Queryable,
    caseNumber: string,
    queryCode: string,
    lock = false,
  ): Promise<PublicRow> {
    const hash = blindIndex(keyRing, "query_code", queryCode.toUpperCase());
    const found = await q.query<PublicRow>(
      `SELECT id, title, status, received_at, reply_opinion, reply_text, reply_legal_basis, replied_at,
              to_char(review_request_until, 'YYYY-MM-DD') AS review_request_until, bureau_rating, unit_rating, rated_at,
              review_opinion, review_text, reviewed_at, to_char(reexam_request_until, 'YYYY-MM-DD') AS reexam_request_until
         FROM cases WHERE case_number = $1 AND query_code_hash = $2${lock ? " FOR UPDATE" : ""}`,
      [caseNumber, hash],
    );
    if (!found.rows[0]) throw new AppError("QUERY_CODE_INVALID");
    return found.rows[0];
  }

  const within = (until: string | null) => until !== null && toShanghaiDate(app.deps.now()) <= until;

  async function present(q: Queryable, caseNumber: string, row: PublicRow) {
    // The citizen sees what happened and when, not who inside the administration did it.
    // Steps that changed the case and the letters issued; not the bureau's own bookkeeping
    // (deadline alerts, other cases merged into this one).
    // Not the accusation's bookkeeping either (whom it accuses, whether it stays confidential), and
    // of the letters only those written to the petitioner, not the assignment slip (交办单).
    const events = await q.query<{ at: Date; action: string; to_status: string | null }>(
      `SELECT at, action, to_status FROM case_events
        WHERE case_id = $1
          AND ((to_status IS NOT NULL AND action <> ALL($2::text[]))
               OR (action = 'document_issued' AND detail->>'kind' = ANY($3::text[])))
        ORDER BY seq`,
      [row.id, INTERNAL_EVENTS, PETITIONER_DOCUMENT_KINDS],
    );
    const calendar = app.deps.clocks.calendar;
    const running = await q.query<{ started_on: string; due_on: string }>(
      `SELECT to_char(started_on, 'YYYY-MM-DD') AS started_on, to_char(due_on, 'YYYY-MM-DD') AS due_on
         FROM case_clocks WHERE case_id = $1 AND state = 'running'`,
      [row.id],
    );
    const windows = [
      row.replied_at && row.review_request_until && within(row.review_request_until)
        ? { started_on: toShanghaiDate(row.replied_at), due_on: row.review_request_until, state: "running" }
        : null,
      row.reviewed_at && row.reexam_request_until && within(row.reexam_request_until)
        ? { started_on: toShanghaiDate(row.reviewed_at), due_on: row.reexam_request_until, state: "running" }
        : null,
    ];
    const provisional = [...running.rows.map((r) => ({ ...r, state: "running" })), ...windows].some(
      (c) => c !== null && isClockProvisional(calendar, c),
    );
    const { answers, limits } = app.deps.clocks.pack;
    const routing = (
      await q.query<{
        lead_unit_id: string | null;
        region_path: string;
        appeal_body_name: string | null;
        appeal_referred_at: Date | null;
      }>(
        `SELECT (SELECT a.unit_id FROM case_assignments a WHERE a.case_id = c.id AND a.role = 'lead'
                   AND a.status <> 'returned') AS lead_unit_id, c.region_path, c.appeal_body_name, c.appeal_referred_at
           FROM cases c WHERE c.id = $1`,
        [row.id],
      )
    ).rows[0]!;
    const documents = (await listIssued(q, row.id, true)).map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      generatedAt: d.generatedAt,
      hasPdf: d.hasPdf,
    }));
    return {
      caseNumber,
      title: row.title,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      reply:
        row.reply_opinion && row.replied_at
          ? {
              opinion: row.reply_opinion,
              text: row.reply_text ?? "",
              legalBasis: row.reply_legal_basis ?? "",
              repliedAt: row.replied_at.toISOString(),
              reviewRequestUntil: row.review_request_until,
              answeredBy: (await answeringBody(q, routing)).name,
              reviewBody: (await appealBodyOf(q, row.id, "review", answers.outsideSuperior)).name,
              reviewDays: limits.reviewRequest.amount,
            }
          : null,
      rating:
        row.bureau_rating && row.unit_rating && row.rated_at
          ? { bureau: row.bureau_rating, unit: row.unit_rating, ratedAt: row.rated_at.toISOString() }
          : null,
      canEvaluate: row.status === "replied",
      review:
        row.review_opinion && row.reviewed_at
          ? {
              opinion: row.review_opinion,
              text: row.review_text ?? "",
              reviewedAt: row.reviewed_at.toISOString(),
              reexamRequestUntil: row.reexam_request_until,
              reexamBody: (await appealBodyOf(q, row.id, "reexam", answers.outsideSuperior)).name,
              reexamDays: limits.reexamRequest.amount,
            }
          : null,
      appeal: routing.appeal_body_name
        ? { body: routing.appeal_body_name, referredAt: routing.appeal_referred_at?.toISOString() ?? null }
        : null,
      canRequestReview:
        (row.status === "replied" || row.status === "evaluated") && within(row.review_request_until),
      canRequestReexam: row.status === "reviewed" && within(row.reexam_request_until),
      provisional,
      events: events.rows.map((e) => ({ at: e.at.toISOString(), action: e.action, toStatus: e.to_status })),
      documents,
    };
  }

  app.post(
    "/documents",
    {
      config: { csrf: false, rateLimit: limit },
      schema: {
        tags: ["public"],
        summary: "凭编号和查询码下载出具给本人的文书 Download a letter issued to the petitioner",
        body: ZPublicDocumentRequest,
      },
    },
    async (req, reply) => {
      const { caseNumber, queryCode, documentId, format } = req.body;
      const row = await findByCode(db, caseNumber, queryCode);
      return sendDocument(db, reply, row.id, documentId, format, true);
    },
  );

  app.post(
    "/status",
    {
      config: { csrf: false, rateLimit: limit },
      schema: {
        tags: ["public"],
        summary: "凭信访编号和查询码查询办理状态 Track a case with its number and query code",
        body: ZPublicStatusRequest,
        response: {
          200: ZPublicStatusResponse,
          400: ZErrorResponse,
          404: ZErrorResponse,
          429: ZErrorResponse,
        },
      },
    },
    async (req) => {
      const { caseNumber, queryCode } = req.body;
      return present(db, caseNumber, await findByCode(db, caseNumber, queryCode));
    },
  );

  app.get(
    "/privacy-notice",
    {
      config: { rateLimit: limit },
      schema: {
        tags: ["public"],
        summary: "个人信息保护告知书 The privacy notice the portal's consent refers to",
        description: "The bureau's own text (edited as the template privacy_notice), or the default.",
        response: { 200: z.object({ title: z.string(), body: z.string() }), 429: ZErrorResponse },
      },
    },
    async () => {
      const { title, body } = await loadTemplate(db, "privacy_notice");
      return { title, body };
    },
  );

  app.get(
    "/attachment-limits",
    {
      config: { rateLimit: limit },
      schema: {
        tags: ["public"],
        summary: "附件大小与类型限制 The attachment limits, for the portal's form",
        response: {
          200: z.object({ maxBytes: z.number(), types: z.array(z.string()), perCase: z.number() }),
        },
      },
    },
    async () => ({
      maxBytes: config.attachmentMaxBytes,
      types: config.attachmentTypes,
      perCase: PUBLIC_ATTACHMENTS_PER_CASE,
    }),
  );

  app.post(
    "/attachments",
    {
      config: { csrf: false, rateLimit: limit },
      schema: {
        tags: ["public"],
        summary:
          "凭编号和查询码补充材料（受理前） Add a file to one's own petition before it is accepted (multipart: caseNumber, queryCode, then file)",
        response: {
          201: z.object({ fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() }),
          400: ZErrorResponse,
          404: ZErrorResponse,
          409: ZErrorResponse,
          413: ZErrorResponse,
          415: ZErrorResponse,
          422: ZErrorResponse,
          429: ZErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, config);
      const caseNumber = upload.fields.caseNumber ?? "";
      const queryCode = upload.fields.queryCode ?? "";
      if (!caseNumber || !queryCode) {
        throw new AppError("VALIDATION_FAILED", [
          { path: "caseNumber", message: "caseNumber and queryCode come before the file" },
        ]);
      }
      // Checked before anything is stored, and again under the case's lock below.
      await findByCode(db, caseNumber, queryCode);
      const sha256 = await files.put(upload.data);
      await db.transaction(async (tx) => {
        const row = await findByCode(tx, caseNumber, queryCode, true);
        if (!PUBLIC_ATTACHMENT_STATUSES.includes(row.status)) throw new AppError("PUBLIC_ATTACHMENT_CLOSED");
        const { rows } = await tx.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1 AND uploaded_by IS NULL",
          [row.id],
        );
        if (rows[0]!.n >= PUBLIC_ATTACHMENTS_PER_CASE) {
          throw new AppError("PUBLIC_ATTACHMENT_LIMIT", { perCase: PUBLIC_ATTACHMENTS_PER_CASE });
        }
        await tx.query(
          `INSERT INTO case_attachments (case_id, file_name, media_type, size_bytes, sha256, uploaded_at, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, NULL)`,
          [row.id, upload.fileName, upload.mediaType, upload.data.length, sha256, app.deps.now()],
        );
        await recordAudit(tx, {
          actorId: null,
          actorRole: "public",
          ip: req.ip,
          action: "attachment_add",
          objectType: "case",
          objectId: row.id,
          detail: { fileName: upload.fileName, sha256, size: upload.data.length, public: true },
        });
      });
      return reply
        .code(201)
        .send({ fileName: upload.fileName, mediaType: upload.mediaType, sizeBytes: upload.data.length });
    },
  );

  app.post(
    "/evaluate",
    {
      config: { csrf: false, rateLimit: limit },
      schema: {
        tags: ["public"],
        summary: "对答复进行满意度评价 Rate the answer (bureau and handling unit)",
        body: ZPublicEvaluateRequest,
        response: {
          200: ZPublicStatusResponse,
          400: ZErrorResponse,
          404: ZErrorResponse,
          409: ZErrorResponse,
          429: ZErrorResponse,
        },
      },
    },
    async (req) => {
      const { caseNumber, queryCode, bureauRating, unitRating, comment } = req.body;
      return db.transaction(async (tx) => {
        const row = await findByCode(tx, caseNumber, queryCode, true);
        await evaluateCase(tx, {
          caseId: row.id,
          bureauRating,
          unitRating,
          comment: comment ?? null,
          ip: req.ip,
          now: app.deps.now(),
        });
        return present(tx, caseNumber, await findByCode(tx, caseNumber, queryCode));
      });
    },
  );
  for (const [path, step, summary] of [
    ["/request-review", "request_review", "申请复查 Ask for review of the answer (within the window)"],
    ["/request-reexam", "request_reexam", "申请复核 Ask for reexamination of the review (within the window)"],
  ] as const) {
    app.post(
      path,
      {
        config: { csrf: false, rateLimit: limit },
        schema: {
          tags: ["public"],
          summary,
          body: ZPublicAppealRequest,
          response: {
            200: ZPublicStatusResponse,
            400: ZErrorResponse,
            404: ZErrorResponse,
            409: ZErrorResponse,
            429: ZErrorResponse,
          },
        },
      },
      async (req) => {
        const { caseNumber, queryCode, reason } = req.body;
        return db.transaction(async (tx) => {
          const row = await findByCode(tx, caseNumber, queryCode, true);
          await requestAppeal(tx, {
            caseId: row.id,
            step,
            reason,
            ip: req.ip,
            now: app.deps.now(),
            outsideSuperior: app.deps.clocks.pack.answers.outsideSuperior,
          });
          return present(tx, caseNumber, await findByCode(tx, caseNumber, queryCode));
        });
      },
    );
  }
};
