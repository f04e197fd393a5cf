/**
 * The bureau's steps on an accusation (检举控告) outside the status workflow: recording or changing
 * whom it accuses, and deciding whether it stays confidential. Each is a case event and an audit
 * row in the caller's transaction.
 */
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { ClockContext } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { isAccusation, isAccusedSide } from "../policies/case-policy.ts";
import { type CaseRow, findVisibleCase } from "../queries/cases.ts";
import { applyTransition } from "./apply-transition.ts";

export interface AccusationEnv {
  actor: Actor;
  now: Date;
  ip: string | null;
  clocks: ClockContext;
}

async function lockAccusation(tx: Queryable, env: AccusationEnv, caseId: string): Promise<CaseRow> {
  const row = await findVisibleCase(tx, env.actor, caseId, true);
  if (!row) throw new AppError("CASE_NOT_FOUND");
  if (!isAccusation(row)) throw new AppError("NOT_AN_ACCUSATION");
  return row;
}

/**
 * Records (or clears, with null) the unit an accusation accuses. A unit that handles the case now
 * may not become the accused: reassign first. When the accused side takes in the actor's own unit
 * (the petition bureau itself), the bureau cannot handle the case: it is forwarded first, in the
 * same transaction, to the body the rule pack names, then hidden from the bureau like from any
 * accused unit.
 */
export async function setAccusedUnit(
  tx: Queryable,
  env: AccusationEnv,
  caseId: string,
  unitId: string | null,
  reason: string,
): Promise<{ forwardedTo: string | null }> {
  const row = await lockAccusation(tx, env, caseId);
  let unit: { id: string; path: string; name: string } | null = null;
  if (unitId) {
    const county = row.region_path.split(".")[0]!;
    unit =
      (
        await tx.query<{ id: string; path: string; name: string }>(
          `SELECT id, path, name FROM org_units WHERE id = $1 AND is_active AND (path = $2 OR starts_with(path, $2 || '.'))`,
          [unitId, county],
        )
      ).rows[0] ?? null;
    if (!unit) throw new AppError("UNIT_UNKNOWN");
  }
  const accusedPath = unit?.path ?? null;
  if (accusedPath) {
    const handling = await tx.query<{ name: string; path: string; kind: string }>(
      `SELECT o.name, o.path, o.kind FROM case_assignments a JOIN org_units o ON o.id = a.unit_id
        WHERE a.case_id = $1 AND a.status <> 'returned'`,
      [row.id],
    );
    const clash = handling.rows.find((u) => isAccusedSide(u.path, u.kind, accusedPath));
    if (clash) throw new AppError("ASSIGNMENT_UNIT_ACCUSED", { unit: clash.name });
  }
  let forwardedTo: string | null = null;
  if (accusedPath && isAccusedSide(env.actor.unitPath, env.actor.unitKind, accusedPath)) {
    forwardedTo = env.clocks.pack.accusations.forwardTo;
    if (row.status !== "registered" && row.status !== "accepted")
      throw new AppError("ACCUSATION_AGAINST_OWN_UNIT", { forwardTo: forwardedTo, status: row.status });
    const to = forwardedTo;
    await applyTransition(tx, env.actor, row.id, "forward", {
      note: `检举控告涉及本机关，依规则转送${to}`,
      ip: env.ip,
      now: env.now,
      clocks: env.clocks,
      decide: async () => ({
        columns: { forwarded_to: to },
        detail: { forwardedTo: to, reason: "accused_own_unit" },
      }),
    });
  }
  const status = forwardedTo ? "forwarded" : row.status;
  await tx.query("UPDATE cases SET accused_unit_id = $2, accused_path = $3, updated_at = $4 WHERE id = $1", [
    row.id,
    unit?.id ?? null,
    accusedPath,
    env.now,
  ]);
  const detail = { from: row.accused_unit_id, to: unit?.id ?? null, toName: unit?.name ?? null };
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: env.actor.id,
    actorLabel: env.actor.displayName,
    action: "accused_unit_set",
    fromStatus: status,
    toStatus: status,
    note: reason,
    detail,
    at: env.now,
  });
  await recordAudit(tx, {
    actorId: env.actor.id,
    actorRole: env.actor.roles.join(","),
    ip: env.ip,
    action: "case_accused_unit_set",
    objectType: "case",
    objectId: row.id,
    detail: { ...detail, reason },
  });
  return { forwardedTo };
}

/** The bureau decides whether an accusation stays confidential (hidden from township staff by area). */
export async function setConfidentiality(
  tx: Queryable,
  env: AccusationEnv,
  caseId: string,
  confidential: boolean,
  reason: string,
): Promise<void> {
  const row = await lockAccusation(tx, env, caseId);
  if (row.is_confidential === confidential) return;
  await tx.query("UPDATE cases SET is_confidential = $2, updated_at = $3 WHERE id = $1", [
    row.id,
    confidential,
    env.now,
  ]);
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: env.actor.id,
    actorLabel: env.actor.displayName,
    action: confidential ? "confidentiality_set" : "confidentiality_lifted",
    fromStatus: row.status,
    toStatus: row.status,
    note: reason,
    at: env.now,
  });
  await recordAudit(tx, {
    actorId: env.actor.id,
    actorRole: env.actor.roles.join(","),
    ip: env.ip,
    action: "case_confidentiality",
    objectType: "case",
    objectId: row.id,
    detail: { from: row.is_confidential, to: confidential, reason },
  });
}
