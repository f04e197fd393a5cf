import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AUDIT_ROLES } from "../../../domain/audit/access.ts";
import { auditFieldsText, describeAuditDetail } from "../../../domain/audit/describe.ts";
import { CHANNEL_ZH, STATUS_ZH } from "../../../domain/metrics/labels.ts";
import {
  type TAuditFilter,
  type TAuditVerification,
  ZAuditFilter,
  ZAuditList,
  ZAuditQuery,
  ZAuditVerification,
} from "../../../domain/schemas/admin.ts";
import { ZErrorResponse } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { sealAudit } from "../../audit/seal-audit.ts";
import { verifyAuditWithAnchors } from "../../audit/verification.ts";
import { requireRole } from "../../plugins/auth.ts";
import { auditJsonLines, loadAuditExport, writeAuditXlsx } from "./export.ts";
import { countAuditRows, loadAuditPage, presentAuditRow } from "./query.ts";

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 403: ZErrorResponse };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** `20260302-100000`: the Shanghai moment a file was made, for its name. */
function stamp(d: Date): string {
  const s = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai",
    dateStyle: "short",
    timeStyle: "medium",
  }).format(d);
  return s.replace(/[-:]/g, "").replace(" ", "-");
}

/** Only the filter's own keys: what the row says was asked for, nothing the schema defaulted. */
function filterOf(q: TAuditFilter): TAuditFilter {
  const { action, actorId, actor, objectType, objectId, caseNumber, from, to, outcome } = q;
  const f: TAuditFilter = { action, actorId, actor, objectType, objectId, caseNumber, from, to, outcome };
  for (const k of Object.keys(f) as (keyof TAuditFilter)[]) if (f[k] === undefined) delete f[k];
  return f;
}

/**
 * The audit log, for the audit administrator only (三员分立): the rows with filters, the chain's
 * verification, and downloads. Reading, verifying and exporting are each recorded in the log too.
 */
export const auditRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;

  app.get(
    "/",
    {
      schema: {
        tags: ["audit"],
        summary: "审计日志（审计管理员） Audit log, newest first",
        querystring: ZAuditQuery,
        response: { 200: ZAuditList, ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...AUDIT_ROLES);
      const { page, pageSize } = req.query;
      const filter = filterOf(req.query);
      const total = await countAuditRows(db, filter);
      const rows = await loadAuditPage(db, filter, page, pageSize);
      await recordAudit(db, {
        actorId: actor.id,
        actorRole: "audit_admin",
        ip: req.ip,
        action: "audit_read",
        detail: { filter: { ...filter, page, pageSize } },
      });
      return { total, items: rows.map(presentAuditRow) };
    },
  );

  app.post(
    "/verify",
    {
      schema: {
        tags: ["audit"],
        summary: "校验审计日志哈希链及外部锚点（审计管理员） Seal, then verify the chain and its anchors",
        response: { 200: ZAuditVerification, ...errors },
      },
    },
    async (req): Promise<TAuditVerification> => {
      const actor = requireRole(req, ...AUDIT_ROLES);
      const v = await verifyAuditWithAnchors(db, config.auditAnchorFile);
      const anchors = {
        ok: v.anchors.ok,
        count: v.anchors.anchors,
        badPosition: v.anchors.ok ? null : v.anchors.seq,
        reason: v.anchors.ok ? null : v.anchors.reason,
        last: v.lastAnchor
          ? { position: v.lastAnchor.seq, hash: v.lastAnchor.hash, at: v.lastAnchor.at }
          : null,
      };
      const result: TAuditVerification = {
        ...v.chain,
        ok: v.chain.ok && v.anchors.ok,
        headPosition: v.headPosition,
        anchors,
        checkedAt: app.deps.now().toISOString(),
      };
      await recordAudit(db, {
        actorId: actor.id,
        actorRole: "audit_admin",
        ip: req.ip,
        action: "audit_verify",
        objectType: "audit_log",
        detail: {
          ok: result.ok,
          sealed: result.sealed,
          ...(v.chain.ok
            ? { headPosition: v.headPosition, headHash: v.chain.headHash }
            : { badPosition: v.chain.badPosition, reason: v.chain.reason }),
          anchors: anchors.count,
          anchorsOk: anchors.ok,
          ...(anchors.ok ? {} : { anchorPosition: anchors.badPosition, anchorReason: anchors.reason }),
        },
      });
      return result;
    },
  );

  for (const format of ["xlsx", "jsonl"] as const) {
    app.get(
      `/export.${format}`,
      {
        schema: {
          tags: ["audit"],
          summary:
            format === "xlsx"
              ? "导出审计日志（Excel，中文） The filtered log as a workbook"
              : "导出审计日志（JSON Lines，与 xinfang audit export 同格式） The filtered log, each line checkable against its hash",
          querystring: ZAuditFilter,
        },
      },
      async (req, reply) => {
        const actor = requireRole(req, ...AUDIT_ROLES);
        const filter = filterOf(req.query);
        // Like the CLI: chain what is waiting, so the file holds every row written until now.
        await sealAudit(db);
        const rows = await loadAuditExport(db, filter);
        const body =
          format === "xlsx"
            ? await writeAuditXlsx(
                rows,
                auditFieldsText(describeAuditDetail("audit_export", filter).fields, "zh", {
                  status: (c) => STATUS_ZH[c as keyof typeof STATUS_ZH] ?? c,
                  channel: (c) => CHANNEL_ZH[c as keyof typeof CHANNEL_ZH] ?? c,
                }),
              )
            : auditJsonLines(rows);
        // The log leaving the system is itself on the record.
        await recordAudit(db, {
          actorId: actor.id,
          actorRole: "audit_admin",
          ip: req.ip,
          action: "audit_export",
          objectType: "audit_log",
          detail: { format, filter, rows: rows.length, lastHash: rows.at(-1)?.hash ?? null },
        });
        return reply
          .header("content-type", format === "xlsx" ? XLSX : "application/x-ndjson; charset=utf-8")
          .header("content-disposition", attachment(`审计日志-${stamp(app.deps.now())}.${format}`))
          .send(body);
      },
    );
  }
};
