import path from "node:path";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { REGISTERING_ROLES } from "../../../domain/auth/roles.ts";
import {
  ZCaseDetail,
  ZCaseListQuery,
  ZCaseListResponse,
  ZCaseRegisterRequest,
  ZCaseRegisterResponse,
} from "../../../domain/schemas/case.ts";
import { ZErrorResponse, zUuid } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { setAccusedUnit } from "../../commands/accusation.ts";
import { registerCase, registerCaseBatched } from "../../commands/register-case.ts";
import { decryptField } from "../../crypto/field-crypto.ts";
import { prepareRegistrationFields, writeRegistrationFields } from "../../fields/case-fields.ts";
import { FileStore } from "../../files/store.ts";
import { readUpload } from "../../files/upload.ts";
import { requireActor, requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { caseAbilities } from "../../policies/case-policy.ts";
import { presentCaseDetail, presentCaseSummary } from "../../presenters/case.ts";
import { listCases } from "../../queries/case-list.ts";
import { findVisibleCase, loadAttachments, loadPetitioners } from "../../queries/cases.ts";
import { firstPetitionAsSeenBy } from "../../queries/first-petition.ts";
import { accusesOwnChain, caseAccusationRoutes } from "./accusation.ts";
import { caseActionRoutes } from "./actions.ts";
import { caseAppealReferralRoutes } from "./appeal-referral.ts";
import { loadCaseDetail } from "./detail.ts";
import { caseDocumentRoutes } from "./documents.ts";
import { caseStepRoutes } from "./steps.ts";
import { caseWarningRoutes } from "./warnings.ts";

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse };

export const caseRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config, keyRing } = app.deps;
  const files = new FileStore(path.join(config.dataDir, "files"));
  await app.register(caseActionRoutes);
  await app.register(caseAccusationRoutes);
  await app.register(caseDocumentRoutes);
  await app.register(caseAppealReferralRoutes);
  await app.register(caseWarningRoutes);
  await app.register(caseStepRoutes);

  app.post(
    "/",
    {
      schema: {
        tags: ["cases"],
        summary: "登记信访事项 Register a case",
        body: ZCaseRegisterRequest,
        response: { 201: ZCaseRegisterResponse, ...errors, 422: ZErrorResponse },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...REGISTERING_ROLES);
      // Category fields are checked before anything is written (server/fields/case-fields.ts).
      const { fields, ...body } = req.body;
      const preparedFields = await prepareRegistrationFields(db, actor.roles, body.categoryId, fields);
      // An accusation against the bureau's own chain (the registrar's unit or above it) is written
      // without the accused unit first, so the bureau can forward it under the rule pack right after;
      // written with it, nobody who could forward it would see it.
      const accusedId = req.body.accusedUnitId;
      const againstOwn = accusedId !== undefined && (await accusesOwnChain(db, actor, accusedId));
      const ctx = {
        keyRing,
        clocks: app.deps.clocks,
        now: app.deps.now(),
        collectiveThreshold: config.collectiveThreshold,
        maxRepresentatives: config.maxRepresentatives,
        ip: req.ip,
        actor,
        areaPath: actor.areaPath,
      };
      const toWrite = againstOwn ? { ...body, accusedUnitId: undefined } : body;
      // Without category fields a registration is one statement, atomic on its own, and registrations
      // arriving while others are written share the next one. With them, the case and its values are
      // written in one transaction: both or neither.
      const registered = preparedFields
        ? await db.transaction(async (tx) => {
            const r = await registerCase(tx, toWrite, ctx);
            await writeRegistrationFields(tx, { actor, ip: req.ip, now: ctx.now }, r.row.id, preparedFields);
            return r;
          })
        : await registerCaseBatched(db, toWrite, ctx, {
            maxBatch: config.intakeBatchMax,
            inFlight: config.intakeWriters,
          });
      // Presented from what was just written: reading it back would cost five more round trips.
      const { row, petitioners, events, clocks } = registered;
      const detail = {
        ...presentCaseDetail(row, actor, petitioners, events, [], clocks, app.deps.clocks),
        queryCode: registered.queryCode,
      };
      if (againstOwn && accusedId) {
        const env = { actor, now: app.deps.now(), ip: req.ip, clocks: app.deps.clocks };
        const r = await db.transaction((tx) =>
          setAccusedUnit(tx, env, row.id, accusedId, "登记时记录：检举控告涉及本机关"),
        );
        if (r.forwardedTo)
          Object.assign(detail, {
            status: "forwarded",
            accusedUnitId: accusedId,
            forwardedTo: r.forwardedTo,
          });
      }
      return reply.code(201).send(detail);
    },
  );

  app.get(
    "/",
    {
      schema: {
        tags: ["cases"],
        summary: "信访事项列表 List cases",
        querystring: ZCaseListQuery,
        response: { 200: ZCaseListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { rows, total, totalIsExact } = await listCases(db, actor, req.query, app.deps.now());
      const shown = await firstPetitionAsSeenBy(db, actor, rows);
      return {
        items: shown.map((r) => presentCaseSummary(r, actor)),
        total,
        totalIsExact,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: ["cases"],
        summary: "信访事项详情 Case detail",
        params: z.object({ id: zUuid }),
        response: { 200: ZCaseDetail, ...errors },
      },
    },
    async (req) => loadCaseDetail(db, requireActor(req), req.params.id, app.deps.clocks),
  );

  app.get(
    "/:id/petitioners/:position/identity",
    {
      schema: {
        tags: ["cases"],
        summary: "查看完整身份证号和电话（留痕） Reveal full ID and phone (audited)",
        params: z.object({
          id: zUuid,
          position: z
            .string()
            .regex(/^\d{1,3}$/)
            .transform(Number),
        }),
        response: {
          200: z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        const row = await findVisibleCase(tx, actor, req.params.id);
        if (!row) throw new AppError("CASE_NOT_FOUND");
        if (!caseAbilities(actor).includes("read_sensitive")) throw new AppError("FORBIDDEN");
        const p = (await loadPetitioners(tx, row.id)).find((x) => x.position === req.params.position);
        if (!p) throw new AppError("NOT_FOUND");
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: actor.roles.join(","),
          ip: req.ip,
          action: "sensitive_view",
          objectType: "case_petitioner",
          objectId: `${row.id}/${p.position}`,
          detail: { caseNumber: row.case_number, fields: ["id_number", "phone"] },
        });
        return {
          idNumber: p.id_number_enc
            ? decryptField(keyRing, p.id_number_enc, "case_petitioners.id_number")
            : null,
          phone: p.phone_enc ? decryptField(keyRing, p.phone_enc, "case_petitioners.phone") : null,
        };
      });
    },
  );

  app.post(
    "/:id/attachments",
    {
      schema: {
        tags: ["cases"],
        summary: "上传附件 Upload an attachment (multipart, field 'file')",
        params: z.object({ id: zUuid }),
        response: {
          201: z.object({
            id: z.string(),
            fileName: z.string(),
            mediaType: z.string(),
            sizeBytes: z.number(),
          }),
          ...errors,
          413: ZErrorResponse,
          415: ZErrorResponse,
          422: ZErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const visible = await findVisibleCase(db, actor, req.params.id);
      if (!visible) throw new AppError("CASE_NOT_FOUND");
      if (!caseAbilities(actor).includes("attach")) throw new AppError("FORBIDDEN");
      const upload = await readUpload(req, config);
      const { data } = upload;
      const part = { filename: upload.fileName, mimetype: upload.mediaType };
      const sha256 = await files.put(data);
      const saved = await db.transaction(async (tx) => {
        const row = await findVisibleCase(tx, actor, req.params.id, true);
        if (!row) throw new AppError("CASE_NOT_FOUND");
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO case_attachments (case_id, file_name, media_type, size_bytes, sha256, uploaded_at, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [row.id, part.filename, part.mimetype, data.length, sha256, app.deps.now(), actor.id],
        );
        await recordAudit(tx, {
          actorId: actor.id,
          ip: req.ip,
          action: "attachment_add",
          objectType: "case",
          objectId: row.id,
          detail: { fileName: part.filename, sha256, size: data.length },
        });
        return rows[0]!;
      });
      return reply
        .code(201)
        .send({ id: saved.id, fileName: part.filename, mediaType: part.mimetype, sizeBytes: data.length });
    },
  );

  app.get(
    "/:id/attachments/:attachmentId",
    {
      schema: {
        tags: ["cases"],
        summary: "下载附件 Download an attachment",
        params: z.object({ id: zUuid, attachmentId: zUuid }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const row = await findVisibleCase(db, actor, req.params.id);
      if (!row) throw new AppError("CASE_NOT_FOUND");
      const a = (await loadAttachments(db, row.id)).find((x) => x.id === req.params.attachmentId);
      if (!a) throw new AppError("NOT_FOUND");
      if (a.purged_at) throw new AppError("ATTACHMENT_PURGED");
      const data = await files.get(a.sha256);
      return reply
        .header("content-type", a.media_type)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
        .header("x-content-type-options", "nosniff")
        .send(data);
    },
  );
};
