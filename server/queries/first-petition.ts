/**
 * Whether a case is a first petition, as a user below the bureau may be told. The stored flag
 * counts every earlier case of the same person, confidential accusations included; a township or a
 * department reading "not a first petition" on a case of a person whose only earlier petition is
 * an accusation it may not see would learn that the accusation exists. For such users the earlier
 * confidential cases do not count.
 */
import { COUNTY_WIDE_ROLES } from "../../domain/auth/roles.ts";
import { type Actor, hasRole } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";

interface FirstPetitionRow {
  id: string;
  is_first_petition: boolean;
}

export async function firstPetitionAsSeenBy<T extends FirstPetitionRow>(
  q: Queryable,
  actor: Actor,
  rows: T[],
): Promise<T[]> {
  if (hasRole(actor, ...COUNTY_WIDE_ROLES)) return rows;
  const repeats = rows.filter((r) => !r.is_first_petition).map((r) => r.id);
  if (repeats.length === 0) return rows;
  // The same person: the same ID number, or the same phone where a side has no ID number (as at
  // registration); an earlier case is one registered before this one (the case number, drawn in
  // order, breaks a tie within the same instant).
  const { rows: seen } = await q.query<{ id: string }>(
    `SELECT c.id FROM cases c
      WHERE c.id = ANY($1::uuid[])
        AND NOT EXISTS (
          SELECT 1 FROM case_petitioners p
            JOIN case_petitioners x ON x.case_id <> p.case_id
                 AND (x.id_number_bidx = p.id_number_bidx
                      OR (x.phone_bidx = p.phone_bidx AND (x.id_number_bidx IS NULL OR p.id_number_bidx IS NULL)))
            JOIN cases e ON e.id = x.case_id
           WHERE p.case_id = c.id AND (e.registered_at, e.case_number) < (c.registered_at, c.case_number)
             AND NOT e.is_confidential)`,
    [repeats],
  );
  const first = new Set(seen.map((r) => r.id));
  return rows.map((r) => (first.has(r.id) ? { ...r, is_first_petition: true } : r));
}
