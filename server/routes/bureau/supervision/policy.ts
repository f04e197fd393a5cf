import type { Role } from "../../../../domain/auth/roles.ts";

/** Who presses units: the bureau and the county leaders. */
export const SUPERVISE_ROLES: readonly Role[] = [
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
];
/** Who accepts or returns a reply, lifts a flag, drafts and issues bulletins. */
export const SUPERVISION_CLOSE_ROLES: readonly Role[] = ["bureau_office", "bureau_leader"];
/** Who writes the addressed unit's reply (a member of that unit). */
export const REPLY_ROLES: readonly Role[] = ["unit_staff", "unit_leader", "local_staff"];
