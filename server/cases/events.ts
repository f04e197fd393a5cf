import type { CaseStatus } from "../../domain/workflow/statuses.ts";
import type { Queryable } from "../db/index.ts";

export interface CaseEventInput {
  caseId: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  note?: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}

/** Appends the next event of a case. Callers hold the case row lock, so seq cannot collide. */
export async function appendCaseEvent(q: Queryable, e: CaseEventInput): Promise<number> {
  const { rows } = await q.query<{ seq: number }>(
    `INSERT INTO case_events (case_id, seq, at, actor_id, actor_label, action, from_status, to_status, note, detail)
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 FROM case_events WHERE case_id = $1
     RETURNING seq`,
    [
      e.caseId,
      e.at,
      e.actorId,
      e.actorLabel,
      e.action,
      e.fromStatus,
      e.toStatus,
      e.note ?? null,
      JSON.stringify(e.detail ?? {}),
    ],
  );
  return rows[0]!.seq;
}
