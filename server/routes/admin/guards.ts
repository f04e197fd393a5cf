import { ADMIN_ROLES, isAdminOnly, type Role } from "../../../domain/auth/roles.ts";
import type { Queryable } from "../../db/index.ts";
import { AppError } from "../../plugins/errors.ts";

/**
 * Locks the user's row for the change and refuses it when the user is an administrator: under
 * 三员分立 no administrator resets, disables or changes another one alone (an administrator's
 * password goes through the two-person reset or the server's `xinfang admin` command).
 */
export async function lockNonAdminUser(tx: Queryable, userId: string): Promise<{ roles: Role[] }> {
  const row = (
    await tx.query<{ roles: Role[] }>("SELECT roles FROM users WHERE id = $1 FOR UPDATE", [userId])
  ).rows[0];
  if (!row) throw new AppError("NOT_FOUND");
  if (isAdminOnly(row.roles)) throw new AppError("ADMIN_TARGET_PROTECTED");
  return row;
}

/** Roles the security administrator may grant through the API: every role but the three administrators'. */
export function checkGrantableRoles(roles: readonly Role[]): void {
  if (roles.some((r) => ADMIN_ROLES.includes(r)) && roles.length > 1)
    throw new AppError("ADMIN_ROLE_EXCLUSIVE");
  if (roles.some((r) => ADMIN_ROLES.includes(r))) throw new AppError("ADMIN_ROLE_GRANT_SERVER_ONLY");
}
