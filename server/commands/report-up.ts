/**
 * Reporting a major or urgent matter up (信访工作条例 第二十五条): to the same-level party committee,
 * the same-level government and/or the upper petition bureau, on a clock in hours from registration
 * (the rule pack's `reportUp.withinHours`). The case goes on where it is: the report is a record of
 * its own, with its 信访事项报告单, an event and an audit row; the instructions received back are
 * later records with their own events.
 */
import type { TRulePack } from "../../domain/calendar/rule-pack.ts";
import type { ReportRecipient } from "../../domain/schemas/steps.ts";
import { isOpen } from "../../domain/workflow/statuses.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { KeyRing } from "../crypto/field-crypto.ts";
import type { Queryable } from "../db/index.ts";
import { issueDocument } from "../documents/issue.ts";
import { AppError } from "../plugins/errors.ts";
import type { CaseRow } from "../queries/cases.ts";

export interface StepEnv {
  actor: Actor;
  now: Date;
  ip: string | null;
  pack: TRulePack;
  pdfFont: string | null;
  keyRing?: KeyRing;
}

/** When a report of this case is due: registration plus the pack's hours. */
export function reportUpDueAt(registeredAt: Date, pack: TRulePack): Date {
  return new Date(registeredAt.getTime() + pack.reportUp.withinHours * 3600_000);
}

export async function reportUp(
  tx: Queryable,
  env: StepEnv,
  row: CaseRow,
  input: { recipients: ReportRecipient[]; content: string },
  /**
   * The workflow's quick 上报 (server/workflow/steps.ts) gives the report's id and writes the one
   * event of its transition itself: the record and its document are written without events of their own.
   */
  within?: { id: string },
): Promise<string> {
  if (!isOpen(row.status)) throw new AppError("STEP_CASE_CLOSED", { status: row.status });
  const recipients = [...new Set(input.recipients)];
  const dueAt = reportUpDueAt(row.registered_at, env.pack);
  const onTime = env.now.getTime() <= dueAt.getTime();
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_reports_up (case_id, id, recipients, content, reported_at, due_at, on_time, reported_by,
                                  reported_by_label)
     VALUES ($1, COALESCE($9::uuid, gen_random_uuid()), $2::text[], $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      row.id,
      recipients,
      input.content,
      env.now,
      dueAt,
      onTime,
      env.actor.id,
      env.actor.displayName,
      within?.id ?? null,
    ],
  );
  const id = rows[0]!.id;
  if (within) {
    await issueDocument(tx, env.actor, row, "report_up", { ...env, ref: id, quiet: true });
    return id;
  }
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: env.actor.id,
    actorLabel: env.actor.displayName,
    action: "reported_up",
    fromStatus: null,
    toStatus: null,
    note: input.content,
    detail: { reportId: id, recipients, dueAt: dueAt.toISOString(), onTime },
    at: env.now,
  });
  await recordAudit(tx, {
    actorId: env.actor.id,
    actorRole: env.actor.roles.join(","),
    ip: env.ip,
    action: "case_report_up",
    objectType: "case",
    objectId: row.id,
    detail: { reportId: id, caseNumber: row.case_number, recipients, onTime },
  });
  await issueDocument(tx, env.actor, row, "report_up", { ...env, ref: id });
  return id;
}

export async function recordInstruction(
  tx: Queryable,
  env: StepEnv,
  row: CaseRow,
  reportId: string,
  input: { instructedBy: string; instructedAt: string; content: string },
): Promise<string> {
  const report = (
    await tx.query<{ reported_at: Date }>(
      "SELECT reported_at FROM case_reports_up WHERE case_id = $1 AND id = $2",
      [row.id, reportId],
    )
  ).rows[0];
  if (!report) throw new AppError("NOT_FOUND");
  const at = new Date(input.instructedAt);
  // An instruction answers the report: not before it, and not in the future.
  if (at.getTime() < report.reported_at.getTime() - 60_000 || at.getTime() > env.now.getTime() + 60_000)
    throw new AppError("STEP_TIME_INVALID");
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_report_instructions (case_id, report_id, instructed_by, instructed_at, content, recorded_by,
                                           recorded_by_label, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [row.id, reportId, input.instructedBy, at, input.content, env.actor.id, env.actor.displayName, env.now],
  );
  const id = rows[0]!.id;
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: env.actor.id,
    actorLabel: env.actor.displayName,
    action: "report_instruction",
    fromStatus: null,
    toStatus: null,
    note: `${input.instructedBy}：${input.content}`,
    detail: { reportId, instructionId: id, instructedBy: input.instructedBy, instructedAt: at.toISOString() },
    at: env.now,
  });
  await recordAudit(tx, {
    actorId: env.actor.id,
    actorRole: env.actor.roles.join(","),
    ip: env.ip,
    action: "case_report_instruction",
    objectType: "case",
    objectId: row.id,
    detail: { reportId, instructionId: id, caseNumber: row.case_number },
  });
  return id;
}
