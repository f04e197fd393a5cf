import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { COUNTY_WIDE_ROLES } from "../../../domain/auth/roles.ts";
import {
  TEMPLATE_KIND_NAMES,
  TEMPLATE_KINDS,
  type TemplateKind,
  unknownPlaceholders,
} from "../../../domain/documents/templates.ts";
import { STANDARD_ERRORS } from "../../../domain/schemas/common.ts";
import {
  APPROVAL_CHAIN_SETTING,
  approvalChainFrom,
  ZApprovalChain,
} from "../../../domain/workflow/approval-chain.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { loadTemplate } from "../../documents/issue.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { writeSettings } from "../../settings/store.ts";
import { calendarSettingsRoutes } from "./calendar.ts";
import { warningSettingsRoutes } from "./warnings.ts";

/**
 * The bureau's workflow settings. The approval chain (签批) is configuration: the system
 * administrator sets it; the bureau and its leaders read it to know who signs next.
 */
export const settingsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  await app.register(calendarSettingsRoutes);
  await app.register(warningSettingsRoutes);

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
        await writeSettings(tx, [[APPROVAL_CHAIN_SETTING, req.body]], app.deps.now());
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

  const ZTemplate = z.object({
    kind: z.enum(TEMPLATE_KIND_NAMES),
    title: z.string(),
    body: z.string(),
    custom: z.boolean(),
    placeholders: z.array(z.string()),
  });
  const present = async (kind: TemplateKind) => ({
    kind,
    ...(await loadTemplate(db, kind)),
    placeholders: [...TEMPLATE_KINDS[kind].placeholders],
  });

  app.get(
    "/templates",
    {
      schema: {
        tags: ["settings"],
        summary: "文书模板 Document templates (the bureau's own, or the default)",
        response: { 200: z.object({ items: z.array(ZTemplate) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...COUNTY_WIDE_ROLES, "system_admin");
      const items = [];
      for (const kind of TEMPLATE_KIND_NAMES) items.push(await present(kind));
      return { items };
    },
  );

  app.put(
    "/templates/:kind",
    {
      schema: {
        tags: ["settings"],
        summary: "修改文书模板（系统管理员） Edit a document template",
        params: z.object({ kind: z.enum(TEMPLATE_KIND_NAMES) }),
        body: z.object({
          title: z.string().trim().min(1).max(60),
          body: z.string().trim().min(1).max(20000),
        }),
        response: { 200: ZTemplate, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      const { kind } = req.params;
      const unknown = unknownPlaceholders(kind, req.body.body);
      if (unknown.length > 0) {
        throw new AppError("DOCUMENT_TEMPLATE_INVALID", {
          unknown,
          allowed: TEMPLATE_KINDS[kind].placeholders,
        });
      }
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO document_templates (kind, title, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (kind) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
             updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
          [kind, req.body.title, req.body.body, app.deps.now(), actor.id],
        );
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "settings_template",
          objectType: "document_template",
          objectId: kind,
          detail: { title: req.body.title },
        });
      });
      return present(kind);
    },
  );

  app.delete(
    "/templates/:kind",
    {
      schema: {
        tags: ["settings"],
        summary: "恢复默认文书模板（系统管理员） Reset a template to the default",
        params: z.object({ kind: z.enum(TEMPLATE_KIND_NAMES) }),
        response: { 200: ZTemplate, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      await db.transaction(async (tx) => {
        await tx.query("DELETE FROM document_templates WHERE kind = $1", [req.params.kind]);
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "settings_template_reset",
          objectType: "document_template",
          objectId: req.params.kind,
        });
      });
      return present(req.params.kind);
    },
  );
};
