import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZAuditEntry, ZAuditQuery } from "../../../domain/schemas/admin.ts";
import { ZErrorResponse } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { sealAudit, verifyAudit } from "../../audit/seal-audit.ts";
import { SqlParams } from "../../db/sql.ts";
import { requireRole } from "../../plugins/auth.ts";

interface Row {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  detail: Record<string, unknown>;
  chain_pos: string | null;
}

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 403: ZErrorResponse };

/** The audit log, for the audit administrator only; reading it is itself recorded. */
export const auditRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/",
    {
      schema: {
        tags: ["audit"],
        summary: "审计日志（审计管理员） Audit log",
        querystring: ZAuditQuery,
        response: { 200: z.object({ items: z.array(ZAuditEntry), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, "audit_admin");
      const f = req.query;
      const p = new SqlParams();
      const where = ["true"];
      if (f.action) where.push(`action = ${p.add(f.action)}`);
      if (f.actorId) where.push(`actor_id = ${p.add(f.actorId)}`);
      if (f.objectId) where.push(`object_id = ${p.add(f.objectId)}`);
      const w = where.join(" AND ");
      const total = (
        await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${w}`, p.values)
      ).rows[0]!.n;
      // Order by the table's bigint id: a bare "id" would name the text column of the select list.
      const { rows } = await db.query<Row>(
        `SELECT id::text AS id, at, actor_id, actor_role, ip, action, object_type, object_id, detail, chain_pos::text
           FROM audit_log WHERE ${w} ORDER BY audit_log.id DESC LIMIT ${p.add(f.pageSize)} OFFSET ${p.add((f.page - 1) * f.pageSize)}`,
        p.values,
      );
      await recordAudit(db, {
        actorId: actor.id,
        actorRole: "audit_admin",
        ip: req.ip,
        action: "audit_read",
        detail: { filter: f },
      });
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorId: r.actor_id,
          actorRole: r.actor_role,
          ip: r.ip,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          detail: r.detail,
          chainPos: r.chain_pos,
        })),
      };
    },
  );

  app.post(
    "/verify",
    {
      schema: {
        tags: ["audit"],
        summary: "校验审计日志哈希链（审计管理员） Verify the hash chain",
        response: {
          200: z.object({
            ok: z.boolean(),
            sealed: z.number(),
            unsealed: z.number().optional(),
            headHash: z.string().optional(),
            badPosition: z.string().optional(),
            reason: z.string().optional(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireRole(req, "audit_admin");
      await sealAudit(db);
      const result = await verifyAudit(db);
      await recordAudit(db, {
        actorId: actor.id,
        actorRole: "audit_admin",
        ip: req.ip,
        action: "audit_verify",
        detail: { ok: result.ok },
      });
      return result;
    },
  );
};
