import type { CaseStatus } from "../../domain/workflow/statuses.ts";
import type { CaseAction } from "../../domain/workflow/transitions.ts";
import { TRANSITIONS } from "../../domain/workflow/transitions.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import { hasRole } from "../auth/actor.ts";
import { type ClockContext, startClocks, stopClocks } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { findVisibleCase } from "../queries/cases.ts";

export interface TransitionInput {
  note?: string | null;
  detail?: Record<string, unknown>;
  /** Extra column writes that belong to this step (e.g. decline reason), done under the same lock. */
  columns?: Record<string, unknown>;
  ip: string | null;
  now: Date;
  clocks: ClockContext;
}

const WRITABLE_COLUMNS = new Set(["decline_reason", "forwarded_to"]);

/**
 * Applies one row of the transition table: locks the case row (404 if the actor may not read it),
 * checks role (403) and current status (409), then writes the new status, its event and an audit
 * row in the caller's transaction. Two people acting at once: the second waits for the lock, then
 * finds the status changed and gets 409.
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
  const t = TRANSITIONS[action];
  if (!hasRole(actor, ...t.roles)) throw new AppError("FORBIDDEN");
  if (!t.from.includes(row.status)) {
    throw new AppError("CASE_INVALID_TRANSITION", { action, status: row.status });
  }
  const sets = ["status = $2", "version = version + 1", "updated_at = $3"];
  const params: unknown[] = [row.id, t.to, input.now];
  for (const [column, value] of Object.entries(input.columns ?? {})) {
    if (!WRITABLE_COLUMNS.has(column)) throw new Error(`column ${column} is not writable by a transition`);
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  await tx.query(`UPDATE cases SET ${sets.join(", ")} WHERE id = $1`, params);
  await stopClocks(tx, row.id, t.clocks.stop, input.now);
  if (t.clocks.start) await startClocks(tx, input.clocks, row.id, t.clocks.start, input.now, row.severity);
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: actor.id,
    actorLabel: actor.displayName,
    action,
    fromStatus: row.status,
    toStatus: t.to,
    note: input.note ?? null,
    detail: input.detail,
    at: input.now,
  });
  await recordAudit(tx, {
    actorId: actor.id,
    actorRole: actor.roles.join(","),
    ip: input.ip,
    action: `case_${action}`,
    objectType: "case",
    objectId: row.id,
    detail: { caseNumber: row.case_number, from: row.status, to: t.to },
  });
  return { from: row.status, to: t.to };
}
