import type { Role } from "../../../../domain/auth/roles.ts";

/** Who puts a case under a leader's ownership, and withdraws it: the bureau and the leaders. */
export const OWNERSHIP_MANAGE_ROLES: readonly Role[] = [
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
];
/** Who reports progress (duties, milestones, notes): also the responsible unit and local staff. */
export const OWNERSHIP_PROGRESS_ROLES: readonly Role[] = [
  ...OWNERSHIP_MANAGE_ROLES,
  "unit_staff",
  "unit_leader",
  "local_staff",
];
