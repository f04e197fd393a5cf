import { isAdminOnly, type Role } from "../../../domain/auth/roles.ts";
import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { pathWithin } from "../scope.ts";

/**
 * The staff a roster keeper may put on duty: active users of the actor's area and its subtree,
 * administrators left out (the same rule the shift itself checks). Names, units and work phones
 * (the roster keeper needs them to reach whoever is on duty).
 */
export async function dutyOfficers(q: Queryable, actor: Actor) {
  const p = new SqlParams();
  const { rows } = await q.query<{
    id: string;
    display_name: string;
    unit_name: string;
    roles: Role[];
    phone: string | null;
  }>(
    `SELECT u.id, u.display_name, o.name AS unit_name, u.roles, u.phone FROM users u JOIN org_units o ON o.id = u.unit_id
      WHERE u.is_active AND ${pathWithin("o.path", actor.areaPath, p)}
      ORDER BY o.path, u.display_name LIMIT 500`,
    p.values,
  );
  return rows
    .filter((r) => !isAdminOnly(r.roles))
    .map((r) => ({ id: r.id, displayName: r.display_name, unitName: r.unit_name, phone: r.phone }));
}
