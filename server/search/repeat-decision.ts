import { isOpen } from "../../domain/workflow/statuses.ts";
import type { CaseAction } from "../../domain/workflow/transitions.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { ClockContext } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import { applyTransition } from "../commands/apply-transition.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { isAccusation } from "../policies/case-policy.ts";
import { findVisibleCase } from "../queries/cases.ts";
import { STEPS } from "../workflow/steps.ts";

export const REPEAT_DECISIONS = ["link", "repeat_of_terminated", "keep_new", "merge"] as const;
export type RepeatDecision = (typeof REPEAT_DECISIONS)[number];

/** Decisions that make the case a repeat (重复件): it is then not a first petition. */
export const REPEAT_KINDS: readonly RepeatDecision[] = ["link", "repeat_of_terminated", "merge"];

const LINK_KIND: Record<Exclude<RepeatDecision, "keep_new">, "related" | "repeat_of" | "merged_into"> = {
  link: "related",
  repeat_of_terminated: "repeat_of",
  merge: "merged_into",
};

export interface DecisionInput {
  decision: RepeatDecision;
  originalCaseId?: string;
  note?: string;
  score?: number;
  reasons?: string[];
}

export interface DecisionContext {
  actor: Actor;
  ip: string | null;
  now: Date;
  clocks: ClockContext;
}

export interface DecisionResult {
  seq: number;
  isRepeat: boolean;
  isFirstPetition: boolean;
  /** The workflow action the decision took, if any (refuse_again, merge). */
  workflowAction: CaseAction | null;
}

/**
 * Records the registrar's decision on a possible repeat, in the caller's transaction: checks the
 * case and the original (both visible, original earlier, terminated for a refusal, open for a
 * merge), writes the decision, the link, the first-petition flag, a case event and an audit row,
 * then takes the workflow action through applyTransition. Any refusal rolls everything back.
 */
export async function decideRepeat(
  tx: Queryable,
  caseId: string,
  input: DecisionInput,
  ctx: DecisionContext,
): Promise<DecisionResult> {
  const row = await findVisibleCase(tx, ctx.actor, caseId, true);
  if (!row) throw new AppError("CASE_NOT_FOUND");
  // A case that is closed (merged, refused again, declined …) keeps the decision that closed it.
  if (!isOpen(row.status)) throw new AppError("CASE_INVALID_TRANSITION", { status: row.status });
  let originalNumber: string | null = null;
  if (input.decision === "keep_new") {
    if (input.originalCaseId)
      throw new AppError("VALIDATION_FAILED", [
        { path: "originalCaseId", message: "keep_new names no original" },
      ]);
  } else {
    if (!input.originalCaseId) throw new AppError("REPEAT_ORIGINAL_REQUIRED");
    const original = await findVisibleCase(tx, ctx.actor, input.originalCaseId);
    if (!original || original.id === row.id) throw new AppError("REPEAT_ORIGINAL_NOT_FOUND");
    if (original.received_at.getTime() > row.received_at.getTime()) {
      throw new AppError("REPEAT_ORIGINAL_NOT_EARLIER");
    }
    if (
      input.decision === "repeat_of_terminated" &&
      !(await wasTerminated(tx, original.id, original.status))
    ) {
      throw new AppError("REPEAT_ORIGINAL_NOT_TERMINATED", { status: original.status });
    }
    if (input.decision === "merge" && !isOpen(original.status)) {
      throw new AppError("REPEAT_ORIGINAL_NOT_OPEN", { status: original.status });
    }
    // An accusation folded into a request would be handled by whoever handles the request — maybe
    // the accused — and a request refused for an accusation's end was never answered: the two are
    // linked (one matter for the count), never merged or refused as each other's repeat.
    if (input.decision !== "link" && isAccusation(row) !== isAccusation(original)) {
      throw new AppError("REPEAT_KINDS_DIFFER");
    }
    originalNumber = original.case_number;
  }
  const isRepeat = REPEAT_KINDS.includes(input.decision);
  const { rows } = await tx.query<{ seq: number }>(
    `INSERT INTO case_repeat_decisions (case_id, seq, decision, original_case_id, score, reasons, note, decided_by, decided_at)
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM case_repeat_decisions WHERE case_id = $1
     RETURNING seq`,
    [
      row.id,
      input.decision,
      input.originalCaseId ?? null,
      input.score ?? null,
      JSON.stringify(input.reasons ?? []),
      input.note ?? null,
      ctx.actor.id,
      ctx.now,
    ],
  );
  const seq = rows[0]!.seq;
  if (input.decision !== "keep_new") {
    await tx.query(
      `INSERT INTO case_links (case_id, linked_case_id, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id, linked_case_id) DO UPDATE SET kind = EXCLUDED.kind, created_by = EXCLUDED.created_by,
         created_at = EXCLUDED.created_at`,
      [row.id, input.originalCaseId, LINK_KIND[input.decision], ctx.actor.id, ctx.now],
    );
  } else {
    // Keeping it as new undoes an earlier link of this case.
    await tx.query("DELETE FROM case_links WHERE case_id = $1", [row.id]);
  }
  await tx.query(
    "UPDATE cases SET is_first_petition = $2, version = version + 1, updated_at = $3 WHERE id = $1",
    [row.id, !isRepeat, ctx.now],
  );
  const detail = {
    decision: input.decision,
    originalCaseId: input.originalCaseId ?? null,
    originalCaseNumber: originalNumber,
    score: input.score ?? null,
    reasons: input.reasons ?? [],
  };
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.displayName,
    action: "repeat_decision",
    fromStatus: row.status,
    toStatus: row.status,
    note: input.note ?? null,
    detail,
    at: ctx.now,
  });
  await recordAudit(tx, {
    actorId: ctx.actor.id,
    actorRole: ctx.actor.roles.join(","),
    ip: ctx.ip,
    action: "case_repeat_decision",
    objectType: "case",
    objectId: row.id,
    detail: { caseNumber: row.case_number, ...detail },
  });
  const workflowAction: CaseAction | null =
    input.decision === "repeat_of_terminated" ? "refuse_again" : input.decision === "merge" ? "merge" : null;
  if (workflowAction) {
    const def = STEPS[workflowAction];
    const note = input.note ?? `重复信访：原件 ${originalNumber}`;
    const body = def.body.parse(
      workflowAction === "merge" ? { note, intoCaseId: input.originalCaseId } : { note },
    );
    await applyTransition(tx, ctx.actor, row.id, workflowAction, {
      note: def.note(body),
      ip: ctx.ip,
      now: ctx.now,
      clocks: ctx.clocks,
      decide: def.decide?.(body, { actor: ctx.actor, now: ctx.now, clocks: ctx.clocks }),
    });
  }
  return { seq, isRepeat, isFirstPetition: !isRepeat, workflowAction };
}

/**
 * Whether a case ended in termination (复核终结) or refusal (不再受理): its status now, or, once
 * archived, the status its history reached before the archive.
 */
async function wasTerminated(tx: Queryable, caseId: string, status: string): Promise<boolean> {
  if (status === "terminated" || status === "refused_again") return true;
  if (status !== "archived") return false;
  const { rows } = await tx.query<{ ended: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM case_events WHERE case_id = $1 AND to_status IN ('terminated', 'refused_again'))
       AS ended`,
    [caseId],
  );
  return rows[0]?.ended === true;
}
