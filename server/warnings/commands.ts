import type { WarningStatus } from "../../domain/warnings/types.ts";
import { recordActorAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { type WarningAbility, warningAbilities } from "./policy.ts";
import { findVisibleWarning } from "./queries.ts";

export interface WarningCtx {
  actor: Actor;
  now: Date;
  ip: string | null;
}

/**
 * Loads the warning as the actor sees it (404 when none of its evidence is readable), locks its row,
 * and checks the ability against the locked status (409 when the status does not allow it; 403 when
 * the actor's role never may).
 */
async function lockForAction(
  tx: Queryable,
  ctx: WarningCtx,
  id: string,
  ability: WarningAbility,
): Promise<WarningStatus> {
  const view = await findVisibleWarning(tx, ctx.actor, id);
  if (!view) throw new AppError("WARNING_NOT_FOUND");
  const locked = await tx.query<{ status: WarningStatus }>(
    "SELECT status FROM warnings WHERE id = $1 FOR UPDATE",
    [id],
  );
  const status = locked.rows[0]!.status;
  if (warningAbilities(ctx.actor, status).includes(ability)) return status;
  // The role may do it in some state: the state is wrong (409); otherwise the role never may (403).
  const anyState = (["open", "acknowledged"] as const).some((s) =>
    warningAbilities(ctx.actor, s).includes(ability),
  );
  if (anyState) throw new AppError("WARNING_INVALID_STATE", { status });
  throw new AppError("FORBIDDEN");
}

export async function acknowledgeWarning(tx: Queryable, ctx: WarningCtx, id: string): Promise<void> {
  await lockForAction(tx, ctx, id, "acknowledge");
  await tx.query(
    `UPDATE warnings SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3, updated_at = $3 WHERE id = $1`,
    [id, ctx.actor.id, ctx.now],
  );
  await recordActorAudit(tx, ctx, "warning_acknowledged", "warning", id, {});
}

export async function addWarningFollowUp(
  tx: Queryable,
  ctx: WarningCtx,
  id: string,
  note: string,
): Promise<void> {
  await lockForAction(tx, ctx, id, "follow_up");
  const { rows } = await tx.query<{ seq: number }>(
    `INSERT INTO warning_follow_ups (warning_id, seq, note, actor_id, created_at)
     SELECT $1, COALESCE(max(seq), 0) + 1, $2, $3, $4 FROM warning_follow_ups WHERE warning_id = $1 RETURNING seq`,
    [id, note, ctx.actor.id, ctx.now],
  );
  await tx.query("UPDATE warnings SET updated_at = $2 WHERE id = $1", [id, ctx.now]);
  await recordActorAudit(tx, ctx, "warning_followed_up", "warning", id, { seq: rows[0]!.seq });
}

export async function closeWarning(
  tx: Queryable,
  ctx: WarningCtx,
  id: string,
  reason: string,
): Promise<void> {
  const status = await lockForAction(tx, ctx, id, "close");
  await tx.query(
    `UPDATE warnings SET status = 'closed', closed_by = $2, closed_at = $3, close_reason = $4, updated_at = $3 WHERE id = $1`,
    [id, ctx.actor.id, ctx.now, reason],
  );
  await recordActorAudit(tx, ctx, "warning_closed", "warning", id, { from: status, reason });
}
