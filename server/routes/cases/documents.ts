import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  DOCUMENT_KIND_NAMES,
  DOCUMENT_KINDS,
  type DocumentKind,
} from "../../../domain/documents/templates.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import { hasRole } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { availableKinds, issueDocument, issueQueryCode } from "../../documents/issue.ts";
import { requireActor } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { type CaseRow, findVisibleCase } from "../../queries/cases.ts";

const ZIssued = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KIND_NAMES),
  title: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  hasPdf: z.boolean(),
  /** The issuing unit's own number (answers only), and the body in whose name it is issued. */
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
});

/** The copy that prints the fresh query code: given once, here, and kept nowhere. */
const ZCoded = z
  .object({
    queryCode: z.string(),
    docxBase64: z.string(),
    pdfBase64: z.string().nullable(),
  })
  .nullable();

const IDENTITY_CHECKS = ["id_card", "household_register", "passport", "other_certificate"] as const;

const MEDIA = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

/**
 * Who may issue a kind on this case: the bureau for its letters; the lead unit also for its
 * extension notice and, where the rule pack says the bureau does not vet (it serves its answer
 * itself), for its 处理意见书.
 */
function mayIssue(
  actor: Parameters<typeof hasRole>[0],
  row: CaseRow,
  kind: DocumentKind,
  vetted: boolean,
): boolean {
  if (hasRole(actor, "registrar", "bureau_office")) return true;
  if (row.lead_unit_id !== actor.unitId) return false;
  if (kind === "extension") return hasRole(actor, "unit_leader", "unit_staff");
  return kind === "reply" && !vetted && hasRole(actor, "unit_leader", "local_staff");
}

export async function listIssued(q: Queryable, caseId: string, forPetitioner = false) {
  const { rows } = await q.query<{
    id: string;
    kind: DocumentKind;
    title: string;
    generated_at: Date;
    generated_by_label: string;
    has_pdf: boolean;
    doc_number: string | null;
    issuer_name: string | null;
  }>(
    `SELECT id, kind, title, generated_at, generated_by_label, pdf IS NOT NULL AS has_pdf, doc_number, issuer_name
       FROM case_documents WHERE case_id = $1 ORDER BY generated_at, id`,
    [caseId],
  );
  return rows
    .filter((r) => !forPetitioner || DOCUMENT_KINDS[r.kind]?.forPetitioner)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      generatedAt: r.generated_at.toISOString(),
      generatedBy: r.generated_by_label,
      hasPdf: r.has_pdf,
      docNumber: r.doc_number,
      issuer: r.issuer_name,
    }));
}

/** Sends a stored document as a download. */
export async function sendDocument(
  q: Queryable,
  reply: FastifyReply,
  caseId: string,
  documentId: string,
  format: "docx" | "pdf",
  forPetitioner = false,
) {
  const doc = (
    await q.query<{ kind: DocumentKind; title: string; file: Buffer | null; case_number: string }>(
      `SELECT d.kind, d.title, ${format === "pdf" ? "d.pdf" : "d.docx"} AS file, c.case_number
         FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE d.case_id = $1 AND d.id = $2`,
      [caseId, documentId],
    )
  ).rows[0];
  if (!doc || (forPetitioner && !DOCUMENT_KINDS[doc.kind]?.forPetitioner)) throw new AppError("NOT_FOUND");
  if (!doc.file) throw new AppError("DOCUMENT_PDF_UNAVAILABLE");
  const name = `${doc.case_number}-${doc.title}.${format}`;
  return reply
    .header("content-type", MEDIA[format])
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header("x-content-type-options", "nosniff")
    .send(doc.file);
}

/**
 * The notices and documents of a case (告知书、交办单、处理意见书 …): which can be issued now, those
 * issued, issuing one (kept with the case as Word and PDF), and downloads.
 */
export const caseDocumentRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config, keyRing } = app.deps;

  app.get(
    "/:id/documents",
    {
      schema: {
        tags: ["documents"],
        summary: "文书：可出具的种类与已出具的文书 Documents of a case",
        params: z.object({ id: zUuid }),
        response: {
          200: z.object({
            available: z.array(
              z.object({ kind: z.enum(DOCUMENT_KIND_NAMES), title: z.string(), mayIssue: z.boolean() }),
            ),
            issued: z.array(ZIssued),
          }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const row = await findVisibleCase(db, actor, req.params.id);
      if (!row) throw new AppError("CASE_NOT_FOUND");
      const kinds = await availableKinds(db, row, app.deps.now(), app.deps.clocks.pack);
      return {
        available: kinds.map((kind) => ({
          kind,
          title: DOCUMENT_KINDS[kind].title,
          mayIssue: mayIssue(actor, row, kind, app.deps.clocks.pack.answers.replyVettedByBureau),
        })),
        issued: await listIssued(db, row.id),
      };
    },
  );

  app.post(
    "/:id/documents",
    {
      schema: {
        tags: ["documents"],
        summary: "出具文书（生成 Word 与 PDF 并随案保存） Issue a document",
        params: z.object({ id: zUuid }),
        body: z.object({ kind: z.enum(DOCUMENT_KIND_NAMES) }),
        response: { 201: ZIssued.extend({ coded: ZCoded }), ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const now = app.deps.now();
      const issued = await db.transaction(async (tx) => {
        const row = await findVisibleCase(tx, actor, req.params.id, true);
        if (!row) throw new AppError("CASE_NOT_FOUND");
        if (!mayIssue(actor, row, req.body.kind, app.deps.clocks.pack.answers.replyVettedByBureau))
          throw new AppError("FORBIDDEN");
        return issueDocument(tx, actor, row, req.body.kind, {
          now,
          ip: req.ip,
          pdfFont: config.pdfFont,
          pack: app.deps.clocks.pack,
          keyRing,
        });
      });
      const { coded, ...rest } = issued;
      return reply.code(201).send({
        ...rest,
        generatedAt: now.toISOString(),
        generatedBy: actor.displayName,
        coded: coded
          ? {
              queryCode: coded.queryCode,
              docxBase64: coded.docx.toString("base64"),
              pdfBase64: coded.pdf ? coded.pdf.toString("base64") : null,
            }
          : null,
      });
    },
  );

  app.get(
    "/:id/documents/:documentId/:format",
    {
      schema: {
        tags: ["documents"],
        summary: "下载文书 Download a document as .docx or .pdf",
        params: z.object({ id: zUuid, documentId: zUuid, format: z.enum(["docx", "pdf"]) }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const row = await findVisibleCase(db, actor, req.params.id);
      if (!row) throw new AppError("CASE_NOT_FOUND");
      return sendDocument(db, reply, row.id, req.params.documentId, req.params.format);
    },
  );

  app.post(
    "/:id/query-code",
    {
      schema: {
        tags: ["documents"],
        summary:
          "核验身份后重新发放查询码（原查询码立即失效） Reissue the query code after checking identity",
        params: z.object({ id: zUuid }),
        body: z.object({
          identityCheck: z.enum(IDENTITY_CHECKS),
          note: z.string().trim().min(2).max(200),
        }),
        response: { 200: z.object({ caseNumber: z.string(), queryCode: z.string() }), ...STANDARD_ERRORS },
      },
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
    },
    async (req) => {
      const actor = requireActor(req);
      const now = app.deps.now();
      return db.transaction(async (tx) => {
        const row = await findVisibleCase(tx, actor, req.params.id, true);
        if (!row) throw new AppError("CASE_NOT_FOUND");
        if (!hasRole(actor, "registrar", "bureau_office")) throw new AppError("FORBIDDEN");
        const queryCode = await issueQueryCode(tx, keyRing, actor, row, {
          now,
          ip: req.ip,
          why: "reissue",
          identityCheck: req.body.identityCheck,
          note: req.body.note,
        });
        return { caseNumber: row.case_number, queryCode };
      });
    },
  );
};
