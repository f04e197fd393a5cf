import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { COUNTY_WIDE_ROLES } from "../../../domain/auth/roles.ts";
import { STANDARD_ERRORS } from "../../../domain/schemas/common.ts";
import {
  APPROVAL_CHAIN_SETTING,
  approvalChainFrom,
  ZApprovalChain,
} from "../../../domain/workflow/approval-chain.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { requireRole } from "../../plugins/auth.ts";

/**
 * The bureau's workflow settings. The approval chain (签批) is configuration: the system
 * administrator sets it; the bureau and its leaders read it to know who signs next.
 */
export const settingsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/approval-chain",
    {
      schema: {
        tags: ["settings"],
        summary: "签批流程 The approval chain by case severity",
        response: { 200: ZApprovalChain, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...COUNTY_WIDE_ROLES, "system_admin");
      const { rows } = await db.query<{ value: unknown }>("SELECT value FROM settings WHERE key = $1", [
        APPROVAL_CHAIN_SETTING,
      ]);
      return approvalChainFrom(rows[0]?.value);
    },
  );

  app.put(
    "/approval-chain",
    {
      schema: {
        tags: ["settings"],
        summary: "设置签批流程（系统管理员） Set the approval chain",
        body: ZApprovalChain,
        response: { 200: ZApprovalChain, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      await db.transaction(async (tx) => {
        const before = await tx.query<{ value: unknown }>(
          "SELECT value FROM settings WHERE key = $1 FOR UPDATE",
          [APPROVAL_CHAIN_SETTING],
        );
        await tx.query(
          `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
          [APPROVAL_CHAIN_SETTING, JSON.stringify(req.body), app.deps.now()],
        );
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "settings_approval_chain",
          objectType: "setting",
          objectId: APPROVAL_CHAIN_SETTING,
          detail: { from: before.rows[0]?.value ?? null, to: req.body },
        });
      });
      // Drafts already awaiting signature keep the chain they were drafted with.
      return req.body;
    },
  );
};
