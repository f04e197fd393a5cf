import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import type { CaseStatus } from "../../domain/workflow/statuses.ts";
import { PETITIONER_STEPS } from "../../domain/workflow/transitions.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { stopClocks } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { appealBodyOf } from "../documents/answering-body.ts";
import { AppError } from "../plugins/errors.ts";

export interface AppealInput {
  caseId: string;
  step: "request_review" | "request_reexam";
  reason: string;
  ip: string | null;
  now: Date;
  /** The rule pack's name for a superior outside the county's system (上一级人民政府). */
  outsideSuperior: string;
}

/**
 * The petitioner asks for review (复查) of the answer, or for reexamination (复核) of the review,
 * within the window they were told (30 days nationally). Row lock, status and window check, then
 * the status, an event by 信访人 and an audit row together. The request goes to the superior of the
 * body that answered (复查) or of the reviewer (复核), recorded on the case (`appeal_unit_id`, or only
 * `appeal_body_name` for a body outside the system, to which the bureau then refers it).
 */
export async function requestAppeal(tx: Queryable, input: AppealInput): Promise<void> {
  const { rows } = await tx.query<{
    status: CaseStatus;
    case_number: string;
    review_until: string | null;
    reexam_until: string | null;
  }>(
    `SELECT status, case_number, to_char(review_request_until, 'YYYY-MM-DD') AS review_until,
            to_char(reexam_request_until, 'YYYY-MM-DD') AS reexam_until
       FROM cases WHERE id = $1 FOR UPDATE`,
    [input.caseId],
  );
  const row = rows[0];
  const rule = PETITIONER_STEPS[input.step];
  if (!row || !(rule.from as readonly CaseStatus[]).includes(row.status))
    throw new AppError("APPEAL_NOT_OPEN");
  const until = input.step === "request_review" ? row.review_until : row.reexam_until;
  if (!until || toShanghaiDate(input.now) > until) throw new AppError("APPEAL_NOT_OPEN", { until });
  const body = await appealBodyOf(
    tx,
    input.caseId,
    input.step === "request_review" ? "review" : "reexam",
    input.outsideSuperior,
  );
  await tx.query(
    `UPDATE cases SET status = $2, appeal_reason = $3, version = version + 1, updated_at = $4,
            appeal_unit_id = $5, appeal_body_name = $6, appeal_referred_at = NULL WHERE id = $1`,
    [input.caseId, rule.to, input.reason, input.now, body.unitId, body.name],
  );
  await stopClocks(tx, input.caseId, ["evaluationWindow"], input.now);
  await appendCaseEvent(tx, {
    caseId: input.caseId,
    actorId: null,
    actorLabel: "信访人",
    action: input.step,
    fromStatus: row.status,
    toStatus: rule.to,
    note: input.reason,
    detail: { to: body.name, inSystem: body.unitId !== null },
    at: input.now,
  });
  await recordAudit(tx, {
    actorRole: "public",
    ip: input.ip,
    action: `case_${input.step}`,
    objectType: "case",
    objectId: input.caseId,
    detail: { caseNumber: row.case_number, to: body.name },
  });
}
