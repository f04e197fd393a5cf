/**
 * A mediation agreement (调解协议书) reached on a case: the parties, the terms, the date signed and
 * the mediator, kept with the case as a record and a document. Named with a dispute of the ledger
 * (矛盾纠纷排查) the actor may read, the dispute points to the agreement and, when it had none, to
 * the case.
 */

import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import type { MediationParty } from "../../domain/schemas/steps.ts";
import { isOpen } from "../../domain/workflow/statuses.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { recordScope } from "../bureau/scope.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { issueDocument } from "../documents/issue.ts";
import { AppError } from "../plugins/errors.ts";
import type { CaseRow } from "../queries/cases.ts";
import type { StepEnv } from "./report-up.ts";

export async function recordMediation(
  tx: Queryable,
  env: StepEnv,
  row: CaseRow,
  input: {
    parties: MediationParty[];
    terms: string;
    signedOn: string;
    mediator: string;
    disputeId?: string | undefined;
  },
): Promise<string> {
  if (!isOpen(row.status)) throw new AppError("STEP_CASE_CLOSED", { status: row.status });
  if (input.signedOn > toShanghaiDate(env.now) || input.signedOn < toShanghaiDate(row.received_at))
    throw new AppError("STEP_TIME_INVALID");
  if (input.disputeId) {
    const p = new SqlParams();
    const d = await tx.query(
      `SELECT 1 FROM disputes d WHERE d.id = ${p.add(input.disputeId)}
          AND ${recordScope(env.actor, p, "d.area_path", "d.handed_path")} FOR UPDATE`,
      p.values,
    );
    if (!d.rows[0]) throw new AppError("DISPUTE_UNKNOWN");
  }
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_mediations (case_id, parties, terms, signed_on, mediator, dispute_id, created_by,
                                  created_by_label, created_at)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      row.id,
      JSON.stringify(input.parties),
      input.terms,
      input.signedOn,
      input.mediator,
      input.disputeId ?? null,
      env.actor.id,
      env.actor.displayName,
      env.now,
    ],
  );
  const id = rows[0]!.id;
  if (input.disputeId) {
    await tx.query(
      `UPDATE disputes SET agreement_case_id = $2, agreement_id = $3, case_id = COALESCE(case_id, $2), updated_at = $4
        WHERE id = $1`,
      [input.disputeId, row.id, id, env.now],
    );
  }
  const detail = {
    mediationId: id,
    parties: input.parties.length,
    signedOn: input.signedOn,
    ...(input.disputeId ? { disputeId: input.disputeId } : {}),
  };
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: env.actor.id,
    actorLabel: env.actor.displayName,
    action: "mediation_recorded",
    fromStatus: null,
    toStatus: null,
    note: `调解人：${input.mediator}`,
    detail,
    at: env.now,
  });
  await recordAudit(tx, {
    actorId: env.actor.id,
    actorRole: env.actor.roles.join(","),
    ip: env.ip,
    action: "case_mediation_record",
    objectType: "case",
    objectId: row.id,
    detail: { caseNumber: row.case_number, ...detail },
  });
  await issueDocument(tx, env.actor, row, "mediation", { ...env, ref: id });
  return id;
}
