/**
 * Puts the audit log out of the application's reach on PostgreSQL: a role of its own (NOLOGIN)
 * owns `audit_log`, its guard trigger function and the sealing function; the application's role
 * keeps only SELECT and INSERT on the log, the sequence for its ids, and EXECUTE on
 * `audit_seal`. The application then cannot disable or drop the triggers, replace the guard, or
 * update, delete or truncate a row: what it wrote stays, and only the sealer's one change is
 * possible. Run once by the database's owner or an administrator (`xinfang audit harden`), never
 * by the application's own role at run time; later migrations that change `audit_log` must be run
 * the same way.
 */
import type { Db } from "../db/index.ts";

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

export class HardenError extends Error {}

export interface HardenOptions {
  /** The role that will own the audit log (created NOLOGIN when missing). */
  ownerRole: string;
  /** The role the application connects as. */
  appRole: string;
}

export async function hardenAudit(db: Db, o: HardenOptions): Promise<void> {
  for (const r of [o.ownerRole, o.appRole])
    if (!ROLE.test(r)) throw new HardenError(`角色名无效 / not a role name: ${r}`);
  if (o.ownerRole === o.appRole)
    throw new HardenError(
      "审计日志的所有者不能是应用的角色 / the audit log's owner cannot be the application's role",
    );
  const app = await db.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = $1", [
    o.appRole,
  ]);
  if (!app.rows[0]) throw new HardenError(`没有角色 ${o.appRole} / no role ${o.appRole}`);
  if (app.rows[0].rolsuper)
    throw new HardenError(
      `${o.appRole} 是超级用户，任何限制对它都无效 / ${o.appRole} is a superuser: nothing can restrict it`,
    );
  const owner = `"${o.ownerRole}"`;
  const appRole = `"${o.appRole}"`;
  await db.transaction(async (tx) => {
    const exists = await tx.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [o.ownerRole]);
    if (exists.rows.length === 0) await tx.query(`CREATE ROLE ${owner} NOLOGIN`);
    // Whoever runs this must act as the new owner for the hand-over, and stops being it after.
    const member = await tx.query<{ m: boolean }>("SELECT pg_has_role(current_user, $1, 'MEMBER') AS m", [
      o.ownerRole,
    ]);
    const granted = !member.rows[0]!.m;
    if (granted) await tx.query(`GRANT ${owner} TO current_user`);
    await tx.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${owner}`);
    await tx.query(`ALTER TABLE audit_log OWNER TO ${owner}`);
    await tx.query(`ALTER FUNCTION audit_log_guard() OWNER TO ${owner}`);
    await tx.query(`ALTER FUNCTION audit_seal(jsonb, bigint, bigint) OWNER TO ${owner}`);
    await tx.query(`REVOKE ALL ON audit_log FROM PUBLIC, ${appRole}`);
    await tx.query(`GRANT SELECT, INSERT ON audit_log TO ${appRole}`);
    await tx.query(`GRANT USAGE ON SEQUENCE audit_log_id_seq TO ${appRole}`);
    await tx.query(`REVOKE ALL ON FUNCTION audit_seal(jsonb, bigint, bigint) FROM PUBLIC`);
    await tx.query(`GRANT EXECUTE ON FUNCTION audit_seal(jsonb, bigint, bigint) TO ${appRole}`);
    await tx.query(`REVOKE CREATE ON SCHEMA public FROM ${owner}`);
    if (granted) await tx.query(`REVOKE ${owner} FROM current_user`);
  });
}
