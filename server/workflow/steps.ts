import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Role } from "../../domain/auth/roles.ts";
import { computeDueDate } from "../../domain/calendar/time-limit.ts";
import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import { zText, zUuid } from "../../domain/schemas/common.ts";
import { REPORT_RECIPIENT_NAMES } from "../../domain/schemas/steps.ts";
import { APPROVAL_CHAIN_SETTING, approvalChainFrom } from "../../domain/workflow/approval-chain.ts";
import { isOpen } from "../../domain/workflow/statuses.ts";
import { type CaseAction, DECLINE_REASONS, REPLY_OPINIONS } from "../../domain/workflow/transitions.ts";
import type { Actor } from "../auth/actor.ts";
import { hasRole } from "../auth/actor.ts";
import type { ClockContext } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { StepDecision } from "../commands/apply-transition.ts";
import { reportUp } from "../commands/report-up.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { isAccusation, isAccusedSide } from "../policies/case-policy.ts";
import { type CaseRow, findVisibleCase } from "../queries/cases.ts";
import { indexCaseNotes } from "../search/index-case.ts";

export interface StepEnv {
  actor: Actor;
  now: Date;
  clocks: ClockContext;
}

export interface StepDef {
  body: z.ZodType;
  /** The event's note, taken from the body. */
  note(body: unknown): string | null;
  decide?(body: unknown, env: StepEnv): (tx: Queryable, row: CaseRow) => Promise<StepDecision>;
}

/** Ties a body schema to its step logic; Fastify has validated the body with the same schema. */
/**
 * A review or reexamination request that goes to a body outside the county's system (条例 第三十五条:
 * the superior of the body that answered) is not accepted here; the office records its referral.
 */
async function refuseOutsideAppeal(tx: Queryable, row: CaseRow): Promise<StepDecision> {
  const to = (
    await tx.query<{ appeal_unit_id: string | null; appeal_body_name: string | null }>(
      "SELECT appeal_unit_id, appeal_body_name FROM cases WHERE id = $1",
      [row.id],
    )
  ).rows[0];
  if (to && to.appeal_unit_id === null && to.appeal_body_name !== null)
    throw new AppError("APPEAL_OUTSIDE_SYSTEM", { body: to.appeal_body_name });
  return {};
}

function step<S extends z.ZodType>(
  body: S,
  note: (b: z.infer<S>) => string | null | undefined,
  decide?: (b: z.infer<S>, env: StepEnv) => (tx: Queryable, row: CaseRow) => Promise<StepDecision>,
): StepDef {
  return {
    body,
    note: (b) => note(b as z.infer<S>) ?? null,
    ...(decide ? { decide: (b: unknown, env: StepEnv) => decide(b as z.infer<S>, env) } : {}),
  };
}

const zNote = zText(1, 5000);
const reasons = Object.keys(DECLINE_REASONS) as [
  keyof typeof DECLINE_REASONS,
  ...(keyof typeof DECLINE_REASONS)[],
];
const zSeverity = z.enum(["urgent", "general", "major"]);

interface PendingStep {
  round: number;
  step: number;
  role: Role;
}

/** The signature step whose turn it is, and a check that the actor may sign it. */
async function currentSignoff(tx: Queryable, caseId: string, actor: Actor): Promise<PendingStep> {
  const { rows } = await tx.query<PendingStep>(
    `SELECT round, step, role FROM case_signoffs WHERE case_id = $1 AND decision IS NULL
      ORDER BY round DESC, step LIMIT 1`,
    [caseId],
  );
  const pending = rows[0];
  if (!pending) throw new AppError("CASE_INVALID_TRANSITION", { reason: "nothing awaits a signature" });
  if (!hasRole(actor, pending.role)) throw new AppError("NOT_YOUR_TURN", { role: pending.role });
  return pending;
}

/**
 * The sign-off chain without the roles whose every active holder works in the accused unit, below
 * it or above it short of the county: they cannot read the accusation, so their step would stall.
 */
async function signersNotAccused(
  tx: Queryable,
  chain: readonly Role[],
  accusedPath: string | null,
): Promise<Role[]> {
  if (!accusedPath) return [...chain];
  const { rows } = await tx.query<{ roles: Role[]; path: string; kind: string }>(
    `SELECT u.roles, o.path, o.kind FROM users u JOIN org_units o ON o.id = u.unit_id
      WHERE u.is_active AND u.roles && $1::text[]`,
    [chain],
  );
  const able = new Set(
    rows.filter((u) => !isAccusedSide(u.path, u.kind, accusedPath)).flatMap((u) => u.roles),
  );
  return chain.filter((r) => able.has(r));
}

/** Writes the signer's decision and instruction (批示, kept verbatim) on the pending step. */
async function recordSignature(
  tx: Queryable,
  caseId: string,
  pending: PendingStep,
  decision: "approved" | "sent_back",
  instruction: string | null,
  env: StepEnv,
): Promise<void> {
  await tx.query(
    `UPDATE case_signoffs SET decision = $4, signer_id = $5, signer_label = $6, instruction = $7, signed_at = $8
      WHERE case_id = $1 AND round = $2 AND step = $3`,
    [
      caseId,
      pending.round,
      pending.step,
      decision,
      env.actor.id,
      env.actor.displayName,
      instruction,
      env.now,
    ],
  );
}

async function updateLead(tx: Queryable, caseId: string, set: string, params: unknown[] = []): Promise<void> {
  await tx.query(
    `UPDATE case_assignments SET ${set} WHERE case_id = $1 AND role = 'lead' AND status <> 'returned'`,
    [caseId, ...params],
  );
}

/** Every workflow action's body and its own logic; the generic rules live in applyTransition. */
export const STEPS: Readonly<Record<CaseAction, StepDef>> = {
  screen: step(z.object({ note: zNote.optional() }), (b) => b.note),
  reject_incomplete: step(z.object({ note: zNote }), (b) => b.note),
  accept: step(z.object({ note: zNote.optional() }), (b) => b.note),
  decline: step(
    z.object({ reason: z.enum(reasons), note: zNote.optional() }),
    (b) => b.note,
    (b) => async () => ({ columns: { decline_reason: b.reason }, detail: { reason: b.reason } }),
  ),
  forward: step(
    z.object({ forwardedTo: zText(1, 100), note: zNote.optional() }),
    (b) => b.note,
    (b) => async () => ({ columns: { forwarded_to: b.forwardedTo }, detail: { forwardedTo: b.forwardedTo } }),
  ),
  refuse_again: step(z.object({ note: zNote.optional() }), (b) => b.note),
  // The quick path from the action bar: the case stays where it is, and the report is the same
  // record the case page's report-up dialog writes (server/commands/report-up.ts), to the party
  // committee, the government and the upper bureau unless the body names fewer (第二十五条).
  report_up: step(
    z.object({ note: zNote, recipients: z.array(z.enum(REPORT_RECIPIENT_NAMES)).min(1).max(3).optional() }),
    (b) => b.note,
    (b, env) => async (_tx, row) => {
      const reportId = randomUUID();
      const recipients = [...new Set(b.recipients ?? REPORT_RECIPIENT_NAMES)];
      return {
        to: row.status,
        detail: { reportId, recipients },
        after: async (t) => {
          const stepEnv = { ...env, ip: null, pack: env.clocks.pack, pdfFont: null };
          await reportUp(t, stepEnv, row, { recipients, content: b.note }, { id: reportId });
        },
      };
    },
  ),
  merge: step(
    z.object({ intoCaseId: zUuid, note: zNote.optional() }),
    (b) => b.note,
    (b, env) => async (tx, row) => {
      if (b.intoCaseId === row.id) throw new AppError("MERGE_TARGET_INVALID", { reason: "same case" });
      // The original must be a case the actor may read and still open; it is locked for its event.
      const original = await findVisibleCase(tx, env.actor, b.intoCaseId, true);
      if (!original) throw new AppError("MERGE_TARGET_INVALID", { reason: "not found" });
      if (!isOpen(original.status)) {
        throw new AppError("MERGE_TARGET_INVALID", { reason: "closed", status: original.status });
      }
      // An accusation folded into a request would be handled by whoever handles the request (maybe
      // the accused), a request folded into an accusation goes unanswered: linked, never merged.
      if (isAccusation(row) !== isAccusation(original)) throw new AppError("REPEAT_KINDS_DIFFER");
      const link = { caseId: original.id, caseNumber: original.case_number };
      return {
        // A repeat of an open matter is not a first petition.
        columns: { merged_into_id: original.id, is_first_petition: false },
        detail: { mergedInto: link },
        after: async (t) => {
          await appendCaseEvent(t, {
            caseId: original.id,
            actorId: env.actor.id,
            actorLabel: env.actor.displayName,
            action: "merged_in",
            fromStatus: null,
            toStatus: null,
            note: b.note ?? null,
            detail: { mergedCase: { caseId: row.id, caseNumber: row.case_number } },
            at: env.now,
          });
        },
      };
    },
  ),
  simplify: step(
    z.object({ note: zNote.optional() }),
    (b) => b.note,
    (_b, env) => async (tx, row) => {
      if (!row.is_first_petition)
        throw new AppError("SIMPLIFIED_NOT_ALLOWED", { reason: "not a first petition" });
      // Ten working days from acceptance (PROCEDURE.md): the limit counts from the accept event.
      const accepted = await tx.query<{ at: Date }>(
        "SELECT at FROM case_events WHERE case_id = $1 AND action = 'accept' ORDER BY seq DESC LIMIT 1",
        [row.id],
      );
      const startedOn = toShanghaiDate(accepted.rows[0]?.at ?? env.now);
      const limit = env.clocks.pack.limits.simplified;
      const due = computeDueDate(limit, startedOn, env.clocks.calendar);
      return {
        columns: { simplified: true },
        detail: { dueOn: due },
        after: async (t) => {
          await t.query(
            `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, pack)
             VALUES ($1, 'statutory', 'simplified', $2, $3, $4) ON CONFLICT (case_id, clock, step) DO NOTHING`,
            [row.id, startedOn, due, env.clocks.pack.id],
          );
        },
      };
    },
  ),

  draft_opinion: step(
    z.object({ opinion: zNote, severity: zSeverity.optional() }),
    (b) => b.opinion,
    (b, env) => async (tx, row) => {
      const severity = b.severity ?? row.severity;
      const setting = await tx.query<{ value: unknown }>("SELECT value FROM settings WHERE key = $1", [
        APPROVAL_CHAIN_SETTING,
      ]);
      const full = approvalChainFrom(setting.rows[0]?.value)[severity];
      const chain = await signersNotAccused(tx, full, row.accused_path);
      if (chain.length === 0)
        throw new AppError("ACCUSATION_NO_SIGNER", { forwardTo: env.clocks.pack.accusations.forwardTo });
      const excluded = full.filter((r) => !chain.includes(r));
      return {
        columns: { draft_opinion: b.opinion, severity },
        detail: { severity, chain, ...(excluded.length > 0 ? { excludedAsAccused: excluded } : {}) },
        after: async (tx) => {
          await tx.query(
            `INSERT INTO case_signoffs (case_id, round, step, role)
             SELECT $1, COALESCE((SELECT max(round) FROM case_signoffs WHERE case_id = $1), 0) + 1, s.step, s.role
               FROM unnest($2::text[]) WITH ORDINALITY AS s(role, step)`,
            [row.id, chain],
          );
          await indexCaseNotes(tx, row.id, b.opinion);
        },
      };
    },
  ),
  sign: step(
    z.object({ instruction: zNote.optional() }),
    (b) => b.instruction,
    (b, env) => async (tx, row) => {
      const pending = await currentSignoff(tx, row.id, env.actor);
      const later = await tx.query(
        "SELECT 1 FROM case_signoffs WHERE case_id = $1 AND round = $2 AND step > $3 AND decision IS NULL",
        [row.id, pending.round, pending.step],
      );
      return {
        to: later.rows.length > 0 ? "awaiting_signoff" : "signed_off",
        detail: { round: pending.round, step: pending.step, role: pending.role },
        after: async (t) => {
          await recordSignature(t, row.id, pending, "approved", b.instruction ?? null, env);
        },
      };
    },
  ),
  send_back: step(
    z.object({ instruction: zNote }),
    (b) => b.instruction,
    (b, env) => async (tx, row) => {
      const pending = await currentSignoff(tx, row.id, env.actor);
      return {
        detail: { round: pending.round, step: pending.step, role: pending.role },
        after: async (t) => {
          await recordSignature(t, row.id, pending, "sent_back", b.instruction, env);
          // The rest of this round will not be signed: the next draft starts a new round.
          await t.query("DELETE FROM case_signoffs WHERE case_id = $1 AND round = $2 AND decision IS NULL", [
            row.id,
            pending.round,
          ]);
        },
      };
    },
  ),
  assign: step(
    z.object({
      leadUnitId: zUuid,
      assistUnitIds: z.array(zUuid).max(10).default([]),
      instructions: zNote,
      dueDays: z.number().int().min(1).max(90),
    }),
    (b) => b.instructions,
    (b, env) => async (tx, row) => {
      const units = [b.leadUnitId, ...b.assistUnitIds];
      const county = row.region_path.split(".")[0]!;
      const found = await tx.query<{ id: string; path: string; kind: string; name: string }>(
        `SELECT id, path, kind, name FROM org_units WHERE id = ANY($1::uuid[]) AND is_active
            AND kind IN ('department', 'township', 'village') AND starts_with(path, $2 || '.')`,
        [units, county],
      );
      if (new Set(units).size !== units.length || found.rows.length !== units.length) {
        throw new AppError("ASSIGNMENT_UNIT_INVALID");
      }
      // An accusation never goes to the accused unit, a unit below it or its superior below the
      // county: they may not read it (the case policy), so the case would stall there.
      const accused = found.rows.find((u) => isAccusedSide(u.path, u.kind, row.accused_path));
      if (accused) throw new AppError("ASSIGNMENT_UNIT_ACCUSED", { unit: accused.name });
      const today = toShanghaiDate(env.now);
      const due = computeDueDate({ amount: b.dueDays, unit: "calendar" }, today, env.clocks.calendar);
      return {
        // dueDays lets a recomputation (a year's 调休 confirmed) count the deadline again.
        detail: { leadUnitId: b.leadUnitId, assistUnitIds: b.assistUnitIds, dueOn: due, dueDays: b.dueDays },
        after: async (t) => {
          await t.query(
            `INSERT INTO case_assignments (case_id, unit_id, role, status, assigned_at, due_at, instructions)
             SELECT $1, u.id, CASE WHEN u.id = $2 THEN 'lead' ELSE 'assist' END, 'pending', $3,
                    ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', $5
               FROM unnest($6::uuid[]) AS u(id)
             ON CONFLICT (case_id, unit_id) DO UPDATE SET role = EXCLUDED.role, status = 'pending',
                assigned_at = EXCLUDED.assigned_at, due_at = EXCLUDED.due_at, instructions = EXCLUDED.instructions,
                objection = NULL, received_at = NULL, result = NULL, proposed_opinion = NULL, reported_at = NULL`,
            [row.id, b.leadUnitId, env.now, due, b.instructions, units],
          );
          // The assigned deadline (交办指定期限) is the bureau's own clock for this assignment.
          await t.query(
            `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, pack)
             VALUES ($1, 'assigned', 'assigned', $2, $3, 'assignment')
             ON CONFLICT (case_id, clock, step) DO UPDATE SET started_on = EXCLUDED.started_on,
                due_on = EXCLUDED.due_on, state = 'running', stopped_at = NULL`,
            [row.id, today, due],
          );
        },
      };
    },
  ),
  receive: step(
    z.object({ note: zNote.optional() }),
    (b) => b.note,
    (_b, env) => async (_tx, row) => ({
      after: (t) => updateLead(t, row.id, "status = 'received', received_at = $2", [env.now]),
    }),
  ),
  object: step(
    z.object({ reason: zNote }),
    (b) => b.reason,
    (b, env) => async (tx, row) => {
      const window = await tx.query<{ due_on: string }>(
        `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM case_clocks
          WHERE case_id = $1 AND clock = 'statutory' AND step = 'objection'`,
        [row.id],
      );
      const dueOn = window.rows[0]?.due_on;
      if (dueOn && toShanghaiDate(env.now) > dueOn) throw new AppError("OBJECTION_WINDOW_PASSED", { dueOn });
      return {
        after: (t) => updateLead(t, row.id, "status = 'returned', objection = $2", [b.reason]),
      };
    },
  ),
  report_result: step(
    z.object({ result: zText(1, 20000), proposedOpinion: z.enum(REPLY_OPINIONS) }),
    (b) => b.result,
    (b, env) => async (_tx, row) => ({
      detail: { proposedOpinion: b.proposedOpinion },
      after: async (t) => {
        await updateLead(
          t,
          row.id,
          "status = 'reported', result = $2, proposed_opinion = $3, reported_at = $4",
          [b.result, b.proposedOpinion, env.now],
        );
        await indexCaseNotes(t, row.id, b.result);
      },
    }),
  ),
  vet_accept: step(
    z.object({ note: zNote.optional() }),
    (b) => b.note,
    () => async (_tx, row) => ({ after: (t) => updateLead(t, row.id, "status = 'accepted'") }),
  ),
  vet_redo: step(
    z.object({ reason: zNote }),
    (b) => b.reason,
    () => async (_tx, row) => ({ after: (t) => updateLead(t, row.id, "status = 'redo'") }),
  ),
  reopen: step(
    z.object({ reason: zNote }),
    (b) => b.reason,
    () => async (_tx, row) => {
      // Only an answer the petitioner was not satisfied with is sent back to the handling unit.
      if (row.bureau_rating !== "dissatisfied" && row.unit_rating !== "dissatisfied") {
        throw new AppError("CASE_INVALID_TRANSITION", { reason: "the petitioner was satisfied" });
      }
      return { after: (t) => updateLead(t, row.id, "status = 'redo'") };
    },
  ),
  extend: step(
    z.object({ days: z.number().int().min(1).max(90), reason: zNote }),
    (b) => b.reason,
    (b, env) => async (tx, row) => {
      const clock = (
        await tx.query<{ due_on: string; extended_days: number }>(
          `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on, extended_days FROM case_clocks
            WHERE case_id = $1 AND clock = 'statutory' AND step = 'handling' AND state = 'running' FOR UPDATE`,
          [row.id],
        )
      ).rows[0];
      if (!clock) throw new AppError("CASE_INVALID_TRANSITION", { reason: "no running handling clock" });
      const max = env.clocks.pack.limits.extensionMax;
      if (clock.extended_days + b.days > max.amount) {
        throw new AppError("EXTENSION_TOO_LONG", {
          maxDays: max.amount,
          alreadyExtended: clock.extended_days,
        });
      }
      // The new last day counts from the old one, with the same rules as the limit itself.
      const due = computeDueDate(
        { amount: b.days, unit: max.unit, holidayRollover: max.holidayRollover },
        clock.due_on,
        env.clocks.calendar,
      );
      return {
        detail: { fromDue: clock.due_on, toDue: due, days: b.days },
        after: async (t) => {
          await t.query(
            `UPDATE case_clocks SET due_on = $2, extended_days = extended_days + $3
              WHERE case_id = $1 AND clock = 'statutory' AND step = 'handling'`,
            [row.id, due, b.days],
          );
        },
      };
    },
  ),
  follow_up: step(
    z.object({ note: zNote }),
    (b) => b.note,
    // A call changes nothing but the record: the case keeps its status.
    (b) => async (_tx, row) => ({ to: row.status, after: (t) => indexCaseNotes(t, row.id, b.note) }),
  ),
  accept_review: step(
    z.object({ note: zNote.optional() }),
    (b) => b.note,
    () => refuseOutsideAppeal,
  ),
  decide_review: step(
    z.object({ opinion: z.enum(["uphold", "revise"]), text: zText(1, 20000) }),
    (b) => b.text,
    (b, env) => async (_tx, row) => {
      const today = toShanghaiDate(env.now);
      // The petitioner is told until when they may ask for reexamination (复核).
      const reexamUntil = computeDueDate(env.clocks.pack.limits.reexamRequest, today, env.clocks.calendar);
      return {
        columns: {
          review_opinion: b.opinion,
          review_text: b.text,
          reviewed_at: env.now,
          reexam_request_until: reexamUntil,
        },
        detail: { opinion: b.opinion, reexamRequestUntil: reexamUntil },
        after: (t) => indexCaseNotes(t, row.id),
      };
    },
  ),
  accept_reexam: step(
    z.object({ note: zNote.optional() }),
    (b) => b.note,
    () => refuseOutsideAppeal,
  ),
  decide_reexam: step(
    z.object({ opinion: z.enum(["uphold", "revise"]), text: zText(1, 20000) }),
    (b) => b.text,
    (b, env) => async (_tx, row) => ({
      columns: { reexam_opinion: b.opinion, reexam_text: b.text, reexamined_at: env.now },
      detail: { opinion: b.opinion },
      after: (t) => indexCaseNotes(t, row.id),
    }),
  ),
  close: step(
    z.object({ note: zNote.optional() }),
    (b) => b.note,
    (_b, env) => async (_tx, row) => {
      // While the petitioner may still appeal, an unrated answer is not closed.
      const until = row.status === "reviewed" ? row.reexam_request_until : row.review_request_until;
      if (row.status !== "evaluated" && until && toShanghaiDate(env.now) <= until) {
        throw new AppError("CASE_INVALID_TRANSITION", { reason: "the petitioner may still appeal", until });
      }
      return {};
    },
  ),
  archive: step(z.object({ note: zNote.optional() }), (b) => b.note),
  reply: step(
    z.object({ opinion: z.enum(REPLY_OPINIONS), text: zText(1, 20000), legalBasis: zText(1, 2000) }),
    () => null,
    (b, env) => async (_tx, row) => {
      const today = toShanghaiDate(env.now);
      // The petitioner is told until when they may ask for review (复查).
      const reviewUntil = computeDueDate(env.clocks.pack.limits.reviewRequest, today, env.clocks.calendar);
      return {
        columns: {
          reply_opinion: b.opinion,
          reply_text: b.text,
          reply_legal_basis: b.legalBasis,
          replied_at: env.now,
          review_request_until: reviewUntil,
        },
        detail: { opinion: b.opinion, reviewRequestUntil: reviewUntil },
        // The reply is searchable from the moment it is committed.
        after: (t) => indexCaseNotes(t, row.id),
      };
    },
  ),
};
