import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { toShanghaiDate } from "../../../domain/calendar/working-days.ts";
import { STANDARD_ERRORS, zIsoDate, zText, zUuid } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { hasRole } from "../../auth/actor.ts";
import { stopClocks } from "../../cases/clocks.ts";
import { appendCaseEvent } from "../../cases/events.ts";
import { requireActor } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { findVisibleCase } from "../../queries/cases.ts";

/**
 * 复查/复核 outside the county's system (条例 第三十五条、第三十六条): when the body a request goes to
 * is not in the network (the county government's own superior, or a unit whose superior is outside),
 * the bureau office sends the request and the file there and records it — the date, the documents
 * sent and the body. The case then leaves this system: it is closed and every clock stops, since no
 * clock can honestly run for a body the system does not hold.
 */
export const caseAppealReferralRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.post(
    "/:id/refer-appeal",
    {
      schema: {
        tags: ["cases"],
        summary: "复查复核申请转交系统外机关（登记日期与所送材料） Refer a review request outside the system",
        params: z.object({ id: zUuid }),
        body: z.object({
          sentOn: zIsoDate,
          documents: z.array(zText(1, 200)).min(1).max(30),
          note: zText(1, 2000).optional(),
        }),
        response: {
          200: z.object({ status: z.literal("closed"), referredTo: z.string(), sentOn: z.string() }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const now = app.deps.now();
      const { sentOn, documents, note } = req.body;
      return db.transaction(async (tx) => {
        const row = await findVisibleCase(tx, actor, req.params.id, true);
        if (!row) throw new AppError("CASE_NOT_FOUND");
        if (!hasRole(actor, "bureau_office")) throw new AppError("FORBIDDEN");
        if (row.status !== "review_requested" && row.status !== "reexam_requested")
          throw new AppError("CASE_INVALID_TRANSITION", { action: "refer_appeal", status: row.status });
        const to = (
          await tx.query<{
            appeal_unit_id: string | null;
            appeal_body_name: string | null;
            requested: string;
          }>(
            `SELECT appeal_unit_id, appeal_body_name,
                    (SELECT to_char(max(at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') FROM case_events
                      WHERE case_id = $1 AND action IN ('request_review', 'request_reexam')) AS requested
               FROM cases WHERE id = $1`,
            [row.id],
          )
        ).rows[0]!;
        if (to.appeal_unit_id !== null || to.appeal_body_name === null)
          throw new AppError("APPEAL_NOT_OUTSIDE");
        if (sentOn > toShanghaiDate(now) || sentOn < to.requested)
          throw new AppError("VALIDATION_FAILED", [
            { path: "sentOn", message: "the day sent lies between the request and today" },
          ]);
        await tx.query(
          `UPDATE cases SET status = 'closed', appeal_referred_at = $2, version = version + 1, updated_at = $2
            WHERE id = $1`,
          [row.id, now],
        );
        await stopClocks(tx, row.id, "all", now);
        const detail = { to: to.appeal_body_name, sentOn, documents };
        await appendCaseEvent(tx, {
          caseId: row.id,
          actorId: actor.id,
          actorLabel: actor.displayName,
          action: "appeal_referred",
          fromStatus: row.status,
          toStatus: "closed",
          note: note ?? null,
          detail,
          at: now,
        });
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: actor.roles.join(","),
          ip: req.ip,
          action: "case_appeal_referred",
          objectType: "case",
          objectId: row.id,
          detail: { caseNumber: row.case_number, from: row.status, ...detail },
        });
        return { status: "closed" as const, referredTo: to.appeal_body_name, sentOn };
      });
    },
  );
};
