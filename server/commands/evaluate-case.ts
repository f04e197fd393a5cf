import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { stopClocks } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";

type Rating = "satisfied" | "basically_satisfied" | "dissatisfied";

export interface EvaluateInput {
  caseId: string;
  bureauRating: Rating;
  unitRating: Rating;
  comment: string | null;
  ip: string | null;
  now: Date;
}

/**
 * The petitioner rates the answer: only a replied case, once, within the evaluation window. The
 * same pattern as every status change — row lock, status check, event and audit row together.
 */
export async function evaluateCase(tx: Queryable, input: EvaluateInput): Promise<void> {
  const { rows } = await tx.query<{ status: string; case_number: string; window_due: string | null }>(
    `SELECT c.status, c.case_number,
            (SELECT to_char(k.due_on, 'YYYY-MM-DD') FROM case_clocks k
              WHERE k.case_id = c.id AND k.clock = 'statutory' AND k.step = 'evaluationWindow') AS window_due
       FROM cases c WHERE c.id = $1 FOR UPDATE OF c`,
    [input.caseId],
  );
  const row = rows[0];
  if (row?.status !== "replied") throw new AppError("EVALUATION_NOT_OPEN");
  if (row.window_due && toShanghaiDate(input.now) > row.window_due) throw new AppError("EVALUATION_NOT_OPEN");
  await tx.query(
    `UPDATE cases SET status = 'evaluated', bureau_rating = $2, unit_rating = $3, rating_comment = $4, rated_at = $5,
            version = version + 1, updated_at = $5 WHERE id = $1`,
    [input.caseId, input.bureauRating, input.unitRating, input.comment, input.now],
  );
  await stopClocks(tx, input.caseId, ["evaluationWindow"], input.now);
  await appendCaseEvent(tx, {
    caseId: input.caseId,
    actorId: null,
    actorLabel: "信访人",
    action: "evaluate",
    fromStatus: "replied",
    toStatus: "evaluated",
    note: input.comment,
    detail: { bureauRating: input.bureauRating, unitRating: input.unitRating },
    at: input.now,
  });
  await recordAudit(tx, {
    actorRole: "public",
    ip: input.ip,
    action: "case_evaluate",
    objectType: "case",
    objectId: input.caseId,
    detail: { caseNumber: row.case_number, bureauRating: input.bureauRating, unitRating: input.unitRating },
  });
}
