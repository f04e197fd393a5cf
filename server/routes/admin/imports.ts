import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STANDARD_ERRORS } from "../../../domain/schemas/common.ts";
import {
  IMPORT_KINDS,
  ZImportQuery,
  ZImportResult,
  ZLedgerMappingJson,
  ZLedgerMappingStep,
  ZLedgerValuesJson,
} from "../../../domain/schemas/import.ts";
import { ImportRefused, previewLedgerMapping, runImport } from "../../imports/import.ts";
import { TEMPLATE_NAMES } from "../../imports/import-command.ts";
import type { LedgerOptions } from "../../imports/ledger.ts";
import { buildLedgerReport } from "../../imports/ledger-report.ts";
import { TableError } from "../../imports/read-table.ts";
import { buildTemplate } from "../../imports/templates.ts";
import type { UsersMode } from "../../imports/users.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The uploaded file (field "file"), .xlsx or .csv, within the multipart size limit. */
async function readImportFile(req: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  const malformed = (err: unknown) =>
    (err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE"
      ? new AppError("BODY_TOO_LARGE")
      : new AppError("VALIDATION_FAILED", [{ path: "file", message: "malformed multipart body" }]);
  const part = await req.file().catch((err: unknown) => {
    throw malformed(err);
  });
  if (!part) throw new AppError("VALIDATION_FAILED", [{ path: "file", message: "no file" }]);
  const data = await part.toBuffer().catch((err: unknown) => {
    throw malformed(err);
  });
  if (part.file.truncated) throw new AppError("BODY_TOO_LARGE");
  const name = part.filename.split(/[\\/]/).pop() ?? "";
  if (!/\.(xlsx|csv)$/i.test(name))
    throw new AppError("IMPORT_FILE_UNREADABLE", { zh: "只能导入 .xlsx 或 .csv 文件" });
  return { name, data };
}

/**
 * 批量导入 for the administrators, with the rules of `xinfang import` (server/imports): upload to
 * preview (nothing written), upload again with `apply=true` to write. The network is the system
 * administrator's; of a users file, the system administrator's import writes accounts without
 * roles and the security administrator's applies the file's business roles to existing accounts
 * (三员分立); the audit administrator imports nothing.
 */
export const importRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/imports/templates/:kind",
    {
      schema: {
        tags: ["admin"],
        summary: "下载导入模板 The file to fill in for an import",
        params: z.object({ kind: z.enum(IMPORT_KINDS) }),
        querystring: z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") }),
      },
    },
    async (req, reply) => {
      requireRole(req, "system_admin", "security_admin");
      const { kind } = req.params;
      const format = req.query.format;
      const name = `${TEMPLATE_NAMES[kind]}导入模板.${format}`;
      return reply
        .header("content-type", format === "xlsx" ? XLSX : "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await buildTemplate(kind, format));
    },
  );

  app.post(
    "/imports/:kind",
    {
      schema: {
        tags: ["admin"],
        summary:
          "导入组织网络或用户：预览，或 apply=true 写入 Import the network or users (preview, or apply)",
        params: z.object({ kind: z.enum(IMPORT_KINDS) }),
        querystring: ZImportQuery,
        response: { 200: ZImportResult, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const { kind } = req.params;
      const actor =
        kind === "users"
          ? requireRole(req, "system_admin", "security_admin")
          : requireRole(req, "system_admin");
      const ledger: LedgerOptions = { yes: req.query.yes === "true" };
      const parseJson = <T>(
        text: string | undefined,
        schema: { safeParse(v: unknown): { success: boolean; data?: T } },
        field: string,
      ): T | undefined => {
        if (text === undefined) return undefined;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          throw new AppError("VALIDATION_FAILED", [{ path: field, message: "not JSON" }]);
        }
        const r = schema.safeParse(value);
        if (!r.success) throw new AppError("VALIDATION_FAILED", [{ path: field, message: "invalid" }]);
        return r.data;
      };
      ledger.mapping = parseJson(req.query.mapping, ZLedgerMappingJson, "mapping");
      ledger.values = parseJson(req.query.values, ZLedgerValuesJson, "values");
      const mode: UsersMode = actor.roles.includes("security_admin") ? "roles" : "accounts";
      const file = await readImportFile(req);
      try {
        const result = await runImport(db, file.data, file.name, {
          kind,
          mode,
          apply: req.query.apply === "true",
          skipInvalid: req.query.skipInvalid === "true",
          actor: { id: actor.id, role: actor.roles.join(","), ip: req.ip },
          now: app.deps.now(),
          ledger,
          keyRing: app.deps.keyRing,
          collectiveThreshold: app.deps.config.collectiveThreshold,
        });
        return result;
      } catch (err) {
        if (err instanceof ImportRefused) throw new AppError("IMPORT_INVALID", err.result);
        if (err instanceof TableError)
          throw new AppError("IMPORT_FILE_UNREADABLE", { zh: err.zh, en: err.en });
        throw err;
      }
    },
  );

  app.post(
    "/imports/ledger/mapping",
    {
      schema: {
        tags: ["admin"],
        summary:
          "台账的列对应：表头、对应关系和前几行（只读文件开头） The ledger's mapping step, from the file's head only",
        response: { 200: ZLedgerMappingStep, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, "system_admin");
      const file = await readImportFile(req);
      try {
        const head = await previewLedgerMapping(db, file.data, file.name, { yes: false }, 5);
        return { file: { name: file.name, sheet: head.sheet }, ...head.info, sample: head.sample };
      } catch (err) {
        if (err instanceof TableError)
          throw new AppError("IMPORT_FILE_UNREADABLE", { zh: err.zh, en: err.en });
        throw err;
      }
    },
  );

  app.post(
    "/imports/ledger/report",
    {
      // A 100,000-row ledger's result (every row's outcome) is tens of megabytes of JSON.
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ["admin"],
        summary: "台账导入报告（.xlsx） The ledger import's report as a spreadsheet",
        body: ZImportResult,
      },
    },
    async (req, reply) => {
      requireRole(req, "system_admin");
      const name = "台账导入报告.xlsx";
      return reply
        .header("content-type", XLSX)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await buildLedgerReport(req.body));
    },
  );
};
