import type { Role } from "../../../../domain/auth/roles.ts";

/** Who convenes a joint conference and records its minutes: the bureau, the leaders, local staff (own area). */
export const CONFERENCE_MANAGE_ROLES: readonly Role[] = [
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "local_staff",
];
/** Who reports progress on a decision: also the responsible unit's staff. */
export const CONFERENCE_PROGRESS_ROLES: readonly Role[] = [
  ...CONFERENCE_MANAGE_ROLES,
  "unit_staff",
  "unit_leader",
];
