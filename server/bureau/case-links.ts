import type { Actor } from "../auth/actor.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { type CaseRow, findVisibleCase } from "../queries/cases.ts";

export interface CaseNote {
  /** The event's action name (snake_case), e.g. `reception_matter`, `ownership_start`. */
  action: string;
  note: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Writes a history event on each case a bureau record links or affects. Each case is locked
 * through the case policy first (in id order, so two records linking the same cases cannot
 * deadlock): a case the actor may not read is 404, exactly as on the case endpoints. The case's
 * status does not change, so the event carries no from/to status.
 */
export async function noteOnCases(
  tx: Queryable,
  actor: Actor,
  caseIds: readonly string[],
  now: Date,
  note: (row: CaseRow) => CaseNote,
): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (const id of [...new Set(caseIds)].sort()) {
    const row = await findVisibleCase(tx, actor, id, true);
    if (!row) throw new AppError("CASE_NOT_FOUND", { caseId: id });
    rows.push(row);
  }
  for (const row of rows) {
    const n = note(row);
    await appendCaseEvent(tx, {
      caseId: row.id,
      actorId: actor.id,
      actorLabel: actor.displayName,
      action: n.action,
      fromStatus: null,
      toStatus: null,
      note: n.note,
      detail: n.detail,
      at: now,
    });
  }
  return rows;
}

/** Checks that every case is readable by the actor (404 otherwise) without writing anything. */
export async function requireVisibleCases(
  q: Queryable,
  actor: Actor,
  caseIds: readonly string[],
): Promise<void> {
  for (const id of new Set(caseIds)) {
    if (!(await findVisibleCase(q, actor, id))) throw new AppError("CASE_NOT_FOUND", { caseId: id });
  }
}
