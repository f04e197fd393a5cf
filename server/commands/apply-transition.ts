import type { CaseStatus } from "../../domain/workflow/statuses.ts";
import type { CaseAction } from "../../domain/workflow/transitions.ts";
import { transitionTable, workflowRulesOf } from "../../domain/workflow/transitions.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import { hasRole } from "../auth/actor.ts";
import { type ClockContext, startClocks, stopClocks } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { actsForAppealBody } from "../policies/case-policy.ts";
import { type CaseRow, findVisibleCase } from "../queries/cases.ts";

/** What a step's own logic adds to the generic transition, decided with the case row locked. */
export interface StepDecision {
  /** One of the transition's `alsoTo` statuses instead of its `to`. */
  to?: CaseStatus;
  columns?: Record<string, unknown>;
  detail?: Record<string, unknown>;
  /** Writes that belong to the step (sign-off rows, assignments), run after the status write. */
  after?: (tx: Queryable) => Promise<void>;
}

export interface TransitionInput {
  note?: string | null;
  ip: string | null;
  now: Date;
  clocks: ClockContext;
  decide?: (tx: Queryable, row: CaseRow) => Promise<StepDecision>;
}

const WRITABLE_COLUMNS = new Set([
  "decline_reason",
  "forwarded_to",
  "draft_opinion",
  "severity",
  "reply_opinion",
  "reply_text",
  "reply_legal_basis",
  "replied_at",
  "review_request_until",
  "review_opinion",
  "review_text",
  "reviewed_at",
  "reexam_request_until",
  "reexam_opinion",
  "reexam_text",
  "reexamined_at",
  "merged_into_id",
  "is_first_petition",
  "simplified",
]);

/**
 * Applies one row of the transition table: locks the case row (404 if the actor may not read it),
 * checks role and unit (403) and current status (409), lets the step decide its own details, then
 * writes the new status, its event and an audit row in the caller's transaction. Two people acting
 * at once: the second waits for the lock, then finds the status changed and gets 409.
 */
export async function applyTransition(
  tx: Queryable,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  input: TransitionInput,
): Promise<{ from: CaseStatus; to: CaseStatus }> {
  const row = await findVisibleCase(tx, actor, caseId, true);
  if (!row) throw new AppError("CASE_NOT_FOUND");
  // The table as the county's rule pack shapes it (whether the bureau vets the lead unit's answer).
  const t = transitionTable(workflowRulesOf(input.clocks.pack))[action];
  if (!hasRole(actor, ...t.roles)) throw new AppError("FORBIDDEN");
  if (t.unit === "lead" && row.lead_unit_id !== actor.unitId) throw new AppError("FORBIDDEN");
  if (t.unit === "appeal" && !actsForAppealBody(actor, row.appeal_body)) throw new AppError("FORBIDDEN");
  if (!t.from.includes(row.status)) {
    throw new AppError("CASE_INVALID_TRANSITION", { action, status: row.status });
  }
  const decision = input.decide ? await input.decide(tx, row) : {};
  const to = decision.to ?? t.to;
  if (to !== t.to && !t.alsoTo?.includes(to)) throw new Error(`${action} may not lead to ${to}`);

  const sets = ["status = $2", "version = version + 1", "updated_at = $3"];
  const params: unknown[] = [row.id, to, input.now];
  for (const [column, value] of Object.entries(decision.columns ?? {})) {
    if (!WRITABLE_COLUMNS.has(column)) throw new Error(`column ${column} is not writable by a transition`);
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  await tx.query(`UPDATE cases SET ${sets.join(", ")} WHERE id = $1`, params);
  await decision.after?.(tx);
  await stopClocks(tx, row.id, t.clocks.stop, input.now);
  if (t.clocks.start) {
    const severity = (decision.columns?.severity as CaseRow["severity"] | undefined) ?? row.severity;
    await startClocks(tx, input.clocks, row.id, t.clocks.start, input.now, severity);
  }
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: actor.id,
    actorLabel: actor.displayName,
    action,
    fromStatus: row.status,
    toStatus: to,
    note: input.note ?? null,
    detail: decision.detail,
    at: input.now,
  });
  await recordAudit(tx, {
    actorId: actor.id,
    actorRole: actor.roles.join(","),
    ip: input.ip,
    action: `case_${action}`,
    objectType: "case",
    objectId: row.id,
    detail: { caseNumber: row.case_number, from: row.status, to },
  });
  return { from: row.status, to };
}
