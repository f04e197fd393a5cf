import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import { stopClocks } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";

type Rating = "satisfied" | "basically_satisfied" | "dissatisfied";

/** How a rating reached the bureau: the petitioner on the portal, or told to staff. */
export type RatingChannel = "portal" | "phone" | "visit" | "letter";

export interface EvaluateInput {
  caseId: string;
  bureauRating: Rating;
  unitRating: Rating;
  comment: string | null;
  ip: string | null;
  now: Date;
  /** Staff recording what the petitioner said (回访): who, and by which channel. Absent = the portal. */
  recordedBy?: { actor: Actor; channel: Exclude<RatingChannel, "portal"> };
}

/**
 * The petitioner rates the answer: only a replied case, once, within the evaluation window — on
 * the portal, or told to staff during a follow-up call and recorded by them (counted the same way
 * in 参评率 and 满意率, with the channel and the recorder kept). The same pattern as every status
 * change — row lock, status check, event and audit row together.
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
  const staff = input.recordedBy;
  const channel: RatingChannel = staff?.channel ?? "portal";
  await tx.query(
    `UPDATE cases SET status = 'evaluated', bureau_rating = $2, unit_rating = $3, rating_comment = $4, rated_at = $5,
            rating_channel = $6, rating_recorded_by = $7, version = version + 1, updated_at = $5 WHERE id = $1`,
    [
      input.caseId,
      input.bureauRating,
      input.unitRating,
      input.comment,
      input.now,
      channel,
      staff?.actor.id ?? null,
    ],
  );
  await stopClocks(tx, input.caseId, ["evaluationWindow"], input.now);
  await appendCaseEvent(tx, {
    caseId: input.caseId,
    actorId: staff?.actor.id ?? null,
    actorLabel: staff ? staff.actor.displayName : "信访人",
    action: "evaluate",
    fromStatus: "replied",
    toStatus: "evaluated",
    note: input.comment,
    detail: { bureauRating: input.bureauRating, unitRating: input.unitRating, channel },
    at: input.now,
  });
  await recordAudit(tx, {
    ...(staff
      ? { actorId: staff.actor.id, actorRole: staff.actor.roles.join(",") }
      : { actorRole: "public" }),
    ip: input.ip,
    action: staff ? "case_rating_recorded" : "case_evaluate",
    objectType: "case",
    objectId: input.caseId,
    detail: {
      caseNumber: row.case_number,
      bureauRating: input.bureauRating,
      unitRating: input.unitRating,
      channel,
    },
  });
}
