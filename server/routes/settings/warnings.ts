import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { COUNTY_WIDE_ROLES } from "../../../domain/auth/roles.ts";
import { STANDARD_ERRORS, zText } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { requireActor, requireRole } from "../../plugins/auth.ts";
import { writeSettings } from "../../settings/store.ts";

const WINDOW = "warning.repeat_window_days";
const WORDS = "warning.safety_words";

export const ZWarningSettings = z.object({
  /** How far back an earlier case of the same person makes a "repeated" warning. */
  repeatWindowDays: z.number().int().min(1).max(3660),
  /** Words in a title or content that signal a risk to someone's life or safety. */
  safetyWords: z
    .array(zText(1, 20))
    .max(200)
    .refine((ws) => new Set(ws).size === ws.length, { message: "a word is listed twice" }),
});

export const ZAttachmentLimits = z.object({ maxBytes: z.number(), types: z.array(z.string()) });

/**
 * The early-warning settings (预警提示, read by GET /api/cases/:id/warnings) and, for forms, the
 * attachment limits the upload route enforces.
 */
export const warningSettingsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;

  const read = async () => {
    const { rows } = await db.query<{ key: string; value: unknown }>(
      "SELECT key, value FROM settings WHERE key IN ($1, $2)",
      [WINDOW, WORDS],
    );
    const value = (key: string) => rows.find((r) => r.key === key)?.value;
    const days = value(WINDOW);
    const words = value(WORDS);
    return {
      repeatWindowDays: Number.isInteger(days) ? (days as number) : 30,
      safetyWords: Array.isArray(words) ? words.filter((w): w is string => typeof w === "string") : [],
    };
  };

  app.get(
    "/warnings",
    {
      schema: {
        tags: ["settings"],
        summary: "预警提示设置 Early-warning settings",
        response: { 200: ZWarningSettings, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireRole(req, ...COUNTY_WIDE_ROLES, "system_admin");
      return read();
    },
  );

  app.put(
    "/warnings",
    {
      schema: {
        tags: ["settings"],
        summary: "修改预警提示设置（系统管理员） Set the early-warning settings",
        body: ZWarningSettings,
        response: { 200: ZWarningSettings, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, "system_admin");
      const before = await read();
      await db.transaction(async (tx) => {
        await writeSettings(
          tx,
          [
            [WINDOW, req.body.repeatWindowDays],
            [WORDS, req.body.safetyWords],
          ],
          app.deps.now(),
        );
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "settings_warnings",
          objectType: "setting",
          objectId: "warning",
          detail: { from: before, to: req.body },
        });
      });
      return read();
    },
  );

  app.get(
    "/attachments",
    {
      schema: {
        tags: ["settings"],
        summary: "附件限制 The largest attachment and the types accepted",
        response: { 200: ZAttachmentLimits, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      requireActor(req);
      return { maxBytes: config.attachmentMaxBytes, types: config.attachmentTypes };
    },
  );
};
