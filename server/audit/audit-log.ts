import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";

export interface AuditRecord {
  actorId?: string | null;
  actorRole?: string | null;
  ip?: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends one audit row inside the caller's transaction, so the row exists exactly when the
 * change it describes does. The sealer chains it later (see seal-audit.ts).
 */
export async function recordAudit(q: Queryable, r: AuditRecord): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (actor_id, actor_role, ip, action, object_type, object_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      r.actorId ?? null,
      r.actorRole ?? null,
      r.ip ?? null,
      r.action,
      r.objectType ?? null,
      r.objectId ?? null,
      JSON.stringify(r.detail ?? {}),
    ],
  );
}

/** One audit row for a change a logged-in user made, in the caller's transaction. */
export async function recordActorAudit(
  tx: Queryable,
  ctx: { actor: Pick<Actor, "id" | "roles">; ip: string | null },
  action: string,
  objectType: string,
  objectId: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, {
    actorId: ctx.actor.id,
    actorRole: ctx.actor.roles.join(","),
    ip: ctx.ip,
    action,
    objectType,
    objectId,
    detail,
  });
}
