import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import { earlyWarnings } from "../../../domain/warnings/early-warning.ts";
import { SqlParams } from "../../db/sql.ts";
import { requireActor } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { visibleCasesCondition } from "../../policies/case-policy.ts";
import { findVisibleCase } from "../../queries/cases.ts";

const ZWarning = z.object({
  code: z.enum(["collective", "repeated", "level_skipping", "safety"]),
  zh: z.string(),
  en: z.string(),
});

/**
 * Early-warning suggestions for one case: collective, repeated by the same person within the
 * window, level-skipping, safety words in the text. Computed on demand from the case and the
 * cases the user may read; nothing is stored and nothing is decided.
 */
export const caseWarningRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;

  app.get(
    "/:id/warnings",
    {
      schema: {
        tags: ["cases"],
        summary: "预警提示 Early-warning suggestions for a case",
        params: z.object({ id: zUuid }),
        response: { 200: z.object({ items: z.array(ZWarning) }), ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const row = await findVisibleCase(db, actor, req.params.id);
      if (!row) throw new AppError("CASE_NOT_FOUND");
      const settings = await db.query<{ key: string; value: unknown }>(
        "SELECT key, value FROM settings WHERE key IN ('warning.repeat_window_days', 'warning.safety_words')",
      );
      const setting = (key: string) => settings.rows.find((s) => s.key === key)?.value;
      const windowDays = Number.isInteger(setting("warning.repeat_window_days"))
        ? (setting("warning.repeat_window_days") as number)
        : 30;
      const words = setting("warning.safety_words");
      const safetyWords = Array.isArray(words) ? words.filter((w): w is string => typeof w === "string") : [];
      // Earlier cases of the same person (same ID or phone, by blind index) that this user may read.
      const p = new SqlParams();
      const id = p.add(row.id);
      const at = p.add(row.received_at);
      const days = p.add(windowDays);
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(DISTINCT c.id)::int AS n FROM cases c JOIN case_petitioners op ON op.case_id = c.id
          WHERE c.id <> ${id} AND c.received_at <= ${at}::timestamptz
            AND c.received_at >= ${at}::timestamptz - make_interval(days => ${days}::int)
            AND EXISTS (SELECT 1 FROM case_petitioners mine WHERE mine.case_id = ${id}
                  AND ((mine.id_number_bidx IS NOT NULL AND mine.id_number_bidx = op.id_number_bidx)
                    OR (mine.phone_bidx IS NOT NULL AND mine.phone_bidx = op.phone_bidx)))
            AND ${visibleCasesCondition(actor, p)}`,
        p.values,
      );
      return {
        items: earlyWarnings({
          headcount: row.headcount,
          collectiveThreshold: config.collectiveThreshold,
          destinationLevel: row.destination_level,
          recentSamePerson: rows[0]!.n,
          repeatWindowDays: windowDays,
          text: `${row.title}\n${row.content}`,
          safetyWords,
        }),
      };
    },
  );
};
